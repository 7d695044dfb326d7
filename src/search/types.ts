/**
 * The light document the search index is built from: enough to rank and
 * highlight, without the full article model.
 */
export interface SearchDoc {
  id: string;
  headline: string;
  /** The publisher, e.g. `Reuters`. */
  source?: string;
  /** The place of a leading dateline, e.g. `Moscow`. */
  dateline?: string;
  tags: string[];
  /** The first paragraph. */
  lead: string;
  /** Every paragraph after the lead, joined. */
  body: string;
  /** ISO date; later dates win ties. */
  date: string;
}

/** The article header fields search reads; an `Article` has them all. */
export interface SearchHeader {
  id: string;
  headline: string;
  source?: string;
  dateline?: string;
  tags: string[];
  date: string;
}

export type SearchField = 'headline' | 'source' | 'tags' | 'lead' | 'body';

export interface SearchHit {
  id: string;
  /** 0 is a perfect match; results come best first. */
  score: number;
  /** The most important field the query matched in. */
  field: SearchField;
  /** Half-open `[start, end)` UTF-16 ranges of the headline to highlight, sorted, not overlapping. */
  headlineMatches: Array<[number, number]>;
}

/**
 * The words a query stands for, to mark them in an article's text: a word
 * (folded as the index folds it, search/text.ts) matches when it starts with
 * one of `prefixes` or is one of `words` (typos the index matched).
 */
export interface WordQuery {
  prefixes: string[];
  words: string[];
}

/** Narrows a search: only the articles of one section (first-level folder). */
export interface SearchOptions {
  section?: string;
}

export interface SearchOutcome {
  hits: SearchHit[];
  /** How many articles matched before the limit was applied. */
  total: number;
  /** `extended` when the query used Fuse's extended syntax (`'exact`, `^prefix`, `!not`, `|`). */
  mode: 'fuzzy' | 'extended';
  /** No results because this query word (or "phrase") is nowhere in the archive (or the section searched). */
  missing?: string;
  /** The words to mark in a result's text. */
  words?: WordQuery;
}
