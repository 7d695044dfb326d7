/**
 * The reader's side of the indexer: a worker thread (index-worker.ts) that
 * updates the store behind the list, and its events. When no worker can run
 * (an unusual install, or a store that lives in this thread's memory) the
 * same work runs here, after the first frame, and says so.
 */
import { Worker } from 'node:worker_threads';
import { analyseStore } from './analyse.js';
import { LIST_FIRST_MAX_BYTES, updateArchive, type UpdateSummary } from './indexer.js';
import type { Db } from './store.js';

export interface IndexRequest {
  root: string;
  storePath: string;
  maxFileBytes: number;
  /** The reader already lists the archive: the work yields to it (index-worker.ts). A first run's list waits for the work instead. */
  behindTheList?: boolean;
}

export type IndexEvent =
  /** listing and indexing: see UpdateProgress; people: finding the quotations. */
  | { type: 'progress'; phase: 'listing' | 'indexing' | 'people'; done: number; total: number }
  /** Something committed: the catalogue (re-read the list) or the quotations (re-read the people index). */
  | { type: 'changed'; what: 'catalogue' | 'people' }
  /** The catalogue is up to date with the folder. */
  | { type: 'updated'; summary: UpdateSummary }
  | { type: 'done' }
  /** Something the user should know (the work runs on this thread, and why). */
  | { type: 'notice'; message: string }
  | { type: 'failed'; message: string; corrupt?: boolean };

export interface ArchiveUpdates {
  /** Starts the work (once) and reports to `listener`; returns the unsubscribe. */
  subscribe(listener: (event: IndexEvent) => void): () => void;
  /** Stops the work: quitting never waits for it. */
  stop(): void;
}

/** A small young generation: the walk makes short-lived garbage fast, and V8's default holds on to RSS for it. */
const YOUNG_GENERATION_MB = 8;

/**
 * Updates on a worker thread, started at once: on a first run it reads the
 * folder while this thread loads the interface and draws (the list was
 * complete ~100 ms sooner at 2,225 articles). What it says before the reader
 * subscribes is kept for it. Falls back to `fallback` (on subscribe) when
 * the worker cannot start.
 */
export function updateInWorker(workerUrl: URL, request: IndexRequest, fallback: () => ArchiveUpdates): ArchiveUpdates {
  const listeners = new Set<(event: IndexEvent) => void>();
  let early: IndexEvent[] | undefined = [];
  let worker: Worker | undefined;
  let replacement: ArchiveUpdates | undefined;
  let finished = false;
  const emit = (event: IndexEvent): void => {
    if (early) early.push(event);
    else for (const listener of listeners) listener(event);
  };
  try {
    worker = new Worker(workerUrl, { workerData: request, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    // Quitting must not wait for it.
    worker.unref();
    worker.on('message', (event: IndexEvent) => {
      if (event.type === 'done' || event.type === 'failed') finished = true;
      emit(event);
    });
    worker.once('error', (error) => {
      if (finished) return;
      finished = true;
      emit({ type: 'failed', message: error.message });
    });
    worker.once('exit', (code) => {
      if (finished || code === 0) return;
      finished = true;
      emit({ type: 'failed', message: `the indexer stopped (exit code ${code})` });
    });
  } catch {
    worker = undefined;
  }
  return {
    subscribe(listener) {
      listeners.add(listener);
      if (early) {
        const kept = early;
        early = undefined;
        for (const event of kept) listener(event);
      }
      if (!worker && !replacement && !finished) {
        replacement = fallback();
        replacement.subscribe(emit);
      }
      return () => listeners.delete(listener);
    },
    stop() {
      finished = true;
      void worker?.terminate();
      replacement?.stop();
    },
  };
}

/**
 * The reader parses what it opens on its own thread, and starts with only the
 * parsers of the formats its catalogue holds. Files being read may be of any
 * format: from the first news of them (rows listed or indexed), or an update
 * after which `covered` says the catalogue holds formats not loaded (rows
 * another process added), the events wait until `load` (every parser,
 * ~100 ms) is done, so the list never shows an article whose parser is not there.
 */
export function parsersFirst(updates: ArchiveUpdates, load: () => Promise<void>, covered: () => boolean): ArchiveUpdates {
  return {
    subscribe(listener) {
      let held: IndexEvent[] | undefined;
      let ready = false;
      let subscribed = true;
      const unsubscribe = updates.subscribe((event) => {
        if (ready) return listener(event);
        if (held) return void held.push(event);
        if (!bringsRows(event) && (event.type !== 'updated' || covered())) return listener(event);
        held = [event];
        void load()
          .catch(() => {})
          .then(() => {
            ready = true;
            const waiting = held!;
            held = undefined;
            while (subscribed && waiting.length > 0) listener(waiting.shift()!);
          });
      });
      return () => {
        subscribed = false;
        unsubscribe();
      };
    },
    stop: () => updates.stop(),
  };
}

function bringsRows(event: IndexEvent): boolean {
  return (event.type === 'progress' && event.phase !== 'people') || (event.type === 'changed' && event.what === 'catalogue');
}

/** Time on this thread per slice of the inline fallback, between keys and frames. */
const SLICE_MS = 40;

/**
 * The same updates on this thread, for a store in memory: the whole
 * catalogue update at once (it cannot be cut into slices: one walk), then
 * the analysis in slices.
 */
export function updateInline(db: Db, root: string, maxFileBytes: number, notice?: string): ArchiveUpdates {
  const listeners = new Set<(event: IndexEvent) => void>();
  let started = false;
  let stopped = false;
  const emit = (event: IndexEvent): void => {
    for (const listener of listeners) listener(event);
  };
  const run = async (): Promise<void> => {
    try {
      const summary = await updateArchive(db, root, { maxFileBytes, listFirst: LIST_FIRST_MAX_BYTES, onProgress: (progress) => emit({ type: 'progress', ...progress }) });
      emit({ type: 'updated', summary });
      emit({ type: 'changed', what: 'catalogue' });
      const slice = (): void => {
        if (stopped) return;
        const until = performance.now() + SLICE_MS;
        analyseStore(db, {
          maxFileBytes,
          batch: 10,
          stop: () => performance.now() > until,
          onProgress: (progress) => emit({ type: 'progress', phase: 'people', ...progress }),
        });
        const left = db.prepare('SELECT count(*) FROM files WHERE id IS NOT NULL AND analysed = 0').pluck().get() as number;
        if (left > 0) setTimeout(slice, 10);
        else {
          emit({ type: 'changed', what: 'people' });
          emit({ type: 'done' });
        }
      };
      setTimeout(slice, 10);
    } catch (error) {
      emit({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };
  return {
    subscribe(listener) {
      listeners.add(listener);
      if (!started) {
        started = true;
        if (notice) queueMicrotask(() => emit({ type: 'notice', message: notice }));
        setTimeout(() => void run(), 0);
      }
      return () => listeners.delete(listener);
    },
    stop() {
      stopped = true;
    },
  };
}
