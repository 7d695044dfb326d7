import type { SortKey } from '../archive/article.js';

export type { SortKey };

export const SORT_LABEL: Record<SortKey, string> = { date: 'newest first', title: 'title A–Z' };
