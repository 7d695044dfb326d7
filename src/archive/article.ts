/**
 * The article model. Every string in it has already passed through the
 * sanitiser (src/sanitize), so nothing downstream can print a raw escape
 * sequence by accident. An `Article` is the header the list needs; its text
 * (`ArticleText`) is read on demand.
 */

/**
 * Where an article's date came from, so the UI and `show --json` can say how
 * sure it is: `page` is a saved web page's own metadata (article:published_time, JSON-LD, <time>).
 */
export type DateOrigin = 'front-matter' | 'page' | 'file-name' | 'dateline' | 'mtime';

/** One line of a `See also:` block. */
export interface RelatedLink {
  headline: string;
  /** ISO `YYYY-MM-DD` when the line carried a parseable date. */
  date?: string;
  /** The date as written, e.g. `Sept. 8, 2022`. */
  dateText?: string;
}

export type ArticleFormat = 'text' | 'markdown' | 'html';

export interface Article {
  /** Stable, shell-safe id derived from the path relative to the archive root, e.g. `business/001`. */
  id: string;
  /** Path relative to the archive root, `/`-separated, for display. */
  relPath: string;
  /** Absolute path, for opening the file again. */
  path: string;
  format: ArticleFormat;
  headline: string;
  /** The place of a leading dateline (`Moscow`, `LONDON`), if any. */
  dateline?: string;
  /** The publisher: front matter `source`, a page's site name, or the agency in a dateline (`Reuters`). */
  source?: string;
  url?: string;
  author?: string;
  tags: string[];
  /** ISO date `YYYY-MM-DD` (or a full ISO timestamp from front matter). */
  date: string;
  dateOrigin: DateOrigin;
  wordCount: number;
  /** Whole minutes at 230 words a minute, at least 1. */
  readingMinutes: number;
  /** File size in bytes and modification time, for caches and the report. */
  size: number;
  mtimeMs: number;
  /**
   * Identifies the article by content (headline and first paragraph), so a
   * bookmark can follow the file when it moves. See library/resolve.ts.
   */
  fingerprint: string;
}

/**
 * What only the reader and the text commands need: read from the file when an
 * article is opened, never held for the whole archive (bodies are most of
 * an archive's bytes: 436 MB at 100,000 articles).
 */
export interface ArticleText {
  paragraphs: string[];
  related: RelatedLink[];
}

/** An article's text, or why it cannot be read now (the file was removed, or changed into something unreadable). */
export type TextResult = { ok: true; text: ArticleText } | { ok: false; reason: string };

/** A file that was not loaded, with a one-line reason a user can act on. */
export interface SkippedFile {
  relPath: string;
  reason: string;
}

/** A file that loaded, but with something the user may want to know (e.g. decoded as Latin-1). */
export interface LoadNote {
  relPath: string;
  note: string;
}

export interface ArchiveReport {
  root: string;
  /** Entries looked at (files, links, special files), not counting directories. */
  scanned: number;
  loaded: number;
  skipped: SkippedFile[];
  notes: LoadNote[];
}

/**
 * `date`: newest first; `dated`: newest first, but articles dated only by
 * their file's modification time after those with a date of their own (a
 * file copied today is not news of today); `title`: by headline.
 */
export type SortKey = 'date' | 'dated' | 'title';

/** Which articles a list shows: one section (folder), only unread ones. */
export interface ListFilter {
  /** Only this first-level folder's articles. */
  section?: string;
  /**
   * Leave these ids out (the read ones, for "only unread"). Orders are cached
   * per set object: pass the same set again to get the same order back.
   */
  exclude?: ReadonlySet<string>;
}

/**
 * The articles in one order, as the list pages through them: positions to
 * ids without holding the articles (at 100,000 that is 400 KB, not 100,000
 * objects).
 */
export interface ArticleOrder {
  readonly length: number;
  /** The id at `index`, or undefined past the end. */
  idAt(index: number): string | undefined;
  /** Where `id` is in this order, or -1. */
  indexOf(id: string): number;
  /** The first position at or after `from` whose article is not in `ids` (the next unread), or -1. */
  nextNotIn(from: number, ids: ReadonlySet<string>): number;
  /** Every id, in order: one query, for acting on a whole list (mark all read). */
  ids(): string[];
}

/** A section of the archive (its first-level folder) and how many articles it holds. */
export interface Section {
  name: string;
  count: number;
}

export interface Archive {
  root: string;
  /** How many articles loaded. */
  readonly size: number;
  /** The article with this id, or undefined. */
  get(id: string): Article | undefined;
  /** The articles in `sort` order (the same order as `broadsheet list`), filtered. */
  order(sort: SortKey, filter?: ListFilter): ArticleOrder;
  /** Articles with this content fingerprint (a bookmark following a moved file). */
  withFingerprint(fingerprint: string): Article[];
  /** Articles whose headline has this key (related.ts headlineKey): See also links. */
  withHeadlineKey(key: string): Article[];
  /** How many of these ids are articles of this archive (read marks may name articles since removed), in `filter`'s view if given. */
  countPresent(ids: Iterable<string>, filter?: ListFilter): number;
  /** The sections, by name. */
  sections(): Section[];
  report: ArchiveReport;
  /**
   * Reads, decodes, sanitises and parses one article's text from its file.
   * The parser for its format must be loaded first (formats.ts, `loadParsersFor`).
   */
  readText(article: Article): TextResult;
  /** The path to open the article's file with: a Buffer when the name is not UTF-8 (`article.path` is for display). */
  fileOf(article: Article): Buffer | string;
}
