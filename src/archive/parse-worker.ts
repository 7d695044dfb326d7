/**
 * Worker entry (bundled to dist/archive-parse.js): parses the files it is
 * given exactly as the loading thread would (loadResult) and posts the results
 * back in order. See parse-worker-client.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadResult } from './load.js';
import { loadParsersFor } from './formats.js';
import type { ParseRequest } from './parse-worker-client.js';
import { sanitizeLine } from '../sanitize/index.js';

const { root, maxFileBytes, files } = workerData as ParseRequest;
await loadParsersFor(files.map((file) => file.relPath));
const results = files.map(({ path, relPath, stats }) =>
  // Structured cloning turns the Buffer into a plain Uint8Array: a Buffer view of the same bytes.
  loadResult({ path: Buffer.from(path.buffer, path.byteOffset, path.byteLength), relPath, stats }, sanitizeLine(relPath), root, maxFileBytes),
);
parentPort?.postMessage(results);
