/**
 * Resizes in any order (narrower, wider, taller, shorter) leave exactly the
 * frame the reader drew on the screen, nothing of the frame before.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ARTICLES } from './helpers/paths.js';
import { expectScreenMatchesFrame, spawnCli, waitForExit } from './helpers/pty.js';
import type { PtySession } from './helpers/pty.js';

const sessions: PtySession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.dispose();
});

/** Waits for a frame of `rows - 1` rows whose last row (the footer) satisfies `footer`. */
async function frameOf(s: PtySession, rows: number, footer: (row: string) => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const frame = s.frame();
    if (frame && frame.length === rows - 1 && footer(frame.at(-1) ?? '')) return;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}. Last frame:\n${frame?.join('\n')}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

describe('resizing', () => {
  it.each([
    ['narrower and taller', [[110, 11], [102, 34]]],
    ['wider and shorter', [[60, 30], [150, 12]]],
    ['narrower and shorter, then back', [[140, 40], [50, 9], [140, 40]]],
  ] as const)('%s: the screen shows the new frame and nothing of the old', async (_name, sizes) => {
    const [[cols, rows]] = sizes;
    const s = spawnCli(['--archive', ARTICLES, '--no-cache'], { cols, rows });
    sessions.push(s);
    await frameOf(s, rows, (f) => f.includes('1/18'), 'the list');
    // j is answered by Ink: the resizes below are the reader's, not the first frame's.
    s.write('j');
    await frameOf(s, rows, (f) => f.includes('2/18'), 'the second row');
    for (const view of ['list', 'help'] as const) {
      if (view === 'help') s.write('?');
      for (const [nextCols, nextRows] of [...sizes.slice(1), sizes[0]]) {
        s.resize(nextCols, nextRows);
        await frameOf(s, nextRows, (f) => (view === 'help' ? f.includes('Esc close') : f.includes('2/18')), `the ${view} at ${nextCols}x${nextRows}`);
        await expectScreenMatchesFrame(s, `the ${view} at ${nextCols}x${nextRows}`);
      }
    }
    s.write('\u0003');
    expect((await waitForExit(s)).exitCode).toBe(0);
  });

  it('right after the first frame (drawn before Ink loads), Ink draws the new size on a clean screen', async () => {
    const s = spawnCli(['--archive', ARTICLES, '--no-cache'], { cols: 110, rows: 11 });
    sessions.push(s);
    await frameOf(s, 11, (f) => f.includes('1/18'), 'the first frame');
    s.resize(102, 34);
    await frameOf(s, 34, (f) => f.includes('1/18'), 'the list at 102x34');
    await expectScreenMatchesFrame(s, 'the list at 102x34');
    s.write('\u0003');
    expect((await waitForExit(s)).exitCode).toBe(0);
  });
});
