/**
 * End to end: the built CLI in a pseudo-terminal, read back through a headless
 * xterm. Proves what a user sees and that the terminal is handed back intact
 * (normal screen buffer, visible cursor) on every way out.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import xterm from '@xterm/headless';
import { execFileSync } from 'node:child_process';
import { CLI, spawnCli, waitForExit } from './helpers/pty.js';
import type { PtySession } from './helpers/pty.js';
import { SEED } from './helpers/paths.js';
import { moduleHookOption } from './helpers/module-hook.js';

const SEED_HEADLINE = 'China-Russia Relations Are ‘Rock Solid,’ says Beijing’s Foreign Minister';

let archiveDir = '';
/** One archive index for the file's sessions, built before they start: the reader draws its first frame from it. */
let cacheDir = '';
beforeAll(() => {
  cacheDir = mkdtempSync(join(tmpdir(), 'broadsheet-e2e-index-'));
  // A small archive of known order: the seed article (newest) and two made-up ones.
  archiveDir = mkdtempSync(join(tmpdir(), 'broadsheet-e2e-archive-'));
  copyFileSync(SEED, join(archiveDir, '000_e474bb9dcb4c5a3e.txt'));
  utimesSync(join(archiveDir, '000_e474bb9dcb4c5a3e.txt'), new Date('2022-12-26'), new Date('2022-12-26'));
  mkdirSync(join(archiveDir, 'business'));
  for (const [name, headline, date] of [
    ['001.txt', 'Harbour Town Opens New Ferry Terminal', '2022-06-01'],
    ['002.txt', 'Bakery Chain Adds Forty Shops', '2022-03-01'],
  ] as const) {
    const file = join(archiveDir, 'business', name);
    writeFileSync(file, `${headline}\n\nA short first paragraph about ${headline.toLowerCase()}.\n\nA second paragraph.\n`);
    utimesSync(file, new Date(date), new Date(date));
  }
});
beforeAll(() => {
  execFileSync(process.execPath, [CLI, '--archive', archiveDir, 'list'], { env: { ...process.env, BROADSHEET_CACHE_DIR: cacheDir } });
});
afterAll(() => {
  rmSync(archiveDir, { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
});

const sessions: PtySession[] = [];
function start(cols = 80, rows = 24): PtySession {
  const session = spawnCli(['--archive', archiveDir], { cols, rows, env: { BROADSHEET_CACHE_DIR: cacheDir } });
  sessions.push(session);
  return session;
}
afterEach(() => {
  for (const s of sessions.splice(0)) s.dispose();
});

const onScreen = (text: string) => (lines: string[]) => lines.some((l) => l.includes(text));

async function expectTerminalRestored(session: PtySession): Promise<void> {
  expect(session.bufferType).toBe('normal');
  expect(session.cursorVisible).toBe(true);
  // The last cursor-visibility change in the raw output is "show".
  expect(session.output.lastIndexOf('\u001B[?25h')).toBeGreaterThan(session.output.lastIndexOf('\u001B[?25l'));
}

describe('broadsheet reader in a terminal', () => {
  it('browses, reads the seed article to the end, survives a resize, and quits leaving the terminal as it was', async () => {
    const s = start(80, 24);
    const list = await s.waitFor(onScreen('3 articles'), 'the list');
    expect(s.bufferType).toBe('alternate');
    expect(s.cursorVisible).toBe(false);
    expect(list[1]).toContain(SEED_HEADLINE.slice(0, 40));
    expect(list[22]).toContain('1/3');

    s.write('j');
    await s.waitFor((l) => l[22]?.includes('2/3') ?? false, 'the second row selected');
    s.write('k');
    await s.waitFor((l) => l[22]?.includes('1/3') ?? false, 'the first row selected');

    s.write('\r');
    // The whole frame: its footer (with the position) is the last line written.
    const reader = await s.waitFor((l) => onScreen('min read')(l) && /Top/.test(l[22] ?? ''), 'the reader, at the top of the article');
    expect(reader.join('\n')).toContain(SEED_HEADLINE);
    expect(reader.join('\n')).toContain('Moscow');

    s.write('G');
    const end = await s.waitFor((l) => l[22]?.includes('End') ?? false, 'the end of the article');
    expect(end.join('\n')).toContain('See also');
    expect(end.join('\n')).toContain('Putin, Xi to Meet Again');

    s.write('q');
    await s.waitFor(onScreen('Enter open'), 'back on the list');

    s.resize(60, 15);
    const resized = await s.waitFor((l) => (l[13]?.includes('1/3') ?? false) && (l[0]?.includes('3 articles') ?? false), 'the list redrawn at 60x15');
    // No garbage: one header, one footer, rows in place, nothing beyond the frame.
    expect(resized.filter((l) => l.includes('3 articles'))).toHaveLength(1);
    expect(resized.filter((l) => l.includes('1/3'))).toHaveLength(1);
    expect(resized[1]).toContain('China-Russia');
    expect(resized[14]).toBe('');

    s.write('q');
    const { exitCode } = await waitForExit(s);
    expect(exitCode).toBe(0);
    await expectTerminalRestored(s);
  });

  it('Ctrl-c quits cleanly from the reader', async () => {
    const s = start();
    await s.waitFor(onScreen('3 articles'), 'the list');
    s.write('\r');
    await s.waitFor(onScreen('min read'), 'the reader');
    s.write('\u0003');
    const { exitCode } = await waitForExit(s);
    expect(exitCode).toBe(0);
    await expectTerminalRestored(s);
  });

  it('SIGTERM restores the terminal before the process ends', async () => {
    const s = start();
    await s.waitFor(onScreen('3 articles'), 'the list');
    s.kill('SIGTERM');
    const { exitCode, signal } = await waitForExit(s);
    // Either ended by the signal itself or exited 143: both read as 143 to a shell.
    expect(signal === 15 || exitCode === 143).toBe(true);
    await expectTerminalRestored(s);
  });
});

describe('a developer\'s shell', () => {
  it('DEV=true (which makes Ink load React DevTools) neither crashes the reader nor prints anything about it', async () => {
    const s = spawnCli(['--archive', archiveDir], { env: { DEV: 'true' } });
    sessions.push(s);
    await s.waitFor(onScreen('3 articles'), 'the list');
    s.write('\r');
    await s.waitFor(onScreen('min read'), 'the reader');
    s.write('q');
    await s.waitFor(onScreen('Enter open'), 'back on the list');
    s.write('q');
    expect((await waitForExit(s)).exitCode).toBe(0);
    expect(s.output).not.toMatch(/devtools|unexpected error/i);
    await expectTerminalRestored(s);
  });
});

describe('colour, by the README\'s rule', () => {
  /** Every SGR parameter the reader wrote. */
  const sgrParams = (output: string): Set<number> =>
    new Set([...output.matchAll(/\u001B\[([0-9;]*)m/g)].flatMap((m) => m[1]!.split(';').filter(Boolean).map(Number)));
  const isColour = (p: number): boolean => (p >= 30 && p <= 37) || (p >= 90 && p <= 97);

  it.each([
    [{ NO_COLOR: '1' }, false],
    [{ FORCE_COLOR: '0' }, false],
    [{ NO_COLOR: '1', FORCE_COLOR: '1' }, true],
  ])('%j: colours %s, and the selection and the highlights always visible', async (env, coloured) => {
    const s = spawnCli(['--archive', archiveDir], { env });
    sessions.push(s);
    await s.waitFor(onScreen('3 articles'), 'the list');
    s.write('\r');
    await s.waitFor(onScreen('min read'), 'the reader');
    s.write('q');
    await s.waitFor(onScreen('Enter open'), 'back on the list');
    s.write('q');
    await waitForExit(s);
    const params = sgrParams(s.output);
    // Inverse marks the selected row; underline the quotations when there is no colour.
    expect(params.has(7)).toBe(true);
    expect([...params].some(isColour)).toBe(coloured);
    if (!coloured) expect(params.has(4)).toBe(true);
  });
});

describe('starting from the last run\'s snapshot', () => {
  it('shows the list at once, then picks up files added since, keeping the selection on its article', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'broadsheet-e2e-snapshot-'));
    const cacheDir = mkdtempSync(join(tmpdir(), 'broadsheet-e2e-cache-'));
    try {
      copyFileSync(SEED, join(dir, 'seed.txt'));
      utimesSync(join(dir, 'seed.txt'), new Date('2022-12-26'), new Date('2022-12-26'));
      const env = { BROADSHEET_CACHE_DIR: cacheDir };
      const first = spawnCli(['--archive', dir], { env });
      sessions.push(first);
      await first.waitFor(onScreen('1 article'), 'the first run');
      first.write('q');
      await waitForExit(first);

      writeFileSync(join(dir, 'added.txt'), 'Lighthouse Keeper Retires After Forty Years\n\nA first paragraph.\n');
      utimesSync(join(dir, 'added.txt'), new Date('2023-01-05'), new Date('2023-01-05'));
      const second = spawnCli(['--archive', dir], { env });
      sessions.push(second);
      const updated = await second.waitFor(onScreen('Archive updated: 1 new'), 'the update notice');
      expect(updated[1]).toContain('Lighthouse Keeper Retires');
      // The seed was selected before the update; it still is, now on the second row.
      expect(updated.join('\n')).toMatch(/2\/2\s*$/m);
      second.write('\r');
      // The seed opens: 'min read' is on the reader's meta line only.
      const reader = await second.waitFor(onScreen('min read'), 'the seed article opens');
      expect(reader.join('\n')).toContain('Rock Solid');
      second.write('q'); // back to the list
      await second.waitFor(onScreen('newest first'), 'the list again');
      second.write('q');
      await waitForExit(second);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});

/** The screen after playing `output` into a fresh terminal. */
async function replay(output: string, cols: number, rows: number): Promise<string[]> {
  const term = new xterm.Terminal({ cols, rows, allowProposedApi: true });
  await new Promise<void>((resolve) => term.write(output, resolve));
  const buffer = term.buffer.active;
  const lines = Array.from({ length: rows }, (_, i) => buffer.getLine(buffer.viewportY + i)?.translateToString(true) ?? '');
  term.dispose();
  return lines;
}

describe('the first frame', () => {
  it('is drawn before Ink loads, Ink draws the same screen over it, and a key typed at once is not lost', async () => {
    const s = start(80, 24);
    await s.waitFor(onScreen(SEED_HEADLINE.slice(0, 30)), 'the first frame');
    s.write('j');
    await s.waitFor((lines) => lines.some((line) => /2\/3\s*$/.test(line)), 'j to move the selection');
    s.write('k');
    await s.waitFor((lines) => lines.some((line) => /1\/3\s*$/.test(line)), 'k to move it back');
    // Every frame is one synchronized update. Ours (the first, and one per key answered before Ink has
    // loaded) address every row absolutely; Ink's first frame after them draws the same screen over them.
    const END = '\u001B[?2026l';
    const updates = s.output.split(END);
    const firstInk = updates.findIndex((update) => !update.includes('\u001B[1;1H'));
    expect(firstInk).toBeGreaterThan(0);
    const ours = await replay(updates.slice(0, firstInk).join(END) + END, 80, 24);
    const inks = await replay(updates.slice(0, firstInk + 1).join(END) + END, 80, 24);
    const first = await replay(updates[0] + END, 80, 24);
    expect(first[0]).toMatch(/Broadsheet · .*3 articles · 3 unread · newest first/);
    expect(first[1]).toContain(SEED_HEADLINE.slice(0, 30));
    expect(first.at(-2)).toMatch(/1\/3\s*$/);
    expect(inks).toEqual(ours);
    s.write('q');
    await waitForExit(s);
    await expectTerminalRestored(s);
  });

  /** The reader with Ink's chunk held back by a module hook until `release()`: keys typed meanwhile come while it loads. */
  const startWithSlowInk = (): { s: PtySession; release: () => void } => {
    const gate = join(cacheDir, `ink-gate-${sessions.length}`);
    const slowInk = moduleHookOption(
      cacheDir,
      'slow-ink',
      "import { existsSync } from 'node:fs';\n" +
        'export async function resolve(specifier, context, next) {\n' +
        '  const found = await next(specifier, context);\n' +
        '  if (/\\/chunks\\/run-[A-Za-z0-9]+\\.js$/.test(found.url)) {\n' +
        '    while (!existsSync(process.env.INK_GATE)) await new Promise((again) => setTimeout(again, 10));\n' +
        '  }\n' +
        '  return found;\n' +
        '}\n',
    );
    const s = spawnCli(['--archive', archiveDir], { cols: 80, rows: 24, env: { BROADSHEET_CACHE_DIR: cacheDir, NODE_OPTIONS: slowInk, INK_GATE: gate } });
    sessions.push(s);
    return { s, release: () => writeFileSync(gate, '') };
  };

  it('answers j, k and arrows while Ink loads, and leaves every other key for Ink, in order, none lost', async () => {
    const { s, release } = startWithSlowInk();
    await s.waitFor(onScreen(SEED_HEADLINE.slice(0, 30)), 'the first frame');
    s.write('j');
    await s.waitFor((lines) => lines.some((line) => /2\/3\s*$/.test(line)), 'j answered');
    s.write('\u001B[B');
    await s.waitFor((lines) => lines.some((line) => /3\/3\s*$/.test(line)), '↓ answered');
    // Still our frames only: Ink has not drawn yet.
    expect(s.output.split('\u001B[?2026l').filter((update) => update.includes('\u001B[?2026h')).every((update) => update.includes('\u001B[1;1H'))).toBe(true);
    // A search typed now waits for Ink, whole: `/` opens the line and `ferry` is typed into it.
    s.write('k/ferry');
    release();
    const found = await s.waitFor(onScreen('1/1 matches'), 'the search, answered by Ink', 20_000);
    expect(found.join('\n')).toContain('Harbour Town Opens New Ferry Terminal');
    s.write('\u001B');
    // Back on the list where the keys left it: the second article (3, then k).
    await s.waitFor((lines) => lines.some((line) => /2\/3\s*$/.test(line)), 'the list, on the second article');
    s.write('q');
    expect((await waitForExit(s)).exitCode).toBe(0);
    await expectTerminalRestored(s);
  });

  it('Ctrl-C typed while Ink loads quits, after the keys before it were answered', async () => {
    const { s, release } = startWithSlowInk();
    await s.waitFor(onScreen(SEED_HEADLINE.slice(0, 30)), 'the first frame');
    s.write('j');
    await s.waitFor((lines) => lines.some((line) => /2\/3\s*$/.test(line)), 'j answered');
    s.write('\u0003');
    release();
    expect((await waitForExit(s)).exitCode).toBe(0);
    await expectTerminalRestored(s);
  });

  it('is not drawn where Ink draws without colour (a terminal chalk does not know), so no styled cell is left behind', async () => {
    const s = spawnCli(['--archive', archiveDir], { env: { TERM: 'alacritty', COLORTERM: undefined, FORCE_COLOR: undefined, BROADSHEET_CACHE_DIR: cacheDir } });
    sessions.push(s);
    await s.waitFor(onScreen('3 articles'), 'the list');
    expect(s.output).not.toContain('\u001B[1;1H');
    expect(s.output).not.toMatch(/\u001B\[[\d;]*7m/); // no inverse anywhere: Ink draws plain text here
    s.write('q');
    await waitForExit(s);
  });

  it('a library whose lock cannot be taken still opens at once, as the first frame showed it', async () => {
    const configDir = mkdtempSync(join(tmpdir(), 'broadsheet-e2e-busy-'));
    try {
      // A valid file the first frame reads (title order), and a lock nobody can take: reading needs no lock.
      writeFileSync(join(configDir, 'config.json'), JSON.stringify({ __internal__: { migrations: { version: '2.0.0' } }, settings: { sort: 'title' } }));
      mkdirSync(join(configDir, 'config.json.lock'));
      const s = spawnCli(['--archive', archiveDir], { configDir, env: { BROADSHEET_CACHE_DIR: cacheDir } });
      sessions.push(s);
      const screen = await s.waitFor((l) => (l[0] ?? '').includes('title A–Z') && (l[22] ?? '').includes('Enter open'), 'the list in title order');
      expect(screen.join('\n')).not.toContain('Bookmarks and reading state are off');
      s.write('q');
      expect((await waitForExit(s)).exitCode).toBe(0);
    } finally {
      rmSync(configDir, { recursive: true, force: true });
    }
  });

  it('SIGTERM as soon as the first frame is up (Ink may still be loading) restores the terminal', async () => {
    const s = start();
    await s.waitFor(onScreen('3 articles'), 'the first frame');
    s.kill('SIGTERM');
    const { exitCode, signal } = await waitForExit(s);
    expect(signal === 15 || exitCode === 143).toBe(true);
    await expectTerminalRestored(s);
  });
});
