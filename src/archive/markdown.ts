/**
 * Markdown articles: optional YAML front matter (the `yaml` package) and a
 * CommonMark body parsed by markdown-it (with GFM tables and footnotes),
 * reduced to what the reader shows: one paragraph per paragraph, heading,
 * list item, table row and code line. A chunk of its own, loaded only for
 * archives that hold Markdown (see formats.ts).
 *
 * Input is already decoded and sanitised, but the parser decodes entities
 * (`&#x202E;` is a bidi override), so everything it returns is sanitised again.
 */
import MarkdownIt, { type Token } from 'markdown-it';
import footnote from 'markdown-it-footnote';
import { parse as parseYaml } from 'yaml';
import { parseDateValue } from './dates.js';
import { finishArticle, ParseError, type ParsedArticle } from './parse.js';
import { sanitizeBody, sanitizeLine } from '../sanitize/index.js';

// Raw HTML is recognised (html: true) so that its tags are dropped rather than shown as text.
const markdownIt = new MarkdownIt('default', { html: true, linkify: false, typographer: false }).use(footnote);
// markdown-it leaves a link whose target it would not put in HTML (`javascript:`) as literal
// `[text](target)`; targets are never shown or followed here, so every link reads as its text.
markdownIt.validateLink = () => true;
const { unescapeAll } = markdownIt.utils;

/** List markers by depth: nesting shows in the marker, since the reader does not indent paragraphs. */
const BULLETS = ['•', '◦', '▪'];

interface Block {
  /** The text's lines (soft breaks kept, so a headline can be the first line of a block). */
  lines: string[];
  /** Heading level, for headings. */
  heading?: number;
}

const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;

export function parseMarkdown(text: string): ParsedArticle {
  const notes: string[] = [];
  let meta: Record<string, unknown> = {};
  let markdown = text;
  const fm = FRONT_MATTER.exec(text);
  if (fm) {
    markdown = text.slice(fm[0].length);
    try {
      // maxAliasCount caps alias expansion: a "billion laughs" document is refused, not expanded.
      const value: unknown = parseYaml(fm[1]!, { maxAliasCount: 50, prettyErrors: false });
      if (value && typeof value === 'object' && !Array.isArray(value)) meta = value as Record<string, unknown>;
      else if (value != null) notes.push('front matter is not a mapping; ignored');
    } catch (error) {
      notes.push(`front matter ignored: ${sanitizeLine(firstLine((error as Error).message))}`);
    }
  }
  const all = markdownBlocks(markdown);
  let headline = metaString(meta, 'title');
  if (headline) {
    // The title repeated as the first heading (`# Title` under front matter) is not body text.
    const first = all[0];
    if (first?.heading !== undefined && sameText(first.lines.join(' '), headline)) all.shift();
  } else {
    const index = all.findIndex((block) => block.heading === 1);
    const chosen = index >= 0 ? index : 0;
    const block = all[chosen];
    if (!block) throw new ParseError('no text (only front matter or blank lines)');
    headline = sanitizeLine(index >= 0 ? block.lines.join(' ') : block.lines[0]!);
    all.splice(chosen, 1, ...(index < 0 && block.lines.length > 1 ? [{ lines: block.lines.slice(1) }] : []));
  }
  // Sanitised again: the parser decoded entities into characters (`&#x202E;`).
  const body = all.map((block) => block.lines.map(sanitizeBody));
  const parsed = finishArticle({ format: 'markdown', headline, tags: metaTags(meta), notes }, body);
  const source = metaString(meta, 'source');
  if (source) parsed.source = source;
  const url = metaString(meta, 'url');
  if (url) parsed.url = url;
  const author = metaString(meta, 'author');
  if (author) parsed.author = author;
  const date = metaString(meta, 'date');
  if (date) {
    const iso = parseDateValue(date);
    if (iso) parsed.date = { iso, origin: 'front-matter' };
    else notes.push(`front matter date not understood: ${date}`);
  }
  return parsed;
}

/** The body's blocks in reading order (not yet sanitised); empty blocks are left out. */
function markdownBlocks(body: string): Block[] {
  const tokens = markdownIt.parse(body, {});
  const blocks: Block[] = [];
  /** The marker for the next paragraph: a list item's or a footnote's, used once. */
  let marker: string | undefined;
  /** Adds a block unless it is empty; the marker for the next paragraph goes on its first line. */
  const push = (text: string, heading?: number): void => {
    const lines = text.split('\n').map(clean).filter(Boolean);
    if (lines.length === 0) return;
    if (marker) lines[0] = `${marker} ${lines[0]}`;
    marker = undefined;
    blocks.push(heading === undefined ? { lines } : { lines, heading });
  };
  const lists: Array<{ ordered: boolean; next: number }> = [];
  let row: string[] | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    switch (token.type) {
      case 'bullet_list_open':
        lists.push({ ordered: false, next: 1 });
        break;
      case 'ordered_list_open':
        lists.push({ ordered: true, next: Number(token.attrGet('start') ?? 1) });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        break;
      case 'list_item_open': {
        const list = lists.at(-1);
        marker = list?.ordered ? `${token.info || list.next}.` : BULLETS[(lists.length - 1) % BULLETS.length];
        if (list) list.next++;
        break;
      }
      case 'list_item_close':
        marker = undefined;
        break;
      case 'footnote_open':
        marker = `[${footnoteNumber(token)}]`;
        break;
      case 'heading_open':
        push(inlineText(tokens[i + 1]), Number(token.tag.slice(1)));
        break;
      case 'paragraph_open':
        push(inlineText(tokens[i + 1]));
        break;
      case 'fence':
      case 'code_block':
        // One paragraph per line: the reader wraps paragraphs, so joined lines of code would run together.
        for (const line of token.content.split('\n')) push(line);
        break;
      case 'html_block':
        for (const part of htmlText(token.content)) push(part);
        break;
      case 'tr_open':
        row = [];
        break;
      case 'th_open':
      case 'td_open':
        row?.push(clean(inlineText(tokens[i + 1]).replace(/\n/g, ' ')));
        break;
      case 'tr_close':
        if (row?.some(Boolean)) push(row.join(' | '));
        row = undefined;
        break;
    }
  }
  return blocks;
}

/** An inline token's text: markers, link targets and tags dropped; soft and hard breaks as `\n`. */
function inlineText(token: Token | undefined): string {
  let out = '';
  /** Inside an inline <script> or <style>: its text is code, not prose. */
  let skipping = false;
  /** Inside ~~struck-out~~ text: words the writer deleted, which the reader cannot show as deleted. */
  let struck = 0;
  for (const child of token?.children ?? []) {
    if (child.type === 'html_inline') {
      const tag = /^<(\/?)(script|style)\b/i.exec(child.content);
      if (tag) skipping = tag[1] !== '/';
      else if (/^<br\b/i.test(child.content)) out += '\n';
      continue;
    }
    if (child.type === 's_open') struck++;
    if (child.type === 's_close') struck = Math.max(0, struck - 1);
    if (skipping || struck > 0) continue;
    switch (child.type) {
      case 'text':
      case 'text_special':
      case 'code_inline':
        out += child.content;
        break;
      case 'image':
        out += child.content; // the alt text
        break;
      case 'softbreak':
      case 'hardbreak':
        out += '\n';
        break;
      case 'footnote_ref':
        out += `[${footnoteNumber(child)}]`;
        break;
    }
  }
  return out;
}

function footnoteNumber(token: Token): number {
  return Number((token.meta as { id?: number } | null)?.id ?? 0) + 1;
}

const SKIPPED_START = /<!--|<(script|style|template|noscript|textarea)\b/gi;
// `[^<>]` keeps a match from scanning past the next tag: a block of unclosed `<p` stays linear.
const BLOCK_TAGS = /<\/?(?:p|div|li|h[1-6]|tr|br|blockquote|section|article|aside|header|footer|figure|figcaption|ul|ol|dl|dt|dd|table|pre|hr)\b[^<>]*>/gi;

/**
 * Comments and the elements whose content is never text, removed in one
 * linear pass (a regular expression with a back-reference would rescan the
 * rest of the block for every unclosed `<script`). An unclosed one runs to the end.
 */
function withoutCode(html: string): string {
  const lower = html.toLowerCase();
  let out = '';
  let from = 0;
  SKIPPED_START.lastIndex = 0;
  for (let m = SKIPPED_START.exec(html); m; m = SKIPPED_START.exec(html)) {
    out += `${html.slice(from, m.index)} `;
    const close = m[1] ? `</${m[1].toLowerCase()}` : '-->';
    const end = lower.indexOf(close, m.index + m[0].length);
    if (end < 0) return out;
    const after = m[1] ? lower.indexOf('>', end) : end + 2;
    if (after < 0) return out;
    from = after + 1;
    SKIPPED_START.lastIndex = from;
  }
  return out + html.slice(from);
}

/** A raw HTML block's text, one part per block element: tags, comments and scripts dropped, entities decoded. */
function htmlText(html: string): string[] {
  const text = withoutCode(html)
    .replace(BLOCK_TAGS, '\n\n')
    .replace(/<\/?t[dh]\b[^<>]*>/gi, ' ')
    .replace(/<[^<>]*>/g, '');
  return unescapeAll(text)
    .split(/\n\s*\n/)
    .map((part) => part.replace(/\s+/g, ' '));
}

/** Whitespace runs to one space, trimmed. */
function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function sameText(a: string, b: string): boolean {
  const norm = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();
  return norm(a) === norm(b);
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}

function metaString(meta: Record<string, unknown>, key: string): string | undefined {
  if (!Object.hasOwn(meta, key)) return undefined;
  const value = meta[key];
  if (typeof value === 'string' || typeof value === 'number') return sanitizeLine(String(value)).trim() || undefined;
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  return undefined;
}

function metaTags(meta: Record<string, unknown>): string[] {
  const value = Object.hasOwn(meta, 'tags') ? meta.tags : undefined;
  const raw = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  return raw
    .filter((tag): tag is string | number => typeof tag === 'string' || typeof tag === 'number')
    .map((tag) => sanitizeLine(String(tag)).trim())
    .filter(Boolean);
}
