/**
 * Stored text to article fields. Input is already decoded, newline-normalised
 * and sanitised; this only finds structure: headline, dateline, paragraphs,
 * the `See also:` list and the scraping leftovers to drop. The Markdown and
 * HTML parsers (markdown.ts, html.ts) find their own paragraphs and end here
 * too (`finishArticle`), so every format gets the same datelines and tails.
 */
import type { Article, ArticleText, RelatedLink } from './article.js';
import { findDate } from './dates.js';
import { sanitizeLine } from '../sanitize/index.js';

/** What the text itself says; the loader adds id, path, date fallbacks and stats. */
export type ParsedArticle = Pick<Article, 'format' | 'headline' | 'dateline' | 'source' | 'url' | 'author' | 'tags'> & ArticleText & {
  /** ISO date from the text itself (front matter, a page's metadata or the dateline), if any. */
  date?: { iso: string; origin: 'front-matter' | 'page' | 'dateline' };
  /** Things worth a line in the archive report (ignored front matter, ...). */
  notes: string[];
};

/** Why a file could not become an article; the loader reports it as the skip reason. */
export class ParseError extends Error {}

// String#trim covers the NBSP and ideographic spaces scrapers leave at line ends.
function clean(line: string): string {
  return line.trim();
}

/** Scraper boilerplate that marks the end of an article's real text. */
const LEFTOVER = new RegExp(
  '^(?:' +
    [
      'similar posts?',
      'related (?:posts|articles|stories)',
      'some media, including videos, may only be available to view at the original\\.?',
      'share(?: this(?: article| story| post)?)?(?: on \\w+)?:?',
      'advertisement',
      'read more(?::.*)?',
      'comments?(?: \\(\\d+\\))?',
      'tags?:.*',
      'subscribe(?: to .*)?',
      'sign up for .*',
      'follow us(?: on .*)?',
      'click here.*',
      'you may also like:?',
      'more from .*',
      'print(?: this)?(?: article)?',
      'email(?: this)?(?: article)?',
    ].join('|') +
    ')$',
  'i',
);

export function isLeftover(line: string): boolean {
  return LEFTOVER.test(clean(line));
}

const SEE_ALSO = /^(?:#{1,6}\s*)?see also\s*:?\s*(.*)$/i;

/** Split into blocks of non-blank lines. */
function blocks(lines: string[]): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  for (const line of lines) {
    const text = clean(line);
    if (text === '') {
      if (current.length) out.push(current);
      current = [];
    } else {
      current.push(text);
    }
  }
  if (current.length) out.push(current);
  return out;
}

/** `Headline (Sept. 8, 2022)` -> structured link; the date stays only if it parses. */
export function parseRelated(line: string): RelatedLink {
  const text = clean(line.replace(/^(?:[-*•]\s+|\d+\.\s+)/, ''));
  const m = /^(.*?)\s*\(([^()]*\d[^()]*)\)\s*$/.exec(text);
  if (m) {
    const date = findDate(m[2]!);
    if (date) return { headline: m[1]!, date: date.iso, dateText: m[2]! };
  }
  return { headline: text };
}

/**
 * Separate body, related list and leftovers. Everything from the first
 * leftover line on is dropped: scrapers append, they do not interleave.
 */
function splitTail(body: string[][]): { paragraphs: string[][]; related: RelatedLink[] } {
  let end = body.length;
  const related: RelatedLink[] = [];
  const seeAlso = body.findIndex((block) => SEE_ALSO.test(block[0] ?? ''));
  if (seeAlso >= 0) {
    end = seeAlso;
    const firstRest = SEE_ALSO.exec(body[seeAlso]![0]!)![1]!;
    const lines = [firstRest, ...body[seeAlso]!.slice(1), ...body.slice(seeAlso + 1).flat()];
    for (const line of lines) {
      if (!line) continue;
      if (isLeftover(line)) break;
      related.push(parseRelated(line));
    }
  }
  // Trailing leftovers without a See also block.
  while (end > 0 && body[end - 1]!.every(isLeftover)) end--;
  const paragraphs = body.slice(0, end).map((block) => {
    const cut = block.findIndex(isLeftover);
    return cut >= 0 && end === body.length ? block.slice(0, cut) : block;
  });
  return { paragraphs: paragraphs.filter((p) => p.length > 0), related };
}

// A dateline: `Moscow ( – `, `LONDON (Reuters) - `, `WASHINGTON — `, `NAIROBI, Kenya — `.
const PLACE = "[\\p{Lu}][\\p{L}.'’-]*(?:[ ][\\p{Lu}][\\p{L}.'’-]*){0,3}";
// An optional whole date after the place: `WASHINGTON, Sept. 8, 2022 — `.
const DATELINE_DATE = '(?:,\\s*([\\p{L}.]+\\s+\\d{1,2},?\\s+(?:19|20)\\d\\d|(?:19|20)\\d\\d-\\d\\d-\\d\\d))?';
const DATELINE_WITH_SOURCE = new RegExp(`^(${PLACE}(?:,\\s*${PLACE})?)${DATELINE_DATE}\\s*\\(\\s*([^()–—]{0,40}?)\\s*(?:\\)\\s*)?[–—-]\\s+`, 'u');
const DATELINE_CAPS = new RegExp(`^(\\p{Lu}[\\p{Lu}.'’ -]{1,30}\\p{Lu}(?:,\\s*${PLACE})?)${DATELINE_DATE}\\s+[–—-]{1,2}\\s+`, 'u');

export interface Dateline {
  place: string;
  source?: string;
  /** ISO date when the dateline carries a whole one. */
  date?: string;
  /** Length of the dateline prefix in the paragraph. */
  length: number;
}

export function findDateline(paragraph: string): Dateline | undefined {
  const withSource = DATELINE_WITH_SOURCE.exec(paragraph);
  if (withSource) {
    const source = withSource[3]?.trim();
    const date = withSource[2] ? findDate(withSource[2])?.iso : undefined;
    return { place: withSource[1]!, ...(source ? { source } : {}), ...(date ? { date } : {}), length: withSource[0].length };
  }
  // Without a source in parentheses only an all-caps place counts: `Putin — who…` is not a dateline.
  const caps = DATELINE_CAPS.exec(paragraph);
  if (caps) {
    const date = caps[2] ? findDate(caps[2])?.iso : undefined;
    return { place: caps[1]!.trim(), ...(date ? { date } : {}), length: caps[0].length };
  }
  return undefined;
}

function joinBlock(block: string[]): string {
  // Hard-wrapped paragraphs: rejoin their lines.
  const joined = block.length === 1 ? block[0]! : block.join(' ');
  return joined.includes('  ') ? joined.replace(/ {2,}/g, ' ') : joined;
}

export function parseText(text: string): ParsedArticle {
  const all = blocks(text.split('\n'));
  const first = all[0];
  if (!first) throw new ParseError('no text (only blank lines)');
  const headline = sanitizeLine(first[0]!);
  const rest = first.length > 1 ? [first.slice(1), ...all.slice(1)] : all.slice(1);
  return finishArticle({ format: 'text', headline, tags: [], notes: [] }, rest);
}

/**
 * Paragraphs (each a block of lines) to the article: the `See also` list and
 * trailing leftovers split off, a leading dateline taken from the first paragraph.
 */
export function finishArticle(partial: Omit<ParsedArticle, 'paragraphs' | 'related'>, body: string[][]): ParsedArticle {
  const { paragraphs: blocksOut, related } = splitTail(body);
  const paragraphs = blocksOut.map(joinBlock);
  const article: ParsedArticle = { ...partial, paragraphs, related };
  const lead = paragraphs[0];
  if (lead !== undefined) {
    const dateline = findDateline(lead);
    if (dateline) {
      article.dateline = dateline.place;
      if (dateline.source && !article.source) article.source = dateline.source;
      if (dateline.date && !article.date) article.date = { iso: dateline.date, origin: 'dateline' };
      const remainder = lead.slice(dateline.length);
      if (remainder) paragraphs[0] = remainder;
      else paragraphs.shift();
    }
  }
  return article;
}
