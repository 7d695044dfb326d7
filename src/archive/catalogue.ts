/**
 * The archive as the list and the commands see it, read from the store a
 * window at a time: an order is a typed array of row numbers, an article is
 * read when it is shown (and kept in a small cache), counts are queries.
 * Nothing here holds the whole archive.
 */
import type { Archive, ArchiveReport, Article, ArticleFormat, ArticleOrder, ListFilter, LoadNote, Section, SortKey, TextResult } from './article.js';
import { readArticleText } from './load.js';
import type { Db } from './store.js';
import { readFormats, readMeta, updateFinished } from './store.js';

/** Articles kept decoded: a few screens of list rows, the open article, the search results. */
const ARTICLE_CACHE = 1_000;

const WORDS_PER_MINUTE = 230;

interface ArticleRow {
  n: number;
  path: Buffer;
  rel: string;
  size: number;
  mtime: number;
  id: string;
  format: Article['format'];
  headline: string;
  dateline: string | null;
  source: string | null;
  url: string | null;
  author: string | null;
  tags: string | null;
  date: string;
  date_origin: Article['dateOrigin'];
  words: number;
  fingerprint: string;
}

const ARTICLE_COLUMNS = 'n, path, rel, size, mtime, id, format, headline, dateline, source, url, author, tags, date, date_origin, words, fingerprint';

const ORDER_BY: Record<SortKey, string> = {
  // Rows added since the last ranking (an update still running) are UNRANKED: after their date's ranked ones.
  date: 'date DESC, title_rank, id',
  dated: "date_origin = 'mtime', date DESC, title_rank, id",
  title: 'title_rank, headline, date DESC, id',
};

/** Orders kept at once: each is 4 bytes an article; a filter changed often (unread only) must not pile them up. */
const ORDER_CACHE = 16;

export class Catalogue implements Archive {
  readonly root: string;
  readonly #db: Db;
  readonly #maxFileBytes: number;
  readonly #articles = new Map<string, Article>();
  readonly #paths = new Map<string, Buffer>();
  readonly #orders = new Map<string, RowOrder>();
  #size: number | undefined;
  #report: ArchiveReport | undefined;
  #dataVersion: string;
  readonly #statements;

  /** The store lives in this thread's memory (no cache folder, or --no-cache): no other thread can update it. */
  readonly inMemory: boolean;

  constructor(db: Db, root: string, maxFileBytes: number) {
    this.#db = db;
    this.inMemory = db.memory;
    this.root = root;
    this.#maxFileBytes = maxFileBytes;
    this.#dataVersion = this.#readDataVersion();
    this.#statements = {
      byId: db.prepare(`SELECT ${ARTICLE_COLUMNS} FROM files WHERE id = ?`),
      byN: db.prepare(`SELECT ${ARTICLE_COLUMNS} FROM files WHERE n = ? AND id IS NOT NULL`),
      idOfN: db.prepare('SELECT id FROM files WHERE n = ?').pluck(),
      nOfId: db.prepare('SELECT n FROM files WHERE id = ?').pluck(),
      count: db.prepare('SELECT count(*) FROM files WHERE id IS NOT NULL').pluck(),
      byFingerprint: db.prepare(`SELECT ${ARTICLE_COLUMNS} FROM files WHERE fingerprint = ? AND id IS NOT NULL ORDER BY id`),
      byHeadlineKey: db.prepare(`SELECT ${ARTICLE_COLUMNS} FROM files WHERE headline_key = ? AND id IS NOT NULL ORDER BY id`),
      countPresent: db.prepare('SELECT count(*) FROM files WHERE id IN (SELECT value FROM json_each(?))').pluck(),
      rowsOfIds: db.prepare('SELECT n FROM files WHERE id IN (SELECT value FROM json_each(?))').pluck(),
      everyId: db.prepare('SELECT n, id FROM files WHERE id IS NOT NULL'),
      lead: db.prepare('SELECT lead FROM files WHERE id = ?').pluck(),
      sections: db.prepare("SELECT section AS name, count(*) AS count FROM files WHERE id IS NOT NULL AND section <> '' GROUP BY section ORDER BY section"),
    };
  }

  /** The database, for the search and the people index, which query it themselves. */
  get db(): Db {
    return this.#db;
  }

  get size(): number {
    return (this.#size ??= this.#statements.count.get() as number);
  }

  /** The formats of the articles listed, as the last finished update left them; undefined when not known (store.ts). */
  formats(): ArticleFormat[] | undefined {
    return readFormats(this.#db, this.size);
  }

  /** Whether the last update finished: a first run stopped halfway lists only part of the archive. */
  get complete(): boolean {
    return updateFinished(this.#db);
  }

  get(id: string): Article | undefined {
    const cached = this.#articles.get(id);
    if (cached) return cached;
    const row = this.#statements.byId.get(id) as ArticleRow | undefined;
    return row ? this.#remember(row) : undefined;
  }

  /** The article in row `n` (the search and the orders speak row numbers). */
  at(n: number): Article | undefined {
    const id = this.#statements.idOfN.get(n) as string | null | undefined;
    return id ? this.get(id) : undefined;
  }

  /** The row number of an article, for queries by row. */
  rowOf(id: string): number | undefined {
    return this.#statements.nOfId.get(id) as number | undefined;
  }

  /** The rows of these ids (those still in the archive), kept per set object: the read marks, asked again and again. */
  rowsOf(ids: ReadonlySet<string>): ReadonlySet<number> {
    let rows = this.#rowSets.get(ids);
    if (!rows) {
      rows = new Set(ids.size === 0 ? [] : (this.#statements.rowsOfIds.all(JSON.stringify([...ids])) as number[]));
      this.#rowSets.set(ids, rows);
    }
    return rows;
  }

  #rowSets = new WeakMap<ReadonlySet<string>, ReadonlySet<number>>();

  /** The article's first paragraph as indexed (search results show their context from it without reading the file). */
  lead(id: string): string | undefined {
    return (this.#statements.lead.get(id) as string | null | undefined) ?? undefined;
  }

  /** Row number to id for every article: one query. */
  idsByRow(): Map<number, string> {
    return new Map((this.#statements.everyId.all() as Array<{ n: number; id: string }>).map((row) => [row.n, row.id]));
  }

  order(sort: SortKey, filter: ListFilter = {}): ArticleOrder {
    const excluded = filter.exclude && filter.exclude.size > 0 ? filter.exclude : undefined;
    const key = `${sort}|${filter.section ?? ''}|${excluded ? this.#setKey(excluded) : ''}`;
    let order = this.#orders.get(key);
    if (!order) {
      let where = '';
      const args: string[] = [];
      if (filter.section !== undefined) {
        where += ' AND section = ?';
        args.push(filter.section);
      }
      if (excluded) {
        // One statement whatever the number of ids: SQLite builds a temporary index over the JSON array.
        where += ' AND id NOT IN (SELECT value FROM json_each(?))';
        args.push(JSON.stringify([...excluded]));
      }
      const rows = this.#db.prepare(`SELECT n FROM files WHERE id IS NOT NULL${where} ORDER BY ${ORDER_BY[sort]}`).pluck().all(...args) as number[];
      order = new RowOrder(Int32Array.from(rows), this);
      if (this.#orders.size >= ORDER_CACHE) this.#orders.delete(this.#orders.keys().next().value as string);
      this.#orders.set(key, order);
    }
    return order;
  }

  /** A number per excluded-id set, by identity: the caller keeps the set while the order is wanted. */
  readonly #setKeys = new WeakMap<ReadonlySet<string>, number>();
  #nextSetKey = 1;
  #setKey(set: ReadonlySet<string>): number {
    let key = this.#setKeys.get(set);
    if (key === undefined) {
      key = this.#nextSetKey++;
      this.#setKeys.set(set, key);
    }
    return key;
  }

  withFingerprint(fingerprint: string): Article[] {
    return (this.#statements.byFingerprint.all(fingerprint) as ArticleRow[]).map((row) => this.#remember(row));
  }

  withHeadlineKey(key: string): Article[] {
    return (this.#statements.byHeadlineKey.all(key) as ArticleRow[]).map((row) => this.#remember(row));
  }

  countPresent(ids: Iterable<string>, filter: ListFilter = {}): number {
    const list = JSON.stringify([...ids]);
    if (filter.section === undefined && !filter.exclude?.size) return this.#statements.countPresent.get(list) as number;
    let where = '';
    const args: string[] = [list];
    if (filter.section !== undefined) {
      where += ' AND section = ?';
      args.push(filter.section);
    }
    if (filter.exclude?.size) {
      where += ' AND id NOT IN (SELECT value FROM json_each(?))';
      args.push(JSON.stringify([...filter.exclude]));
    }
    return this.#db.prepare(`SELECT count(*) FROM files WHERE id IN (SELECT value FROM json_each(?))${where}`).pluck().get(...args) as number;
  }

  sections(): Section[] {
    return this.#statements.sections.all() as Section[];
  }

  /** Every article, in no particular order, a row at a time (for commands that walk them all). */
  *all(): IterableIterator<Article> {
    for (const row of this.#db.prepare(`SELECT ${ARTICLE_COLUMNS} FROM files WHERE id IS NOT NULL ORDER BY n`).iterate() as Iterable<ArticleRow>) {
      yield rowToArticle(row, this.root);
    }
  }

  get report(): ArchiveReport {
    if (this.#report) return this.#report;
    const skipped = [
      ...(this.#db.prepare('SELECT rel AS relPath, skip AS reason FROM files WHERE id IS NULL AND skip IS NOT NULL').all() as Array<{ relPath: string; reason: string }>),
      ...(this.#db.prepare('SELECT rel AS relPath, reason FROM problems').all() as Array<{ relPath: string; reason: string }>),
    ].sort(byRelPath);
    const scanned = Number(readMeta(this.#db, 'scanned') ?? 0);
    // The notes are read when asked for: the list's header wants only the skipped count, and finding the
    // notes reads every row (~100 ms of each warm start at 100,000 articles).
    const db = this.#db;
    let notes: LoadNote[] | undefined;
    this.#report = {
      root: this.root,
      scanned,
      loaded: this.size,
      skipped,
      get notes(): LoadNote[] {
        notes ??= (db.prepare('SELECT rel AS relPath, notes FROM files WHERE id IS NOT NULL AND notes IS NOT NULL').all() as Array<{ relPath: string; notes: string }>)
          .flatMap(({ relPath, notes: text }) => text.split('\n').map((note) => ({ relPath, note })))
          .sort(byRelPath);
        return notes;
      },
    };
    return this.#report;
  }

  readText(article: Article): TextResult {
    return readArticleText(this.fileOf(article), article.relPath, this.#maxFileBytes);
  }

  fileOf(article: Article): Buffer | string {
    return this.#paths.get(article.id) ?? article.path;
  }

  /**
   * Forgets what was read when the store changed since (this connection's
   * writes, another thread's or another process's). True when it had.
   */
  refresh(): boolean {
    const version = this.#readDataVersion();
    if (version === this.#dataVersion && !this.#written) return false;
    this.#dataVersion = version;
    this.#written = false;
    this.#articles.clear();
    this.#paths.clear();
    this.#orders.clear();
    this.#rowSets = new WeakMap();
    this.#size = undefined;
    this.#report = undefined;
    return true;
  }

  /** Set by writers on this connection: data_version only counts other connections' commits. */
  #written = false;
  markWritten(): void {
    this.#written = true;
  }

  /** Changes since the connection opened: other connections' commits (data_version) and its own (total_changes). */
  #readDataVersion(): string {
    const others = this.#db.pragma('data_version', { simple: true }) as number;
    const own = this.#db.prepare('SELECT total_changes()').pluck().get() as number;
    return `${others}:${own}`;
  }

  #remember(row: ArticleRow): Article {
    const cached = this.#articles.get(row.id);
    if (cached) return cached;
    const article = rowToArticle(row, this.root);
    if (this.#articles.size >= ARTICLE_CACHE) {
      const oldest = this.#articles.keys().next().value as string;
      this.#articles.delete(oldest);
      this.#paths.delete(oldest);
    }
    this.#articles.set(row.id, article);
    // Kept only where the display path would not open the file (a name that is not UTF-8 or was sanitised).
    if (!row.path.equals(Buffer.from(article.path))) this.#paths.set(row.id, row.path);
    return article;
  }
}

function byRelPath(a: { relPath: string }, b: { relPath: string }): number {
  return a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0;
}

function rowToArticle(row: ArticleRow, root: string): Article {
  const article: Article = {
    id: row.id,
    relPath: row.rel,
    path: `${root}/${row.rel}`,
    format: row.format,
    headline: row.headline,
    tags: row.tags ? row.tags.split('\n') : [],
    date: row.date,
    dateOrigin: row.date_origin,
    wordCount: row.words,
    readingMinutes: Math.max(1, Math.round(row.words / WORDS_PER_MINUTE)),
    size: row.size,
    mtimeMs: row.mtime,
    fingerprint: row.fingerprint,
  };
  if (row.dateline !== null) article.dateline = row.dateline;
  if (row.source !== null) article.source = row.source;
  if (row.url !== null) article.url = row.url;
  if (row.author !== null) article.author = row.author;
  return article;
}

/** An order as row numbers; ids are looked up for the rows shown. */
class RowOrder implements ArticleOrder {
  #positions: Map<number, number> | undefined;

  constructor(
    readonly rows: Int32Array,
    private readonly catalogue: Catalogue,
  ) {}

  get length(): number {
    return this.rows.length;
  }

  idAt(index: number): string | undefined {
    const n = this.rows[index];
    return n === undefined ? undefined : this.catalogue.at(n)?.id;
  }

  indexOf(id: string): number {
    const n = this.catalogue.rowOf(id);
    if (n === undefined) return -1;
    // A scan is ~0.1 ms at 100,000; a map is built only when asked again and again (n/p through a long list).
    if (this.#positions) return this.#positions.get(n) ?? -1;
    this.#lookups++;
    if (this.#lookups > 8) {
      this.#positions = new Map();
      this.rows.forEach((row, index) => this.#positions!.set(row, index));
      return this.#positions.get(n) ?? -1;
    }
    return this.rows.indexOf(n);
  }

  #lookups = 0;

  nextNotIn(from: number, ids: ReadonlySet<string>): number {
    const rows = this.catalogue.rowsOf(ids);
    for (let index = Math.max(0, from); index < this.rows.length; index++) if (!rows.has(this.rows[index]!)) return index;
    return -1;
  }

  ids(): string[] {
    const byRow = this.catalogue.idsByRow();
    const ids: string[] = [];
    for (const row of this.rows) {
      const id = byRow.get(row);
      if (id !== undefined) ids.push(id);
    }
    return ids;
  }
}
