/**
 * Bringing a snapshot up to date. The reader starts from the list snapshot
 * (snapshot.ts) and meanwhile a worker thread loads the folder as it is now;
 * when that differs, the reader swaps archives. A worker, because at 100,000
 * articles the walk and the cache check take seconds the keyboard should not
 * wait for.
 */
import { Worker } from 'node:worker_threads';
import type { Archive, ArchiveReport, Article } from './article.js';
import type { ArchiveCache } from './cache.js';
import { readArticleText } from './load.js';

export interface RefreshRequest {
  root: string;
  cache: ArchiveCache;
  maxFileBytes: number;
}

export type RefreshReply =
  | { ok: true; articles: Article[]; report: ArchiveReport; files: Array<[string, Buffer | string]> }
  | { ok: false; reason: string };

/**
 * The archive as loaded by the worker at `workerUrl`; rejects when the worker
 * cannot start or fails (the caller then loads on its own thread).
 */
export function refreshInWorker(workerUrl: URL, request: RefreshRequest): Promise<Archive> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const worker = new Worker(workerUrl, { workerData: request });
    // Quitting while the check runs must not wait for it.
    worker.unref();
    worker.once('message', (reply: RefreshReply) => {
      settled = true;
      if (!reply.ok) reject(new Error(reply.reason));
      else resolve(archiveFrom(request, reply));
    });
    worker.once('error', (error) => {
      if (!settled) reject(error);
      settled = true;
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`archive check stopped (exit code ${code})`));
      settled = true;
    });
  });
}

function archiveFrom(request: RefreshRequest, reply: Extract<RefreshReply, { ok: true }>): Archive {
  const files = new Map(reply.files);
  const fileOf = (article: Article): Buffer | string => files.get(article.id) ?? article.path;
  return {
    root: request.root,
    articles: reply.articles,
    byId: new Map(reply.articles.map((a) => [a.id, a])),
    report: reply.report,
    readText: (article) => readArticleText(fileOf(article), article.relPath, request.maxFileBytes),
    fileOf,
  };
}
