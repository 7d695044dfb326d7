/**
 * Keys at the terminal boundary: no byte sequence on stdin ends the reader,
 * and only the Ctrl keys the help lists do anything. The built CLI in a
 * pseudo-terminal, read back through a headless xterm.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ARTICLES } from './helpers/paths.js';
import { spawnCli, waitForExit } from './helpers/pty.js';
import type { PtySession } from './helpers/pty.js';

const sessions: PtySession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.dispose();
});

function start(): PtySession {
  const session = spawnCli(['--archive', ARTICLES, '--no-cache'], { cols: 100, rows: 24 });
  sessions.push(session);
  return session;
}

/** The list's position counter in the footer, e.g. `3/16`. */
const position = (lines: string[]): string => /(\d+)\/\d+\s*$/.exec(lines[22] ?? '')?.[1] ?? '';

describe('escape sequences Ink 6.8 does not name', () => {
  // Ctrl+F1..F4 as xterm and GNOME Terminal send them, and CSI sequences with no key name
  // whose modifier field has the Ctrl bit: each killed the reader from Ink's use-input.
  const sequences = ['\u001b[1;5P', '\u001b[1;5Q', '\u001b[1;5R', '\u001b[1;5S', '\u001b[6r', '\u001b[5T', '\u001b[24l', '\u001b[2r', '\u001b[99;5u', '\u001b[200~'];

  it.each(sequences.map((s) => [JSON.stringify(s), s]))('%s is ignored: the reader keeps answering keys and quits with 0', async (_name, sequence) => {
    const s = start();
    await s.waitFor((l) => position(l) === '1', 'the list');
    s.write(sequence);
    s.write('j');
    await s.waitFor((l) => position(l) === '2', 'j to move after the sequence');
    // Nothing was typed or shown by the sequence itself.
    expect(s.screen().join('\n')).not.toMatch(/\[\d|does nothing/);
    s.write('q');
    const exit = await waitForExit(s);
    expect(exit.exitCode).toBe(0);
    expect(s.bufferType).toBe('normal');
  });
});

describe('in the search line', () => {
  it('an unnamed sequence types nothing (Ink would type "[2r")', async () => {
    const s = start();
    await s.waitFor((l) => position(l) === '1', 'the list');
    s.write('/');
    await s.waitFor((l) => (l[22] ?? '').startsWith(' / '), 'the search line');
    s.write('\u001b[2r');
    s.write('x');
    const lines = await s.waitFor((l) => /^ \/ x/.test(l[22] ?? ''), 'x typed');
    expect(lines[22]).not.toContain('[2r');
    s.write('\u0003');
    expect((await waitForExit(s)).exitCode).toBe(0);
  });
});
