/**
 * Messages between the reader and the search worker (worker.ts). The worker
 * asks for articles a batch at a time (`more`), so the reader only ever
 * copies a few hundred headers per turn and the worker never queues them all.
 */
import type { SearchHeader, SearchOutcome } from './types.js';

/** `workerData`: what the worker needs before the first message. */
export interface WorkerSetup {
  /** The archive's file size limit, so the worker skips what the archive skipped. */
  maxFileBytes?: number;
}

export interface WorkerArticle extends SearchHeader {
  relPath: string;
  /** `archive.fileOf(article)`: a name that is not UTF-8 arrives as bytes. */
  file: Uint8Array | string;
}

export type ToWorker =
  | { type: 'articles'; articles: WorkerArticle[] }
  /** Every article has been sent: finish the index. */
  | { type: 'done' }
  | { type: 'search'; id: number; query: string; limit: number };

export type FromWorker =
  | { type: 'more' }
  | { type: 'ready' }
  | { type: 'outcome'; id: number; outcome: SearchOutcome };
