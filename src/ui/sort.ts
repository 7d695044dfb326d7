import type { Archive, Article } from '../archive/article.js';

export type SortKey = 'date' | 'title';

export const SORT_LABEL: Record<SortKey, string> = { date: 'newest first', title: 'title A–Z' };

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

const byDateDesc = (a: Article, b: Article): number =>
  a.date < b.date ? 1 : a.date > b.date ? -1 : collator.compare(a.headline, b.headline) || compareIds(a, b);
const byTitle = (a: Article, b: Article): number =>
  collator.compare(a.headline, b.headline) || (a.date < b.date ? 1 : a.date > b.date ? -1 : compareIds(a, b));
// The id breaks every remaining tie, so the order is total and stable across runs.
const compareIds = (a: Article, b: Article): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const cache = new WeakMap<Archive, Partial<Record<SortKey, readonly string[]>>>();

/** Article ids in display order, computed once per archive and sort key. */
export function sortedIds(archive: Archive, sort: SortKey): readonly string[] {
  let entry = cache.get(archive);
  if (!entry) {
    entry = {};
    cache.set(archive, entry);
  }
  const hit = entry[sort];
  if (hit) return hit;
  const ids = [...archive.articles].sort(sort === 'date' ? byDateDesc : byTitle).map((a) => a.id);
  entry[sort] = ids;
  return ids;
}
