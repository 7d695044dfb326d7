/**
 * The habits readers bring from newsboat and mutt: sections (the archive's
 * folders) picked from a list, the next unread article, only unread
 * articles, everything in view marked read after a question; and dates that
 * are only a file's time marked and, on request, sorted last. The reducer,
 * driven by the keys a user presses.
 */
import { describe, expect, it } from 'vitest';
import { keyToAction, reduceKey } from '../src/ui/keys.js';
import type { KeyInfo } from '../src/ui/keys.js';
import { createEnv, currentFrame, initialState, listOrder, modeOf, reduce, startState } from '../src/ui/state.js';
import type { UiState } from '../src/ui/state.js';
import { rowCells } from '../src/ui/list-row.js';
import { listScreen, unreadInView } from '../src/ui/screens.js';
import { idsOf, makeArchive, makeArticle } from './helpers/ui-fixtures.js';

const inSection = (section: string, n: number, date: string, extra: Parameters<typeof makeArticle>[0] | object = {}) =>
  makeArticle({ id: `${section}/${n}`, relPath: `${section}/${n}.txt`, headline: `${section} story ${n}`, date, ...extra });

const archive = makeArchive([
  inSection('sport', 1, '2023-03-05'),
  inSection('business', 1, '2023-03-04'),
  inSection('sport', 2, '2023-03-03'),
  inSection('politics', 1, '2023-03-02'),
  inSection('sport', 3, '2023-03-01'),
  makeArticle({ id: 'top', relPath: 'top.txt', headline: 'At the top of the archive', date: '2023-02-01' }),
]);
const env = createEnv(archive);
const ENTER: KeyInfo = { return: true };
const ESC: KeyInfo = { escape: true };
const TAB: KeyInfo = { tab: true };

function press(state: UiState, ...keys: Array<string | KeyInfo>): UiState {
  return keys.reduce<UiState>((s, key) => (typeof key === 'string' ? [...key].reduce((t, c) => reduceKey(t, c, {}, env), s) : reduceKey(s, '\t'.repeat(key.tab ? 1 : 0), key, env)), state);
}
const shown = (state: UiState): string[] => idsOf(listOrder(state, env));

describe('sections', () => {
  it('c opens a picker of the sections with counts, Enter shows one, and the list, its header and search follow', () => {
    let s = press(initialState(80, 24), 'c');
    expect(modeOf(s)).toBe('sections');
    expect(env.sections()).toEqual([
      { name: 'business', count: 1 },
      { name: 'politics', count: 1 },
      { name: 'sport', count: 3 },
    ]);
    // Row 0 is "All sections"; sport is the last.
    s = press(s, 'G', ENTER);
    expect(modeOf(s)).toBe('list');
    expect(s.section).toBe('sport');
    expect(shown(s)).toEqual(['sport/1', 'sport/2', 'sport/3']);
    expect(s.status).toBe('sport: 3 articles · c changes section');
    const screen = listScreen(s, env, unreadInView(s, env));
    expect(screen.header.left).toContain('› sport');
    expect(screen.header.right).toMatch(/^3 articles · 3 unread/);
    // n/p in an article walk the section.
    s = press(s, ENTER, 'n');
    expect(currentFrame(s)?.articleId).toBe('sport/2');
  });

  it('opens on the section shown; "All sections" shows everything again, keeping the selected article', () => {
    let s = press(initialState(80, 24), 'c', 'G', ENTER, 'j');
    expect(listOrder(s, env).idAt(s.cursor)).toBe('sport/2');
    s = press(s, 'c');
    expect(s.sectionPicker?.cursor).toBe(3);
    s = press(s, 'g', ENTER);
    expect(s.section).toBeNull();
    expect(shown(s)).toHaveLength(6);
    expect(listOrder(s, env).idAt(s.cursor)).toBe('sport/2');
  });

  it('remembers the section shown for next time, and the next session opens on it', () => {
    let s = press(initialState(80, 24), 'c', 'G', ENTER);
    expect(s.effects).toContainEqual({ kind: 'saveSection', section: 'sport' });
    // Picking the section already shown saves nothing; "All sections" saves none.
    expect(press({ ...s, effects: [] }, 'c', ENTER).effects).toEqual([]);
    expect(press({ ...s, effects: [] }, 'c', 'g', ENTER).effects).toContainEqual({ kind: 'saveSection', section: null });
    s = startState(env, 80, 24, { section: 'sport', lastSelected: 'sport/2' });
    expect(s.section).toBe('sport');
    expect(shown(s)).toEqual(['sport/1', 'sport/2', 'sport/3']);
    expect(listOrder(s, env).idAt(s.cursor)).toBe('sport/2');
    // A folder since removed or renamed: the whole archive.
    expect(shown(startState(env, 80, 24, { section: 'weather' }))).toHaveLength(6);
  });

  it('Esc, q or c again leave the picker without changing the list', () => {
    for (const key of [ESC, 'q', 'c']) {
      const s = press(initialState(80, 24), 'c', 'j', key);
      expect(modeOf(s)).toBe('list');
      expect(s.section).toBeNull();
    }
  });

  it('says so in an archive without folders', () => {
    const flat = createEnv(makeArchive([makeArticle({ id: 'a' })]));
    const s = reduce(initialState(80, 24), { type: 'showSections' }, flat);
    expect(modeOf(s)).toBe('list');
    expect(s.status).toMatch(/no sections/);
  });
});

describe('unread', () => {
  const read = (ids: string[]): UiState => initialState(80, 24, { read: new Set(ids) });

  it('Tab goes to the next unread article after the selection, then round from the top', () => {
    let s = press(read(['sport/1', 'business/1', 'politics/1']), TAB);
    expect(listOrder(s, env).idAt(s.cursor)).toBe('sport/2');
    s = press(s, TAB);
    expect(listOrder(s, env).idAt(s.cursor)).toBe('sport/3');
    s = press(s, TAB, TAB);
    expect(listOrder(s, env).idAt(s.cursor)).toBe('sport/2');
    expect(press(read(shown(initialState(80, 24))), TAB).status).toBe('No unread articles here');
  });

  it('Tab in the reader opens the next unread article, and the list follows', () => {
    let s = press(read(['business/1', 'sport/2']), ENTER);
    expect(currentFrame(s)?.articleId).toBe('sport/1');
    s = press(s, TAB);
    expect(currentFrame(s)?.articleId).toBe('politics/1');
    expect(s.stack).toHaveLength(1);
    expect(listOrder(s, env).idAt(s.cursor)).toBe('politics/1');
  });

  it('U shows only the articles unread when it was pressed; those read since stay until U is pressed again', () => {
    let s = press(read(['sport/1', 'politics/1']), 'U');
    expect(shown(s)).toEqual(['business/1', 'sport/2', 'sport/3', 'top']);
    expect(s.status).toBe('Only unread: 4 · U shows all');
    expect(listScreen(s, env, unreadInView(s, env)).header.right).toContain('only unread');
    // Reading one keeps the list as it was: n walks it without the rows moving.
    s = press(s, ENTER, 'n');
    expect(currentFrame(s)?.articleId).toBe('sport/2');
    s = press(s, 'q');
    expect(shown(s)).toEqual(['business/1', 'sport/2', 'sport/3', 'top']);
    expect(listOrder(s, env).idAt(s.cursor)).toBe('sport/2');
    s = press(s, 'U');
    expect(shown(s)).toHaveLength(6);
    // Again: what is unread now.
    s = press(s, 'U');
    expect(shown(s)).toEqual(['sport/3', 'top']);
  });

  it('combines with a section', () => {
    const s = press(read(['sport/1']), 'c', 'G', ENTER, 'U');
    expect(shown(s)).toEqual(['sport/2', 'sport/3']);
    expect(listScreen(s, env, unreadInView(s, env)).header.right).toMatch(/^2 articles · 2 unread · only unread/);
  });

  it('A asks before marking everything in view read; y marks them in one effect, any other key leaves them', () => {
    let s = press(read(['sport/1']), 'c', 'G', ENTER, 'A');
    expect(modeOf(s)).toBe('confirm');
    expect(s.confirm?.question).toBe('Mark 2 unread articles in sport as read? y/n');
    const declined = press(s, 'j');
    expect(modeOf(declined)).toBe('list');
    expect(declined.cursor).toBe(0);
    expect(declined.status).toBe('Nothing marked');
    expect(declined.read.has('sport/2')).toBe(false);
    s = press(s, 'y');
    expect(s.status).toBe('Marked 2 articles as read');
    expect([...s.read].sort()).toEqual(['sport/1', 'sport/2', 'sport/3']);
    expect(s.effects.filter((e) => e.kind === 'setReadMany')).toEqual([{ kind: 'setReadMany', ids: ['sport/2', 'sport/3'], read: true }]);
    // Nothing outside the section was touched.
    expect(s.read.has('business/1')).toBe(false);
    expect(press(s, 'A').status).toBe('Everything here is read already');
  });

  it('marking all read in "only unread" empties it; Ctrl-c still quits from the question', () => {
    let s = press(read([]), 'U', 'A', 'y');
    expect(shown(s)).toEqual([]);
    expect(press(read([]), 'A', { ctrl: true }).quit).toBe(false);
    expect(reduceKey(press(read([]), 'A'), 'c', { ctrl: true }, env).quit).toBe(true);
    s = press(s, ENTER);
    expect(s.status).toBe('No unread articles here · U shows all');
  });

  it('a mark-all that cannot be saved goes back to what the library holds', () => {
    let s = press(read([]), 'A', 'y');
    expect(s.read.size).toBe(6);
    s = reduce(s, { type: 'saveFailed', message: 'Not saved: locked', readMany: { ids: [...s.read], read: false } }, env);
    expect(s.read.size).toBe(0);
    expect(s.status).toBe('Not saved: locked');
  });
});

describe('dates from a file\'s time', () => {
  const dated = makeArchive([
    makeArticle({ id: 'copied', headline: 'Copied today', date: '2026-11-30', dateOrigin: 'mtime' }),
    makeArticle({ id: 'old', headline: 'Old news', date: '2004-05-01', dateOrigin: 'dateline' }),
    makeArticle({ id: 'new', headline: 'Newer news', date: '2023-05-01', dateOrigin: 'front-matter' }),
  ]);
  const datedEnv = createEnv(dated);

  it('are marked ~ in the list row, in the column before the date', () => {
    const row = rowCells(dated.get('copied')!, 80, { bookmarked: false, unread: true });
    expect(row.marks + row.gap + row.date).toBe(' N~2026-11-30 ');
    const plain = rowCells(dated.get('old')!, 80, { bookmarked: false, unread: true });
    expect(plain.marks + plain.gap + plain.date).toBe(' N 2004-05-01 ');
  });

  it('S sorts them after the dated articles (and back); s still toggles date and title', () => {
    let s = initialState(80, 24);
    expect(idsOf(listOrder(s, datedEnv))).toEqual(['copied', 'new', 'old']);
    s = reduce(s, keyToAction('S', {}, 'list')!, datedEnv);
    expect(s.sort).toBe('dated');
    expect(idsOf(listOrder(s, datedEnv))).toEqual(['new', 'old', 'copied']);
    expect(s.status).toBe('Sorted newest first, file dates last');
    expect(s.effects).toContainEqual({ kind: 'saveSort', sort: 'dated' });
    s = reduce(s, keyToAction('s', {}, 'list')!, datedEnv);
    expect(s.sort).toBe('title');
    s = reduce(s, keyToAction('S', {}, 'list')!, datedEnv);
    expect(s.sort).toBe('dated');
    s = reduce(s, keyToAction('S', {}, 'list')!, datedEnv);
    expect(s.sort).toBe('date');
  });
});
