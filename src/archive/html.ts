/**
 * Saved web pages (.html, .htm) as articles. linkedom builds the DOM and
 * Mozilla's Readability (Firefox's Reader View) finds the main text; the
 * headline, date, source, author and URL come from the page's metadata
 * (JSON-LD, Open Graph, `<link rel=canonical>`, `<time>`). Scripts, styles,
 * navigation and forms never become text. A chunk of its own, loaded only for
 * archives that hold HTML (see formats.ts).
 *
 * The page is parsed raw and everything taken from it is sanitised here:
 * entities decode to characters only in the parser, so `&#27;` is an escape
 * character by the time it reaches the sanitiser, which removes it like any other.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { decode, type Decoded } from './decode.js';
import { parseDateValue } from './dates.js';
import { finishArticle, ParseError, type ParsedArticle } from './parse.js';
import { sanitizeBody, sanitizeLine } from '../sanitize/index.js';

/** The parts of linkedom's DOM this module reads (linkedom's own types describe a browser DOM we do not have). */
interface HtmlNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<HtmlNode>;
}
interface HtmlElement extends HtmlNode {
  getAttribute(name: string): string | null;
  querySelector(selector: string): HtmlElement | null;
  querySelectorAll(selector: string): ArrayLike<HtmlElement>;
}
interface HtmlDocument {
  body: HtmlElement | null;
  documentElement: HtmlElement | null;
  querySelector(selector: string): HtmlElement | null;
  querySelectorAll(selector: string): ArrayLike<HtmlElement>;
}

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/**
 * Limits that keep a hostile page as cheap as a hostile text file. A real
 * news page has 1,000–10,000 elements nested at most ~60 deep. Readability
 * grows faster than the page (measured here: 800 nested <div>s around one
 * short paragraph took 6.9 s, 200 took 0.27 s), so past these limits the
 * page's text is taken by the plain walk below, which is linear. Past
 * MAX_TAGS or MAX_NESTING not even a DOM is built (building one 30,000 deep
 * took 2.3 s): the file is skipped with the reason.
 */
const MAX_READABILITY_ELEMENTS = 40_000;
const MAX_READABILITY_DEPTH = 128;
const MAX_TAGS = 200_000;
const MAX_NESTING = 5_000;

/** Never text: code, styling, embedded documents, controls. */
const NEVER_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'MATH', 'IFRAME', 'OBJECT', 'EMBED', 'CANVAS', 'HEAD', 'TITLE', 'META', 'LINK', 'BUTTON', 'SELECT', 'OPTION', 'TEXTAREA', 'INPUT', 'FORM', 'DIALOG']);
/** Page furniture: left out when the page's text is taken without Readability. */
const FURNITURE = new Set(['NAV', 'HEADER', 'FOOTER', 'ASIDE', 'MENU']);
/** Elements that start and end a paragraph of their own. */
const BLOCKS = new Set([
  'P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'BLOCKQUOTE', 'LI', 'UL', 'OL', 'DL', 'DT', 'DD', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
  'TABLE', 'THEAD', 'TBODY', 'TFOOT', 'TR', 'TD', 'TH', 'CAPTION', 'FIGURE', 'FIGCAPTION', 'HR', 'BR', 'ADDRESS', 'DETAILS', 'SUMMARY',
  'CENTER', 'HEADER', 'FOOTER', 'ASIDE', 'NAV', 'HGROUP', 'FIELDSET', 'LEGEND', 'PRE',
]);
const BULLETS = ['•', '◦', '▪'];

export function parseHtml(html: string): ParsedArticle {
  const estimate = tagShape(html);
  if (estimate.nesting > MAX_NESTING) throw new ParseError(`HTML nested too deeply to read (${count(estimate.nesting)} levels; limit ${count(MAX_NESTING)})`);
  if (estimate.tags > MAX_TAGS) throw new ParseError(`too many HTML elements to read (${count(estimate.tags)}; limit ${count(MAX_TAGS)})`);
  const document = parseDocument(html);
  const page = pageMetadata(document);
  const notes: string[] = [];
  let article: ReturnType<Readability<HtmlElement>['parse']> = null;
  const shape = domShape(document);
  if (shape.elements > MAX_READABILITY_ELEMENTS || shape.depth > MAX_READABILITY_DEPTH) {
    const why = shape.elements > MAX_READABILITY_ELEMENTS ? `${count(shape.elements)} elements` : `nested ${count(shape.depth)} deep`;
    notes.push(`page too large to look for its main text (${why}); its whole text is shown`);
  } else {
    try {
      // The serializer hands back the article's element itself: no HTML string to build and parse again.
      article = new Readability<HtmlElement>(document as never, { serializer: (node) => node as unknown as HtmlElement }).parse();
    } catch (error) {
      notes.push(`main text not found (${sanitizeLine(String((error as Error)?.message ?? error)).slice(0, 80)}); the page's whole text is shown`);
    }
  }
  let paragraphs = article?.content ? textBlocks(article.content, false) : [];
  if (paragraphs.length === 0) {
    // Readability changes the document as it works: the plain walk reads a fresh one.
    const fresh = parseDocument(html);
    const root = fresh.body ?? fresh.documentElement;
    paragraphs = root ? textBlocks(root, true) : [];
  }
  const headline = line(article?.title) ?? page.headline;
  if (!headline) throw new ParseError('no headline (the page has no title and no heading)');
  if (paragraphs[0] !== undefined && sameText(paragraphs[0], headline)) paragraphs.shift();
  const author = byline(line(article?.byline) ?? page.author);
  const source = line(article?.siteName) ?? page.source;
  const published = parseDateValue(line(article?.publishedTime) ?? '') ?? page.date;
  const parsed = finishArticle(
    {
      format: 'html',
      headline,
      tags: page.tags,
      notes,
      ...(source ? { source } : {}),
      ...(page.url ? { url: page.url } : {}),
      ...(author ? { author } : {}),
      ...(published ? { date: { iso: published, origin: 'page' as const } } : {}),
    },
    paragraphs.map((paragraph) => [paragraph]),
  );
  return parsed;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** Elements whose end tag may be left out: a list of 5,000 unclosed <li> is not 5,000 deep. */
const OPTIONAL_END = new Set(['p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option', 'thead', 'tbody', 'tfoot', 'colgroup', 'caption', 'rt', 'rp', 'optgroup']);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'image', 'keygen']);
// `[^<>]` keeps each match from scanning past the next tag: a page of unclosed `<a` stays linear.
const TAG = /<(\/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*?(\/?)>/g;

/**
 * How many start tags the page has and how deep they nest, from the source, before
 * anything is built from it: a linear scan, ~1 ms for a 200 KB page. The depth
 * is an upper bound (implied end tags are not known here).
 */
function tagShape(html: string): { tags: number; nesting: number } {
  let tags = 0;
  let depth = 0;
  let nesting = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    if (m[1] !== '/') tags++;
    const name = m[2]!.toLowerCase();
    if (VOID.has(name) || OPTIONAL_END.has(name) || m[3] === '/') continue;
    if (m[1] === '/') depth = Math.max(0, depth - 1);
    else if (++depth > nesting) nesting = depth;
  }
  return { tags, nesting };
}

/** Elements in the document and their deepest nesting. */
function domShape(document: HtmlDocument): { elements: number; depth: number } {
  let elements = 0;
  let deepest = 0;
  const root = document.documentElement;
  const stack: Array<[HtmlNode, number]> = root ? [[root, 1]] : [];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    elements++;
    if (depth > deepest) deepest = depth;
    const children = node.childNodes;
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      if (child.nodeType === ELEMENT_NODE) stack.push([child, depth + 1]);
    }
  }
  return { elements, depth: deepest };
}

/**
 * A whole document, whatever the file holds. linkedom does not add the
 * elements HTML leaves implied: a fragment without `<html>` or `<body>` would
 * have no body at all.
 */
function parseDocument(html: string): HtmlDocument {
  let source = html;
  if (!/<body[\s>]/i.test(source)) {
    const headEnd = source.search(/<\/head\s*>/i);
    source = headEnd >= 0
      ? `${source.slice(0, headEnd)}</head><body>${source.slice(headEnd).replace(/^<\/head\s*>/i, '')}</body>`
      : `<body>${source}</body>`;
  }
  if (!/<html[\s>]/i.test(source)) source = `<html>${source}</html>`;
  return parseHTML(source).document as unknown as HtmlDocument;
}

interface PageMetadata {
  headline?: string;
  source?: string;
  url?: string;
  author?: string;
  date?: string;
  tags: string[];
}

/** What the page says about itself, for whatever Readability did not find. */
function pageMetadata(document: HtmlDocument): PageMetadata {
  const meta = (selector: string): string | undefined => line(document.querySelector(selector)?.getAttribute('content'));
  const url = webUrl(document.querySelector('link[rel~="canonical"]')?.getAttribute('href')) ?? webUrl(meta('meta[property="og:url"]'));
  const headline = meta('meta[property="og:title"]') ?? line(document.querySelector('h1')?.textContent) ?? line(document.querySelector('title')?.textContent);
  const source = meta('meta[property="og:site_name"]') ?? meta('meta[name="application-name"]') ?? (url ? new URL(url).hostname.replace(/^www\./, '') : undefined);
  const dated = [
    meta('meta[property="article:published_time"]'),
    meta('meta[itemprop="datePublished"]'),
    meta('meta[name="date"]'),
    meta('meta[name="pubdate"]'),
    line(document.querySelector('time[datetime]')?.getAttribute('datetime')),
  ];
  const date = dated.map((value) => (value ? parseDateValue(value) : undefined)).find(Boolean);
  const tags = [
    ...Array.from(document.querySelectorAll('meta[property="article:tag"]'), (tag) => line(tag.getAttribute('content'))),
    ...(meta('meta[name="keywords"]')?.split(',') ?? []).map((tag) => line(tag)),
  ].filter((tag): tag is string => tag !== undefined);
  const seen = new Set<string>();
  return {
    // `Ferries` and `ferries` are one tag.
    tags: tags.filter((tag) => !seen.has(tag.toLowerCase()) && seen.add(tag.toLowerCase())).slice(0, 12),
    ...(headline ? { headline } : {}),
    ...(source ? { source } : {}),
    ...(url ? { url } : {}),
    ...(meta('meta[name="author"]') ? { author: meta('meta[name="author"]')! } : {}),
    ...(date ? { date } : {}),
  };
}

/** An absolute http(s) URL, or nothing: `o` hands it to the browser. */
function webUrl(value: string | null | undefined): string | undefined {
  const text = line(value);
  if (!text) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? sanitizeLine(url.href) : undefined;
  } catch {
    return undefined;
  }
}

/** `By Ana Kovač` -> `Ana Kovač`; a byline longer than a line of names is a paragraph Readability mistook. */
function byline(value: string | undefined): string | undefined {
  const name = value?.replace(/^by\s+/i, '').trim();
  return name && name.length <= 100 ? name : undefined;
}

/** One line of metadata: whitespace collapsed, sanitised, undefined when empty. */
function line(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  return sanitizeLine(value.replace(/\s+/g, ' ')).trim() || undefined;
}

function sameText(a: string, b: string): boolean {
  const norm = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();
  return norm(a) === norm(b);
}

/**
 * The text under `root` as paragraphs: one per block element, list item (with
 * its marker), table row (cells joined by `|`) and line of preformatted text.
 * Iterative, so a page nested 100,000 deep cannot overflow the stack.
 */
function textBlocks(root: HtmlNode, skipFurniture: boolean): string[] {
  const out: string[] = [];
  let current = '';
  /** A list item's marker, for the first paragraph that has text. */
  let marker = '';
  const flush = (): void => {
    const text = current.replace(/\s+/g, ' ').trim();
    current = '';
    if (!text) return;
    out.push(sanitizeBody(marker ? `${marker} ${text}` : text));
    marker = '';
  };
  const lists: Array<{ ordered: boolean; next: number }> = [];
  // [node, leaving]: a block is flushed on the way in and on the way out.
  const stack: Array<[HtmlNode, boolean]> = [[root, false]];
  while (stack.length > 0) {
    const [node, leaving] = stack.pop()!;
    if (node.nodeType === TEXT_NODE) {
      current += node.textContent ?? '';
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE && node !== root) continue;
    const name = node.nodeName.toUpperCase();
    if (leaving) {
      if (name === 'UL' || name === 'OL') lists.pop();
      if (BLOCKS.has(name)) flush();
      continue;
    }
    if (NEVER_TEXT.has(name) || (skipFurniture && FURNITURE.has(name))) continue;
    if (BLOCKS.has(name)) flush();
    if (name === 'PRE') {
      // Preformatted lines stay lines: joined, code would run together.
      for (const text of inlineText(node, true).split('\n')) {
        current = text;
        flush();
      }
      continue;
    }
    if (name === 'TR' && isDataRow(node as HtmlElement)) {
      current = Array.from(node.childNodes)
        .filter((cell) => cell.nodeName.toUpperCase() === 'TD' || cell.nodeName.toUpperCase() === 'TH')
        .map((cell) => inlineText(cell, false).replace(/\s+/g, ' ').trim())
        .join(' | ');
      if (current.replace(/[|\s]/g, '') === '') current = '';
      flush();
      continue;
    }
    if (name === 'UL' || name === 'OL') {
      const start = Number((node as HtmlElement).getAttribute('start') ?? 1);
      lists.push({ ordered: name === 'OL', next: Number.isFinite(start) ? start : 1 });
    }
    if (name === 'LI') {
      const list = lists.at(-1);
      marker = list?.ordered ? `${list.next++}.` : BULLETS[Math.max(0, lists.length - 1) % BULLETS.length]!;
    }
    stack.push([node, true]);
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i]!, false]);
  }
  flush();
  return out;
}

/** A table row of data, not of page layout: no blocks inside its cells. */
function isDataRow(row: HtmlElement): boolean {
  return row.querySelector('p, div, table, ul, ol, h1, h2, h3, h4, h5, h6, blockquote, pre') === null;
}

/** The text under `node`, skipping what is never text; with `keepLines`, line breaks stay. */
function inlineText(node: HtmlNode, keepLines: boolean): string {
  let text = '';
  const stack: HtmlNode[] = [node];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (next.nodeType === TEXT_NODE) {
      text += next.textContent ?? '';
      continue;
    }
    if (next.nodeType !== ELEMENT_NODE) continue;
    const name = next.nodeName.toUpperCase();
    if (NEVER_TEXT.has(name)) continue;
    if (name === 'BR') text += keepLines ? '\n' : ' ';
    const children = next.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return text;
}

// ---------------------------------------------------------------------------
// Bytes to text

/** `<meta charset="…">` or the http-equiv form, in the first 1,024 bytes, as browsers look for it. */
const DECLARED_CHARSET = /<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i;

/**
 * A page's bytes to text: its byte-order mark, else UTF-8 when the bytes are
 * valid UTF-8 (pages saved as UTF-8 often keep their old declaration), else
 * the charset the page declares (windows-1251, Shift_JIS, ISO-8859-2…), else
 * the archive's usual fallback (decode.ts).
 */
export function decodeHtml(bytes: Uint8Array): Decoded {
  const hasBom = (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  const fallback = decode(bytes);
  if (hasBom || fallback.encoding === 'utf-8') return fallback;
  const head = String.fromCharCode(...bytes.subarray(0, 1024));
  const label = DECLARED_CHARSET.exec(head)?.[1];
  if (!label) return fallback;
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    return { ...fallback, note: `${fallback.note ?? ''}; its declared charset ${sanitizeLine(label)} is unknown`.replace(/^; /, '') };
  }
  if (decoder.encoding === 'utf-8') return fallback;
  // Node's decoder for the ISO-8859-1 labels gives C1 controls where browsers (and the label's
  // WHATWG meaning, windows-1252) give curly quotes: decode.ts's own windows-1252 is used instead.
  if (decoder.encoding === 'windows-1252') return { text: fallback.text, encoding: 'charset:windows-1252' };
  return { text: decoder.decode(bytes), encoding: `charset:${decoder.encoding}` };
}
