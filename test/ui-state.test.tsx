import { describe, expect, it } from 'vitest';
import { keyToAction, reduceInput, reduceKey } from '../src/ui/keys.js';
import type { KeyInfo } from '../src/ui/keys.js';
import { frameFor, readerMeasure } from '../src/ui/layout.js';
import { listColumns, rowCells } from '../src/ui/list-row.js';
import { extendArticle, layoutArticle, previewArticle, SLICED_CHARS } from '../src/ui/reader-doc.js';
import { findHighlights } from '../src/analysis/index.js';
import { resolveRelated } from '../src/archive/related.js';
import { createEnv, currentFrame, initialState, modeOf, reduce } from '../src/ui/state.js';
import type { Action, UiState } from '../src/ui/state.js';
import { fit, formatCount, truncate, widthOf, wrapWords } from '../src/ui/text.js';
import { makeArchive, makeArticle, longParagraphs, manyArticles } from './helpers/ui-fixtures.js';
import { idsOf } from './helpers/ui-fixtures.js';
import { textOf } from './helpers/text.js';

const archive = makeArchive(manyArticles(100));
const env = createEnv(archive);
const run = (state: UiState, ...actions: Action[]): UiState => actions.reduce((s, a) => reduce(s, a, env), state);
const start = (cols = 80, rows = 24): UiState => initialState(cols, rows);

describe('list navigation', () => {
  it('moves the selection and scrolls the window to keep it visible', () => {
    const height = frameFor(24).contentHeight; // 21 rows
    let s = run(start(), { type: 'move', by: 1 }, { type: 'move', by: 1 });
    expect(s.cursor).toBe(2);
    expect(s.listTop).toBe(0);
    s = run(s, { type: 'move', by: height });
    expect(s.cursor).toBe(2 + height);
    expect(s.listTop).toBe(s.cursor - height + 1);
  });

  it('stops at both ends instead of wrapping', () => {
    expect(run(start(), { type: 'move', by: -1 }).cursor).toBe(0);
    const last = run(start(), { type: 'edge', to: 'last' });
    expect(last.cursor).toBe(99);
    expect(run(last, { type: 'move', by: 1 }).cursor).toBe(99);
    expect(last.listTop).toBe(100 - frameFor(24).contentHeight);
  });

  it('pages the window and the selection together, and half-pages', () => {
    const height = frameFor(24).contentHeight;
    const paged = run(start(), { type: 'page', dir: 1, size: 'full' });
    expect(paged.cursor).toBe(height);
    expect(paged.listTop).toBe(height);
    const half = run(start(), { type: 'page', dir: 1, size: 'half' });
    expect(half.cursor).toBe(Math.floor(height / 2));
    expect(run(paged, { type: 'page', dir: -1, size: 'full' })).toMatchObject({ cursor: 0, listTop: 0 });
  });

  it('when the store changes the selection follows its article, but at the top of a list filling in it stays at the top', () => {
    const before = makeArchive(manyArticles(30));
    const beforeEnv = createEnv(before);
    const moved = reduce(start(), { type: 'move', by: 3 }, beforeEnv);
    const selected = beforeEnv.order('date').idAt(3)!;
    // Two newer articles arrive above it.
    const newer = [makeArticle({ id: 'new1', headline: 'Newest', date: '2024-02-02' }), makeArticle({ id: 'new2', headline: 'Newer', date: '2024-02-01' })];
    const afterEnv = createEnv(makeArchive([...newer, ...manyArticles(30)]));
    const followed = reduce(moved, { type: 'archiveReplaced', selectedId: selected, notice: 'Archive updated: 2 new' }, afterEnv);
    expect(afterEnv.order('date').idAt(followed.cursor)).toBe(selected);
    expect(followed.cursor).toBe(5);
    expect(followed.status).toBe('Archive updated: 2 new');
    const firstId = beforeEnv.order('date').idAt(0);
    expect(reduce(start(), { type: 'archiveReplaced', selectedId: firstId, notice: '' }, afterEnv).cursor).toBe(2);
    const top = reduce(start(), { type: 'archiveReplaced', selectedId: firstId, notice: '', filling: true }, afterEnv);
    expect(top.cursor).toBe(0);
    expect(afterEnv.order('date').idAt(top.cursor)).toBe('new1');
  });

  it('toggles the sort and keeps the same article selected', () => {
    const s = run(start(), { type: 'move', by: 5 });
    const selected = env.order('date').idAt(5);
    const sorted = run(s, { type: 'toggleSort' });
    expect(sorted.sort).toBe('title');
    expect(env.order('title').idAt(sorted.cursor)).toBe(selected);
    expect(run(sorted, { type: 'toggleSort' }).sort).toBe('date');
  });

  it('sorts by date newest first, and by title with numbers in numeric order', () => {
    expect(idsOf(env.order('date')).slice(0, 2)).toEqual(['a000', 'a001']);
    const titles = idsOf(env.order('title')).map((id) => archive.get(id)?.headline);
    expect(titles.slice(0, 3)).toEqual(['Story number 0', 'Story number 1', 'Story number 2']);
  });

  it('quits on request, and a notice lasts until the next key', () => {
    expect(run(start(), { type: 'quit' }).quit).toBe(true);
    expect(run(start(), { type: 'unknownKey', key: 'z' }).status).toBe('z does nothing here · ? for help');
    expect(run(start(), { type: 'unknownKey', key: 'z' }, { type: 'move', by: 1 }).status).toBeNull();
  });
});

describe('reader navigation', () => {
  const longArchive = makeArchive([
    makeArticle({ id: 'long', headline: 'Long read', paragraphs: longParagraphs(30), date: '2023-02-01' }),
    makeArticle({ id: 'short', headline: 'Short read', date: '2023-01-01', url: 'https://example.com/short' }),
  ]);
  const longEnv = createEnv(longArchive);
  const go = (state: UiState, ...actions: Action[]): UiState => actions.reduce((s, a) => reduce(s, a, longEnv), state);

  it('opens the selected article, marks it read, and goes back to the same row', () => {
    const opened = go(start(), { type: 'open' });
    expect(modeOf(opened)).toBe('reader');
    expect(currentFrame(opened)?.articleId).toBe('long');
    expect(opened.read.has('long')).toBe(true);
    const back = go(opened, { type: 'back' });
    expect(modeOf(back)).toBe('list');
    expect(back.cursor).toBe(0);
  });

  it('scrolls within the article and clamps at the end', () => {
    const doc = layoutArticle(longArchive, longArchive.get('long')!, readerMeasure(80));
    const height = frameFor(24).contentHeight;
    let s = go(start(), { type: 'open' }, { type: 'move', by: 3 });
    expect(currentFrame(s)?.top).toBe(3);
    s = go(s, { type: 'edge', to: 'last' });
    expect(currentFrame(s)?.top).toBe(doc.lines.length - height);
    s = go(s, { type: 'page', dir: 1, size: 'full' });
    expect(currentFrame(s)?.top).toBe(doc.lines.length - height);
    s = go(s, { type: 'edge', to: 'first' });
    expect(currentFrame(s)?.top).toBe(0);
  });

  it('n and p open the next and previous article in list order and move the list selection', () => {
    const next = go(start(), { type: 'open' }, { type: 'sibling', dir: 1 });
    expect(currentFrame(next)?.articleId).toBe('short');
    expect(next.cursor).toBe(1);
    expect(next.stack).toHaveLength(1);
    expect(go(next, { type: 'sibling', dir: 1 }).status).toBe('This is the last article');
    expect(currentFrame(go(next, { type: 'sibling', dir: -1 }))?.articleId).toBe('long');
  });

  it('asks the shell to open the source URL only when there is one', () => {
    const withUrl = go(start(), { type: 'move', by: 1 }, { type: 'open' }, { type: 'openSource' });
    expect(withUrl.effects.at(-1)).toEqual({ kind: 'open-url', url: 'https://example.com/short' });
    const without = go(start(), { type: 'open' }, { type: 'openSource' });
    expect(without.effects.some((e) => e.kind === 'open-url')).toBe(false);
    expect(without.status).toBe('This article has no source URL');
  });

  it('keeps the reading position across a resize', () => {
    const s = go(start(80, 24), { type: 'open' }, { type: 'move', by: 40 });
    const narrow = go(s, { type: 'resize', cols: 40, rows: 24 });
    const oldLength = layoutArticle(longArchive, longArchive.get('long')!, readerMeasure(80)).lines.length;
    const newLength = layoutArticle(longArchive, longArchive.get('long')!, readerMeasure(40)).lines.length;
    expect(newLength).toBeGreaterThan(oldLength);
    expect(currentFrame(narrow)?.top).toBe(Math.round((40 / oldLength) * newLength));
  });

  it('help opens over any screen and closes with back, scrolling inside it', () => {
    const s = go(start(80, 8), { type: 'open' }, { type: 'overlay', which: 'help' });
    expect(modeOf(s)).toBe('help');
    const scrolled = go(s, { type: 'move', by: 2 });
    expect(scrolled.overlayTop).toBe(2);
    expect(currentFrame(scrolled)?.top).toBe(0); // the article underneath did not move
    expect(modeOf(go(scrolled, { type: 'back' }))).toBe('reader');
    expect(modeOf(go(s, { type: 'overlay', which: 'help' }))).toBe('reader');
  });
});

describe('opening a long article', () => {
  it('draws a preview that fills the screen and matches the start of the whole layout', () => {
    // ~120 KB of text: the preview is a small part of it.
    const paragraphs = longParagraphs(400).map((p, i) => (i % 3 === 0 ? `${p} “We will spend $4.5bn,” she said.` : p));
    const article = makeArticle({ id: 'long', paragraphs });
    const archive = makeArchive([article]);
    for (const [width, lines] of [[80, 28], [60, 58], [40, 10]] as const) {
      const layout = { width, notes: 0 };
      const preview = previewArticle(archive, article, layout, lines);
      expect(preview.partial).toBe(true);
      // At least a screen and a page down, far less than the whole article.
      expect(preview.lines.length).toBeGreaterThan(lines * 2);
      const whole = layoutArticle(archive, article, layout);
      expect(preview.lines.length).toBeLessThan(whole.lines.length / 10);
      // What the preview shows is what the whole layout will show there, highlights included.
      expect(preview.lines.slice(0, lines * 2)).toEqual(whole.lines.slice(0, lines * 2));
      // Once laid out, the whole article is what is shown.
      expect(previewArticle(archive, article, layout, lines)).toBe(whole);
    }
  });

  it('lays out a very long article a slice at a time: scrolling never waits for the rest, and the whole is the same text with the same highlights', () => {
    // ~600 KB: above SLICED_CHARS, so it grows between key presses instead of being laid out at once.
    const paragraphs = longParagraphs(2000).map((p, i) => (i % 4 === 0 ? `Jane Doe, the chief executive, spoke. ${p} “We will spend $4.5bn,” she said.` : `${p} Sales rose 12% in ${1990 + (i % 30)}.`));
    expect(paragraphs.join('').length).toBeGreaterThan(SLICED_CHARS);
    const article = makeArticle({ id: 'huge', paragraphs });
    const archive = makeArchive([article]);
    const env = createEnv(archive);
    const layout = readerMeasure(80);
    const first = previewArticle(archive, article, layout, 28);
    expect(first.partial).toBe(true);
    expect(first.laidOut).toBeLessThan(0.01);
    expect(first.lines.length).toBeGreaterThan(28);
    // Scrolling a page at a time past what is laid out: the reducer moves within what there is, and lays out nothing more.
    let s = reduce(initialState(80, 30), { type: 'open' }, env);
    for (let i = 0; i < 5; i++) s = reduce(s, { type: 'page', dir: 1, size: 'full' }, env);
    expect(currentFrame(s)!.top).toBeGreaterThan(0);
    expect(currentFrame(s)!.top).toBeLessThanOrEqual(first.lines.length);
    expect(previewArticle(archive, article, layout, 28).laidOut).toBe(first.laidOut);
    // Grown a little at a time (1 ms of work per call), it reaches the end and becomes the article's layout.
    let shown = first;
    let calls = 0;
    while (shown.partial) {
      const before = shown.laidOut!;
      shown = extendArticle(archive, article, layout, 1);
      calls++;
      if (shown.partial) expect(shown.laidOut!).toBeGreaterThan(before);
    }
    expect(calls).toBeGreaterThan(10);
    expect(shown).toBe(layoutArticle(archive, article, layout));
    expect(previewArticle(archive, article, layout, 28)).toBe(shown);
    // Every paragraph, in order, and the same quotations and figures as the article analysed whole.
    const body = shown.lines.filter((l) => l.kind === 'body');
    expect(new Set(body.map((l) => l.at!.paragraph)).size).toBe(paragraphs.length);
    const whole = findHighlights(paragraphs);
    expect(shown.highlights.map((h) => [h.kind, h.paragraph, h.start])).toEqual(whole.map((h) => [h.kind, h.paragraph, h.start]));
    expect(shown.highlights.filter((h) => h.kind === 'quote').every((h) => h.speaker === 'Jane Doe')).toBe(true);
  });

  it('lays out a short article whole at once', () => {
    const article = makeArticle({ id: 'short', paragraphs: longParagraphs(3) });
    expect(previewArticle(makeArchive([article]), article, { width: 80, notes: 0 }, 28).partial).toBeUndefined();
  });
});

describe('related articles and highlights', () => {
  const target = makeArticle({ id: 'world/putin', headline: 'Putin, Xi to Meet Again, As Russian Experts Envision ‘Rise of a New World Order’', date: '2022-09-08' });
  const source = makeArticle({
    id: 'seed',
    headline: 'China-Russia Relations',
    related: [
      { headline: "Putin, Xi to Meet Again, As Russian Experts Envision 'Rise of a New World Order'", date: '2022-09-08', dateText: 'Sept. 8, 2022' },
      { headline: 'A story that is not in the archive', dateText: 'Jun. 16, 2022' },
    ],
  });
  const rel = makeArchive([source, target]);

  it('matches See also headlines despite curly or straight quotes', () => {
    const related = textOf(rel, source).related;
    expect(resolveRelated(rel, related[0]!)?.id).toBe('world/putin');
    expect(resolveRelated(rel, related[1]!)).toBeUndefined();
  });

  it('numbers only the related articles it can open, and opens them on top of the current one', () => {
    const doc = layoutArticle(rel, source, { width: 60, notes: 0 });
    expect(doc.openable).toEqual(['world/putin']);
    const text = doc.lines.map((l) => l.segments.map((s) => s.text).join(''));
    expect(text).toContain('See also');
    expect(text.some((t) => t.startsWith('[1] Putin, Xi'))).toBe(true);
    expect(text.join(' ').replace(/\s+/g, ' ')).toContain('A story that is not in the archive (Jun. 16, 2022) (not in this archive)');

    const relEnv = createEnv(rel);
    const order = relEnv.order('date');
    let s = initialState(80, 24);
    s = reduce(s, { type: 'move', by: order.indexOf('seed') }, relEnv);
    s = reduce(s, { type: 'open' }, relEnv);
    s = reduce(s, { type: 'openRelated', number: 1 }, relEnv);
    expect(s.stack.map((f) => f.articleId)).toEqual(['seed', 'world/putin']);
    s = reduce(s, { type: 'back' }, relEnv);
    expect(currentFrame(s)?.articleId).toBe('seed');
    expect(reduce(s, { type: 'openRelated', number: 2 }, relEnv).status).toBe('No related article 2');
  });

  it('reports when there is nothing to jump to', () => {
    const relEnv = createEnv(rel);
    const s = reduce(reduce(initialState(80, 24), { type: 'open' }, relEnv), { type: 'highlight', dir: 1 }, relEnv);
    expect(s.status).toMatch(/No quotes or figures/);
  });
});

describe('key map', () => {
  const k = (key: KeyInfo = {}) => key;
  it('maps the documented keys on the list', () => {
    expect(keyToAction('j', k(), 'list')).toEqual({ type: 'move', by: 1 });
    expect(keyToAction('', k({ upArrow: true }), 'list')).toEqual({ type: 'move', by: -1 });
    expect(keyToAction('', k({ return: true }), 'list')).toEqual({ type: 'open' });
    expect(keyToAction('l', k(), 'list')).toEqual({ type: 'open' });
    expect(keyToAction('q', k(), 'list')).toEqual({ type: 'quit' });
    expect(keyToAction('h', k(), 'list')).toBeUndefined(); // never quits by accident
    expect(keyToAction('s', k(), 'list')).toEqual({ type: 'toggleSort' });
    expect(keyToAction(' ', k(), 'list')).toEqual({ type: 'page', dir: 1, size: 'full' });
    expect(keyToAction('f', k({ ctrl: true }), 'list')).toEqual({ type: 'page', dir: 1, size: 'full' });
    expect(keyToAction('u', k({ ctrl: true }), 'list')).toEqual({ type: 'page', dir: -1, size: 'half' });
    expect(keyToAction('G', k(), 'list')).toEqual({ type: 'edge', to: 'last' });
    expect(keyToAction('', k({ home: true }), 'list')).toEqual({ type: 'edge', to: 'first' });
  });

  it('q, h, Esc and ← go back in the reader; n/p, ] and [ and digits act on the article', () => {
    for (const [input, key] of [['q', {}], ['h', {}], ['', { escape: true }], ['', { leftArrow: true }]] as const) {
      expect(keyToAction(input, key, 'reader')).toEqual({ type: 'back' });
    }
    expect(keyToAction('n', k(), 'reader')).toEqual({ type: 'sibling', dir: 1 });
    expect(keyToAction(']', k(), 'reader')).toEqual({ type: 'highlight', dir: 1 });
    expect(keyToAction('[', k(), 'reader')).toEqual({ type: 'highlight', dir: -1 });
    expect(keyToAction('3', k(), 'reader')).toEqual({ type: 'openRelated', number: 3 });
  });

  it('Ctrl-c quits from every screen; /, b, B and u are mapped where they make sense', () => {
    for (const mode of ['list', 'reader', 'help', 'report', 'bookmarks'] as const) {
      expect(keyToAction('c', k({ ctrl: true }), mode)).toEqual({ type: 'quit' });
    }
    expect(keyToAction('/', k(), 'list')).toEqual({ type: 'startSearch' });
    expect(keyToAction('/', k(), 'reader')).toEqual({ type: 'startSearch' });
    expect(keyToAction('b', k(), 'reader')).toEqual({ type: 'toggleBookmark' });
    expect(keyToAction('u', k(), 'list')).toEqual({ type: 'toggleRead' });
    expect(keyToAction('B', k(), 'list')).toEqual({ type: 'showBookmarks' });
    expect(keyToAction('d', k(), 'bookmarks')).toEqual({ type: 'removeBookmark' });
    expect(keyToAction('x', k(), 'bookmarks')).toEqual({ type: 'removeBookmark' });
    expect(keyToAction('e', k(), 'bookmarks')).toEqual({ type: 'editNote' });
    expect(keyToAction('N', k(), 'reader')).toEqual({ type: 'findStep', dir: -1 });
    expect(keyToAction('b', k(), 'help')).toBeUndefined();
  });

  it('overlays ignore keys that would act on the screen underneath', () => {
    expect(keyToAction('n', k(), 'help')).toBeUndefined();
    expect(keyToAction('s', k(), 'report')).toBeUndefined();
    expect(keyToAction('q', k(), 'help')).toEqual({ type: 'back' });
  });

  it('each key sees the screen the previous key produced, so "l" then "q" goes back instead of quitting', () => {
    let s = initialState(80, 24);
    s = reduceKey(s, 'l', {}, env);
    s = reduceKey(s, 'q', {}, env);
    expect(s.quit).toBe(false);
    expect(modeOf(s)).toBe('list');
  });

  it('keys arriving as one chunk act one at a time, in order, each on the screen the previous produced', () => {
    expect(reduceKey(initialState(80, 24), 'jjjj', {}, env).cursor).toBe(4);
    // `G` then `k`: the last article, then one up.
    const last = archive.size - 1;
    expect(reduceKey(initialState(80, 24), 'Gk', {}, env).cursor).toBe(last - 1);
    // Open, back, quit: all three, in order.
    const opened = reduceKey(initialState(80, 24), 'l', {}, env);
    expect(modeOf(opened)).toBe('reader');
    expect(reduceKey(initialState(80, 24), 'lqq', {}, env).quit).toBe(true);
    expect(reduceKey(initialState(80, 24), 'lq', {}, env).quit).toBe(false);
  });

  it('Enter, Backspace and Ctrl keys inside a chunk act as those keys, in order (keys typed in a burst)', () => {
    // j, j, Enter: the third article opens.
    const opened = reduceInput(initialState(80, 24), 'jj\r', {}, env);
    expect(modeOf(opened)).toBe('reader');
    expect(currentFrame(opened)?.articleId).toBe(createEnv(archive).order('date').idAt(2));
    // Ctrl-c typed right after other keys still quits.
    expect(reduceInput(initialState(80, 24), 'j\u0003', {}, env).quit).toBe(true);
    // In the search line: text typed whole, Backspace deletes, Enter opens the result.
    const typed = reduceInput(initialState(80, 24), '/oik\u007fl', {}, env);
    expect(typed.search?.line.value).toBe('oil');
    // Enter is the key, not a character typed into the query.
    const entered = reduceInput(typed, 'x\u007f\r', {}, env);
    expect(entered.search === null || entered.search.line.value === 'oil').toBe(true);
    // A lone key is left to Ink's own parsing.
    expect(modeOf(reduceInput(initialState(80, 24), '\r', { return: true }, env))).toBe('reader');
  });

  it('type-ahead after `/` lands in the search line, not on list shortcuts', () => {
    const s = reduceKey(initialState(80, 24), '/oil q', {}, env);
    expect(modeOf(s)).toBe('search');
    expect(s.search?.line.value).toBe('oil q');
    expect(s.quit).toBe(false);
  });
});

describe('counts', () => {
  it('groups thousands the en-US way, whatever the locale', () => {
    expect([0, 7, 999, 1000, 2225, 100000, 1234567, -1234].map(formatCount)).toEqual(['0', '7', '999', '1,000', '2,225', '100,000', '1,234,567', '-1,234']);
  });
});

describe('width-aware text', () => {
  it('truncates and pads by terminal columns, not characters', () => {
    expect(truncate('東京タワー', 5)).toBe('東京…');
    expect(widthOf(fit('東京タワー', 5))).toBe(5);
    expect(fit('abc', 5)).toBe('abc  ');
    expect(truncate('abcdef', 1)).toBe('…');
  });

  it('wraps words to the width and breaks words longer than a line', () => {
    expect(wrapWords('the quick brown fox jumps', 10)).toEqual(['the quick', 'brown fox', 'jumps']);
    expect(wrapWords('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    for (const line of wrapWords('日本語のテキストを折り返す 東京 大阪', 7)) expect(widthOf(line)).toBeLessThanOrEqual(7);
  });

  it('lays out list rows with aligned columns whatever the script, and drops columns on narrow terminals', () => {
    const wide = makeArticle({ id: 'x', headline: 'Tokyo (東京) Show Brings Woodblock Prints Home Again', source: 'TOKYO' });
    const plain = makeArticle({ id: 'y', headline: 'A plain headline', source: 'Reuters' });
    for (const cols of [100, 60, 40, 20]) {
      const a = rowCells(wide, cols, { bookmarked: false, unread: true });
      const b = rowCells(plain, cols, { bookmarked: false, unread: true });
      const width = (c: typeof a) => widthOf(c.marks + c.date + c.headline + c.source);
      expect(width(a)).toBe(cols);
      expect(width(b)).toBe(cols);
      expect(widthOf(a.marks + a.date + a.headline)).toBe(widthOf(b.marks + b.date + b.headline));
    }
    expect(listColumns(40).source).toBe(0);
    expect(listColumns(20).date).toBe(0);
  });

  it('keeps the reading measure at most 80 columns, centred, with a margin for speakers when one fits', () => {
    expect(readerMeasure(200)).toEqual({ width: 80, margin: 60, notes: 28 });
    expect(readerMeasure(110)).toEqual({ width: 80, margin: 15, notes: 14 });
    expect(readerMeasure(100)).toEqual({ width: 80, margin: 10, notes: 0 });
    expect(readerMeasure(40)).toEqual({ width: 38, margin: 1, notes: 0 });
  });
});

describe('terminal session', () => {
  it('enters once and restores once: raw mode off, cursor shown, alternate screen left', async () => {
    const { createTerminalSession } = await import('../src/ui/terminal.js');
    const written: string[] = [];
    const rawModes: boolean[] = [];
    const session = createTerminalSession({
      stdout: { write: (d: string) => written.push(d) },
      stdin: { isTTY: true, setRawMode: (m: boolean) => rawModes.push(m) },
    });
    session.restore(); // nothing to restore before entering
    expect(written).toEqual([]);
    session.enter();
    session.restore();
    session.restore();
    expect(rawModes).toEqual([true, false]);
    expect(written).toHaveLength(2);
    expect(written[0]).toContain('\u001B[?1049h');
    expect(written[0]).toContain('\u001B[?25l');
    expect(written[1]).toBe('\u001B[?25h\u001B[?1049l');
  });

  it('guards the terminal until the reader takes over: a signal restores it and exits with the signal status', async () => {
    const { EventEmitter } = await import('node:events');
    const { createTerminalSession, guardTerminal } = await import('../src/ui/terminal.js');
    const written: string[] = [];
    const session = createTerminalSession({ stdout: { write: (d: string) => written.push(d) }, stdin: {} });
    session.enter();
    const exits: number[] = [];
    const proc = Object.assign(new EventEmitter(), { exit: (code: number) => exits.push(code) }) as unknown as NodeJS.Process;
    const guard = guardTerminal(session, proc);
    proc.emit('SIGTERM');
    expect(session.restored).toBe(true);
    expect(written.at(-1)).toBe('\u001B[?25h\u001B[?1049l');
    expect(exits).toEqual([143]);
    guard.release();
    const events = ['SIGTERM', 'SIGHUP', 'SIGINT', 'exit', 'uncaughtException', 'unhandledRejection'];
    expect(events.map((e) => proc.listenerCount(e))).toEqual(events.map(() => 0));
  });

  it('guards the terminal against a crash before the reader takes over: restored first, then the error, status 1', async () => {
    const { EventEmitter } = await import('node:events');
    const { createTerminalSession, guardTerminal } = await import('../src/ui/terminal.js');
    const written: string[] = [];
    const session = createTerminalSession({ stdout: { write: (d: string) => written.push(`out:${d}`) }, stdin: {} });
    session.enter();
    const exits: number[] = [];
    const stderr = { write: (d: string) => written.push(`err:${d}`) };
    const proc = Object.assign(new EventEmitter(), { exit: (code: number) => exits.push(code), stderr }) as unknown as NodeJS.Process;
    guardTerminal(session, proc);
    proc.emit('uncaughtException', new Error('boom'));
    expect(written.at(-2)).toBe('out:\u001B[?25h\u001B[?1049l');
    expect(written.at(-1)).toMatch(/^err:broadsheet: Error: boom/);
    expect(exits).toEqual([1]);
  });
});

describe('Enter before the results arrive', () => {
  const archive = makeArchive([makeArticle({ id: 'oil', headline: 'Oil prices rise' }), makeArticle({ id: 'gas', headline: 'Gas prices fall' })]);
  const env = createEnv(archive);
  const run = (state: UiState, ...actions: Action[]): UiState => actions.reduce((s, a) => reduce(s, a, env), state);
  const typed = (text: string): Action[] => [...text].map((char) => ({ type: 'lineEdit', edit: { kind: 'insert', text: char } }));

  it('opens the top result when the answer to what was typed arrives, and the wait message goes away', () => {
    let s = run(initialState(80, 24), { type: 'startSearch' }, { type: 'searchIndexed' }, ...typed('ga'));
    // The answer to "g" is on screen; "ga" is still being answered.
    s = run(s, { type: 'searchResults', query: 'ga', hits: [{ id: 'gas', score: 0, field: 'headline', headlineMatches: [] }], total: 1 });
    s = run(s, ...typed('s'));
    s = run(s, { type: 'open' });
    expect(modeOf(s)).toBe('search');
    expect(s.status).toBe('Opening the first result…');
    s = run(s, { type: 'searchResults', query: 'gas', hits: [{ id: 'gas', score: 0, field: 'headline', headlineMatches: [] }], total: 1 });
    expect(modeOf(s)).toBe('reader');
    expect(currentFrame(s)?.articleId).toBe('gas');
    expect(s.status).toBeNull();
  });

  it('says nothing matches when the awaited answer is empty', () => {
    let s = run(initialState(80, 24), { type: 'startSearch' }, { type: 'searchIndexed' }, ...typed('zz'), { type: 'open' });
    s = run(s, { type: 'searchResults', query: 'zz', hits: [], total: 0 });
    expect(modeOf(s)).toBe('search');
    expect(s.status).toBe('Nothing matches');
  });
});

describe('search results while the index changes', () => {
  it('asks the query again when the archive changes under the results', () => {
    const archive = makeArchive([makeArticle({ id: 'oil', headline: 'Oil prices rise' })]);
    const env = createEnv(archive);
    let s = reduce(initialState(80, 24), { type: 'startSearch' }, env);
    s = reduce(s, { type: 'lineEdit', edit: { kind: 'insert', text: 'oil' } }, env);
    s = reduce(s, { type: 'searchResults', query: 'oil', hits: [], total: 0 }, env);
    expect(s.search?.answered).toBe('oil');
    s = reduce(s, { type: 'archiveReplaced', selectedId: undefined, notice: '' }, env);
    expect(s.search?.answered).toBe('');
    expect(s.search?.line.value).toBe('oil');
  });
});
