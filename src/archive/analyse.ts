/**
 * The archive's quotations and speakers, kept in the store: every article is
 * analysed once (src/analysis, pure) and again only when its file or the
 * analysis changes. Runs behind the list, after the catalogue is up to date,
 * in batches that each commit, so a killed run resumes where it stopped.
 */
import { findHighlights } from '../analysis/index.js';
import { personKey } from '../analysis/people.js';
import type { TextResult } from './article.js';
import { readArticleText } from './load.js';
import type { Db } from './store.js';
import { readMeta, releaseFreePages, writeMeta } from './store.js';

/** Changes whenever the analysis does (a hash of its sources, set by the build), so all is analysed again. */
declare const __ANALYSIS_VERSION__: string | undefined;
export const ANALYSIS_VERSION = typeof __ANALYSIS_VERSION__ === 'string' ? __ANALYSIS_VERSION__ : 'dev';

const BATCH = 100;

export interface AnalyseOptions {
  maxFileBytes: number;
  /** Articles per transaction (default 100). */
  batch?: number;
  onProgress?: (progress: { done: number; total: number }) => void;
  stop?: () => boolean;
  /** How an article's text is read (default: from its file). */
  read?: (row: { id: string; path: Buffer; rel: string }) => TextResult;
}

/**
 * A quotation's first words: enough for a line of the people view. The rest
 * is in the article (people-index.ts wholeQuotes); keeping quotations whole
 * took 35 MB at 100,000 articles, a tenth of the index.
 */
export const QUOTE_TEXT_KEPT = 160;

export function keptText(text: string): string {
  if (text.length <= QUOTE_TEXT_KEPT) return text;
  const space = text.lastIndexOf(' ', QUOTE_TEXT_KEPT - 1);
  let cut = space > QUOTE_TEXT_KEPT / 2 ? space : QUOTE_TEXT_KEPT - 1;
  // Never half of a surrogate pair (an emoji): SQLite would store it as U+FFFD.
  if (/[\uD800-\uDBFF]/.test(text[cut - 1]!)) cut--;
  return `${text.slice(0, cut)}…`;
}

/** The store's quotations came from another version of the analysis: every article is analysed again. */
function analysisChanged(db: Db): boolean {
  return readMeta(db, 'analysis') !== ANALYSIS_VERSION;
}

/**
 * The names of the articles analyseStore will read, for loadParsersFor: on a
 * warm start there are none, and the indexing thread never loads Markdown
 * and HTML parsers it has no file for (~8 MB).
 */
export function* namesToAnalyse(db: Db): Generator<string> {
  // A generator, so the statement only starts when read: a started, unfinished one keeps the connection busy.
  const all = analysisChanged(db) ? 1 : 0;
  yield* db.prepare('SELECT rel FROM files WHERE id IS NOT NULL AND (analysed = 0 OR ?)').pluck().iterate(all) as Iterable<string>;
}

/** Analyses the articles not analysed yet; returns how many it analysed. */
export function analyseStore(db: Db, options: AnalyseOptions): number {
  if (analysisChanged(db)) {
    db.transaction(() => {
      db.prepare('UPDATE files SET analysed = 0 WHERE analysed <> 0').run();
      writeMeta(db, 'analysis', ANALYSIS_VERSION);
    })();
  }
  const pending = db.prepare('SELECT n, id, path, rel FROM files WHERE id IS NOT NULL AND analysed = 0 LIMIT ?');
  const total = db.prepare('SELECT count(*) FROM files WHERE id IS NOT NULL AND analysed = 0').pluck().get() as number;
  const clear = db.prepare('DELETE FROM quotes WHERE file = ?');
  const insert = db.prepare('INSERT INTO quotes (file, paragraph, start, end, speaker, person, text) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const done = db.prepare('UPDATE files SET analysed = 1, quotes = ?, figures = ? WHERE n = ?');
  let analysed = 0;
  while (!options.stop?.()) {
    const rows = pending.all(options.batch ?? BATCH) as Array<{ n: number; id: string; path: Buffer; rel: string }>;
    if (rows.length === 0) break;
    // Read and analyse outside the transaction; write in one.
    const results = rows.map((row) => {
      const text = options.read ? options.read(row) : readArticleText(row.path, row.rel, options.maxFileBytes);
      return text.ok ? findHighlights(text.text.paragraphs) : [];
    });
    db.exec('BEGIN IMMEDIATE');
    try {
      rows.forEach((row, i) => {
        const highlights = results[i]!;
        clear.run(row.n);
        let quotes = 0;
        for (const h of highlights) {
          if (h.kind !== 'quote') continue;
          quotes++;
          // Only the people index reads these rows: a quotation nobody is named for is counted, not kept
          // (a quarter of them, ~15 MB at 100,000 articles).
          if (h.speaker) insert.run(row.n, h.paragraph, h.start, h.end, h.speaker, personKey(h.speaker), keptText(h.text));
        }
        done.run(quotes, highlights.length - quotes, row.n);
      });
      db.exec('COMMIT');
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
    analysed += rows.length;
    options.onProgress?.({ done: analysed, total });
  }
  if (analysed > 0) releaseFreePages(db);
  return analysed;
}
