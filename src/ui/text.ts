/**
 * Text helpers for the screens. Widths are terminal columns, measured by
 * src/text/columns.ts (the one measure every layout uses).
 */
import type { Article } from '../archive/article.js';
import { columns } from '../text/columns.js';

export { ELLIPSIS, fit, fitRight, truncate, wrapWords } from '../text/columns.js';

export function widthOf(text: string): number {
  return columns(text);
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
