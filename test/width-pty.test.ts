/**
 * Every frame of the reader, over articles in Devanagari, Tamil, Bengali,
 * Kannada, Thai, Hangul jamo, Hangul, CJK and emoji, is compared with the
 * screen @xterm/headless shows: no row wraps, no row moves, the header stays
 * on top and the footer is drawn once. And `show --width N` prints no line
 * wider than N columns as the terminal draws it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import xterm from '@xterm/headless';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from './helpers/paths.js';
import { expectScreenMatchesFrame, spawnCli, waitForExit } from './helpers/pty.js';
import type { PtySession } from './helpers/pty.js';
import { SCRIPT_SAMPLES, scriptArticles } from './helpers/scripts.js';

let root = '';
const articles = scriptArticles();
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'broadsheet-scripts-'));
  for (const article of articles) writeFileSync(join(root, article.name), article.text);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const sessions: PtySession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.dispose();
});

/** Waits for a frame whose last row (the footer) satisfies `footer`. */
async function frameWith(s: PtySession, footer: (row: string) => boolean, what: string): Promise<string[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const frame = s.frame();
    if (frame && footer(frame.at(-1) ?? '')) return frame;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}. Last frame:\n${frame?.join('\n')}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

describe('frames in every script', () => {
  it('the list, each article, the search line and resizes draw exactly what the frame holds', async () => {
    const total = articles.length;
    const s = spawnCli(['--archive', root], { cols: 60, rows: 16 });
    sessions.push(s);
    await frameWith(s, (f) => f.endsWith(` 1/${total}`), 'the list');
    await expectScreenMatchesFrame(s, 'the list');
    for (let i = 1; i <= total; i++) {
      s.write('\r');
      await frameWith(s, (f) => f.includes('Esc back'), `article ${i}`);
      await expectScreenMatchesFrame(s, `article ${i}`);
      s.write(' ');
      await frameWith(s, (f) => f.includes('Esc back') && !/ Top $| Top$/.test(f), `article ${i}, next page`);
      await expectScreenMatchesFrame(s, `article ${i}, second page`);
      s.write('q');
      await frameWith(s, (f) => f.endsWith(` ${i}/${total}`) && f.includes('Enter open'), `the list at ${i}`);
      await expectScreenMatchesFrame(s, `the list at ${i}`);
      if (i < total) {
        s.write('j');
        await frameWith(s, (f) => f.endsWith(` ${i + 1}/${total}`), `row ${i + 1}`);
        await expectScreenMatchesFrame(s, `row ${i + 1}`);
      }
    }
    s.write('/');
    await frameWith(s, (f) => f.startsWith(' / '), 'the search line');
    let typed = '';
    for (const char of [...'हिन्दी किताब विद्यार्थी हिन्दी']) {
      typed += char;
      s.write(char);
      await frameWith(s, (f) => f.startsWith(' / ') && f.includes(typed.slice(-1)), `"${typed}" typed`);
      await expectScreenMatchesFrame(s, `the search line with "${typed}"`);
    }
    s.write('\u001b');
    await frameWith(s, (f) => f.includes('Enter open'), 'back on the list');
    for (const [cols, rows] of [
      [41, 12],
      [23, 8],
      [100, 20],
    ] as const) {
      s.resize(cols, rows);
      await frameWith(s, (f) => f.includes('/') && (s.frame()?.length ?? 0) === rows - 1, `the list at ${cols}x${rows}`);
      await expectScreenMatchesFrame(s, `the list at ${cols}x${rows}`);
      s.write('\r');
      await frameWith(s, (f) => f.includes('Esc') || f.includes('/'), `an article at ${cols}x${rows}`);
      await expectScreenMatchesFrame(s, `an article at ${cols}x${rows}`);
      s.write('q');
      await frameWith(s, (f) => f.includes('/'), `the list again at ${cols}x${rows}`);
    }
    s.write('q');
    expect((await waitForExit(s)).exitCode).toBe(0);
  }, 120_000);
});

describe('show --width', () => {
  const term = new xterm.Terminal({ cols: 300, rows: 4, allowProposedApi: true, scrollback: 0 });
  afterAll(() => term.dispose());
  const drawn = async (line: string): Promise<number> => {
    await new Promise<void>((resolve) => term.write(`\u001b[2J\u001b[H${line}`, resolve));
    return term.buffer.active.cursorX;
  };

  it.each(Object.keys(SCRIPT_SAMPLES).concat('emoji'))('prints %s in lines no wider than --width as a terminal draws them', async (script) => {
    const article = articles.find((a) => a.name.endsWith(`-${script}.txt`))!;
    const id = article.name.replace(/\.txt$/, '');
    for (const width of [40, 23]) {
      const out = execFileSync(process.execPath, [CLI, '--archive', root, 'show', id, '--width', String(width)], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      const lines = out.split('\n');
      expect(lines.length).toBeGreaterThan(5);
      for (const line of lines) expect(await drawn(line), line).toBeLessThanOrEqual(width);
    }
  });
});
