import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { KEY_GROUPS } from '../src/ui/help.js';
import { createTheme } from '../src/ui/theme.js';
import type { StyleName } from '../src/ui/theme.js';
import { widthOf } from '../src/ui/text.js';
import { KEYS, mountApp } from './helpers/mount-app.js';
import { longParagraphs, makeArchive, makeArticle, manyArticles } from './helpers/ui-fixtures.js';



function mount(props: Parameters<typeof mountApp>[0], size = { cols: 80, rows: 24 }) {
  return mountApp(props, size);
}

const seed = makeArticle({
  id: '000_e474bb9dcb4c5a3e',
  headline: 'China-Russia Relations Are ‘Rock Solid,’ says Beijing’s Foreign Minister',
  dateline: 'Moscow',
  date: '2022-12-26',
  paragraphs: longParagraphs(12),
  url: 'https://example.com/china-russia',
  related: [{ headline: 'Putin, Xi to Meet Again', date: '2022-09-08', dateText: 'Sept. 8, 2022' }],
});
const related = makeArticle({ id: 'world/putin-xi', headline: 'Putin, Xi to Meet Again', date: '2022-09-08', dateline: 'Moscow' });
const tokyo = makeArticle({ id: 'culture/tokyo', headline: 'Tokyo (東京) Show Brings Woodblock Prints Home', date: '2023-04-08', source: 'TOKYO' });
const archive = makeArchive([seed, related, tokyo], [{ relPath: 'broken.bin', reason: 'binary file (contains NUL bytes)' }]);

describe('list screen', () => {
  it('shows the archive name, counts, one row per article newest first, and key hints', () => {
    const ui = mount({ archive });
    const [header, ...rest] = ui.lines();
    expect(header).toContain('news');
    expect(header).toContain('3 articles · 3 unread · 1 skipped');
    expect(rest[0]).toMatch(/^ N 2023-04-08 Tokyo \(東京\)/);
    expect(rest[1]).toContain('2022-12-26 China-Russia Relations');
    expect(rest[2]).toContain('2022-09-08 Putin, Xi');
    expect(ui.text()).toContain('Enter open');
    expect(ui.lines().length).toBeLessThanOrEqual(23); // never the full height: Ink would clear the screen every frame
  });

  it('keeps columns aligned with wide characters and never exceeds the width', () => {
    const ui = mount({ archive }, { cols: 60, rows: 10 });
    for (const line of ui.lines()) expect(widthOf(line)).toBeLessThanOrEqual(60);
    const rows = ui.lines().slice(1, 4);
    // The source column starts at the same terminal column on every row.
    const sourceColumn = (line: string, source: string) => widthOf(line.slice(0, line.lastIndexOf(source)));
    expect(sourceColumn(rows[0]!, 'TOKYO')).toBe(sourceColumn(rows[1]!, 'Moscow'));
  });

  it('renders only the visible window of a 100,000-article archive, and G reaches the last one', async () => {
    const big = makeArchive(manyArticles(100_000));
    const ui = mount({ archive: big }, { cols: 80, rows: 12 });
    expect(ui.lines()).toHaveLength(11);
    expect(ui.text()).toContain('1/100,000');
    const screen = await ui.press('G', (s) => s.includes('100,000/100,000'), 'the last row');
    expect(screen).toContain('Story number 99999');
    // Writing 100,000 rows into a store is most of this test's time (~4 s here, more on a busy machine).
  }, 60_000);

  it('s toggles between date and title order', async () => {
    const ui = mount({ archive });
    await ui.press('s', (s) => s.includes('title A–Z'), 'title order');
    expect(ui.lines()[1]).toContain('China-Russia');
  });

  it('q quits; an unmapped key says so', async () => {
    const ui = mount({ archive });
    await ui.press('z', (s) => s.includes('z does nothing here'), 'notice');
    ui.instance.stdin.write('q');
    await vi.waitFor(() => expect(ui.onQuit).toHaveBeenCalledTimes(1));
  });
});

describe('reader screen', () => {
  it('draws a long article from its opening first, then lays out the rest: the end is reachable and the count is the whole', async () => {
    const long = makeArticle({ id: 'long', headline: 'A very long read', paragraphs: longParagraphs(300) });
    const ui = mount({ archive: makeArchive([long]) });
    await ui.press(KEYS.enter, (s) => s.includes('Paragraph 1.'), 'the reader');
    const totals = () =>
      ui.instance.frames
        .map((frame) => /\/(\d+) (?:Top|\d+%)\s*$/.exec(stripVTControlCharacters(frame).trimEnd()))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => Number(m[1]));
    // The first reader frame counts the preview's lines; a later one the whole article's.
    await vi.waitFor(() => expect(new Set(totals()).size).toBe(2));
    const [preview, whole] = [Math.min(...totals()), Math.max(...totals())];
    expect(preview).toBeLessThan(whole / 5);
    await ui.press('G', (s) => s.includes('Paragraph 300.'), 'the last paragraph');
    expect(ui.footer()).toMatch(new RegExp(`/${whole} End`));
  });

  it('reads the article the cursor rests on before Enter, not every article it passes', async () => {
    const articles = [1, 2, 3, 4].map((n) => makeArticle({ id: `a${n}`, headline: `Story ${n}`, date: `2024-01-0${n}` }));
    const archive = makeArchive(articles);
    const read: string[] = [];
    const readText = archive.readText.bind(archive);
    archive.readText = (article) => (read.push(article.id), readText(article));
    const ui = mount({ archive });
    await ui.press('jj', (s) => /3\/4\s*$/.test(s.trimEnd()), 'the third article selected');
    await vi.waitFor(() => expect(read).toContain('a2'), { timeout: 2000 });
    expect(read).not.toContain('a3'); // passed over without resting
    await ui.press(KEYS.enter, (s) => s.includes('Story 2') && s.includes('min read'), 'the reader');
  });

  it('shows why an article cannot be shown when its file went away, and stays usable', async () => {
    const gone = makeArchive([makeArticle({ id: 'gone', headline: 'Vanished story' })]);
    gone.readText = () => ({ ok: false, reason: 'the file is gone (moved or deleted since the archive loaded)' });
    const ui = mount({ archive: gone });
    const reader = await ui.press(KEYS.enter, (s) => s.includes('Cannot show'), 'the reader');
    expect(reader).toContain('Vanished story');
    expect(reader.replace(/\s+/g, ' ')).toContain('Cannot show this article: the file is gone (moved or deleted since the archive loaded).');
    await ui.press(KEYS.escape, (s) => s.includes('Enter open'), 'the list again');
  });

  it('opens the selected article with headline, dateline, reading time and body; back returns to the list', async () => {
    const ui = mount({ archive });
    await ui.press(KEYS.down, (s) => s.includes('2/3'), 'second row selected');
    const reader = await ui.press(KEYS.enter, (s) => s.includes('min read'), 'the reader');
    expect(reader).toContain('China-Russia Relations Are ‘Rock Solid,’ says Beijing’s');
    expect(reader).toContain(`Moscow · 2022-12-26 · ${seed.readingMinutes} min read`);
    expect(reader).toContain('Paragraph 1.');
    expect(reader).toMatch(/Top/);
    const list = await ui.press(KEYS.escape, (s) => s.includes('Enter open'), 'the list again');
    expect(list.split('\n')[2]).toMatch(/^ {3}2022-12-26 China-Russia/); // read now: no N mark
  });

  it('scrolls to the end, shows See also with a number, and opens the related article', async () => {
    const ui = mount({ archive }, { cols: 80, rows: 16 });
    await ui.press('j', (s) => s.includes('2/3'), 'second row');
    await ui.press('l', (s) => s.includes('min read'), 'reader');
    await ui.press(KEYS.pageDown, (s) => !s.includes('Top'), 'a page down');
    const end = await ui.press('G', (s) => s.includes('End'), 'the end');
    expect(end).toContain('See also');
    expect(end).toContain('[1] Putin, Xi to Meet Again (2022-09-08)');
    expect(end).toContain('1 see also');
    const opened = await ui.press('1', (s) => s.includes('Putin, Xi to Meet Again') && s.includes('All'), 'the related article');
    expect(opened).not.toContain('See also');
    await ui.press('q', (s) => s.includes('See also'), 'back to the first article, where we were');
  });

  it('n and p walk the list from inside the reader', async () => {
    const ui = mount({ archive });
    await ui.press(KEYS.enter, (s) => s.includes('min read'), 'reader');
    expect(ui.text()).toContain('Tokyo (東京)');
    await ui.press('n', (s) => s.includes('China-Russia'), 'next article');
    await ui.press('p', (s) => s.includes('Tokyo (東京)'), 'previous article');
  });

  it('o hands the source URL to the opener', async () => {
    const openUrl = vi.fn();
    const ui = mount({ archive, openUrl });
    await ui.press('j', (s) => s.includes('2/3'), 'second row');
    await ui.press(KEYS.enter, (s) => s.includes('min read'), 'reader');
    expect(ui.text()).toContain('o source');
    await ui.press('o', (s) => s.includes('Opening https://example.com/china-russia'), 'notice');
    await vi.waitFor(() => expect(openUrl).toHaveBeenCalledWith('https://example.com/china-russia'));
  });

  it('Ctrl-c quits from inside the reader', async () => {
    const ui = mount({ archive });
    await ui.press(KEYS.enter, (s) => s.includes('min read'), 'reader');
    ui.instance.stdin.write(KEYS.ctrlC);
    await vi.waitFor(() => expect(ui.onQuit).toHaveBeenCalledTimes(1));
  });

  it('wraps the body within 80 columns on a wide terminal, and re-wraps on resize', async () => {
    const ui = mount({ archive }, { cols: 120, rows: 20 });
    await ui.press('j', (s) => s.includes('2/3'), 'second row');
    await ui.press(KEYS.enter, (s) => s.includes('min read'), 'reader');
    const body = ui.lines().filter((l) => l.includes('Lorem'));
    for (const line of body) expect(widthOf(line.trim())).toBeLessThanOrEqual(80);
    ui.rerender({ size: { cols: 40, rows: 20 } });
    await ui.waitFor((s) => s.split('\n').every((l) => widthOf(l) <= 40) && s.includes('Lorem'), 'narrow layout');
    for (const line of ui.lines().filter((l) => l.includes('Lorem'))) expect(widthOf(line.trim())).toBeLessThanOrEqual(38);
  });
});

describe('quotes and figures', () => {
  it('] jumps to the next quote below and marks it', async () => {
    const filler = Array.from({ length: 8 }, () => 'Lorem ipsum dolor sit amet consectetur adipiscing elit. '.repeat(4).trim());
    const quoted = makeArticle({
      id: 'quoted',
      headline: 'Quoted story',
      // Filler without digits: numbers are figures, and this test is about the quote.
      paragraphs: [...filler, '“We will rebuild the harbour,” the mayor said.', ...filler],
    });
    const ui = mount({ archive: makeArchive([quoted]) }, { cols: 80, rows: 12 });
    await ui.press(KEYS.enter, (s) => s.includes('min read'), 'reader');
    expect(ui.text()).not.toContain('We will rebuild');
    const jumped = await ui.press(']', (s) => s.includes('We will rebuild'), 'the quote scrolled into view');
    const marked = jumped.split('\n').find((l) => l.includes('We will rebuild'));
    expect(marked).toMatch(/^\s*>“We will rebuild/);
    await ui.press('g', (s) => s.includes('Top'), 'the top');
  });
});

describe('overlays, resize and small terminals', () => {
  it('? shows every key group and closes again', async () => {
    const ui = mount({ archive }, { cols: 80, rows: 60 });
    const help = await ui.press('?', (s) => s.includes('Keys'), 'help');
    for (const group of KEY_GROUPS) expect(help).toContain(group.title);
    expect(help).toContain('Ctrl-c');
    await ui.press('?', (s) => s.includes('Enter open'), 'the list');
  });

  it('! lists the files that were skipped and why', async () => {
    const ui = mount({ archive });
    const report = await ui.press('!', (s) => s.includes('Archive report'), 'report');
    expect(report).toContain('broken.bin: binary file (contains NUL bytes)');
    await ui.press(KEYS.escape, (s) => s.includes('Enter open'), 'the list');
  });

  it('reflows when the terminal emits resize', async () => {
    const ui = mount({ archive, size: undefined });
    // ink-testing-library's fake stdout is 100 wide and has no rows: the fallback is 24.
    expect(ui.lines()).toHaveLength(23);
    expect(ui.lines()[0]).toMatch(/news {20,}3 articles · 3 unread/);
    const stdout = ui.instance.stdout as unknown as NodeJS.EventEmitter;
    Object.defineProperty(stdout, 'columns', { configurable: true, get: () => 50 });
    Object.defineProperty(stdout, 'rows', { configurable: true, get: () => 8 });
    stdout.emit('resize');
    await ui.waitFor((s) => s.split('\n').length === 7, 'the new height');
    for (const line of ui.lines()) expect(widthOf(line)).toBeLessThanOrEqual(50);
    expect(ui.lines()[0]).toContain('3 articles');
  });

  it('shows something sensible on a 20x5 terminal and even 10x2', async () => {
    const ui = mount({ archive }, { cols: 20, rows: 5 });
    expect(ui.lines()).toHaveLength(4);
    for (const line of ui.lines()) expect(widthOf(line)).toBeLessThanOrEqual(20);
    await ui.press(KEYS.enter, (s) => s.includes('Tokyo'), 'reader');
    ui.rerender({ size: { cols: 10, rows: 2 } });
    await ui.waitFor((s) => s.split('\n').length === 1, 'one line');
  });
});

describe('theme', () => {
  it('uses no colour at all under NO_COLOR, but still marks quotes and figures', () => {
    const mono = createTheme(true);
    const names: StyleName[] = ['quote', 'figure', 'quote+figure', 'meta', 'related', 'mark', 'status', 'selected', 'bar'];
    for (const name of names) expect(mono.style(name).color).toBeUndefined();
    expect(mono.style('quote')).toEqual({ underline: true });
    expect(mono.style('figure').bold).toBe(true);
    expect(createTheme(false).style('quote').color).toBe('green');
  });
});

describe('a very long article', () => {
  it('opens at once, scrolls while the rest is laid out (the footer says how far), then shows its end', async () => {
    const paragraphs = longParagraphs(2500).map((p, i) => (i % 4 === 0 ? `${p} “We will spend $4.5bn,” she said.` : p));
    paragraphs[2499] = 'The very last paragraph of the long article.';
    const { press, footer, waitFor, lines } = mountApp({ archive: makeArchive([makeArticle({ id: 'huge', paragraphs })]) });
    await press(KEYS.enter, (s) => s.includes('Paragraph 1.'), 'the opening');
    expect(footer()).toMatch(/1-\d+ · laying out \d+%/);
    // A page down is answered from what is laid out, while the rest is still being laid out.
    await press(KEYS.pageDown, () => !lines().some((l) => l.includes('Paragraph 1.')), 'a page down');
    expect(footer()).toMatch(/laying out \d+%/);
    await waitFor(() => /\d+-\d+\/[\d,]+ \d+%/.test(footer()), 'the whole article laid out');
    await press('G', (s) => s.includes('The very last paragraph'), 'its end');
    expect(footer()).toMatch(/ End\s*$/);
  }, 30_000);
});
