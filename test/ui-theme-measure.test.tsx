/**
 * The theme and the measure change from inside the reader (`T`, `+`, `-`),
 * are drawn at once and are kept in the library as the `theme` and
 * `maxWidth` settings, so the next session opens with them.
 */
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openLibrary } from '../src/library/index.js';
import { frameFor, readerMeasure } from '../src/ui/layout.js';
import { createEnv, currentFrame, initialState, reduce } from '../src/ui/state.js';
import type { Action, UiState } from '../src/ui/state.js';
import { reduceKey } from '../src/ui/keys.js';
import { layoutArticle } from '../src/ui/reader-doc.js';
import { widthOf } from '../src/ui/text.js';
import { KEYS, mountApp } from './helpers/mount-app.js';
import { longParagraphs, makeArchive, makeArticle } from './helpers/ui-fixtures.js';
import { tempDir } from './helpers/tmp.js';

// Colour on before Ink's chalk loads: the test reads the styles each theme draws with.
vi.hoisted(() => {
  process.env.FORCE_COLOR = '1';
  delete process.env.NO_COLOR;
});

const article = makeArticle({
  id: 'story',
  headline: 'Port traffic doubles',
  date: '2023-03-01',
  paragraphs: ['Traffic rose 45% in March, the port said.', ...longParagraphs(30)],
});
const archive = makeArchive([article]);
const env = createEnv(archive);
const go = (state: UiState, ...actions: Action[]): UiState => actions.reduce((s, a) => reduce(s, a, env), state);
const root = tempDir('broadsheet-theme-');
let libraries = 0;

describe('in the reducer', () => {
  it('T goes dark, light, mono and round again, asking for each to be saved; with colour off it says so', () => {
    let s = initialState(100, 24);
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      s = reduceKey(s, 'T', {}, env);
      seen.push(s.theme);
      expect(s.effects.at(-1)).toEqual({ kind: 'saveTheme', theme: s.theme });
    }
    expect(seen).toEqual(['light', 'mono', 'dark']);
    expect(s.status).toBe('Theme: dark');
    // T works over the help too (it is listed under Everywhere).
    expect(reduceKey(reduceKey(initialState(100, 24), '?', {}, env), 'T', {}, env).theme).toBe('light');
    const colourless = reduce(initialState(100, 24), { type: 'cycleTheme' }, { ...env, colourOff: true });
    expect(colourless.status).toBe('Theme: light (colour is off here, so it draws in mono)');
  });

  it('+ and - change the measure by steps from what is on screen, within the window and the setting, keeping the place', () => {
    const height = frameFor(24).contentHeight;
    let s = go(initialState(100, 24), { type: 'open' }, { type: 'move', by: 30 });
    const before = layoutArticle(archive, article, readerMeasure(100, 80));
    s = reduceKey(s, '-', {}, env);
    expect(s.maxWidth).toBe(76);
    expect(s.effects.at(-1)).toEqual({ kind: 'saveMaxWidth', maxWidth: 76 });
    expect(s.status).toBe('Text width: 76 columns');
    s = reduceKey(reduceKey(s, '-', {}, env), '-', {}, env);
    expect(s.maxWidth).toBe(68);
    // The article keeps its place: the same share of it is at the top.
    const after = layoutArticle(archive, article, readerMeasure(100, 68));
    expect(after.lines.length).toBeGreaterThan(before.lines.length);
    expect(currentFrame(s)?.top).toBe(Math.min(Math.round((30 / before.lines.length) * after.lines.length), after.lines.length - height));
    s = reduceKey(reduceKey(s, '+', {}, env), '=', {}, env);
    expect(s.maxWidth).toBe(76);
    // A measure wider than the window: - narrows from what is shown, + says it cannot.
    let wide = go({ ...initialState(60, 24), maxWidth: 300 }, { type: 'open' });
    expect(reduceKey(wide, '+', {}, env).status).toBe('The text is as wide as the window allows (58 columns)');
    wide = reduceKey(wide, '-', {}, env);
    expect(wide.maxWidth).toBe(54);
    // Never narrower than the setting allows.
    let narrow = go({ ...initialState(100, 24), maxWidth: 22 }, { type: 'open' });
    narrow = reduceKey(narrow, '-', {}, env);
    expect(narrow.maxWidth).toBe(20);
    expect(reduceKey(narrow, '-', {}, env).status).toBe('The text is as narrow as it goes (20 columns)');
    // On the list, + and - do nothing.
    expect(reduceKey(initialState(100, 24), '-', {}, env).maxWidth).toBe(80);
  });
});

/** The SGR parameters the frame sets, as a set of strings (`32`, `1`, `4`…). */
function sgr(frame: string): Set<string> {
  return new Set([...frame.matchAll(/\u001b\[([\d;]+)m/g)].flatMap((m) => m[1]!.split(';')));
}

describe('in the reader', () => {
  it('T redraws in the next theme at once and the next session opens in it', async () => {
    const { library } = openLibrary({ configDir: join(root, `lib-${libraries++}`) });
    const ui = mountApp({ archive, library, theme: undefined }, { cols: 100, rows: 20 });
    await ui.press(KEYS.enter, (s) => s.includes('min read'), 'the article');
    // Dark: the figure is yellow (33).
    expect(sgr(ui.instance.lastFrame() ?? '').has('33')).toBe(true);
    await ui.press('T', (s) => s.includes('Theme: light'), 'light');
    // Light: figures red (31), no yellow.
    await vi.waitFor(() => expect(sgr(ui.instance.lastFrame() ?? '').has('31')).toBe(true));
    expect(sgr(ui.instance.lastFrame() ?? '').has('33')).toBe(false);
    await ui.press('T', (s) => s.includes('Theme: mono'), 'mono');
    const mono = sgr(ui.instance.lastFrame() ?? '');
    expect([...mono].filter((code) => /^3[1-6]$/.test(code))).toEqual([]);
    expect(mono.has('1')).toBe(true); // the figure is still bold
    await vi.waitFor(() => expect(library.get('theme')).toBe('mono'));
    ui.instance.unmount();

    const again = mountApp({ archive, library, theme: undefined }, { cols: 100, rows: 20 });
    await again.press(KEYS.enter, (s) => s.includes('min read'), 'the article again');
    expect([...sgr(again.instance.lastFrame() ?? '')].filter((code) => /^3[1-6]$/.test(code))).toEqual([]);
  });

  it('- and + narrow and widen the text at once, and the next session keeps the width', async () => {
    const { library } = openLibrary({ configDir: join(root, `lib-${libraries++}`) });
    const ui = mountApp({ archive, library }, { cols: 100, rows: 20 });
    const widest = (): number => Math.max(...ui.lines().slice(1, -1).map((line) => widthOf(line.trim())));
    await ui.press(KEYS.enter, (s) => s.includes('min read'), 'the article');
    expect(widest()).toBeGreaterThan(76);
    await ui.press('-', (s) => s.includes('Text width: 76 columns'), 'narrower');
    expect(widest()).toBeLessThanOrEqual(76);
    await ui.press('-', (s) => s.includes('Text width: 72 columns'), 'narrower again');
    expect(widest()).toBeLessThanOrEqual(72);
    await vi.waitFor(() => expect(library.get('maxWidth')).toBe(72));
    ui.instance.unmount();

    const again = mountApp({ archive, library }, { cols: 100, rows: 20 });
    await again.press(KEYS.enter, (s) => s.includes('min read'), 'the article again');
    expect(Math.max(...again.lines().slice(1, -1).map((line) => widthOf(line.trim())))).toBeLessThanOrEqual(72);
    await again.press('+', (s) => s.includes('Text width: 76 columns'), 'wider');
    await vi.waitFor(() => expect(library.get('maxWidth')).toBe(76));
  });
});
