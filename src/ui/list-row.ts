/**
 * One list row as fixed-width cells, so every column lines up whatever the
 * headline's script: widths are terminal columns (src/text/columns.ts).
 */
import type { Article } from '../archive/article.js';
import { fit, formatDate, sourceOf } from './text.js';

export interface RowCells {
  /** Bookmark mark then read mark, e.g. `*N`. */
  marks: string;
  /** The column between the marks and the date: `~` when the date is only the file's modification time. */
  gap: string;
  date: string;
  headline: string;
  source: string;
}

export interface RowFlags {
  bookmarked: boolean;
  unread: boolean;
}

const DATE_WIDTH = 10;
const MAX_SOURCE_WIDTH = 18;

/** Column widths for a terminal `cols` wide. Narrow terminals lose the source, then the date, never the headline. */
export function listColumns(cols: number): { marks: number; date: number; source: number; headline: number } {
  const marks = cols >= 8 ? 2 : 0;
  const date = cols >= 32 ? DATE_WIDTH : 0;
  const source = cols >= 56 ? Math.min(MAX_SOURCE_WIDTH, Math.floor(cols / 5)) : 0;
  // One space after each leading column and before the source.
  const gaps = (marks ? 1 : 0) + (date ? 1 : 0) + (source ? 1 : 0);
  const headline = Math.max(1, cols - marks - date - source - gaps);
  return { marks, date, source, headline };
}

/** What a row shows, whether it is an article, a search hit or a bookmark. */
export interface RowFields {
  /** `YYYY-MM-DD` or empty. */
  date: string;
  /** The date is the file's modification time: the article has none of its own. */
  fileDate?: boolean;
  headline: string;
  /** The right-hand column: the source, or for a search hit the field that matched. */
  source: string;
}

export function rowCells(article: Article, cols: number, flags: RowFlags): RowCells {
  return cellsFor({ date: formatDate(article.date), fileDate: article.dateOrigin === 'mtime', headline: article.headline, source: sourceOf(article) }, cols, flags);
}

export function cellsFor(fields: RowFields, cols: number, flags: RowFlags): RowCells {
  const widths = listColumns(cols);
  const marks = `${flags.bookmarked ? '*' : ' '}${flags.unread ? 'N' : ' '}`;
  return {
    marks: widths.marks ? marks : '',
    gap: widths.marks ? (fields.fileDate && widths.date ? '~' : ' ') : '',
    date: widths.date ? `${fit(fields.date, widths.date)} ` : '',
    headline: fit(fields.headline, widths.headline),
    source: widths.source ? ` ${fit(fields.source, widths.source)}` : '',
  };
}
