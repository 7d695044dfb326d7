import type { Article } from './article.js';

export type SortKey = 'date' | 'title';

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

// The id breaks every remaining tie, so the order is total and the same in `list` and the reader.
const compareIds = (a: Article, b: Article): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const newestFirst = (a: Article, b: Article): number => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0);

export const COMPARATORS: Record<SortKey, (a: Article, b: Article) => number> = {
  date: (a, b) => newestFirst(a, b) || collator.compare(a.headline, b.headline) || compareIds(a, b),
  title: (a, b) => collator.compare(a.headline, b.headline) || newestFirst(a, b) || compareIds(a, b),
};

export function sortArticles(articles: readonly Article[], sort: SortKey): Article[] {
  return [...articles].sort(COMPARATORS[sort]);
}
