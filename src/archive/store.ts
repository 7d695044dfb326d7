/**
 * The archive's store: one SQLite database per archive, in the cache folder.
 * It holds what can always be derived again from the files: the catalogue
 * (one row per file: where, how big, when, and the article's header), a
 * full-text index over every field, and each article's quotations. Bodies
 * stay in the files (the index is contentless).
 *
 * Derived data only: a database that is missing, damaged, from another
 * schema version or on a read-only disk is rebuilt (or kept in memory), with
 * a message, never an error. The user's own state lives elsewhere (library/).
 */
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readSync, renameSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ArticleFormat } from './article.js';
import { fillTitlesIndex } from '../search/fts-index.js';

export type Db = Database.Database;

/** Bump when the tables change or what the indexer stores changes meaning: an older database is rebuilt. */
export const SCHEMA_VERSION = 4;

/**
 * How long a statement waits for another connection's write lock (a second
 * Broadsheet indexing the same archive) before it gives up. Writes are
 * batched in short transactions, so the wait is short.
 */
const BUSY_TIMEOUT_MS = 5_000;

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.BROADSHEET_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'broadsheet');
}

/** The database file of the archive at `root` (absolute). */
export function storePathFor(root: string, cacheDir: string): string {
  const name = createHash('sha256').update(root).digest('hex').slice(0, 16);
  return join(cacheDir, `index-${name}.db`);
}

/**
 * The title fields again (headline, source, tags), with prefix indexes: a
 * one- or two-letter query is a prefix of thousands of words, which the full
 * index merges at ~300 ms at 100,000 articles (~2 ms here, for ~3 MB).
 */
const TITLES_TABLE = `CREATE VIRTUAL TABLE fts_titles USING fts5(headline, source, tags, content='', contentless_delete=1, prefix='1 2', tokenize='unicode61 remove_diacritics 2');`;

/**
 * The catalogue's indexes other than the list's default order (by date): a
 * first run goes without them and builds them at its end, where keeping each
 * up to date row by row made listing ~15% slower (2,225 files: ~535 → ~450 ms;
 * 100,000: 57 → 49 s, the five built in 0.7 s). Name, then what it indexes.
 */
const LOOKUP_INDEXES: ReadonlyArray<readonly [string, string]> = [
  ['files_by_title', 'files(title_rank, date DESC, id) WHERE id IS NOT NULL'],
  ['files_by_section', 'files(section, date DESC, title_rank, id) WHERE id IS NOT NULL'],
  ['files_by_fingerprint', 'files(fingerprint) WHERE id IS NOT NULL'],
  ['files_by_headline', 'files(headline_key) WHERE id IS NOT NULL'],
  ['files_to_analyse', 'files(analysed) WHERE id IS NOT NULL'],
];

/** Before a first run fills the catalogue: lookups meanwhile scan it (see LOOKUP_INDEXES). */
export function dropLookupIndexes(db: Db): void {
  for (const [name] of LOOKUP_INDEXES) db.exec(`DROP INDEX IF EXISTS ${name}`);
}

/** At the end of every update: builds the lookup indexes a first run went without (else a no-op). */
export function createLookupIndexes(db: Db): void {
  for (const [name, on] of LOOKUP_INDEXES) db.exec(`CREATE INDEX IF NOT EXISTS ${name} ON ${on}`);
}

/**
 * The title rank of a row an update has added and not yet ranked: after every
 * ranked one. Not NULL, which sorts first: `NULLS LAST` kept SQLite from
 * reading the list's order straight off its index (64 → 37 ms at 100,000).
 */
export const UNRANKED = 2_147_483_647;

const TABLES = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
-- The catalogue: every file the walk found that looks like an article, loaded or skipped.
CREATE TABLE files (
  n INTEGER PRIMARY KEY,
  path BLOB NOT NULL UNIQUE,      -- the bytes to open it with (a name need not be UTF-8)
  rel TEXT NOT NULL,              -- relative path, sanitised, for display
  size INTEGER NOT NULL,
  mtime REAL NOT NULL,
  ino INTEGER NOT NULL,
  id TEXT UNIQUE,                 -- NULL when the file was skipped
  skip TEXT,                      -- why it was skipped
  retry INTEGER NOT NULL DEFAULT 0, -- skipped for a passing reason: read again at the next update
  notes TEXT,                     -- load notes, one per line
  format TEXT, headline TEXT, dateline TEXT, source TEXT, url TEXT, author TEXT,
  tags TEXT,                      -- one per line
  date TEXT, date_origin TEXT,
  section TEXT,                   -- the first folder below the root ('' at the top)
  words INTEGER, fingerprint TEXT,
  lead TEXT,                      -- the first paragraph: search re-ranks on it
  headline_key TEXT,              -- letters and digits only, for See also links
  title_rank INTEGER,             -- position in title order (Intl.Collator), set after each update; UNRANKED until then
  analysed INTEGER NOT NULL DEFAULT 0, -- ANALYSIS_VERSION of the quotations stored, 0 for none
  quotes INTEGER NOT NULL DEFAULT 0, figures INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX files_by_date ON files(date DESC, title_rank, id) WHERE id IS NOT NULL;
${LOOKUP_INDEXES.map(([name, on]) => `CREATE INDEX ${name} ON ${on};`).join('\n')}
-- What the last walk could not read at all (folders, links, special files).
CREATE TABLE problems (rel TEXT NOT NULL, reason TEXT NOT NULL);
-- Full text of every article, contentless: rowid = files.n.
CREATE VIRTUAL TABLE fts USING fts5(headline, source, tags, lead, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE fts_terms USING fts5vocab(fts, 'col');
${TITLES_TABLE}
-- The vocabulary with the fields each word is in (bit per fts column), rebuilt after each update:
-- typo tolerance scans it, and fts5vocab itself is too slow to read per process at 100,000 articles.
CREATE TABLE vocabulary (term TEXT PRIMARY KEY, fields INTEGER NOT NULL) WITHOUT ROWID;
-- Quotations the analysis found a speaker for (the people index; the others are only counted in files.quotes);
-- person is the matching key (analysis/people.ts).
CREATE TABLE quotes (
  file INTEGER NOT NULL,
  paragraph INTEGER NOT NULL,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  speaker TEXT,
  person TEXT,
  text TEXT NOT NULL
);
CREATE INDEX quotes_by_file ON quotes(file);
CREATE INDEX quotes_by_person ON quotes(person) WHERE person IS NOT NULL;
`;

export interface OpenedStore {
  db: Db;
  /** The file, or undefined when the store lives in memory. */
  path: string | undefined;
  /** What the user should be told: it was rebuilt, or is kept in memory, and why. */
  notice?: string;
  /** True when the catalogue is empty: the first update reads every file (show a progress bar). */
  fresh: boolean;
}

export interface OpenStoreOptions {
  /** Open without creating or repairing (a reader of a store another thread owns). */
  readonly?: boolean;
}

/**
 * Opens (creating, migrating or rebuilding as needed) the store at `path`;
 * without a path, or when the file cannot be used at all, an in-memory one.
 */
export function openStore(path: string | undefined, options: OpenStoreOptions = {}): OpenedStore {
  if (path === undefined) return { db: prepare(new Database(':memory:')), path: undefined, fresh: true };
  let notice: string | undefined;
  try {
    mkdirSync(join(path, '..'), { recursive: true });
  } catch (error) {
    return inMemory(`the cache folder cannot be written (${describe(error)})`);
  }
  const damage = damaged(path);
  if (damage) notice = setAside(path, damage);
  for (let attempt = 0; attempt < 2; attempt++) {
    let db: Db | undefined;
    try {
      db = new Database(path, options.readonly ? { fileMustExist: true } : {});
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      const version = readVersion(db);
      if (version !== SCHEMA_VERSION && !(version === 3 && addTitlesIndex(db))) {
        if (version !== undefined) notice ??= 'the archive index is from another version of Broadsheet: rebuilding it';
        rebuild(db);
      }
      prepare(db);
      return { db, path, fresh: isEmpty(db), ...(notice ? { notice } : {}) };
    } catch (error) {
      db?.close();
      const code = (error as { code?: string }).code ?? '';
      if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' || code === 'SQLITE_PERM' || code === 'SQLITE_IOERR_WRITE' || code.startsWith('SQLITE_IOERR')) {
        return inMemory(`the archive index cannot be written (${describe(error)})`);
      }
      if (isBusy(error)) return inMemory('another Broadsheet is rebuilding the archive index');
      if (attempt === 0 && (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT')) {
        notice = setAside(path, describe(error));
        continue;
      }
      return inMemory(`the archive index cannot be opened (${describe(error)})`);
    }
  }
  return inMemory('the archive index cannot be opened');
}

function inMemory(why: string): OpenedStore {
  return { db: prepare(new Database(':memory:')), path: undefined, fresh: true, notice: `${why}; the index is kept in memory for this run` };
}

/** Connection settings; creates the tables in a new (memory) database. */
function prepare(db: Db): Db {
  if (readVersion(db) !== SCHEMA_VERSION) rebuild(db);
  // WAL: readers (the list) never wait for the indexer's writes, and a killed writer leaves the last commit intact.
  if (db.name !== ':memory:') db.pragma('journal_mode = WAL');
  // A first run writes the whole index through the WAL: without a limit it stays on disk at its largest
  // (110 MB beside a 356 MB index at 100,000 articles); with one, each checkpoint that empties it truncates it.
  db.pragma('journal_size_limit = 4194304');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = OFF');
  // A small page cache per connection (2 MB): the list reads a window at a time, and the pages a search or
  // the folder check reads again are in the OS's cache. 8 MB a connection held 16 MB of the reader's RSS at
  // 100,000 articles (the worker's stays allocated after it ends) for no faster keystroke, check or first run.
  db.pragma('cache_size = -2000');
  return db;
}

function readVersion(db: Db): number | undefined {
  const table = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'meta'").get();
  if (!table) return undefined;
  const row = db.prepare("SELECT value FROM meta WHERE key = 'schema'").get() as { value: string } | undefined;
  return row ? Number(row.value) : undefined;
}

/**
 * Schema 3 to 4: the title fields' index, filled from the catalogue (0.84 s
 * at 100,000 articles, where a rebuild reads every file again). False if another
 * process changed the schema meanwhile to something else.
 */
function addTitlesIndex(db: Db): boolean {
  db.exec('BEGIN IMMEDIATE');
  try {
    const version = readVersion(db);
    if (version === 3) {
      db.exec(TITLES_TABLE);
      fillTitlesIndex(db);
      db.prepare("UPDATE meta SET value = ? WHERE key = 'schema'").run(String(SCHEMA_VERSION));
    }
    db.exec('COMMIT');
    return version === 3 || version === SCHEMA_VERSION;
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

/**
 * Gives the pages that updates freed back to the disk: re-reading every file
 * (a new parser) left ~54 MB of free pages in a 400 MB index at 100,000
 * articles. A no-op in an index built before this release (until it is
 * rebuilt); skipped when another connection is writing (it is housekeeping:
 * the next update does it).
 */
export function releaseFreePages(db: Db): void {
  unlessBusy(() => {
    if (db.pragma('freelist_count', { simple: true }) !== 0) db.pragma('incremental_vacuum');
  });
}

/** Drops whatever is there and creates the tables, in one transaction. */
function rebuild(db: Db): void {
  // A new file takes this at once; one rebuilt from an older index, by the VACUUM below.
  db.pragma('auto_vacuum = INCREMENTAL');
  db.exec('BEGIN IMMEDIATE');
  try {
    // Virtual tables first: their shadow tables go with them.
    const objects = (): Array<{ type: string; name: string }> =>
      db.prepare("SELECT type, name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY sql NOT LIKE 'CREATE VIRTUAL%'").all() as Array<{ type: string; name: string }>;
    for (let left = objects(); left.length > 0; left = objects()) {
      const { type, name } = left[0]!;
      db.exec(`DROP ${type.toUpperCase()} IF EXISTS "${name.replace(/"/g, '""')}"`);
    }
    db.exec(TABLES);
    db.prepare("INSERT INTO meta (key, value) VALUES ('schema', ?)").run(String(SCHEMA_VERSION));
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
  // The tables are empty: this rewrites a small file, and turns the setting on.
  if (db.pragma('auto_vacuum', { simple: true }) === 0) unlessBusy(() => db.exec('VACUUM'));
}

function isEmpty(db: Db): boolean {
  return db.prepare('SELECT 1 FROM files LIMIT 1').get() === undefined;
}

const HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Why the file cannot be a sound database, from its header alone (cheap, at
 * every open): not SQLite at all, or shorter than the pages it says it has
 * (truncated). Deeper damage surfaces as SQLITE_CORRUPT when read, and the
 * indexer rebuilds then.
 */
function damaged(path: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined; // missing: created below
  }
  try {
    const size = statSync(path).size;
    if (size === 0) return undefined;
    const header = Buffer.alloc(100);
    const read = readSync(fd, header, 0, 100, 0);
    if (read < 100 || !header.subarray(0, 16).equals(HEADER)) return 'not a database';
    const pageSize = header.readUInt16BE(16) === 1 ? 65536 : header.readUInt16BE(16);
    const pages = header.readUInt32BE(28);
    const valid = header.readUInt32BE(24) === header.readUInt32BE(92);
    if (valid && pages > 0 && size < pages * pageSize) return 'truncated';
    return undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** Moves a damaged database (and its journal files) aside, for a bug report; the caller creates a new one. */
function setAside(path: string, why: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  for (const suffix of ['', '-wal', '-shm']) {
    try {
      renameSync(path + suffix, `${path}${suffix}.damaged-${stamp}`);
    } catch {
      // Not there: fine.
    }
  }
  return `the archive index was damaged (${why}): rebuilding it`;
}

function describe(error: unknown): string {
  const e = error as { code?: string; message?: string };
  return e.code ? `${e.code.replace(/^SQLITE_/, '').toLowerCase().replace(/_/g, ' ')}` : String(e.message ?? error);
}

export function readMeta(db: Db, key: string): string | undefined {
  return (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

export function writeMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

/**
 * The formats of the articles listed, kept in meta by each update that changes
 * the catalogue: the reader loads only their parsers before its first frame
 * (the HTML and Markdown ones cost ~100 ms of start-up here), where reading the
 * column would scan every row. Stamped with the catalogue's article count and
 * last row: rows added or removed since by anything that did not write them
 * (an older Broadsheet) make them unknown, as does an unfinished update (one
 * that changes the catalogue marks itself unfinished before its first row).
 */
export function readFormats(db: Db, articles: number): ArticleFormat[] | undefined {
  const value = readMeta(db, 'formats');
  if (value === undefined || !updateFinished(db)) return undefined;
  try {
    const kept = JSON.parse(value) as { formats: ArticleFormat[]; articles: number; last: number };
    return kept.articles === articles && kept.last === lastRow(db) ? kept.formats : undefined;
  } catch {
    return undefined;
  }
}

/** `articles`: the catalogue's article count now (the stamp). */
export function writeFormats(db: Db, articles: number): void {
  const formats = db.prepare('SELECT DISTINCT format FROM files WHERE id IS NOT NULL AND format IS NOT NULL ORDER BY format').pluck().all() as string[];
  writeMeta(db, 'formats', JSON.stringify({ formats, articles, last: lastRow(db) }));
}

/** False from the start of an update that changes the catalogue until its last step is done (indexer.ts). */
export function updateFinished(db: Db): boolean {
  return readMeta(db, 'finished') !== '0';
}

function lastRow(db: Db): number {
  return (db.prepare('SELECT max(n) FROM files').pluck().get() as number | null) ?? 0;
}

/** Another connection held the lock past the busy timeout. */
function isBusy(error: unknown): boolean {
  return (error as { code?: string }).code === 'SQLITE_BUSY';
}

/** Housekeeping that waits for no other writer: skipped when one holds the lock (what it did is kept). */
export function unlessBusy(work: () => void): void {
  try {
    work();
  } catch (error) {
    if (!isBusy(error)) throw error;
  }
}

/** SQLite errors that mean the file is damaged: the store is rebuilt. */
export function isCorruption(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT');
}
