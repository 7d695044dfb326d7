import type { Archive, Article } from './article.js';

export type SortKey = 'date' | 'title';

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

// The id breaks every remaining tie, so the order is total and the same in `list` and the reader.
const compareIds = (a: Article, b: Article): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const newestFirst = (a: Article, b: Article): number => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0);

export const COMPARATORS: Record<SortKey, (a: Article, b: Article) => number> = {
  date: (a, b) => newestFirst(a, b) || collator.compare(a.headline, b.headline) || compareIds(a, b),
  title: (a, b) => collator.compare(a.headline, b.headline) || newestFirst(a, b) || compareIds(a, b),
};

/**
 * The articles in `sort` order (the order of COMPARATORS). The keys are copied
 * into arrays and indexes sorted: articles come in several shapes (optional
 * fields, objects cloned from a worker), and a comparator reading their fields
 * directly ran ~4x slower at 100,000 articles than the same sort over arrays.
 */
export function sortArticles(articles: readonly Article[], sort: SortKey): Article[] {
  const n = articles.length;
  const dates = new Array<string>(n);
  const headlines = new Array<string>(n);
  const ids = new Array<string>(n);
  const order = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const article = articles[i]!;
    dates[i] = article.date;
    headlines[i] = article.headline;
    ids[i] = article.id;
    order[i] = i;
  }
  const byDate = (i: number, j: number): number => (dates[i]! < dates[j]! ? 1 : dates[i]! > dates[j]! ? -1 : 0);
  const byTitle = (i: number, j: number): number => collator.compare(headlines[i]!, headlines[j]!);
  const byId = (i: number, j: number): number => (ids[i]! < ids[j]! ? -1 : ids[i]! > ids[j]! ? 1 : 0);
  order.sort(sort === 'date' ? (i, j) => byDate(i, j) || byTitle(i, j) || byId(i, j) : (i, j) => byTitle(i, j) || byDate(i, j) || byId(i, j));
  return order.map((i) => articles[i]!);
}

const sorted = new WeakMap<Archive, Partial<Record<SortKey, readonly Article[]>>>();

/**
 * The archive's articles in `sort` order, computed once per archive: the load
 * sorts by date to write the list snapshot, and the reader's first frame needs
 * the same order. A snapshot's articles are stored newest first already.
 */
export function sortedArticles(archive: Archive, sort: SortKey): readonly Article[] {
  let entry = sorted.get(archive);
  if (!entry) {
    entry = {};
    sorted.set(archive, entry);
  }
  return (entry[sort] ??= sort === 'date' && archive.inDateOrder ? archive.articles : sortArticles(archive.articles, sort));
}
