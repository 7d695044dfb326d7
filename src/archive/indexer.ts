/**
 * Bringing the store up to date with the folder. The walk's size, mtime and
 * inode of each file are compared with the catalogue; only new and changed
 * files are read again, removed ones are deleted, and each batch is one
 * transaction, so a killed indexer leaves a consistent store that the next
 * update finishes. Runs on the reader's worker thread (index-worker.ts) or
 * inline for the CLI.
 */
import type { Db } from './store.js';
import { createLookupIndexes, dropLookupIndexes, readFormats, readMeta, releaseFreePages, UNRANKED, updateFinished, writeFormats, writeMeta } from './store.js';
import { walkFolders, describeFsError, type FoundFile, type WalkedFile, type WalkTotals } from './walk.js';
import { loadParsersFor } from './formats.js';
import { readArticleFile, tooLarge, ArchiveError, type FileResult } from './load.js';
import { headlineKey } from './related.js';
import { sanitizeLine } from '../sanitize/index.js';
import type { Article, ArticleText } from './article.js';
import { ftsColumns, ftsWriter, rebuildVocabulary, toSearchDoc, type FtsColumns } from '../search/fts-index.js';
import type { SearchDoc } from '../search/types.js';

/** Files per transaction: big enough to amortise the commit, small enough that the list fills in as it goes. */
const BATCH = 500;
/** The first batch is smaller: on a first run the list shows its first rows that much sooner. */
const FIRST_BATCH = 100;
/** Files to read from which an update takes a bigger page cache (withBulkCache), and its size in KiB. */
const BULK_FILES = 1_000;
const BULK_CACHE_KIB = 16_000;
/**
 * Listing first keeps every article's text until it is indexed, so it is
 * done only when the files to read are this small (~7,500 news articles).
 * Beyond, reading most files twice took longer than the whole list saved (a
 * first run at 100,000: index complete after 101 s instead of 69), and
 * keeping it all cost memory (10,000 articles, 21 MB: peak 310 MB, was 259).
 */
export const LIST_FIRST_MAX_BYTES = 16_000_000;

/**
 * Changes whenever the parser does (a hash of its sources, set by the build),
 * so a new parser re-reads every file. Tests run from source: `dev`.
 */
declare const __PARSER_VERSION__: string | undefined;
export const PARSER_VERSION = typeof __PARSER_VERSION__ === 'string' ? __PARSER_VERSION__ : 'dev';

export interface UpdateProgress {
  /** `listing`: articles go into the list, their text waits; `indexing`: the text goes into the search index too. */
  phase: 'listing' | 'indexing';
  /** Files done so far in this phase, of `total`. */
  done: number;
  total: number;
}

export interface UpdateSummary {
  added: number;
  changed: number;
  removed: number;
  /** Files read again (added + changed + retried), whatever came of it. */
  read: number;
  /** Articles in the catalogue afterwards. */
  articles: number;
  /** The catalogue was empty: everything was new (a first run, or a rebuild). */
  first: boolean;
}

export interface UpdateOptions {
  maxFileBytes: number;
  /** After each committed batch. */
  onProgress?: (progress: UpdateProgress) => void;
  /** Checked between batches: true stops the update (what is committed stays). */
  stop?: () => boolean;
  /**
   * List every new article before indexing any text, when there are many to
   * read and they hold at most this many bytes (the reader's first run, with
   * LIST_FIRST_MAX_BYTES): the list is whole in a fraction of the time, and
   * search fills in after it.
   */
  listFirst?: number;
}

/** The first folder below the root, or '' for a file at the top. */
export function sectionOf(relPath: string): string {
  const slash = relPath.indexOf('/');
  return slash === -1 ? '' : relPath.slice(0, slash);
}

/** What an update will do: which files it reads again, renames and drops. */
interface UpdatePlan {
  root: string;
  /** The files to read, with the ids they get. */
  toRead: WalkedFile[];
  /** Article files found. */
  found: number;
  problems: WalkTotals['problems'];
  scanned: number;
  renamed: Array<[number, string]>;
  /** Row numbers of files that are gone. */
  removed: number[];
  added: number;
  changed: number;
}

/**
 * Updates the store from the folder at `root`. Throws ArchiveError when the
 * folder itself is missing; anything wrong with a file is stored as a reason.
 * The parsers of the files it reads must be loaded (formats.ts): a file met
 * without one is read again next time; updateArchive loads them itself.
 */
export function updateStore(db: Db, root: string, options: UpdateOptions): UpdateSummary {
  const plan = planUpdate(db, root, options);
  return withBulkCache(db, plan, () => applyUpdate(db, plan, options));
}

/** updateStore, with the parsers the files to read need loaded first. */
export async function updateArchive(db: Db, root: string, options: UpdateOptions): Promise<UpdateSummary> {
  const plan = planUpdate(db, root, options);
  await loadParsersFor(plan.toRead.map(({ file }) => file.relPath));
  return withBulkCache(db, plan, () => applyUpdate(db, plan, options));
}

/**
 * A bigger page cache while many files go in: each batch touches pages all
 * over the catalogue's indexes and the full-text segments, and in the 2 MB a
 * connection keeps (store.ts) they went out to the WAL and were read back
 * many times over. A first run at 100,000 took 61-69 s with 2 MB, 56 s with
 * 16 MB (64 MB: no faster). Back to what it was after, for the worker's memory.
 */
function withBulkCache<T>(db: Db, plan: UpdatePlan, update: () => T): T {
  if (plan.toRead.length < BULK_FILES) return update();
  const usual = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = -${BULK_CACHE_KIB}`);
  try {
    return update();
  } finally {
    db.pragma(`cache_size = ${usual}`);
  }
}

/**
 * Compares the folder with the catalogue as the walk goes, one file at a
 * time: an unchanged file leaves nothing behind but a bit, so a warm start
 * at 100,000 files holds no list of them (the walk and the catalogue side by
 * side took ~130 MB on the indexing thread).
 */
function planUpdate(db: Db, root: string, options: UpdateOptions): UpdatePlan {
  const { maxFileBytes } = options;
  // A new parser or size limit: every file is to be read again. Marked in the rows at once, so an update
  // stopped halfway (killed, disk full) is finished by the next one instead of starting over.
  if (readMeta(db, 'parser') !== PARSER_VERSION || readMeta(db, 'max_bytes') !== String(maxFileBytes)) {
    transaction(db, () => {
      db.prepare('UPDATE files SET retry = 1').run();
      writeMeta(db, 'parser', PARSER_VERSION);
      writeMeta(db, 'max_bytes', String(maxFileBytes));
    });
  }
  const catalogue = catalogueStamps(db);
  const plan: UpdatePlan = { root, toRead: [], found: 0, problems: [], scanned: 0, renamed: [], removed: [], added: 0, changed: 0 };
  const compare = (walked: WalkedFile): void => {
    plan.found++;
    const known = catalogue.find(walked.file.path);
    const { size, mtimeMs, ino } = walked.file.stats;
    if (known === undefined) plan.added++;
    else if (known.size !== size || known.mtime !== mtimeMs || known.ino !== ino) plan.changed++;
    else if (!known.retry) {
      // Unchanged; its id may still change when another file takes or frees its name.
      if (known.id !== null && known.id !== walked.id) plan.renamed.push([known.n, walked.id]);
      return;
    }
    plan.toRead.push(walked);
  };
  let totals: WalkTotals;
  try {
    totals = walkFolders(root, (files) => files.forEach(compare));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such folder' : code === 'ENOTDIR' ? 'not a folder' : describeFsError(error);
    throw new ArchiveError(`archive not found: ${sanitizeLine(root)} (${why})`);
  }
  plan.problems = totals.problems;
  plan.scanned = totals.scanned;
  plan.removed = catalogue.unseen();
  return plan;
}

interface KnownFile {
  n: number;
  size: number;
  mtime: number;
  ino: number;
  id: string | null;
  retry: number;
}

/**
 * The catalogue's stamps, looked up one path at a time by its unique index
 * (the whole check at 100,000 files went from 1.3-1.7 s to 1.0-1.1 s), and
 * which rows the walk has seen: the rest are files that are gone. Known
 * race, as before this walk: another process that removes the last row and
 * adds a file during the walk may have it reuse that row number, and this
 * update then drops it; the next update reads it back.
 */
function catalogueStamps(db: Db) {
  const last = (db.prepare('SELECT max(n) FROM files').pluck().get() as number | null) ?? 0;
  const seen = new Uint8Array(last + 1);
  const find = db.prepare('SELECT n, size, mtime, ino, id, retry FROM files WHERE path = ?');
  return {
    find(path: Buffer): KnownFile | undefined {
      const row = find.get(path) as KnownFile | undefined;
      if (row && row.n <= last) seen[row.n] = 1;
      return row;
    },
    unseen(): number[] {
      const gone: number[] = [];
      for (const n of db.prepare('SELECT n FROM files WHERE n <= ?').pluck().iterate(last) as Iterable<number>) {
        if (!seen[n]) gone.push(n);
      }
      return gone;
    },
  };
}

function applyUpdate(db: Db, plan: UpdatePlan, options: UpdateOptions): UpdateSummary {
  const { root, toRead, renamed, removed, added, changed } = plan;
  const { maxFileBytes } = options;
  const statements = storeWriter(db);
  const summary: UpdateSummary = { added, changed, removed: removed.length, read: toRead.length, articles: 0, first: plan.found === added };
  const stopped = (): boolean => options.stop?.() === true;

  // Marked until the last step (title ranks, vocabulary, lookup indexes) is done: an update stopped after
  // its last batch but before that step is finished by the next one, even when that one finds nothing new.
  const changedFiles = toRead.length > 0 || removed.length > 0 || renamed.length > 0;
  const bulkFirst = summary.first && toRead.length >= BULK_FILES;
  if (changedFiles && (bulkFirst || updateFinished(db))) {
    transaction(db, () => {
      writeMeta(db, 'finished', '0');
      if (bulkFirst) dropLookupIndexes(db);
    });
  }

  // Removed files and id changes first, so new files can take the ids they free.
  if (removed.length > 0 || renamed.length > 0) {
    transaction(db, () => {
      for (const n of removed) statements.remove(n);
      // Two passes, so two files swapping ids never collide on the unique index.
      for (const [n] of renamed) statements.setId.run(`\u0000${n}`, n);
      for (const [n, id] of renamed) {
        // A changed file still holding the id gives it up until it is read again below.
        statements.releaseId.run(id, n);
        statements.setId.run(id, n);
      }
      statements.flush();
    });
  }

  // Listing first: each file's row goes in marked to be read again (retry), so an update killed before its
  // text is indexed is finished by the next one; the text read for the list is kept until then.
  const listFirst = options.listFirst !== undefined && toRead.length > FIRST_BATCH && bytesOf(toRead, maxFileBytes) <= options.listFirst;
  const texts: Array<ListedText | undefined> = [];
  inBatches(toRead.length, stopped, (from, to) => {
    // Read outside the transaction: other connections may write between batches.
    const results = toRead.slice(from, to).map(({ file }) => readResult(file, root, maxFileBytes));
    transaction(db, () => {
      results.forEach((result, i) => {
        const { file, id } = toRead[from + i]!;
        const listed = statements.upsert(file, id, result, { text: !listFirst });
        if (listFirst) texts[from + i] = listed;
      });
      statements.flush();
    });
    options.onProgress?.({ phase: listFirst ? 'listing' : 'indexing', done: to, total: toRead.length });
  });
  if (listFirst && !stopped()) {
    // The whole list in title order now; the text after.
    transaction(db, () => rankTitles(db));
    inBatches(toRead.length, stopped, (from, to) => {
      transaction(db, () => {
        for (let i = from; i < to; i++) {
          const listed = texts[i];
          if (listed) statements.indexText(listed);
          texts[i] = undefined;
        }
        statements.flush();
      });
      options.onProgress?.({ phase: 'indexing', done: to, total: toRead.length });
    });
  }
  if (stopped()) return summary;

  // Written only when something changed: an update that finds nothing new writes nothing (no lock, no fsync).
  const problems = plan.problems.map((problem) => [sanitizeLine(problem.relPath), sanitizeLine(problem.reason)] as const);
  const stored = db.prepare('SELECT rel, reason FROM problems ORDER BY rowid').raw().all() as Array<[string, string]>;
  const sameProblems = stored.length === problems.length && stored.every(([rel, reason], i) => rel === problems[i]![0] && reason === problems[i]![1]);
  const finish = changedFiles || !updateFinished(db);
  // Formats not known or not current (a store from before they were kept, rows another program added) are
  // written again. Nothing below adds or removes a row: this count is also the summary's.
  summary.articles = db.prepare('SELECT count(*) FROM files WHERE id IS NOT NULL').pluck().get() as number;
  const formatsKnown = readFormats(db, summary.articles) !== undefined;
  if (finish || !formatsKnown || !sameProblems || readMeta(db, 'scanned') !== String(plan.scanned)) {
    transaction(db, () => {
      if (!sameProblems) {
        db.prepare('DELETE FROM problems').run();
        const insert = db.prepare('INSERT INTO problems (rel, reason) VALUES (?, ?)');
        for (const [rel, reason] of problems) insert.run(rel, reason);
      }
      if (finish) {
        statements.finish();
        writeMeta(db, 'finished', '1');
      }
      if (finish || !formatsKnown) writeFormats(db, summary.articles);
      writeMeta(db, 'scanned', String(plan.scanned));
    });
    if (finish) releaseFreePages(db);
  }
  return summary;
}

/** Runs `work` over [0, total) a batch at a time, the first batch smaller (the list shows its first rows sooner). */
function inBatches(total: number, stopped: () => boolean, work: (from: number, to: number) => void): void {
  for (let from = 0; from < total && !stopped(); ) {
    const to = Math.min(total, from + (from === 0 ? FIRST_BATCH : BATCH));
    work(from, to);
    from = to;
  }
}

/** What reading these files will hold: those over the size limit are skipped unread. */
function bytesOf(files: WalkedFile[], maxFileBytes: number): number {
  let bytes = 0;
  for (const { file } of files) if (file.stats.size <= maxFileBytes) bytes += file.stats.size;
  return bytes;
}

function readResult(file: FoundFile, root: string, maxFileBytes: number): FileResult {
  if (file.stats.size > maxFileBytes) return { kind: 'skipped', reason: tooLarge(file.stats.size, maxFileBytes) };
  return readArticleFile(file, sanitizeLine(file.relPath), root, maxFileBytes);
}

function transaction(db: Db, work: () => void): void {
  // IMMEDIATE: take the write lock up front, so two indexers queue instead of failing halfway.
  db.exec('BEGIN IMMEDIATE');
  try {
    work();
    db.exec('COMMIT');
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

/**
 * The writes of an update, prepared once: a file's result in (replacing what
 * it had), a file out, and the orders and vocabulary redone after a change.
 */
export function storeWriter(db: Db) {
  const find = db.prepare('SELECT n FROM files WHERE path = ?');
  const insert = db.prepare(`INSERT INTO files
    (path, rel, size, mtime, ino, id, skip, retry, notes, format, headline, dateline, source, url, author, tags,
     date, date_origin, section, words, fingerprint, lead, headline_key, title_rank, analysed, quotes, figures)
    VALUES (@path, @rel, @size, @mtime, @ino, @id, @skip, @retry, @notes, @format, @headline, @dateline, @source, @url, @author, @tags,
     @date, @date_origin, @section, @words, @fingerprint, @lead, @headline_key, ${UNRANKED}, 0, 0, 0)
    ON CONFLICT(path) DO UPDATE SET rel = excluded.rel, size = excluded.size, mtime = excluded.mtime, ino = excluded.ino,
      id = excluded.id, skip = excluded.skip, retry = excluded.retry, notes = excluded.notes, format = excluded.format,
      headline = excluded.headline, dateline = excluded.dateline, source = excluded.source, url = excluded.url,
      author = excluded.author, tags = excluded.tags, date = excluded.date, date_origin = excluded.date_origin,
      section = excluded.section, words = excluded.words, fingerprint = excluded.fingerprint, lead = excluded.lead,
      headline_key = excluded.headline_key, title_rank = coalesce(files.title_rank, excluded.title_rank), analysed = 0, quotes = 0, figures = 0
    RETURNING n`);
  const clearId = db.prepare('UPDATE files SET id = NULL WHERE id = ? AND path <> ?');
  const textIndexed = db.prepare('UPDATE files SET retry = 0 WHERE n = ?');
  const fts = ftsWriter(db);
  const quotesDelete = db.prepare('DELETE FROM quotes WHERE file = ?');
  const fileDelete = db.prepare('DELETE FROM files WHERE n = ?');
  // FTS5 writes its pending terms out at every statement savepoint, so a write to another table between
  // two of its inserts costs a segment per article (~5x slower, and merges later): its writes wait here
  // and go in one run at the end of the batch (`flush`).
  const ftsDeletes: number[] = [];
  const ftsInserts: Array<[number, FtsColumns]> = [];
  return {
    /** The batch's full-text writes; call before its transaction commits. */
    flush(): void {
      for (const n of ftsDeletes.splice(0)) fts.remove(n);
      for (const [n, columns] of ftsInserts.splice(0)) fts.insert(n, columns);
    },
    setId: db.prepare('UPDATE files SET id = ? WHERE n = ?'),
    releaseId: db.prepare('UPDATE files SET id = NULL WHERE id = ? AND n <> ?'),
    remove(n: number): void {
      ftsDeletes.push(n);
      quotesDelete.run(n);
      fileDelete.run(n);
    },
    /**
     * A file's result in, replacing what it had. With `text: false` its text
     * waits: the row is marked to be read again, and what indexText needs is
     * returned.
     */
    upsert(file: Pick<FoundFile, 'path' | 'relPath'> & { stats: Pick<FoundFile['stats'], 'size' | 'mtimeMs' | 'ino'> }, id: string, result: FileResult, { text = true } = {}): ListedText | undefined {
      const previous = find.get(file.path) as { n: number } | undefined;
      if (previous) {
        ftsDeletes.push(previous.n);
        quotesDelete.run(previous.n);
      }
      const rel = sanitizeLine(file.relPath);
      const base = { path: file.path, rel, size: file.stats.size, mtime: file.stats.mtimeMs, ino: file.stats.ino };
      if (result.kind === 'skipped') {
        insert.get({ ...base, ...EMPTY_HEADER, id: null, skip: result.reason, retry: result.transient ? 1 : 0, notes: null });
        return undefined;
      }
      // The id may still belong to a file this update has not reached (a rename): the newer claim wins.
      clearId.run(id, file.path);
      const row = insert.get({ ...base, ...headerColumns(result.article, result.text), id, skip: null, retry: text ? 0 : 1, notes: result.notes.join('\n') || null }) as { n: number };
      const doc = toSearchDoc(result.article, result.text);
      if (!text) return { n: row.n, doc };
      ftsInserts.push([row.n, ftsColumns(doc)]);
      return undefined;
    },
    /** The text of a file upsert listed without it, into the search index. */
    indexText({ n, doc }: ListedText): void {
      textIndexed.run(n);
      ftsInserts.push([n, ftsColumns(doc)]);
    },
    finish(): void {
      this.flush();
      rankTitles(db);
      createLookupIndexes(db);
      rebuildVocabulary(db);
    },
  };
}

/** A file listed with its text not yet indexed: its row, and its searchable text. */
interface ListedText {
  n: number;
  doc: SearchDoc;
}

const EMPTY_HEADER = {
  format: null, headline: null, dateline: null, source: null, url: null, author: null, tags: null,
  date: null, date_origin: null, section: null, words: null, fingerprint: null, lead: null, headline_key: null,
};

function headerColumns(article: Article, text: ArticleText) {
  return {
    format: article.format,
    headline: article.headline,
    dateline: article.dateline ?? null,
    source: article.source ?? null,
    url: article.url ?? null,
    author: article.author ?? null,
    tags: article.tags.length > 0 ? article.tags.join('\n') : null,
    date: article.date,
    date_origin: article.dateOrigin,
    section: sectionOf(article.relPath),
    words: article.wordCount,
    fingerprint: article.fingerprint,
    lead: text.paragraphs[0] ?? '',
    headline_key: headlineKey(article.headline),
  };
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/**
 * Title order as people expect it (accents and case folded, numbers by
 * value): SQLite cannot collate that, so each article's place in it is
 * stored, and both list orders are indexes.
 */
function rankTitles(db: Db): void {
  const rows = db.prepare('SELECT n, headline, date, id, title_rank AS rank FROM files WHERE id IS NOT NULL').all() as Array<{ n: number; headline: string; date: string; id: string; rank: number | null }>;
  rows.sort((a, b) => collator.compare(a.headline, b.headline) || (a.date < b.date ? 1 : a.date > b.date ? -1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const update = db.prepare('UPDATE files SET title_rank = ? WHERE n = ?');
  rows.forEach((row, rank) => {
    if (row.rank !== rank) update.run(rank, row.n);
  });
}
