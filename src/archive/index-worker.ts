/**
 * Worker entry (bundled to dist/archive-index.js): brings the archive's
 * store up to date with the folder, then analyses what is new, on its own
 * connection, and tells the reader as batches commit. See background.ts.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { analyseStore, namesToAnalyse } from './analyse.js';
import { LIST_FIRST_MAX_BYTES, updateArchive } from './indexer.js';
import { loadParsersFor } from './formats.js';
import { isCorruption, openStore, releaseFreePages, unlessBusy } from './store.js';
import { mergeSegments } from '../search/fts-index.js';
import type { IndexRequest, IndexEvent } from './background.js';

const request = workerData as IndexRequest;
const post = (event: IndexEvent): void => parentPort?.postMessage(event);

/** Files read in one update above which the full-text index is merged after it. */
const MANY_READ = 1_000;

/** Batches commit every few hundred ms at most; the reader re-reads its list at most this often. */
const CHANGED_EVERY_MS = 500;

/** Below the reader; the thread cannot raise it back, so every later step of this update runs at it too. */
const BACKGROUND_NICE = 10;

/**
 * Behind a list already drawn, the work yields to the reader: this thread's
 * scheduling priority is lowered (nice 10), so on a busy machine the reader's
 * keys and frames go first (and other busy programs' too: it is background
 * work). A warm start's folder check alone is ~1 s of CPU at 100,000
 * articles, on 2 cores beside the reader's start. A first run's list waits
 * for this work: it yields once the list is complete. Linux names the thread
 * in /proc/thread-self; elsewhere the thread keeps its priority.
 */
function yieldToTheReader(): void {
  try {
    setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), BACKGROUND_NICE);
  } catch {
    // Not Linux, or not allowed: the work still runs, at the reader's priority.
  }
}

async function run(): Promise<void> {
  if (request.behindTheList) yieldToTheReader();
  const { db } = openStore(request.storePath);
  try {
    let lastChanged = 0;
    const changed = (what: 'catalogue' | 'people', force = false): void => {
      const now = Date.now();
      if (!force && now - lastChanged < CHANGED_EVERY_MS) return;
      lastChanged = now;
      post({ type: 'changed', what });
    };
    const summary = await updateArchive(db, request.root, {
      maxFileBytes: request.maxFileBytes,
      listFirst: LIST_FIRST_MAX_BYTES,
      onProgress: (progress) => {
        post({ type: 'progress', ...progress });
        // The whole list is drawn as soon as it is listed.
        const listed = progress.phase === 'listing' && progress.done === progress.total;
        changed('catalogue', listed);
        if (listed) yieldToTheReader();
      },
    });
    yieldToTheReader();
    post({ type: 'updated', summary });
    if (summary.read > 0 || summary.removed > 0) changed('catalogue', true);
    // Many files read (a first run, or every file again for a new parser) leave the full-text index in
    // pieces, larger on disk (~2% at 10,000 articles) and slower per keystroke after a re-read: merged
    // once the text is in, before the quotations are looked for (0.3 s at 10,000, 2.5-6 s at 100,000).
    if (summary.read >= Math.max(MANY_READ, summary.articles / 10)) {
      try {
        unlessBusy(() => mergeSegments(db));
        releaseFreePages(db);
      } catch {
        // Housekeeping (a full disk, another writer): the index works in pieces, and the quotations still come.
      }
    }
    await loadParsersFor(namesToAnalyse(db));
    const analysed = analyseStore(db, {
      maxFileBytes: request.maxFileBytes,
      onProgress: (progress) => {
        post({ type: 'progress', phase: 'people', ...progress });
        changed('people');
      },
    });
    changed('people', true);
    // Done writing: the WAL (up to 4 MB, most of a small archive's index) is folded in and emptied now, not
    // when the reader quits. It waits for readers to move on, and gives up quietly if another writer holds on.
    if (summary.read > 0 || analysed > 0) db.pragma('wal_checkpoint(TRUNCATE)');
    post({ type: 'done' });
  } finally {
    db.close();
  }
}

run().catch((error: unknown) => {
  post({ type: 'failed', message: error instanceof Error ? error.message : String(error), corrupt: isCorruption(error) });
});
