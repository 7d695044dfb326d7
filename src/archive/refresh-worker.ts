/**
 * Worker entry (bundled to dist/archive-refresh.js): checks the folder against
 * the snapshot's stamp and answers `unchanged` when they match; otherwise loads
 * the archive as the CLI does (walk, validate against the cache, parse what
 * changed, rewrite the cache and the list snapshot) off the reader's thread,
 * and posts the headers back. See refresh.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadArchive } from './load.js';
import { folderStamp } from './stamp.js';
import { walkArchive } from './walk.js';
import type { RefreshRequest, RefreshReply } from './refresh.js';

const request = workerData as RefreshRequest;
let reply: RefreshReply;
try {
  if (request.stamp !== undefined && unchanged(request)) {
    reply = { ok: true, unchanged: true };
  } else {
    // Rewrites the snapshot whatever the header cache says: its stamp no longer matches the folder.
    const archive = await loadArchive(request.root, { cache: request.cache, snapshot: 'always', maxFileBytes: request.maxFileBytes });
    const files: Array<[string, Buffer | string]> = [];
    for (const article of archive.articles) {
      const path = archive.fileOf(article);
      if (path !== article.path) files.push([article.id, path]);
    }
    reply = { ok: true, articles: archive.articles, report: archive.report, files };
  }
} catch (error) {
  reply = { ok: false, reason: String((error as Error)?.message ?? error) };
}
parentPort?.postMessage(reply);

/** The folder as the snapshot saw it: a walk and a hash, without the header cache (see stamp.ts). */
function unchanged({ root, maxFileBytes, stamp }: RefreshRequest): boolean {
  try {
    const walk = walkArchive(root);
    return folderStamp(walk.files, walk.problems, maxFileBytes) === stamp;
  } catch {
    return false; // the full load says what is wrong
  }
}
