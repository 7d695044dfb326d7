/**
 * Parsing part of a cold load on a second thread (parse-worker.ts, bundled to
 * dist/archive-parse.js): at 100,000 articles a load is seconds of reading and
 * parsing files one at a time, and the machine has more than one core.
 */
import { Worker } from 'node:worker_threads';
import type { CachedResult } from './cache.js';

export interface ParseRequest {
  root: string;
  maxFileBytes: number;
  /** The walk's raw path bytes (names need not be UTF-8), its relative path and the size it saw. */
  files: Array<{ path: Uint8Array; relPath: string; stats: { size: number } }>;
}

/** The worker's results, in request order; undefined when it could not start or failed (parse here instead). */
export function parseInWorker(workerUrl: URL, request: ParseRequest): Promise<CachedResult[] | undefined> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(workerUrl, { workerData: request });
    } catch {
      resolve(undefined);
      return;
    }
    worker.once('message', (results: CachedResult[]) => resolve(results));
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
}
