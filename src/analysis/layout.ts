/**
 * Word-wrapping a paragraph into styled lines for the reader view. Pure: no
 * ANSI, no terminal; the UI maps each style to Ink `<Text>` props.
 *
 * Whitespace runs are break opportunities and print as one space inside a
 * line; styles come from the original offsets, so collapsing never moves a
 * highlight's boundary. Width is terminal columns (src/text/columns.ts): CJK
 * and emoji count two, a spacing vowel sign one. A word wider than the line is
 * broken between grapheme clusters.
 */
import { columns as textColumns, layoutUnits } from '../text/columns.js';
import type { Highlight } from './types.js';

export type SegmentStyle = 'plain' | 'quote' | 'figure' | 'quote+figure';

export interface Segment {
  text: string;
  style: SegmentStyle;
}

export type StyledLine = Segment[];

/** How a line ends: `soft` at a space that was dropped, `hard` inside a word, `end` at the paragraph end. */
export type LineBreak = 'soft' | 'hard' | 'end';

export interface ParagraphLayout {
  lines: StyledLine[];
  /** One per line. */
  breaks: LineBreak[];
  /** One per line: the offset in the paragraph of its first character. */
  starts: number[];
}


function stylesFor(text: string, highlights: readonly Pick<Highlight, 'kind' | 'start' | 'end'>[]): SegmentStyle[] {
  const quote = new Uint8Array(text.length);
  const figure = new Uint8Array(text.length);
  for (const h of highlights) {
    const mark = h.kind === 'quote' ? quote : figure;
    mark.fill(1, Math.max(0, h.start), Math.min(text.length, h.end));
  }
  const styles: SegmentStyle[] = new Array(text.length);
  for (let i = 0; i < text.length; i++) {
    styles[i] = quote[i] ? (figure[i] ? 'quote+figure' : 'quote') : figure[i] ? 'figure' : 'plain';
  }
  return styles;
}

/** A piece of text with the original offset of each UTF-16 unit. */
interface Piece {
  text: string;
  /** Original offset of each code unit of `text` (a collapsed space maps to its run's first unit). */
  at: number[];
}

function toSegments(piece: Piece, styles: readonly SegmentStyle[]): Segment[] {
  const segments: Segment[] = [];
  for (let i = 0; i < piece.text.length; i++) {
    const style = styles[piece.at[i]!] ?? 'plain';
    const last = segments.at(-1);
    if (last && last.style === style) last.text += piece.text[i];
    else segments.push({ text: piece.text[i]!, style });
  }
  return segments;
}

/** Lines of at most `columns` display columns (at least 1); a glyph wider than that sits alone on its line. */
export function layoutParagraphDetailed(
  text: string,
  highlights: readonly Pick<Highlight, 'kind' | 'start' | 'end'>[],
  columns: number,
): ParagraphLayout {
  const max = Math.max(1, Math.floor(columns));
  const styles = stylesFor(text, highlights);
  const words: { start: number; end: number; spaceBefore: number }[] = [];
  for (const m of text.matchAll(/\S+/gu)) {
    const prevEnd = words.at(-1)?.end ?? -1;
    words.push({ start: m.index, end: m.index + m[0].length, spaceBefore: prevEnd < 0 ? -1 : prevEnd });
  }
  const pieces: Piece[] = [];
  const breaks: LineBreak[] = [];
  let line: Piece = { text: '', at: [] };
  let lineWidth = 0;
  const finish = (kind: LineBreak): void => {
    pieces.push(line);
    breaks.push(kind);
    line = { text: '', at: [] };
    lineWidth = 0;
  };
  for (const word of words) {
    const wordText = text.slice(word.start, word.end);
    const wordWidth = textColumns(wordText);
    if (line.text.length > 0) {
      if (lineWidth + 1 + wordWidth <= max) {
        line.text += ' ';
        line.at.push(word.spaceBefore);
        lineWidth += 1;
      } else {
        finish('soft');
      }
    }
    if (wordWidth <= max - lineWidth) {
      line.text += wordText;
      for (let i = word.start; i < word.end; i++) line.at.push(i);
      lineWidth += wordWidth;
      continue;
    }
    // Too long for any line: break it between graphemes.
    for (const g of layoutUnits(wordText, max)) {
      const w = g.columns;
      if (lineWidth + w > max && line.text.length > 0) finish('hard');
      line.text += g.cluster;
      for (let i = 0; i < g.cluster.length; i++) line.at.push(word.start + g.index + i);
      lineWidth += w;
    }
  }
  if (line.text.length > 0 || pieces.length === 0) finish('end');
  else breaks[breaks.length - 1] = 'end';
  return { lines: pieces.map((p) => toSegments(p, styles)), breaks, starts: pieces.map((p) => p.at[0] ?? 0) };
}

/** The lines only; see layoutParagraphDetailed. */
export function layoutParagraph(
  text: string,
  highlights: readonly Pick<Highlight, 'kind' | 'start' | 'end'>[],
  columns: number,
): StyledLine[] {
  return layoutParagraphDetailed(text, highlights, columns).lines;
}

/** Suggested Ink `<Text>` props per style; without colour, underline and bold still tell them apart. */
export function textPropsFor(
  style: SegmentStyle,
  options: { color: boolean },
): { color?: string; underline?: boolean; bold?: boolean; italic?: boolean } {
  const quote = style === 'quote' || style === 'quote+figure';
  const figure = style === 'figure' || style === 'quote+figure';
  return {
    ...(options.color && quote ? { color: 'cyan' } : {}),
    ...(options.color && figure ? { color: quote ? 'yellowBright' : 'yellow' } : {}),
    ...(quote ? { italic: true, underline: !options.color } : {}),
    ...(figure ? { bold: true } : {}),
  };
}

/** The legend, one entry per highlight style, for the reader's footer or help. */
export const LEGEND: readonly { style: SegmentStyle; label: string; noColor: string }[] = [
  { style: 'quote', label: 'quotation', noColor: 'underlined' },
  { style: 'figure', label: 'figure (quantity, date, time)', noColor: 'bold' },
];

/** The legend as one plain line: `quotation: cyan · figure …: yellow` or the no-colour variant. */
export function legendText(options: { color: boolean }): string {
  return LEGEND.map((entry) => `${entry.label}: ${options.color ? (entry.style === 'quote' ? 'cyan italic' : 'yellow bold') : entry.noColor}`).join(' · ');
}
