/**
 * Worker entry (bundled to dist/archive-refresh.js): loads the archive as the
 * CLI does (walk, validate against the cache, parse what changed, rewrite the
 * cache and the list snapshot) off the reader's thread, and posts the headers
 * back. See refresh.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadArchive } from './load.js';
import type { RefreshRequest, RefreshReply } from './refresh.js';

const request = workerData as RefreshRequest;
let reply: RefreshReply;
try {
  const archive = await loadArchive(request.root, { cache: request.cache, snapshot: 'if-changed', maxFileBytes: request.maxFileBytes });
  const files: Array<[string, Buffer | string]> = [];
  for (const article of archive.articles) {
    const path = archive.fileOf(article);
    if (path !== article.path) files.push([article.id, path]);
  }
  reply = { ok: true, articles: archive.articles, report: archive.report, files };
} catch (error) {
  reply = { ok: false, reason: String((error as Error)?.message ?? error) };
}
parentPort?.postMessage(reply);
