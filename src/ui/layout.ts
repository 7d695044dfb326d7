/**
 * Screen geometry shared by the reducer (for paging and clamping) and the
 * components (for drawing), so both always agree on what is visible.
 */

/** What ink-testing-library and pipes report: no rows. A conventional terminal height. */
export const FALLBACK_ROWS = 24;
export const FALLBACK_COLS = 80;

/** The comfortable reading measure: longer lines are hard to follow. */
export const MAX_MEASURE = 80;
/** Columns `+` and `-` widen or narrow the measure by in the reader. */
export const MEASURE_STEP = 4;

export interface Frame {
  header: boolean;
  footer: boolean;
  /** Rows for the list, the article or an overlay. At least 1. */
  contentHeight: number;
  /** Height of the whole UI. */
  height: number;
}

/**
 * The root is kept one row shorter than the terminal: Ink 6.8 clears the
 * whole screen on every frame once the output reaches the terminal height.
 * Tiny terminals drop the header first, then the footer.
 */
export function frameFor(rows: number): Frame {
  const height = Math.max(1, rows - 1);
  if (height >= 3) return { header: true, footer: true, contentHeight: height - 2, height };
  if (height === 2) return { header: false, footer: true, contentHeight: 1, height };
  return { header: false, footer: false, contentHeight: 1, height };
}

/** How an article is laid out: the text width, and where a quotation's speaker goes. */
export interface TextLayout {
  /** Columns of text. */
  width: number;
  /**
   * Columns right of the text for speakers' names, beside the line a
   * quotation ends on; 0 when there is no room, and the names go on a line
   * of their own under the paragraph.
   */
  notes: number;
}

export interface Measure extends TextLayout {
  /** Columns left of the text (the first holds the highlight marker). */
  margin: number;
}

/** The narrowest right margin that holds speakers' names (`— ` and a short name). */
export const MIN_NOTES = 14;
/** Names longer than this are cut in the margin, however wide it is. */
export const MAX_NOTES = 28;

/** Text width and left margin for the reader: centred, at most `maxWidth` (the `maxWidth` setting) wide, one gutter column when it fits. */
export function readerMeasure(cols: number, maxWidth: number = MAX_MEASURE): Measure {
  const safeCols = Math.max(1, cols);
  const width = Math.max(1, Math.min(Math.max(1, maxWidth), safeCols - 2));
  const margin = Math.max(0, Math.floor((safeCols - width) / 2));
  // One space between the text and a name.
  const right = safeCols - margin - width - 1;
  const notes = right >= MIN_NOTES ? Math.min(MAX_NOTES, right) : 0;
  return { width, margin, notes };
}

export function sameLayout(a: TextLayout, b: TextLayout): boolean {
  return a.width === b.width && a.notes === b.notes;
}

/** Frames per second Ink may draw at most (see run.tsx): at most 9 ms between a key and its frame. */
export const MAX_FPS = 120;
/** Work that must not delay the frame just rendered is scheduled this long after it: past Ink's frame interval. */
export const AFTER_FRAME_MS = 2 * Math.ceil(1000 / MAX_FPS);
