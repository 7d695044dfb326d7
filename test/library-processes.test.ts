// Real processes sharing one library file: concurrent writers and a writer killed mid-write.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { build } from 'esbuild';
import { NODE_ESM } from '../scripts/esbuild-node.mjs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openLibrary } from '../src/library/index.js';

const writerScript = path.resolve('test/fixtures/library/writer.mjs');
const pausedWriterScript = path.resolve('test/fixtures/library/paused-writer.mjs');
let workDir: string;
let bundle: string;
let configDir: string;

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'broadsheet-library-procs-'));
  bundle = path.join(workDir, 'library.mjs');
  // The children run the module as shipped: bundled.
  await build({
    entryPoints: ['src/library/index.ts'],
    outfile: bundle,
    ...NODE_ESM,
  });
});
afterAll(() => {
  fs.rmSync(workDir, { recursive: true, force: true });
});
beforeEach(() => {
  configDir = fs.mkdtempSync(path.join(workDir, 'config-'));
});

function startWriter(prefix: string, count: number, startFile: string): ChildProcess {
  return spawn(process.execPath, [writerScript, bundle, configDir, prefix, String(count), startFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function finished(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
}

/** Resolves once the child has reported `count` completed writes. */
function afterWrites(child: ChildProcess, count: number): Promise<string[]> {
  const written: string[] = [];
  let partial = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      written.push(...lines);
      if (written.length >= count) resolve(written);
    });
    child.on('exit', () => reject(new Error(`writer exited after ${written.length} writes`)));
  });
}

describe('several Broadsheets at once', () => {
  it('keeps every bookmark made by two processes writing at the same time', async () => {
    const perWriter = 150;
    const startFile = path.join(configDir, 'go');
    const writers = [startWriter('left', perWriter, startFile), startWriter('right', perWriter, startFile)];
    const exits = writers.map(finished);
    fs.writeFileSync(startFile, '');
    for (const exit of await Promise.all(exits)) expect(exit).toEqual({ code: 0, signal: null, stderr: '' });

    const { library, warnings } = openLibrary({ configDir });
    expect(warnings).toEqual([]);
    const ids = new Set(library.bookmarks().map((bookmark) => bookmark.id));
    expect(ids.size).toBe(2 * perWriter);
    for (let i = 0; i < perWriter; i += 1) {
      expect(ids.has(`left-${i}`) && ids.has(`right-${i}`)).toBe(true);
      expect(library.isRead(`left-${i}`) && library.isRead(`right-${i}`)).toBe(true);
    }
    expect(fs.existsSync(path.join(configDir, 'config.json.lock'))).toBe(false);
  }, 60_000);

  it('never leaves a broken file when a writer is killed mid-write, and keeps every completed write', async () => {
    for (let round = 0; round < 3; round += 1) {
      const startFile = path.join(configDir, `go-${round}`);
      fs.writeFileSync(startFile, '');
      const writer = startWriter(`round${round}`, -1, startFile);
      const exit = finished(writer);
      const completed = await afterWrites(writer, 40 + round * 17);
      writer.kill('SIGKILL');
      expect((await exit).signal).toBe('SIGKILL');

      const text = fs.readFileSync(path.join(configDir, 'config.json'), 'utf8');
      expect(() => JSON.parse(text)).not.toThrow();
      // The lock it may have died holding does not block the next Broadsheet.
      const { library, warnings } = openLibrary({ configDir, lock: { timeoutMs: 5_000 } });
      expect(warnings).toEqual([]);
      for (const id of completed) expect(library.isBookmarked(id)).toBe(true);
      library.markRead(`after-round-${round}`);
      expect(library.isRead(`after-round-${round}`)).toBe(true);
    }
    expect(fs.readdirSync(configDir).filter((name) => name.includes('corrupt'))).toEqual([]);
    // The temp files a killed writer may leave are gone once the next one has started.
    expect(fs.readdirSync(configDir).filter((name) => name.includes('.tmp-') || name.includes('.lock'))).toEqual([]);
  }, 60_000);

  it('a writer stopped inside its change keeps its lock; the next writer waits for it, and every acknowledged bookmark survives', async () => {
    const paused = spawn(process.execPath, [pausedWriterScript, bundle, configDir, 'paused-0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const pausedExit = finished(paused);
    await afterWrites(paused, 1); // "inside": it holds the lock and has read the file
    paused.kill('SIGSTOP');
    const lockFile = path.join(configDir, 'config.json.lock');
    const heldBy = fs.readFileSync(lockFile, 'utf8');
    expect(heldBy.split(' ')[0]).toBe(String(paused.pid));

    const startFile = path.join(configDir, 'go');
    fs.writeFileSync(startFile, '');
    const writer = startWriter('after', 10, startFile);
    const writerExit = finished(writer);
    const acknowledged: string[] = [];
    writer.stdout?.on('data', (chunk: Buffer) => acknowledged.push(...chunk.toString().split('\n').filter(Boolean)));
    // The property is about time passing: a lock used to be taken over after 10 s, whether its holder lived or not.
    await new Promise((resolve) => setTimeout(resolve, 11_000));
    expect(acknowledged).toEqual([]);
    expect(fs.readFileSync(lockFile, 'utf8')).toBe(heldBy);

    paused.kill('SIGCONT');
    expect(await pausedExit).toEqual({ code: 0, signal: null, stderr: '' });
    expect(await writerExit).toEqual({ code: 0, signal: null, stderr: '' });
    expect(acknowledged).toHaveLength(10);
    const ids = new Set(openLibrary({ configDir }).library.bookmarks().map((bookmark) => bookmark.id));
    for (const id of ['paused-0', ...acknowledged]) expect(ids.has(id), id).toBe(true);
  }, 60_000);
});
