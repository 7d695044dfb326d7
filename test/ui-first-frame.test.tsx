/**
 * The first frame, drawn as text before Ink loads, must be the frame Ink then
 * draws over it: same characters, same colours and attributes, cell by cell,
 * or the user sees the list flicker or jump. Both are played into a headless
 * xterm and compared, for saved sessions the first frame reads from the
 * library file without conf (selection, sort, marks, theme) and for sizes
 * down to a tiny terminal.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import xterm from '@xterm/headless';
import { render } from 'ink-testing-library';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Catalogue as Archive } from '../src/archive/catalogue.js';
import { ReadingState } from '../src/library/reading-state.js';
import { loadArchive } from '../src/archive/open.js';
import { openLibrary } from '../src/library/index.js';
import type { Library } from '../src/library/index.js';
import { peekLibrary } from '../src/library/peek.js';
import { App } from '../src/ui/app.js';
import { EarlyList, firstFrame } from '../src/ui/first-frame.js';
import { sessionFromPeek } from '../src/ui/session.js';
import { idsOf, makeArchive } from './helpers/ui-fixtures.js';
import { createTheme } from '../src/ui/theme.js';
import { ARTICLES } from './helpers/paths.js';
import { tempDir } from './helpers/tmp.js';
import { writeHostileArchive } from './helpers/hostile.js';

// Colour on before Ink's chalk loads: the comparison is of styled cells.
vi.hoisted(() => {
  process.env.FORCE_COLOR = '1';
});

const { Terminal } = xterm;

/** Each row of the screen as its cells: character and every attribute the reader uses. */
async function cells(output: string, cols: number, rows: number): Promise<string[]> {
  const term = new Terminal({ cols, rows, allowProposedApi: true, convertEol: true, scrollback: 0 });
  await new Promise<void>((resolve) => term.write(output, resolve));
  const buffer = term.buffer.active;
  const screen: string[] = [];
  for (let y = 0; y < rows; y++) {
    const line = buffer.getLine(y);
    const row: string[] = [];
    for (let x = 0; x < cols; x++) {
      const cell = line?.getCell(x);
      if (!cell) continue;
      const attrs = [cell.isBold() && 'b', cell.isDim() && 'd', cell.isUnderline() && 'u', cell.isInverse() && 'i', cell.getFgColor() >= 0 && !cell.isFgDefault() && `fg${cell.getFgColor()}`, !cell.isBgDefault() && `bg${cell.getBgColor()}`];
      row.push(`${cell.getChars() || ' '}${attrs.filter(Boolean).join('')}`);
    }
    screen.push(row.join('|'));
  }
  term.dispose();
  return screen;
}

/** The screen Ink draws first for this library, at this size. */
async function inkFirstScreen(archive: Archive, library: Library | undefined, theme: ReturnType<typeof createTheme>, cols: number, rows: number, reading?: ReadingState, listPlace?: EarlyList['place']): Promise<string[]> {
  const instance = render(<App archive={archive} library={library} theme={theme} size={{ cols, rows }} {...(reading ? { reading } : {})} {...(listPlace ? { listPlace } : {})} />);
  try {
    return await cells(instance.lastFrame() ?? '', cols, rows);
  } finally {
    instance.unmount();
  }
}

function plainRows(screen: string[]): string[] {
  return screen.map((row) => row.split('|').map((cell) => [...cell][0]).join('').trimEnd());
}

let configs = 0;
function freshLibrary(root: string): { library: Library; env: NodeJS.ProcessEnv } {
  const configDir = join(root, `config-${configs++}`);
  return { library: openLibrary({ configDir }).library, env: { BROADSHEET_CONFIG_DIR: configDir } };
}

let articles: Archive;
let big: Archive;
let root: string;
beforeAll(async () => {
  root = tempDir('broadsheet-first-frame-');
  articles = await loadArchive(ARTICLES);
  // Enough articles that a remembered selection starts the list scrolled.
  const dir = join(root, 'many');
  mkdirSync(dir);
  for (let i = 0; i < 120; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    writeFileSync(join(dir, `a${String(i).padStart(3, '0')}.txt`), `Headline number ${i} about “quotes” and 5% 東京 figures\n\nBy Reporter ${i}, 2024-03-${day}\n\nBody ${i}.\n`);
  }
  big = await loadArchive(dir);
});

describe('the first frame drawn before Ink', () => {
  it('is the frame Ink draws, cell by cell, for a new library', async () => {
    const { library, env } = freshLibrary(root);
    const peek = peekLibrary(env);
    expect(peek).toBeDefined();
    const theme = createTheme(false, 'dark');
    const ours = await cells(firstFrame(articles, sessionFromPeek(peek!), theme, 100, 30), 100, 30);
    const ink = await inkFirstScreen(articles, library, theme, 100, 30);
    expect(plainRows(ours)[0]).toMatch(/Broadsheet · articles .* unread · newest first/);
    expect(ours).toEqual(ink);
  });

  it('shows the saved session: selection in the middle, title order, bookmarks and read marks', async () => {
    const { library, env } = freshLibrary(root);
    const byTitle = idsOf(big.order('title')).map((id) => big.get(id)!);
    library.set('sort', 'title');
    library.set('lastSelected', byTitle[70]!.id);
    // Read marks are the archive's own (its reading state); the first frame is given them as the CLI does.
    const reading = ReadingState.open(undefined);
    reading.markRead(byTitle[69]!.id);
    library.addBookmark(byTitle[71]!);
    const theme = createTheme(false, 'light');
    const session = (): ReturnType<typeof sessionFromPeek> => sessionFromPeek({ ...peekLibrary(env)!, read: reading.readIds() });
    for (const [cols, rows] of [[100, 30], [80, 24], [40, 12], [20, 5], [7, 3]] as const) {
      const ours = await cells(firstFrame(big, session(), theme, cols, rows), cols, rows);
      expect(ours, `${cols}x${rows}`).toEqual(await inkFirstScreen(big, library, theme, cols, rows, reading));
    }
    const screen = plainRows(await cells(firstFrame(big, session(), theme, 100, 30), 100, 30));
    expect(screen[0]).toContain('title A–Z');
    expect(screen.at(-2)).toContain('71/120');
    // These files carry no date: `~` says the date is the file's modification time.
    expect(screen.some((row) => row.startsWith('*N~') && row.includes(byTitle[71]!.headline.slice(0, 20)))).toBe(true);
    expect(screen.some((row) => /^ {2}~\d/.test(row) && row.includes(byTitle[69]!.headline.slice(0, 20)))).toBe(true);
  });

  it('moves its selection for j, k and the arrows typed before Ink loads, and Ink starts where they left it, cell for cell', async () => {
    const { library, env } = freshLibrary(root);
    const theme = createTheme(false, 'dark');
    const early = new EarlyList(big, sessionFromPeek(peekLibrary(env)!), theme, 80, 24);
    const byDate = idsOf(big.order('date'));
    expect(early.place).toBeUndefined(); // not moved: Ink starts from the library, as ever
    // 25 down (the list scrolls: 21 rows fit), then 2 up: the 24th article, the list 5 rows down.
    expect(early.press('j'.repeat(20) + '\u001B[B\u001BOB\u001B[B\u001B[B\u001B[B')).toBe(true);
    expect(early.press('k\u001B[A')).toBe(true);
    expect(early.place).toEqual({ lastSelected: byDate[23], listTop: 5 });
    const ours = await cells(early.frame(), 80, 24);
    expect(plainRows(ours).at(-2)).toContain('24/120');
    expect(ours).toEqual(await inkFirstScreen(big, library, theme, 80, 24, undefined, early.place));
    // Anything else (Enter, a search, q, a key after moves) is left for Ink whole: nothing moves.
    for (const other of ['\r', '/', 'q', 'jjq', '\u0003', 'J', '\u001B']) {
      expect(early.press(other), JSON.stringify(other)).toBe(false);
      expect(early.place).toEqual({ lastSelected: byDate[23], listTop: 5 });
    }
  });

  it('matches Ink without colour, and with hostile headlines (wide characters, stripped controls)', async () => {
    const hostile = writeHostileArchive();
    try {
      const archive = await loadArchive(hostile.root);
      const { library, env } = freshLibrary(root);
      const theme = createTheme(true);
      const ours = await cells(firstFrame(archive, sessionFromPeek(peekLibrary(env)!), theme, 80, 24), 80, 24);
      expect(ours).toEqual(await inkFirstScreen(archive, library, theme, 80, 24));
      expect(ours.join('')).not.toMatch(/fg\d/);
    } finally {
      hostile.dispose();
    }
  });

  it('never writes a hostile folder name raw', () => {
    const root = join(tempDir('broadsheet-first-frame-name-'), 'news\u001B]0;pwned\u0007');
    mkdirSync(root);
    const archive = makeArchive([], [], root);
    const frame = firstFrame(archive, {}, createTheme(false), 80, 24);
    expect(frame).not.toContain('\u001B]');
    expect(frame).not.toContain('\u0007');
    expect(frame).toContain('news');
  });

  it('says what Ink says for an archive with no articles', async () => {
    const empty = join(root, 'empty');
    mkdirSync(empty);
    const archive = await loadArchive(empty);
    const { library, env } = freshLibrary(root);
    const theme = createTheme(false);
    const ours = await cells(firstFrame(archive, sessionFromPeek(peekLibrary(env)!), theme, 80, 24), 80, 24);
    expect(ours).toEqual(await inkFirstScreen(archive, library, theme, 80, 24));
    expect(plainRows(ours)[1]).toContain('No articles in');
  });
});

describe('peeking at the library file', () => {
  it('gives up on anything the library itself would repair or migrate', () => {
    const dir = join(root, 'peek');
    mkdirSync(dir);
    const env = { BROADSHEET_CONFIG_DIR: dir };
    const write = (value: unknown): void => writeFileSync(join(dir, 'config.json'), typeof value === 'string' ? value : JSON.stringify(value));
    const current = { __internal__: { migrations: { version: '2.0.0' } } };
    expect(peekLibrary(env)?.settings.sort).toBe('date'); // no file yet: the defaults
    write('{ not json');
    expect(peekLibrary(env)).toBeUndefined();
    write({ bookmarks: ['a'], read: [] }); // version 1: the library migrates it
    expect(peekLibrary(env)).toBeUndefined();
    write({ ...current, settings: { sort: 'size' } });
    expect(peekLibrary(env)).toBeUndefined();
    write({ ...current, settings: { maxWidth: 5 } });
    expect(peekLibrary(env)).toBeUndefined();
    write({ ...current, read: [1] });
    expect(peekLibrary(env)).toBeUndefined();
    const bookmark = { id: 'b', headline: 'B', date: '2024-01-01', relPath: 'b.txt', addedAt: '2024-01-02T00:00:00Z' };
    // Each of these the library's schema refuses (and the library moves the file aside).
    for (const bad of [
      { bookmarks: [{ id: 'b' }] },
      { bookmarks: [{ ...bookmark, fingerprint: 'xyz' }] },
      { bookmarks: [{ ...bookmark, note: 'n'.repeat(501) }] },
      { read: ['x'.repeat(4097)] },
      { positions: [{ id: 'b', line: -1 }] },
      { positions: [{ id: 'b' }] },
    ]) {
      write({ ...current, ...bad });
      expect(peekLibrary(env), JSON.stringify(bad).slice(0, 60)).toBeUndefined();
    }
    write({ ...current, settings: { sort: 'title', theme: 'mono', future: true }, read: ['x'], bookmarks: [bookmark, { ...bookmark, note: 'again' }], positions: [{ id: 'x', line: 3 }] });
    expect(peekLibrary(env)).toEqual({ settings: { sort: 'title', theme: 'mono', maxWidth: 80 }, read: new Set(['x']), bookmarked: ['b'], bookmarkArchives: [undefined] });
  });
});
