/**
 * The pure cores behind search and the library in the reader: the line
 * editor, in-article find, highlighting, and the reducer's effects (what it
 * asks the shell to save, and when).
 */
import { describe, expect, it } from 'vitest';
import { lineKeyToAction, reduceKey } from '../src/ui/keys.js';
import { applyLineEdit, lineOf } from '../src/ui/line-edit.js';
import { layoutArticle } from '../src/ui/reader-doc.js';
import { findInDoc, fitHighlighted, lineText, markRanges } from '../src/ui/search.js';
import { createEnv, currentFrame, findMatches, initialState, modeOf, reduce, startState, typing } from '../src/ui/state.js';
import type { Action, Effect, UiState } from '../src/ui/state.js';
import { createTheme } from '../src/ui/theme.js';
import { widthOf } from '../src/ui/text.js';
import { longParagraphs, makeArchive, makeArticle, manyArticles } from './helpers/ui-fixtures.js';

const archive = makeArchive([
  makeArticle({ id: 'long', headline: 'Long read', paragraphs: longParagraphs(30), date: '2023-02-01' }),
  makeArticle({ id: 'short', headline: 'Short read', date: '2023-01-01' }),
]);
const env = createEnv(archive);
const go = (state: UiState, ...actions: Action[]): UiState => actions.reduce((s, a) => reduce(s, a, env), state);
const kinds = (effects: readonly Effect[]) => effects.map((e) => e.kind);

describe('line editor', () => {
  it('inserts at the caret, deletes whole characters backwards, words and lines', () => {
    let line = lineOf('');
    for (const text of ['pu', 'tin']) line = applyLineEdit(line, { kind: 'insert', text });
    expect(line).toEqual({ value: 'putin', cursor: 5 });
    line = applyLineEdit(applyLineEdit(line, { kind: 'caret', to: 'start' }), { kind: 'insert', text: '"' });
    expect(line).toEqual({ value: '"putin', cursor: 1 });
    expect(applyLineEdit(lineOf('café 👍🏽'), { kind: 'deleteBack' }).value).toBe('café ');
    expect(applyLineEdit(lineOf('oil gas'), { kind: 'deleteWord' }).value).toBe('oil ');
    expect(applyLineEdit(lineOf('oil gas'), { kind: 'clear' })).toEqual({ value: '', cursor: 0 });
    // A paste with a newline and an escape code stays one clean line.
    expect(applyLineEdit(lineOf(''), { kind: 'insert', text: 'a\nb\u001B[31m' }).value).toBe('a b[31m');
  });

  it('types every printable key, moves on arrows and Ctrl-n/p only in the archive search', () => {
    expect(lineKeyToAction('q', {}, 'search')).toEqual({ type: 'lineEdit', edit: { kind: 'insert', text: 'q' } });
    expect(lineKeyToAction('n', { ctrl: true }, 'search')).toEqual({ type: 'move', by: 1 });
    expect(lineKeyToAction('p', { ctrl: true }, 'search')).toEqual({ type: 'move', by: -1 });
    expect(lineKeyToAction('', { downArrow: true }, 'note')).toBeUndefined();
    expect(lineKeyToAction('', { return: true }, 'search')).toEqual({ type: 'open' });
    expect(lineKeyToAction('', { return: true }, 'find')).toEqual({ type: 'submit' });
    expect(lineKeyToAction('', { delete: true }, 'find')).toEqual({ type: 'lineEdit', edit: { kind: 'deleteBack' } });
    expect(lineKeyToAction('c', { ctrl: true }, 'note')).toEqual({ type: 'quit' });
  });
});

describe('list search in the reducer', () => {
  it('keeps typed keys out of the key map, discards stale results, and Esc gives the selection back', () => {
    let s = go(initialState(80, 24), { type: 'move', by: 1 }, { type: 'startSearch' });
    expect(modeOf(s)).toBe('search');
    expect(typing(s)).toBe(true);
    for (const char of 'sq') s = reduceKey(s, char, {}, env);
    expect(s.quit).toBe(false);
    expect(s.search?.line.value).toBe('sq');
    const hit = { id: 'short', score: 0, field: 'headline' as const, headlineMatches: [[0, 1]] as Array<[number, number]> };
    expect(go(s, { type: 'searchResults', query: 's', hits: [hit], total: 1 }).search?.hits).toEqual([]); // stale
    s = go(s, { type: 'searchResults', query: 'sq', hits: [hit], total: 1 });
    expect(s.search?.hits).toHaveLength(1);
    const opened = go(s, { type: 'open' });
    expect(currentFrame(opened)?.articleId).toBe('short');
    expect(modeOf(go(opened, { type: 'back' }))).toBe('search');
    const left = go(s, { type: 'back' });
    expect(left.search).toBeNull();
    expect(left.cursor).toBe(1);
  });
});

describe('find in the article', () => {
  const doc = layoutArticle(archive, archive.get('long')!, { width: 40, notes: 0 });

  it('finds every case-insensitive occurrence as displayed, including phrases wrapped over two lines', () => {
    const matches = findInDoc(doc, 'PARAGRAPH 3');
    expect(matches.map((m) => lineText(doc, m.line).slice(m.pieces[0]!.start, m.pieces[0]!.end))).toEqual(['Paragraph 3', 'Paragraph 3']); // 3 and 30
    // "amet consectetur" is wrapped somewhere at width 40: still found, in two pieces.
    const split = findInDoc(doc, 'amet consectetur').find((m) => m.pieces.length === 2);
    expect(split).toBeDefined();
    const [a, b] = split!.pieces;
    expect(lineText(doc, a!.line).slice(a!.start) + ' ' + lineText(doc, b!.line).slice(0, b!.end)).toBe('amet consectetur');
  });

  it('splits styled segments at the matches, keeping their styles', () => {
    const marked = markRanges(
      [
        { text: 'Oil rose ', style: 'plain' },
        { text: '5%', style: 'figure' },
      ],
      [{ start: 4, end: 10, current: true }],
    );
    expect(marked).toEqual([
      { text: 'Oil ', style: 'plain', mark: null },
      { text: 'rose ', style: 'plain', mark: 'current' },
      { text: '5', style: 'figure', mark: 'current' },
      { text: '%', style: 'figure', mark: null },
    ]);
  });

  it('n/N step through matches with wrap-around, Esc clears the find first, and n means next article again', () => {
    let s = go(initialState(80, 12), { type: 'open' }, { type: 'startSearch' });
    for (const char of 'paragraph 2') s = reduceKey(s, char, {}, env);
    s = go(s, { type: 'submit' });
    const found = findMatches(s, env)!;
    expect(found.matches).toHaveLength(11); // 2, 20-29
    expect(currentFrame(s)!.top).toBeLessThanOrEqual(found.matches[0]!.line);
    s = go(s, { type: 'sibling', dir: 1 });
    expect(findMatches(s, env)!.index).toBe(1);
    const wrapped = go(s, { type: 'findStep', dir: -1 }, { type: 'findStep', dir: -1 });
    expect(findMatches(wrapped, env)!.index).toBe(10);
    expect(wrapped.status).toBe('Wrapped to the last match');
    const cleared = go(s, { type: 'back' });
    expect(modeOf(cleared)).toBe('reader');
    expect(currentFrame(go(cleared, { type: 'sibling', dir: 1 }))?.articleId).toBe('short');
    expect(go(go(initialState(80, 12), { type: 'open' }, { type: 'startSearch' }), { type: 'submit' }).status).toBeNull();
  });
});

describe('library effects requested by the reducer', () => {
  it('opening asks to mark read; scrolling asks nothing; leaving saves the position once', () => {
    let s = go(initialState(80, 24), { type: 'open' });
    expect(s.effects).toEqual([{ kind: 'opened', id: 'long' }, { kind: 'saveSelection', id: 'long' }]);
    s = go(s, { type: 'effectsDone', effects: s.effects }, { type: 'move', by: 5 }, { type: 'move', by: 5 });
    expect(s.effects).toEqual([]);
    const top = currentFrame(s)!;
    const at = env.doc(archive.get('long')!, top.layout).lines[10]!.at!;
    s = go(s, { type: 'back' });
    // The position is the text at the top of the screen: paragraph and offset, not a line of one width.
    expect(s.effects).toEqual([{ kind: 'savePosition', id: 'long', paragraph: at.paragraph, offset: at.offset }]);
  });

  it('opens an article where it was left: in this session, and from a saved position', () => {
    const scrolled = go(initialState(80, 24), { type: 'open' }, { type: 'move', by: 30 }, { type: 'back' });
    const again = go(scrolled, { type: 'open' });
    expect(currentFrame(again)?.top).toBe(30);
    expect(again.status).toBe('Back where you left off (line 31)');
    // Left at the top: opens at the top.
    const atTop = go(again, { type: 'edge', to: 'first' }, { type: 'back' }, { type: 'open' });
    expect(currentFrame(atTop)?.top).toBe(0);

    const doc = env.doc(archive.get('long')!, currentFrame(again)!.layout);
    const saved = startState(env, 80, 24, { positions: new Map([['long', doc.lines[30]!.at!]]) });
    expect(currentFrame(go(saved, { type: 'open' }))?.top).toBe(30);
  });

  it('reopened at another width, lands on the same text', () => {
    let wide = go(initialState(120, 24), { type: 'open' }, { type: 'move', by: 25 });
    const wideFrame = currentFrame(wide)!;
    const wideDoc = env.doc(archive.get('long')!, wideFrame.layout);
    const words = lineText(wideDoc, wideFrame.top);
    wide = go(wide, { type: 'back' });
    const saved = wide.effects.find((e) => e.kind === 'savePosition') as Extract<Effect, { kind: 'savePosition' }>;
    const narrow = go(initialState(50, 24, { positions: new Map([['long', { paragraph: saved.paragraph, offset: saved.offset }]]) }), { type: 'open' });
    const narrowFrame = currentFrame(narrow)!;
    const narrowDoc = env.doc(archive.get('long')!, narrowFrame.layout);
    expect(narrowFrame.layout.width).toBeLessThan(wideFrame.layout.width);
    expect(words.length).toBeGreaterThan(0);
    // The text that was first on screen is on the first line now: same paragraph, its offset within that line.
    const top = narrowDoc.lines[narrowFrame.top]!.at!;
    const next = narrowDoc.lines[narrowFrame.top + 1]!.at!;
    expect(top.paragraph).toBe(saved.paragraph);
    expect(top.offset).toBeLessThanOrEqual(saved.offset);
    expect(next.paragraph > saved.paragraph || next.offset > saved.offset).toBe(true);
    expect(narrowFrame.top).toBeGreaterThan(25);
  });

  it('effects queue until acknowledged, however many keys come first', () => {
    const s = go(initialState(80, 24), { type: 'toggleBookmark' }, { type: 'move', by: 1 }, { type: 'toggleRead' });
    expect(kinds(s.effects)).toEqual(['setBookmark', 'setRead']);
    expect(go(s, { type: 'effectsDone', effects: s.effects.slice(0, 1) }).effects).toEqual([{ kind: 'setRead', id: 'short', read: true }]);
  });

  it('quitting saves the open article positions and the selection; sorting saves the sort', () => {
    const s = go(initialState(80, 24), { type: 'open' }, { type: 'move', by: 3 });
    const quit = go({ ...s, effects: [] }, { type: 'quit' });
    const at = env.doc(archive.get('long')!, currentFrame(s)!.layout).lines[3]!.at ?? { paragraph: 0, offset: 0 };
    expect(quit.effects).toEqual([
      { kind: 'savePosition', id: 'long', ...at },
      { kind: 'saveSelection', id: 'long' },
    ]);
    expect(go(initialState(80, 24), { type: 'toggleSort' }).effects).toEqual([{ kind: 'saveSort', sort: 'title' }]);
  });

  it('starts on the last selected article when it still exists, with the saved sort', () => {
    const big = createEnv(makeArchive(manyArticles(100)));
    const s = startState(big, 80, 24, { lastSelected: 'a050', sort: 'date' });
    expect(s.cursor).toBe(50);
    expect(s.listTop).toBeLessThanOrEqual(50);
    expect(s.listTop + 21).toBeGreaterThan(50);
    expect(startState(big, 80, 24, { lastSelected: 'gone' }).cursor).toBe(0);
  });
});

describe('search highlighting and themes', () => {
  it('fits a highlighted headline to its column, marking the matched characters', () => {
    const runs = fitHighlighted('Putin backs state grab for Yukos', [[0, 5]], 20);
    expect(runs[0]).toEqual({ text: 'Putin', match: true });
    expect(widthOf(runs.map((r) => r.text).join(''))).toBe(20);
    expect(runs.at(-1)?.text.endsWith('…')).toBe(true);
    expect(widthOf(fitHighlighted('東京 Tokyo', [[0, 2]], 12).map((r) => r.text).join(''))).toBe(12);
  });

  it('has dark, light and mono themes; mono uses no colour', () => {
    expect(createTheme(false, 'mono').style('searchMatch').color).toBeUndefined();
    expect(createTheme(false, 'mono').noColor).toBe(true);
    expect(createTheme(false, 'light').style('figure').color).not.toBe('yellow');
    expect(createTheme(false, 'dark').style('findMatch').inverse).toBe(true);
  });
});
