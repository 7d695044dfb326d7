import type { SortKey } from '../archive/article.js';

export type { SortKey };

export const SORT_LABEL: Record<SortKey, string> = { date: 'newest first', dated: 'newest first, file dates last', title: 'title A–Z' };

/** `s` in the list: by date (either date order) or by title. */
export const TITLE_OR_DATE: Record<SortKey, SortKey> = { date: 'title', dated: 'title', title: 'date' };

/** `S` in the list: newest first with the articles dated by their file's time last, or among the others. */
export const FILE_DATES_LAST: Record<SortKey, SortKey> = { date: 'dated', dated: 'date', title: 'dated' };
