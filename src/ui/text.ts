/**
 * Width-aware string helpers. Terminal columns are not string length: CJK and
 * emoji take two columns, combining marks none, so every measurement here goes
 * through `string-width`, one grapheme at a time.
 */
import stringWidth from 'string-width';
import type { Article } from '../archive/article.js';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export const ELLIPSIS = '…';

export function widthOf(text: string): number {
  return stringWidth(text);
}

/** Cut `text` to at most `width` columns, ending in an ellipsis when something was cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (stringWidth(text) <= width) return text;
  const room = width - 1; // keep one column for the ellipsis
  let out = '';
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const w = stringWidth(segment);
    if (used + w > room) break;
    out += segment;
    used += w;
  }
  return out + ELLIPSIS;
}

/** Exactly `width` columns: truncated with an ellipsis, or padded with spaces. */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  const cut = truncate(text, width);
  return cut + ' '.repeat(Math.max(0, width - stringWidth(cut)));
}

/** Like `fit`, but padded on the left (for numbers and right-hand columns). */
export function fitRight(text: string, width: number): string {
  if (width <= 0) return '';
  const cut = truncate(text, width);
  return ' '.repeat(Math.max(0, width - stringWidth(cut))) + cut;
}

/**
 * Greedy word wrap to `width` columns. Runs of whitespace collapse to one
 * space; a word wider than the line is broken between graphemes.
 */
export function wrapWords(text: string, width: number): string[] {
  const limit = Math.max(1, width);
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  for (const word of text.split(/\s+/)) {
    if (word === '') continue;
    let rest = word;
    let restWidth = stringWidth(rest);
    const gap = line === '' ? 0 : 1;
    if (lineWidth + gap + restWidth <= limit) {
      line += (gap ? ' ' : '') + rest;
      lineWidth += gap + restWidth;
      continue;
    }
    if (line !== '') {
      lines.push(line);
      line = '';
      lineWidth = 0;
    }
    while (restWidth > limit) {
      const [head, tail] = splitAtWidth(rest, limit);
      lines.push(head);
      rest = tail;
      restWidth = stringWidth(rest);
    }
    line = rest;
    lineWidth = restWidth;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Split so that the head fits in `width` columns (at least one grapheme, so wrapping always progresses). */
function splitAtWidth(text: string, width: number): [string, string] {
  let head = '';
  let used = 0;
  for (const { segment, index } of graphemes.segment(text)) {
    const w = stringWidth(segment);
    if (used + w > width && head !== '') return [head, text.slice(index)];
    head += segment;
    used += w;
  }
  return [head, ''];
}

/** `YYYY-MM-DD` from an ISO date or timestamp. */
export function formatDate(iso: string): string {
  return iso.slice(0, 10);
}

/** What the source column shows: publisher, else dateline place, else the top folder. */
export function sourceOf(article: Article): string {
  if (article.source) return article.source;
  if (article.dateline) return article.dateline;
  const slash = article.relPath.indexOf('/');
  return slash > 0 ? article.relPath.slice(0, slash) : '';
}

/** `1,234` style counts, fixed to en-US so tests and screenshots do not depend on the locale. */
export function formatCount(n: number): string {
  // Integers without Intl: the first toLocaleString of a process costs ~6 ms of ICU set-up, on the first frame.
  if (Number.isSafeInteger(n)) return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
  return n.toLocaleString('en-US');
}
