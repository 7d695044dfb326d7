/**
 * How many terminal columns text takes: the one measure every layout uses
 * (list rows, the reader's wrapping, bars, the search line, `show --width`).
 *
 * Terminals draw one code point at a time (glibc's wcwidth, xterm.js): a
 * spacing vowel sign (Unicode category Mc, such as `ि` or `ೇ`) takes a
 * column of its own, where string-width, which measures whole grapheme
 * clusters, counts the cluster `कि` as one. Text measured narrower than it is
 * drawn overflows its row: the terminal wraps it and the screen tears. So a
 * cluster is measured the widest way a terminal may draw it, and never
 * narrower than Ink measures it (string-width 8, the copy Ink uses), so Ink
 * never cuts or wraps a row fitted here:
 *
 * - per code point: 0 for controls and for combining marks (the marks every
 *   wcwidth agrees on: Markus Kuhn's table, which xterm.js also uses), 2 for
 *   East Asian Wide and Fullwidth (today's Unicode or Kuhn's ranges), else 1;
 * - a cluster takes the larger of the sum of its code points and string-width.
 *
 * Emoji are the one place terminals disagree in the other direction: xterm.js
 * draws `😀` in one column, most terminals in two. Two is kept (a row a
 * column short, never one too long).
 */
import stringWidth from 'string-width';
import { eastAsianWidth } from 'get-east-asian-width';

/**
 * Zero-width code points, as inclusive ranges: Markus Kuhn's wcwidth.c
 * (Unicode 5.0), the table xterm.js draws with. Newer marks are drawn one
 * column wide there, so they count one here.
 */
const ZERO_WIDTH = new Uint32Array([
  0x300, 0x36f, 0x483, 0x486, 0x488, 0x489, 0x591, 0x5bd, 0x5bf, 0x5bf, 0x5c1, 0x5c2, 0x5c4, 0x5c5, 0x5c7, 0x5c7,
  0x600, 0x603, 0x610, 0x615, 0x64b, 0x65e, 0x670, 0x670, 0x6d6, 0x6e4, 0x6e7, 0x6e8, 0x6ea, 0x6ed, 0x70f, 0x70f,
  0x711, 0x711, 0x730, 0x74a, 0x7a6, 0x7b0, 0x7eb, 0x7f3, 0x901, 0x902, 0x93c, 0x93c, 0x941, 0x948, 0x94d, 0x94d,
  0x951, 0x954, 0x962, 0x963, 0x981, 0x981, 0x9bc, 0x9bc, 0x9c1, 0x9c4, 0x9cd, 0x9cd, 0x9e2, 0x9e3, 0xa01, 0xa02,
  0xa3c, 0xa3c, 0xa41, 0xa42, 0xa47, 0xa48, 0xa4b, 0xa4d, 0xa70, 0xa71, 0xa81, 0xa82, 0xabc, 0xabc, 0xac1, 0xac5,
  0xac7, 0xac8, 0xacd, 0xacd, 0xae2, 0xae3, 0xb01, 0xb01, 0xb3c, 0xb3c, 0xb3f, 0xb3f, 0xb41, 0xb43, 0xb4d, 0xb4d,
  0xb56, 0xb56, 0xb82, 0xb82, 0xbc0, 0xbc0, 0xbcd, 0xbcd, 0xc3e, 0xc40, 0xc46, 0xc48, 0xc4a, 0xc4d, 0xc55, 0xc56,
  0xcbc, 0xcbc, 0xcbf, 0xcbf, 0xcc6, 0xcc6, 0xccc, 0xccd, 0xce2, 0xce3, 0xd41, 0xd43, 0xd4d, 0xd4d, 0xdca, 0xdca,
  0xdd2, 0xdd4, 0xdd6, 0xdd6, 0xe31, 0xe31, 0xe34, 0xe3a, 0xe47, 0xe4e, 0xeb1, 0xeb1, 0xeb4, 0xeb9, 0xebb, 0xebc,
  0xec8, 0xecd, 0xf18, 0xf19, 0xf35, 0xf35, 0xf37, 0xf37, 0xf39, 0xf39, 0xf71, 0xf7e, 0xf80, 0xf84, 0xf86, 0xf87,
  0xf90, 0xf97, 0xf99, 0xfbc, 0xfc6, 0xfc6, 0x102d, 0x1030, 0x1032, 0x1032, 0x1036, 0x1037, 0x1039, 0x1039,
  0x1058, 0x1059, 0x1160, 0x11ff, 0x135f, 0x135f, 0x1712, 0x1714, 0x1732, 0x1734, 0x1752, 0x1753, 0x1772, 0x1773,
  0x17b4, 0x17b5, 0x17b7, 0x17bd, 0x17c6, 0x17c6, 0x17c9, 0x17d3, 0x17dd, 0x17dd, 0x180b, 0x180d, 0x18a9, 0x18a9,
  0x1920, 0x1922, 0x1927, 0x1928, 0x1932, 0x1932, 0x1939, 0x193b, 0x1a17, 0x1a18, 0x1b00, 0x1b03, 0x1b34, 0x1b34,
  0x1b36, 0x1b3a, 0x1b3c, 0x1b3c, 0x1b42, 0x1b42, 0x1b6b, 0x1b73, 0x1dc0, 0x1dca, 0x1dfe, 0x1dff, 0x200b, 0x200f,
  0x202a, 0x202e, 0x2060, 0x2063, 0x206a, 0x206f, 0x20d0, 0x20ef, 0x302a, 0x302f, 0x3099, 0x309a, 0xa806, 0xa806,
  0xa80b, 0xa80b, 0xa825, 0xa826, 0xfb1e, 0xfb1e, 0xfe00, 0xfe0f, 0xfe20, 0xfe23, 0xfeff, 0xfeff, 0xfff9, 0xfffb,
  0x10a01, 0x10a03, 0x10a05, 0x10a06, 0x10a0c, 0x10a0f, 0x10a38, 0x10a3a, 0x10a3f, 0x10a3f, 0x1d167, 0x1d169,
  0x1d173, 0x1d182, 0x1d185, 0x1d18b, 0x1d1aa, 0x1d1ad, 0x1d242, 0x1d244, 0xe0001, 0xe0001, 0xe0020, 0xe007f,
  0xe0100, 0xe01ef,
]);

/** Kuhn's wide ranges (inclusive): some of these are not Wide in today's data, but are drawn wide. */
const KUHN_WIDE = [0x1100, 0x115f, 0x2329, 0x232a, 0x2e80, 0x303e, 0x3040, 0xa4cf, 0xac00, 0xd7a3, 0xf900, 0xfaff, 0xfe10, 0xfe19, 0xfe30, 0xfe6f, 0xff00, 0xff60, 0xffe0, 0xffe6, 0x20000, 0x2fffd, 0x30000, 0x3fffd];

/** Arabic and Syriac marks in Kuhn's table that sit before a number and take a column of their own now. */
const isPrependedMark = (cp: number): boolean => (cp >= 0x600 && cp <= 0x605) || cp === 0x6dd || cp === 0x70f;

function inRanges(ranges: ArrayLike<number>, cp: number): boolean {
  let low = 0;
  let high = ranges.length / 2 - 1;
  if (cp < ranges[0]! || cp > ranges[ranges.length - 1]!) return false;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (cp > ranges[mid * 2 + 1]!) low = mid + 1;
    else if (cp < ranges[mid * 2]!) high = mid - 1;
    else return true;
  }
  return false;
}

/**
 * Kuhn's zero-width code points that still are marks or format characters
 * (a few became spacing marks since, such as U+302E, and are drawn a column wide).
 */
const STILL_ZERO = /^[\p{Mn}\p{Me}\p{Cf}\p{Default_Ignorable_Code_Point}\u1160-\u11ff]$/u;

/** Columns one code point takes on its own. */
export function codePointColumns(cp: number): 0 | 1 | 2 {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if (cp < 0x300) return 1;
  if (inRanges(ZERO_WIDTH, cp) && !isPrependedMark(cp) && STILL_ZERO.test(String.fromCodePoint(cp))) return 0;
  if (eastAsianWidth(cp) === 2 || inRanges(KUHN_WIDE, cp)) return 2;
  return 1;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/**
 * Text made only of code points that are one column everywhere and never
 * join a cluster: printable Latin, general punctuation (’ “ — …), currency
 * signs. Most news text is; it is measured by its length.
 */
const ONE_COLUMN_EACH = /^[\x20-\x7e\xa0-\u02ff\u2010-\u2027\u2030-\u205e\u20a0-\u20c0]*$/;

/** Clusters measured so far: article text repeats the same few hundred. */
const clusterCache = new Map<string, number>();

/** Columns one grapheme cluster takes. */
export function clusterColumns(cluster: string): number {
  if (cluster.length === 1 && ONE_COLUMN_EACH.test(cluster)) return 1;
  let cached = clusterCache.get(cluster);
  if (cached === undefined) {
    let sum = 0;
    for (const char of cluster) sum += codePointColumns(char.codePointAt(0)!);
    cached = Math.max(sum, stringWidth(cluster));
    if (clusterCache.size > 50_000) clusterCache.clear();
    clusterCache.set(cluster, cached);
  }
  return cached;
}

/** The grapheme clusters of `text`, each with its offset and columns. */
export function* clusters(text: string): Generator<{ cluster: string; index: number; columns: number }> {
  for (const { segment, index } of segmenter.segment(text)) yield { cluster: segment, index, columns: clusterColumns(segment) };
}

/**
 * The clusters of `text` as units to lay out in lines `width` wide: a cluster
 * wider than that (a long conjunct, a chain of emoji joined by ZWJ) is broken
 * into its code points, each with the marks that follow it, as a terminal
 * draws them anyway.
 */
export function* layoutUnits(text: string, width: number): Generator<{ cluster: string; index: number; columns: number }> {
  for (const unit of clusters(text)) {
    if (unit.columns <= width) {
      yield unit;
      continue;
    }
    let piece = '';
    let pieceColumns = 0;
    let offset = 0;
    for (const char of unit.cluster) {
      const w = codePointColumns(char.codePointAt(0)!);
      if (w > 0 && piece !== '') {
        yield { cluster: piece, index: unit.index + offset - piece.length, columns: Math.max(pieceColumns, stringWidth(piece)) };
        piece = '';
        pieceColumns = 0;
      }
      piece += char;
      pieceColumns += w;
      offset += char.length;
    }
    if (piece !== '') yield { cluster: piece, index: unit.index + offset - piece.length, columns: Math.max(pieceColumns, stringWidth(piece)) };
  }
}

/** Columns `text` takes in a terminal. Plain text only: escape sequences are not expected (nothing here styles text). */
export function columns(text: string): number {
  if (ONE_COLUMN_EACH.test(text)) return text.length;
  let total = 0;
  for (const { segment } of segmenter.segment(text)) total += clusterColumns(segment);
  return total;
}

export const ELLIPSIS = '…';

/** Cut `text` to at most `width` columns, ending in an ellipsis when something was cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (columns(text) <= width) return text;
  const room = width - 1; // keep one column for the ellipsis
  let out = '';
  let used = 0;
  for (const { cluster, columns: w } of clusters(text)) {
    if (used + w > room) break;
    out += cluster;
    used += w;
  }
  return out + ELLIPSIS;
}

/** Exactly `width` columns: truncated with an ellipsis, or padded with spaces. */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  const cut = truncate(text, width);
  return cut + ' '.repeat(Math.max(0, width - columns(cut)));
}

/** Like `fit`, but padded on the left (for numbers and right-hand columns). */
export function fitRight(text: string, width: number): string {
  if (width <= 0) return '';
  const cut = truncate(text, width);
  return ' '.repeat(Math.max(0, width - columns(cut))) + cut;
}

/**
 * Greedy word wrap to `width` columns. Runs of whitespace collapse to one
 * space; a word wider than the line is broken between grapheme clusters
 * (see layoutUnits). Linear in the length of the text.
 */
export function wrapWords(text: string, width: number): string[] {
  const limit = Math.max(1, width);
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  for (const word of text.split(/\s+/)) {
    if (word === '') continue;
    const wordWidth = columns(word);
    const gap = line === '' ? 0 : 1;
    if (lineWidth + gap + wordWidth <= limit) {
      line += (gap ? ' ' : '') + word;
      lineWidth += gap + wordWidth;
      continue;
    }
    if (line !== '') {
      lines.push(line);
      line = '';
      lineWidth = 0;
    }
    if (wordWidth <= limit) {
      line = word;
      lineWidth = wordWidth;
      continue;
    }
    // Wider than any line: as many clusters as fit on each line, the rest carried on.
    for (const { cluster, columns: w } of layoutUnits(word, limit)) {
      if (lineWidth + w > limit && line !== '') {
        lines.push(line);
        line = '';
        lineWidth = 0;
      }
      line += cluster;
      lineWidth += w;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}
