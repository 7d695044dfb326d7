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
import { loadParsersFor } from './formats.js';

const YOUNG_GENERATION_MB = 8;

export interface RefreshRequest {
  root: string;
  cache: ArchiveCache;
  maxFileBytes: number;
  /** The snapshot's folder stamp: when the folder still matches it, the worker answers `unchanged`. */
  stamp?: string;
}

export interface LoadedReply {
  ok: true;
  articles: Article[];
  report: ArchiveReport;
  files: Array<[string, Buffer | string]>;
}

export type RefreshReply = LoadedReply | { ok: true; unchanged: true } | { ok: false; reason: string };

/**
 * The archive as loaded by the worker at `workerUrl`, or `current` itself when
 * the folder still matches its stamp; rejects when the worker cannot start or
 * fails (the caller then loads on its own thread).
 */
export function refreshInWorker(workerUrl: URL, request: RefreshRequest, current?: Archive): Promise<Archive> {
  return new Promise((resolve, reject) => {
    let settled = false;
    // A small young generation: the walk makes short-lived garbage fast, and V8's default holds on to RSS for it.
    const worker = new Worker(workerUrl, { workerData: request, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    // Quitting while the check runs must not wait for it.
    worker.unref();
    worker.once('message', (reply: RefreshReply) => {
      settled = true;
      if (!reply.ok) reject(new Error(reply.reason));
      else if ('unchanged' in reply) {
        if (current) resolve(current);
        else reject(new Error('the folder is unchanged, but there is no archive to keep'));
      } else {
        // This thread reads the new archive's texts: its formats' parsers first.
        loadParsersFor(reply.articles.map((a) => a.relPath)).then(() => resolve(archiveFrom(request, reply)), reject);
      }
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

function archiveFrom(request: RefreshRequest, reply: LoadedReply): Archive {
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
