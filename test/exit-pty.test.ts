/**
 * Quitting the reader: once the terminal is restored the process is gone
 * within 100 ms, whatever still runs in the background (the folder check of
 * a changed archive, a save waiting for another Broadsheet's lock).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ARTICLES } from './helpers/paths.js';
import { spawnCli } from './helpers/pty.js';
import type { PtySession } from './helpers/pty.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function temp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const LEAVE_ALTERNATE_SCREEN = '\u001b[?1049l';

/** Milliseconds from the terminal being restored (the program leaving the alternate screen) to the process exit. */
function exitLatency(s: PtySession): Promise<{ ms: number; exitCode: number }> {
  return new Promise((resolve, reject) => {
    let restoredAt: number | undefined;
    const poll = setInterval(() => {
      if (restoredAt === undefined && s.output.includes(LEAVE_ALTERNATE_SCREEN)) restoredAt = Date.now();
    }, 1);
    const timeout = setTimeout(() => reject(new Error(`no exit within 15 s; restored: ${restoredAt !== undefined}`)), 15_000);
    void s.exited.then(({ exitCode }) => {
      clearInterval(poll);
      clearTimeout(timeout);
      const exitedAt = Date.now();
      if (restoredAt === undefined && !s.output.includes(LEAVE_ALTERNATE_SCREEN)) reject(new Error('exited without restoring the terminal'));
      resolve({ ms: exitedAt - (restoredAt ?? exitedAt), exitCode });
    });
  });
}

const footer = (lines: string[]): string => lines.at(-2) ?? '';

describe('quitting while work goes on in the background', () => {
  it('q while the folder check of a changed archive runs: gone within 100 ms of the restore', async () => {
    const archive = temp('broadsheet-exit-archive-');
    const cache = temp('broadsheet-exit-cache-');
    const files = 3_000;
    for (let section = 0; section < 10; section++) {
      mkdirSync(join(archive, `s${section}`));
      for (let i = 0; i < files / 10; i++) {
        writeFileSync(join(archive, `s${section}`, `${i}.txt`), `Story ${section}-${i} about the harbour\n\nThe harbour reopened on Monday, officials said, after ${i} days.\n`);
      }
    }
    const env = { BROADSHEET_CACHE_DIR: cache };
    // A first run leaves the list snapshot the next one starts from.
    const first = spawnCli(['--archive', archive], { env });
    cleanups.push(() => first.dispose());
    await first.waitFor((l) => /\d\/3,000/.test(footer(l)), 'the first run');
    first.write('q');
    await first.exited;
    // Every file changed since: the next start draws the snapshot, then checks the whole folder in the background.
    const later = new Date(Date.now() + 60_000);
    for (let section = 0; section < 10; section++) for (let i = 0; i < files / 10; i++) utimesSync(join(archive, `s${section}`, `${i}.txt`), later, later);
    const s = spawnCli(['--archive', archive], { env });
    cleanups.push(() => s.dispose());
    await s.waitFor((l) => /\d\/3,000/.test(footer(l)), 'the list from the snapshot');
    const exit = exitLatency(s);
    s.write('q');
    const { ms, exitCode } = await exit;
    expect(exitCode).toBe(0);
    expect(ms).toBeLessThan(100);
  }, 60_000);

  it("Ctrl-C twice while a save waits for a live Broadsheet's lock: gone within 100 ms of the restore", async () => {
    const configDir = temp('broadsheet-exit-config-');
    writeFileSync(join(configDir, 'config.json'), JSON.stringify({ __internal__: { migrations: { version: '2.0.0' } }, bookmarks: [], settings: {} }));
    const holder = spawn('sleep', ['120'], { stdio: 'ignore' });
    cleanups.push(() => holder.kill('SIGKILL'));
    writeFileSync(join(configDir, 'config.json.lock'), `${holder.pid} ${hostname()} ${Date.now()} 0123456789abcdef`);
    const s = spawnCli(['--archive', ARTICLES, '--no-cache'], { configDir });
    cleanups.push(() => s.dispose());
    await s.waitFor((l) => footer(l).includes('1/18'), 'the list');
    s.write('b');
    await s.waitFor((l) => (l[1] ?? '').startsWith('*'), 'the bookmark mark');
    s.write('\u0003');
    await s.waitForText('Ctrl-C quits without waiting');
    const exit = exitLatency(s);
    s.write('\u0003');
    const { ms, exitCode } = await exit;
    expect(exitCode).toBe(0);
    expect(ms).toBeLessThan(100);
    expect(s.bufferType).toBe('normal');
  });
});
