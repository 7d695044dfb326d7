/**
 * The reader is never frozen by its library: a lock held by another live
 * Broadsheet never stops keys or Ctrl-C (the save waits off the input path,
 * then goes through), and a save that fails says so on screen and the mark
 * goes back. The built CLI in a pseudo-terminal.
 */
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ARTICLES } from './helpers/paths.js';
import { spawnCli, waitForExit } from './helpers/pty.js';
import type { PtySession } from './helpers/pty.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

const LIBRARY = JSON.stringify({ __internal__: { migrations: { version: '2.0.0' } }, bookmarks: [], read: [], positions: [], settings: {} });

function configFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-frozen-'));
  writeFileSync(join(dir, 'config.json'), LIBRARY);
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function reader(configDir: string): PtySession {
  const session = spawnCli(['--archive', ARTICLES, '--no-cache'], { cols: 100, rows: 24, configDir });
  cleanups.push(() => session.dispose());
  return session;
}

/** Another Broadsheet holding the library's lock: a live process named in the lock file. */
function holdLock(configDir: string): ChildProcess {
  const holder = spawn('sleep', ['120'], { stdio: 'ignore' });
  cleanups.push(() => holder.kill('SIGKILL'));
  writeFileSync(join(configDir, 'config.json.lock'), `${holder.pid} ${hostname()} ${Date.now()} 0123456789abcdef`);
  return holder;
}

const footer = (lines: string[]): string => lines[22] ?? '';
const position = (lines: string[]): string => /(\d+)\/\d+\s*$/.exec(footer(lines))?.[1] ?? '';
/** The selected (first) row's marks: bookmark then unread. */
const marks = (lines: string[]): string => (lines[1] ?? '').slice(0, 2);

describe('a lock held by another live Broadsheet', () => {
  it('never holds up keys: the bookmark waits for the lock, and is saved once it is free', async () => {
    const configDir = configFolder();
    const holder = holdLock(configDir);
    const s = reader(configDir);
    await s.waitFor((l) => position(l) === '1', 'the list');
    s.write('b');
    await s.waitFor((l) => marks(l) === '*N', 'the bookmark mark');
    const saved = (): boolean => (JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8')) as { bookmarks: unknown[] }).bookmarks.length === 1;
    // Keys are answered while the save waits (the lock wait froze the UI until it gave up, ~10 s, with 'Not saved'):
    // j moves the selection while the lock is still held and the save has neither landed nor failed.
    s.write('j');
    const moved = await s.waitFor((l) => position(l) === '2', 'j answered while the save waits');
    expect(footer(moved)).not.toContain('Not saved');
    expect(saved()).toBe(false);
    await s.waitForText('waiting for another Broadsheet (process');
    // Its holder gone, the lock is taken over and the bookmark saved.
    holder.kill('SIGKILL');
    await s.waitFor(() => saved(), 'the bookmark in the library file');
    s.write('q');
    expect((await waitForExit(s)).exitCode).toBe(0);
  });
});

describe('a library file that cannot be written', () => {
  /** config.json that cannot be replaced: immutable (root ignores permissions), else a read-only folder. */
  function unwritable(configDir: string): void {
    if (process.getuid?.() === 0) {
      execFileSync('chattr', ['+i', join(configDir, 'config.json')]);
      cleanups.push(() => execFileSync('chattr', ['-i', join(configDir, 'config.json')]));
    } else {
      chmodSync(configDir, 0o555);
      cleanups.push(() => chmodSync(configDir, 0o755));
    }
  }

  it('a bookmark that cannot be saved says so, and the mark goes back; read marks, kept in a file of their own, still work', async () => {
    const configDir = configFolder();
    unwritable(configDir);
    const s = reader(configDir);
    await s.waitFor((l) => position(l) === '1', 'the list');
    expect(marks(s.screen())).toBe(' N');
    s.write('b');
    await s.waitFor((l) => /Not saved: .*permission denied/.test(footer(l)) && marks(l) === ' N', 'the failed bookmark shown, and its mark gone');
    // It failed on the file, not after waiting for a lock nobody holds.
    expect(s.output).not.toContain('waiting for');
    s.write('u');
    await s.waitFor((l) => marks(l) === '  ' && footer(l).includes('Marked as read'), 'marked read');
    s.write('j');
    await s.waitFor((l) => position(l) === '2', 'keys still answered');
    s.write('q');
    expect((await waitForExit(s)).exitCode).toBe(0);
  });
});
