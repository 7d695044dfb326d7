/**
 * The reader's seams to src/search: the in-article find mapped onto the
 * laid-out lines. The archive search itself is a SearchService the App is
 * given (src/search/service.ts).
 */
import { findInText, findWordsInText } from '../search/index.js';
import type { WordQuery } from '../search/index.js';
import type { ReaderDoc } from './reader-doc.js';
import { ELLIPSIS, clusters, columns } from '../text/columns.js';

/** Long enough for the first frame to be on screen before the search reads its vocabulary. */
export const PREBUILD_DELAY_MS = 250;

/**
 * How many ranked results a query asks for at first, and how many more each
 * time the selection nears the end of them (each keystroke pays for one page only).
 */
export const SEARCH_PAGE = 200;

/** One occurrence in the article; a match that wraps over a line end has a piece per line. */
export interface DocMatch {
  /** The line the match starts on. */
  line: number;
  pieces: Array<{ line: number; start: number; end: number }>;
}

export function lineText(doc: ReaderDoc, index: number): string {
  return (doc.lines[index]?.segments ?? []).map((s) => s.text).join('');
}

const findCache = new WeakMap<ReaderDoc, Map<string, DocMatch[]>>();

/**
 * Case-insensitive occurrences of `query` in the article as displayed, or
 * with `words`, the words an archive search matched. Lines of one paragraph
 * are searched as one text (joined by the space the wrap took out), so a
 * phrase broken over two lines is still found.
 */
export function findInDoc(doc: ReaderDoc, query: string, words?: WordQuery): DocMatch[] {
  let perDoc = findCache.get(doc);
  if (!perDoc) {
    perDoc = new Map();
    findCache.set(doc, perDoc);
  }
  const key = words ? `\u0000${words.prefixes.join(' ')}\u0000${words.words.join(' ')}` : query;
  const cached = perDoc.get(key);
  if (cached) return cached;
  // A long article grows in slices, its docs sharing one lines array that only grows: each search
  // goes on from where the last one stopped instead of reading every line laid out again.
  let perLines = scannedCache.get(doc.lines);
  if (!perLines) {
    perLines = new Map();
    scannedCache.set(doc.lines, perLines);
  }
  const scanned = perLines.get(key) ?? { upTo: 0, matches: [] };
  perLines.set(key, scanned);
  if (scanned.upTo < doc.lines.length) scanned.upTo = scanBlocks(doc, scanned.upTo, query, words, scanned.matches, doc.partial !== true);
  const matches = scanned.matches.slice();
  perDoc.set(key, matches);
  return matches;
}

const scannedCache = new WeakMap<readonly unknown[], Map<string, { upTo: number; matches: DocMatch[] }>>();

/**
 * Adds the matches in the blocks from line `from` to `matches`; returns where
 * it stopped: the end, or when the doc may still grow (`complete` false), the
 * start of its last block, which the next lines may continue.
 */
function scanBlocks(doc: ReaderDoc, from: number, query: string, words: WordQuery | undefined, matches: DocMatch[], complete: boolean): number {
  let i = from;
  while (i < doc.lines.length) {
    const kind = doc.lines[i]?.kind;
    if (kind === 'blank' || lineText(doc, i) === '') {
      i += 1;
      continue;
    }
    // A block: consecutive non-blank lines of one kind (a paragraph, the headline, …).
    const first = i;
    const starts: number[] = [];
    let joined = '';
    while (i < doc.lines.length && doc.lines[i]?.kind === kind && lineText(doc, i) !== '') {
      if (joined !== '') joined += ' ';
      starts.push(joined.length);
      joined += lineText(doc, i);
      i += 1;
    }
    if (i >= doc.lines.length && !complete) return first;
    for (const m of words ? findWordsInText([joined], words) : findInText([joined], query)) {
      const pieces: DocMatch['pieces'] = [];
      starts.forEach((start, k) => {
        const end = start + lineText(doc, first + k).length;
        const from = Math.max(m.start, start);
        const to = Math.min(m.end, end);
        if (from < to) pieces.push({ line: first + k, start: from - start, end: to - start });
      });
      const firstPiece = pieces[0];
      if (firstPiece) matches.push({ line: firstPiece.line, pieces });
    }
  }
  return i;
}

export interface Marked<S> {
  text: string;
  style: S;
  mark: 'match' | 'current' | null;
}

/** Split styled segments at the given half-open ranges, so the matches can be drawn in their own style. */
export function markRanges<S>(
  segments: ReadonlyArray<{ text: string; style: S }>,
  ranges: ReadonlyArray<{ start: number; end: number; current: boolean }>,
): Array<Marked<S>> {
  const out: Array<Marked<S>> = [];
  let offset = 0;
  for (const segment of segments) {
    const segStart = offset;
    const segEnd = offset + segment.text.length;
    let at = segStart;
    for (const range of ranges) {
      const from = Math.max(range.start, at);
      const to = Math.min(range.end, segEnd);
      if (from >= to) continue;
      if (from > at) out.push({ text: segment.text.slice(at - segStart, from - segStart), style: segment.style, mark: null });
      out.push({ text: segment.text.slice(from - segStart, to - segStart), style: segment.style, mark: range.current ? 'current' : 'match' });
      at = to;
    }
    if (at < segEnd) out.push({ text: segment.text.slice(at - segStart), style: segment.style, mark: null });
    offset = segEnd;
  }
  return out;
}

/**
 * `text` fitted to exactly `width` columns (cut with an ellipsis, or padded),
 * as runs flagged where they fall in `ranges` (half-open UTF-16 ranges, the
 * form search hits give for headlines).
 */
export function fitHighlighted(text: string, ranges: ReadonlyArray<readonly [number, number]>, width: number): Array<{ text: string; match: boolean }> {
  if (width <= 0) return [];
  const total = columns(text);
  const room = total <= width ? width : width - 1;
  const runs: Array<{ text: string; match: boolean }> = [];
  const push = (piece: string, match: boolean): void => {
    const last = runs[runs.length - 1];
    if (last && last.match === match) last.text += piece;
    else runs.push({ text: piece, match });
  };
  let used = 0;
  for (const { cluster, index, columns: w } of clusters(text)) {
    if (used + w > room) break;
    push(cluster, ranges.some(([start, end]) => index >= start && index < end));
    used += w;
  }
  if (total > width) {
    push(ELLIPSIS, false);
    used += 1;
  }
  if (used < width) push(' '.repeat(width - used), false);
  return runs;
}
