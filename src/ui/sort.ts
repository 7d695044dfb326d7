import type { Archive } from '../archive/article.js';
import { sortedArticles, type SortKey } from '../archive/sort.js';

export type { SortKey };

export const SORT_LABEL: Record<SortKey, string> = { date: 'newest first', title: 'title A–Z' };

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
  // The same order as `broadsheet list`.
  const ids = sortedArticles(archive, sort).map((a) => a.id);
  entry[sort] = ids;
  return ids;
}
