/**
 * Ctrl-Z in the reader, as in less and mutt: the terminal goes back to the
 * shell as it was (normal screen, cursor shown), the process stops until the
 * shell's `fg`, and then the same screen comes back and answers keys. Run
 * under an interactive bash in a pseudo-terminal, so there is real job
 * control (a process the shell did not start as a job is not stopped by
 * SIGTSTP at all: its process group is orphaned).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, expectScreenMatchesFrame, spawnCli, waitForExit } from './helpers/pty.js';
import type { PtySession } from './helpers/pty.js';
import { ARTICLES } from './helpers/paths.js';
import { findProgram } from '../src/cli/programs.js';
import { tempDir } from './helpers/tmp.js';

const bash = findProgram('bash');
const dir = tempDir('broadsheet-suspend-');
const sessions: PtySession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.dispose();
});

/** The state letter of a process (`T` when stopped), from /proc. */
function processState(pid: number): string {
  return /\) (\w)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1] ?? '?';
}

const shellQuote = (word: string): string => `'${word.replaceAll("'", `'\\''`)}'`;

describe.skipIf(!bash)('Ctrl-Z', () => {
  it('gives the shell its terminal back, stops, and comes back to the same screen on fg', async () => {
    const s = spawnCli(['--norc', '--noprofile', '-i'], {
      program: bash!,
      cols: 100,
      rows: 24,
      env: { PS1: 'shell$ ', HISTFILE: join(dir, 'history'), BROADSHEET_CACHE_DIR: join(dir, 'cache') },
    });
    sessions.push(s);
    await s.waitForText('shell$');
    s.write(`${shellQuote(process.execPath)} ${shellQuote(CLI)} --archive ${shellQuote(ARTICLES)}\r`);
    await s.waitFor((l) => l.some((line) => line.includes('Broadsheet · articles')) && l.some((line) => line.includes(' 1/')), 'the reader');
    s.write('j');
    s.write('\r');
    await s.waitFor((l) => l.some((line) => line.includes('Esc back · n/p next/prev')), 'an article');
    s.write('jj');
    const before = await s.waitFor((l) => l.some((line) => / 3-\d+\/\d+ /.test(line)), 'scrolled two lines');
    expect(s.bufferType).toBe('alternate');
    expect(s.cursorVisible).toBe(false);

    s.write('\u001a');
    // The shell's screen, as it was: the normal buffer, the cursor shown, bash saying the job stopped.
    await s.waitFor((l) => l.some((line) => /Stopped/.test(line)) && l.some((line) => line.startsWith('shell$')), 'the shell, the job stopped');
    expect(s.bufferType).toBe('normal');
    expect(s.cursorVisible).toBe(true);
    s.write('jobs -p\r');
    const listed = await s.waitFor((l) => l.some((line) => /^\d+$/.test(line.trim())), 'the stopped job\'s pid');
    const pid = Number(listed.find((line) => /^\d+$/.test(line.trim()))!.trim());
    expect(processState(pid)).toBe('T');

    s.write('fg\r');
    // The same screen: the article where it was, on the alternate screen, cursor hidden, drawn whole.
    await s.waitFor((l) => l.join('\n') === before.join('\n'), 'the same screen back');
    expect(s.bufferType).toBe('alternate');
    expect(s.cursorVisible).toBe(false);
    expect(processState(pid)).not.toBe('T');
    await expectScreenMatchesFrame(s, 'after fg');
    // Keys work: one more line down, then back to the list and out.
    s.write('j');
    await s.waitFor((l) => l.join('\n') !== before.join('\n'), 'the article scrolled');
    s.write('q');
    await s.waitFor((l) => l.some((line) => line.includes('Broadsheet · articles')), 'the list');
    s.write('q');
    await s.waitFor((l) => l.some((line) => line.startsWith('shell$')) && s.bufferType === 'normal', 'the shell again');
    expect(s.cursorVisible).toBe(true);
    s.write('exit\r');
    await waitForExit(s);
  }, 60_000);
});
