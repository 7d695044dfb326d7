/**
 * The reader's V8 heap settings (src/cli/heap.ts), each case in a process of
 * its own: the settings are per process, and a young generation never
 * shrinks once grown.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_ESM } from '../scripts/esbuild-node.mjs';

let workDir: string;
let script: string;

/**
 * Starts a worker thread with the indexer's limits, as the reader does; while
 * it runs, both threads make garbage that survives a little while, as the
 * folder check and typing do. Prints each thread's young generation (MB).
 */
const CHILD = `
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { favourMemory, heapDefaults, indexerAtFullSpeed } from './heap.mjs';
const churn = \`
  let kept = [];
  for (let i = 0; i < 3e6; i++) {
    kept.push({ i, text: 'row ' + i });
    if (kept.length > 50000) kept = [];
  }
  const young = require('node:v8').getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size / 1024 / 1024;
\`;
const mode = process.argv[2];
if (mode !== 'default') favourMemory();
if (mode === 'command') heapDefaults();
if (mode === 'first-run') indexerAtFullSpeed();
const worker = new Worker(
  churn + 'const { parentPort } = require("node:worker_threads"); parentPort.postMessage(young); parentPort.once("message", () => process.exit(0));',
  { eval: true, resourceLimits: { maxYoungGenerationSizeMb: 8 } },
);
const workerYoung = await new Promise((resolve) => worker.once('message', resolve));
const readerYoung = new Function('require', churn + 'return young;')(createRequire(import.meta.url));
worker.postMessage('done');
await new Promise((resolve) => worker.once('exit', resolve));
process.stdout.write(JSON.stringify({ reader: readerYoung, worker: workerYoung }));
`;

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'broadsheet-heap-'));
  await build({ ...NODE_ESM, entryPoints: ['src/cli/heap.ts'], outfile: path.join(workDir, 'heap.mjs') });
  script = path.join(workDir, 'child.mjs');
  fs.writeFileSync(script, CHILD);
});

afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

const youngGenerationsMb = (mode: string): { reader: number; worker: number } => JSON.parse(execFileSync(process.execPath, [script, mode], { encoding: 'utf8' }));

describe('the reader heap settings', () => {
  it('keep both young generations small, the worker thread started (V8 grows the reader’s to 32 MB here)', () => {
    const byDefault = youngGenerationsMb('default');
    expect(byDefault.reader).toBeGreaterThan(8);
    expect(byDefault.worker).toBe(8);
    const favoured = youngGenerationsMb('reader');
    expect(favoured.reader).toBeLessThanOrEqual(8);
    expect(favoured.worker).toBeLessThan(8);
  });

  it('leave a first run’s indexer V8’s defaults', () => {
    expect(youngGenerationsMb('first-run').worker).toBe(8);
  });

  it('are V8’s defaults for a command other than the reader', () => {
    const command = youngGenerationsMb('command');
    expect(command.reader).toBeGreaterThan(8);
    expect(command.worker).toBe(8);
  });
});
