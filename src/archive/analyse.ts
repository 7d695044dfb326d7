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
import { readMeta, writeMeta } from './store.js';

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

/** Analyses the articles not analysed yet; returns how many it analysed. */
export function analyseStore(db: Db, options: AnalyseOptions): number {
  if (readMeta(db, 'analysis') !== ANALYSIS_VERSION) {
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
          insert.run(row.n, h.paragraph, h.start, h.end, h.speaker ?? null, h.speaker ? personKey(h.speaker) : null, h.text);
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
  return analysed;
}
