/**
 * Search as you type over the archive, and find inside an article, driven
 * through the real App with ink-testing-library.
 */
import { describe, expect, it, vi } from 'vitest';
import { ArchiveSearch } from '../src/search/archive-search.js';
import { storeSearch } from '../src/search/store-search.js';
import type { ArchiveUpdates, IndexEvent } from '../src/archive/background.js';
import { KEYS, mountApp } from './helpers/mount-app.js';
import { longParagraphs, makeArchive, makeArticle } from './helpers/ui-fixtures.js';



function mount(props: Parameters<typeof mountApp>[0], size = { cols: 100, rows: 16 }) {
  return mountApp(props, size);
}

const putin = makeArticle({ id: 'yukos', headline: 'Putin backs state grab for Yukos', date: '2004-12-10', paragraphs: ['The Kremlin leader said the sale was legal.', 'More text.'] });
const solutions = makeArticle({ id: 'security', headline: 'Solutions to net security fears', date: '2004-12-20' });
const oil = makeArticle({ id: 'oil', headline: 'Oil prices fall as Putin speaks', date: '2004-11-01' });
const bakery = makeArticle({ id: 'bakery', headline: 'Bakery chain adds forty shops', date: '2004-12-30' });
const archive = makeArchive([putin, solutions, oil, bakery]);

describe('search as you type', () => {
  it('ranks results while typing, shows where they matched and the count, and moves with arrows and Ctrl-n/Ctrl-p', async () => {
    const ui = mount({ archive });
    await ui.press('/', (s) => s.includes('Search · news'), 'the search line');
    await ui.type('pution');
    const screen = await ui.waitFor(() => ui.footer().endsWith('matches'), 'results for the whole query');
    // Each result is its row and a line of context under it.
    const rows = screen.split('\n').slice(1, 5);
    expect(rows[0]).toContain('Putin backs state grab for Yukos');
    expect(rows[0]).toContain('in headline');
    expect(rows[1]).toContain('The Kremlin leader said the sale was legal.');
    expect(rows[2]).toContain('Oil prices fall as Putin speaks');
    expect(ui.footer()).toMatch(/\/ pution.*1\/2 matches/);
    await ui.press(KEYS.down, () => ui.footer().includes('2/2 matches'), 'second result');
    await ui.press(KEYS.ctrlP, () => ui.footer().includes('1/2 matches'), 'back to the first');
    await ui.press(KEYS.ctrlN, () => ui.footer().includes('2/2 matches'), 'Ctrl-n moves too');
    // Ctrl-n moved the selection; it was not typed into the query.
    expect(ui.footer()).toMatch(/\/ pution /);
  });

  it('Enter opens the selected result, back returns to the results, Esc restores the list and its selection', async () => {
    const ui = mount({ archive });
    await ui.press(KEYS.down, () => ui.footer().includes('2/4'), 'second row of the list');
    await ui.press('/', (s) => s.includes('Search · news'), 'the search line');
    await ui.type('putin');
    await ui.waitFor(() => ui.footer().endsWith('1/2 matches'), 'results for the whole query');
    await ui.press(KEYS.down, () => ui.footer().includes('2/2 matches'), 'second result');
    const reader = await ui.press(KEYS.enter, (s) => s.includes('min read'), 'the article');
    expect(reader).toContain('Oil prices fall as Putin speaks');
    await ui.press(KEYS.escape, (s) => s.includes('Search · news'), 'the results again');
    expect(ui.footer()).toMatch(/\/ putin.*2\/2 matches/);
    const list = await ui.press(KEYS.escape, (s) => s.includes('Broadsheet · news'), 'the list');
    expect(list).toContain('2/4');
  });

  it('typing q, b, j or / goes into the query: nothing quits, bookmarks or moves', async () => {
    const ui = mount({ archive });
    await ui.press('/', (s) => s.includes('Search · news'), 'the search line');
    await ui.type('qbj/');
    expect(ui.footer()).toContain('/ qbj/');
    expect(ui.onQuit).not.toHaveBeenCalled();
    expect(ui.text()).not.toMatch(/^ \*/m);
  });

  it('an empty query shows the normal list; Backspace back to empty brings it back', async () => {
    const ui = mount({ archive });
    await ui.press('/', (s) => s.includes('Search · news'), 'the search line');
    expect(ui.lines()[1]).toContain('Bakery chain');
    await ui.type('oil');
    await ui.waitFor((s) => s.includes('1/1 matches'), 'one result');
    expect(ui.lines()[1]).toContain('Oil prices');
    expect(ui.text()).not.toContain('Bakery chain');
    await ui.type(KEYS.backspace.repeat(1));
    await ui.type(KEYS.backspace.repeat(1));
    await ui.type(KEYS.backspace.repeat(1));
    await ui.waitFor((s) => s.includes('Bakery chain') && s.includes('4 articles'), 'the whole list');
  });

  it('the search is ready just after start, so the first / answers without a wait', async () => {
    const fresh = makeArchive([putin, solutions, oil, bakery].map((a) => ({ ...a })));
    const search = storeSearch(new ArchiveSearch(fresh.db));
    const ui = mount({ archive: fresh, search });
    await vi.waitFor(() => expect(search.state).toBe('ready'), { timeout: 3000 });
    const frames: string[] = [];
    ui.instance.stdin.write('/');
    await ui.waitFor((screen) => {
      frames.push(screen);
      return /Search/.test(screen);
    }, 'the search line');
    expect(frames.join('\n')).not.toMatch(/opening the index/);
  });

  it('says so when nothing matches', async () => {
    const ui = mount({ archive });
    await ui.press('/', (s) => s.includes('Search · news'), 'the search line');
    await ui.type('zzzzqqq');
    await ui.waitFor((s) => s.includes('no matches') && s.includes('Nothing matches'), 'the empty result');
  });
});

describe('search while a first run fills the index', () => {
  it('says in the list and the search header how far listing, then indexing, has come', async () => {
    let tell: (event: IndexEvent) => void = () => {};
    const updates: ArchiveUpdates = {
      subscribe(listener) {
        tell = listener;
        return () => {};
      },
      stop() {},
    };
    const ui = mount({ archive, updates });
    await ui.waitFor((s) => s.includes('Bakery chain'), 'the list');
    tell({ type: 'progress', phase: 'listing', done: 600, total: 1000 });
    await ui.waitFor((s) => (s.split('\n')[0] ?? '').includes('listing ▰▰▰▰▰▱▱▱ 60% · 4 articles'), 'listing in the header');
    tell({ type: 'progress', phase: 'indexing', done: 250, total: 1000 });
    await ui.waitFor((s) => (s.split('\n')[0] ?? '').includes('indexing ▰▰▱▱▱▱▱▱ 25% · 4 articles'), 'indexing in the header');
    // A search now finds only what is in the index so far: its header says so.
    const screen = await ui.press('/', (s) => s.includes('Search · news'), 'the search line');
    expect(screen.split('\n')[0]).toMatch(/Search · news +indexing ▰▰▱▱▱▱▱▱ 25% · \? syntax · Esc back/);
    tell({ type: 'updated', summary: { added: 1000, changed: 0, removed: 0, read: 1000, articles: 4, first: true } });
    const done = await ui.waitFor((s) => !(s.split('\n')[0] ?? '').includes('indexing'), 'the progress gone');
    expect(done.split('\n')[0]).toMatch(/↑\/↓ move · Enter open · \? syntax · Esc back/);
  });
});

describe('find in the article', () => {
  const long = makeArticle({ id: 'long', headline: 'A long read', paragraphs: [...longParagraphs(20), 'The harbour reopened at dawn.'] });

  it('/ highlights matches, shows "match i/n", n and N step, Esc clears, then n is the next article again', async () => {
    const ui = mount({ archive: makeArchive([long, bakery]) }, { cols: 80, rows: 12 });
    await ui.press(KEYS.enter, (s) => s.includes('A long read'), 'reader');
    await ui.press('/', () => ui.footer().includes('Find:'), 'the find line');
    await ui.type('harbour');
    const found = await ui.press(KEYS.enter, () => ui.footer().includes('match 1/1'), 'the match');
    expect(found).toContain('The harbour reopened at dawn.');
    await ui.press(KEYS.escape, () => !ui.footer().includes('match'), 'search cleared');

    await ui.press('/', () => ui.footer().includes('Find:'), 'the find line');
    await ui.type('PARAGRAPH 1');
    await ui.press(KEYS.enter, () => ui.footer().includes('match 1/11'), 'case-insensitive matches'); // 1, 10-19
    await ui.press('n', () => ui.footer().includes('match 2/11'), 'next match');
    expect(ui.text()).toContain('Paragraph 10.');
    await ui.press('N', () => ui.footer().includes('match 1/11'), 'previous match');
    await ui.press('N', () => ui.footer().includes('Wrapped to the last match'), 'wraps around');
    await ui.press(KEYS.escape, () => ui.footer().includes('n/p next/prev'), 'search cleared');
    await ui.press('n', (s) => s.includes('Bakery chain'), 'n is the next article again');
  });
});

describe('search results on screen', () => {
  const harbour = makeArticle({
    id: 'harbour',
    headline: 'Council budget agreed',
    date: '2005-01-02',
    paragraphs: ['The council met on Monday.', ...longParagraphs(3), 'Ferries will use the old harbour again from spring, the mayor said.'],
  });
  const ferry = makeArticle({ id: 'ferry', headline: 'Harbour ferries return', date: '2005-01-01', paragraphs: ['Ferries are back in the harbour after ten years.', 'More text.'] });

  it('shows under each result where its words are: from the lead, or read from the file for a body match', async () => {
    const ui = mount({ archive: makeArchive([harbour, ferry, bakery]) });
    await ui.press('/', (s) => s.includes('Search · news'), 'the search line');
    await ui.type('harbour');
    const screen = await ui.waitFor((s) => s.includes('the old harbour again'), 'the body snippet, read from the file');
    const lines = screen.split('\n');
    const row = (text: string) => lines.findIndex((line) => line.includes(text));
    // The headline match first, its lead under it; the body match after, with the text around the word.
    expect(row('Harbour ferries return')).toBe(1);
    expect(lines[2]).toContain('Ferries are back in the harbour after ten years.');
    expect(lines[row('Council budget agreed')]).toContain('in body');
    expect(lines[row('Council budget agreed') + 1]).toMatch(/^ +Ferries will use the old harbour again/);
  });

  it('says which word is found nowhere, since every word must appear', async () => {
    const ui = mount({ archive });
    await ui.press('/', (s) => s.includes('Search · news'), 'the search line');
    await ui.type('putin zzqq');
    const screen = await ui.waitFor((s) => s.includes('is in no article'), 'the missing word');
    expect(ui.footer()).toContain('no matches: “zzqq” is in no article');
    expect(screen).toContain('Nothing matches: “zzqq” is in no article, and every word must appear.');
  });

  it('opens a result with its words marked, n goes on to the next result, and back returns to the results', async () => {
    const ui = mount({ archive });
    await ui.press('/', (s) => s.includes('Search · news'), 'the search line');
    await ui.type('putin');
    await ui.waitFor(() => ui.footer().endsWith('1/2 matches'), 'the results');
    await ui.press(KEYS.enter, (s) => s.includes('min read'), 'the first result');
    expect(ui.lines()[0]).toContain('result 1/2');
    expect(ui.footer()).toContain('“putin”: 1 mark');
    await ui.press('n', () => ui.lines()[0]!.includes('result 2/2'), 'the second result');
    expect(ui.text()).toContain('Oil prices fall as Putin speaks');
    await ui.press('q', (s) => s.includes('Search · news'), 'the results');
    expect(ui.footer()).toMatch(/\/ putin .*2\/2 matches/);
  });

  it('? on the search line shows the search syntax; Esc is back on the line with the query', async () => {
    const ui = mount({ archive }, { cols: 100, rows: 30 });
    await ui.press('/', (s) => s.includes('Search · news'), 'the search line');
    await ui.type('oil');
    await ui.press('?', (s) => s.includes(' Keys') && s.includes('Search syntax'), 'the search help');
    expect(ui.text()).toContain('every word must appear');
    await ui.press(KEYS.escape, (s) => s.includes('Search · news'), 'the search again');
    expect(ui.footer()).toMatch(/\/ oil /);
  });
});
