/**
 * Search results are a place: opening a result and coming back, walking the
 * results (and the bookmarks) with n/p, the query carried into the article,
 * more results paged in, `?` on the search line. The reducer, driven by the
 * keys a user presses (reduceKey), with the answers the shell would give.
 */
import { describe, expect, it } from 'vitest';
import { reduceKey } from '../src/ui/keys.js';
import type { KeyInfo } from '../src/ui/keys.js';
import { helpLines, SEARCH_HELP_TITLE } from '../src/ui/help.js';
import { frameFor } from '../src/ui/layout.js';
import { createEnv, currentFrame, findMatches, initialState, modeOf, reduce, resultsPerScreen, textLayout } from '../src/ui/state.js';
import { extendArticle, previewArticle, SLICED_CHARS } from '../src/ui/reader-doc.js';
import { findInDoc } from '../src/ui/search.js';
import type { Action, BookmarkEntry, UiState } from '../src/ui/state.js';
import { ArchiveSearch } from '../src/search/archive-search.js';
import { longParagraphs, makeArchive, makeArticle } from './helpers/ui-fixtures.js';

/** Six short articles about Putin, one long one with "Putin" far down, one without. */
const articles = [
  ...Array.from({ length: 6 }, (_, i) => makeArticle({ id: `p${i}`, headline: `Putin story ${i}`, date: `2023-01-0${i + 1}`, paragraphs: [`Lead ${i}.`, `Body ${i}.`] })),
  makeArticle({ id: 'long', headline: 'A long read on Russia', date: '2022-12-01', paragraphs: [...longParagraphs(20), 'At last Putin spoke.', ...longParagraphs(20), 'Putin again, near the end.'] }),
  makeArticle({ id: 'other', headline: 'Bakery chain grows', date: '2022-11-01' }),
];
const archive = makeArchive(articles);
const env = createEnv(archive);
const search = new ArchiveSearch(archive.db);

const ENTER: KeyInfo = { return: true };
const ESC: KeyInfo = { escape: true };

/** Keys as a user types them: a string of printable keys, or one special key. */
function press(state: UiState, ...keys: Array<string | KeyInfo>): UiState {
  return keys.reduce<UiState>((s, key) => (typeof key === 'string' ? [...key].reduce((t, c) => reduceKey(t, c, {}, env), s) : reduceKey(s, '', key, env)), state);
}

/** The shell's answer to what is on the search line, as the App gives it. */
function answer(state: UiState, limit = state.search?.limit ?? 200): UiState {
  const query = state.search!.line.value;
  const outcome = search.run(query, limit);
  const action: Action = { type: 'searchResults', query, limit, hits: outcome.hits, total: outcome.total, ...(outcome.words ? { words: outcome.words } : {}), ...(outcome.missing ? { missing: outcome.missing } : {}) };
  return reduce(state, action, env);
}

/** PgDn until the selection stops: the last result answered (End moves the caret on the search line). */
function toLastResult(state: UiState, environment = env): UiState {
  for (;;) {
    const next = reduceKey(state, '', { pageDown: true }, environment);
    if (next.search?.cursor === state.search?.cursor) return next;
    state = next;
  }
}

/** Searched for `query`, results answered. */
function searched(query: string, rows = 24): UiState {
  return answer(press(initialState(80, rows), '/', query));
}

describe('opening a result and going back', () => {
  it.each([
    ['Esc', ESC],
    ['q', 'q'],
    ['h', 'h'],
    ['←', { leftArrow: true }],
  ] as Array<[string, string | KeyInfo]>)('%s returns to the results with the query and the selection, and types nothing', (_, back) => {
    let s = press(searched('putin'), { downArrow: true }, { downArrow: true });
    const selected = s.search!.hits[2]!.id;
    s = press(s, ENTER);
    expect(modeOf(s)).toBe('reader');
    expect(currentFrame(s)?.articleId).toBe(selected);
    s = press(s, back);
    expect(modeOf(s)).toBe('search');
    expect(s.search?.line.value).toBe('putin');
    expect(s.search?.cursor).toBe(2);
    expect(s.search?.hits[s.search.cursor]?.id).toBe(selected);
    // The next key is a query key again: typed, since the results are the search line's.
    expect(press(s, 'x').search?.line.value).toBe('putinx');
  });
});

describe('n and p in an article opened from the results', () => {
  it('walk the results in their order, and the results follow the article', () => {
    let s = press(searched('putin story'), ENTER);
    const hits = s.search!.hits.map((hit) => hit.id);
    expect(hits).toHaveLength(6);
    expect(currentFrame(s)?.articleId).toBe(hits[0]);
    // The short results have no more marks below the screen: n goes straight on to the next result.
    s = press(s, 'n');
    expect(currentFrame(s)?.articleId).toBe(hits[1]);
    s = press(s, 'n', 'n');
    expect(currentFrame(s)?.articleId).toBe(hits[3]);
    s = press(s, 'p');
    expect(currentFrame(s)?.articleId).toBe(hits[2]);
    // Only one article deep: back is the results, at the article last read.
    expect(s.stack).toHaveLength(1);
    s = press(s, 'q');
    expect(modeOf(s)).toBe('search');
    expect(s.search?.cursor).toBe(2);
  });

  it('say so at either end of the results', () => {
    let s = press(searched('putin story'), ENTER, 'p');
    expect(s.status).toBe('This is the first result');
    s = press(toLastResult(press(s, 'q')), ENTER, 'n');
    expect(s.status).toBe('This is the last result');
  });

  it('mark the query words in the article, go to the first off-screen one, then on to the next result', () => {
    // Twelve rows: the long article's "Putin" lines are far below the first screen.
    let s = toLastResult(searched('putin', 12));
    expect(s.search!.hits.at(-1)?.id).toBe('long');
    s = press(s, ENTER);
    const found = findMatches(s, env)!;
    expect(found.carried).toBe(true);
    // The headline has no "Putin"; the body has it twice, each marked whole.
    expect(found.matches.length).toBe(2);
    expect(found.index).toBe(-1);
    expect(currentFrame(s)?.top).toBe(0);
    s = press(s, 'n');
    const frame = currentFrame(s)!;
    const first = findMatches(s, env)!.matches[0]!;
    expect(frame.articleId).toBe('long');
    expect(frame.top).toBe(first.line - 2);
    expect(findMatches(s, env)!.index).toBe(0);
    s = press(s, 'n');
    expect(currentFrame(s)?.articleId).toBe('long');
    expect(findMatches(s, env)!.index).toBe(1);
    // No more below: the last result has been reached.
    s = press(s, 'n');
    expect(s.status).toBe('This is the last result');
    // p goes back up through the marks, then to the previous result.
    s = press(s, 'p');
    expect(findMatches(s, env)!.index).toBe(0);
    s = press(s, 'p');
    expect(currentFrame(s)?.articleId).toBe(s.search!.hits.at(-2)?.id);
    // The previous result opens at its top, its words marked too.
    expect(currentFrame(s)?.top).toBe(0);
    expect(findMatches(s, env)?.carried).toBe(true);
  });

  it('a find typed in the article replaces the carried words: n/N step through it, Esc clears it, then Esc goes back', () => {
    let s = press(toLastResult(searched('putin', 12)), ENTER);
    s = press(s, '/', 'paragraph 1', ENTER);
    const found = findMatches(s, env)!;
    expect(found.carried).toBe(false);
    expect(found.matches.length).toBeGreaterThan(2);
    s = press(s, 'n');
    expect(currentFrame(s)?.articleId).toBe('long');
    expect(findMatches(s, env)!.index).toBe(1);
    s = press(s, ESC);
    expect(modeOf(s)).toBe('reader');
    expect(currentFrame(s)?.find).toBeNull();
    s = press(s, ESC);
    expect(modeOf(s)).toBe('search');
  });

  it('from the bookmarks walk the bookmarks, skipping those whose article is gone', () => {
    const entries: BookmarkEntry[] = [
      { id: 'p4', headline: 'Putin story 4', date: '2023-01-05', missing: false },
      { id: 'gone', headline: 'Deleted', date: '2020-01-01', missing: true },
      { id: 'other', headline: 'Bakery chain grows', date: '2022-11-01', missing: false },
    ];
    let s = reduce(press(initialState(80, 24), 'B'), { type: 'bookmarksLoaded', entries }, env);
    s = press(s, ENTER);
    expect(currentFrame(s)?.articleId).toBe('p4');
    s = press(s, 'n');
    expect(currentFrame(s)?.articleId).toBe('other');
    expect(s.bookmarks?.cursor).toBe(2);
    expect(press(s, 'n').status).toBe('This is the last bookmark');
    s = press(s, 'p');
    expect(currentFrame(s)?.articleId).toBe('p4');
    s = press(s, 'q');
    expect(modeOf(s)).toBe('bookmarks');
    expect(s.bookmarks?.cursor).toBe(0);
  });
});

describe('a very long article opened from the results', () => {
  it('marks the words in what is laid out so far and never lays it out whole to do it', () => {
    // Above SLICED_CHARS: laid out a slice at a time between key presses.
    const paragraphs = longParagraphs(2000).map((p, i) => `Harbour news ${i}. ${p}`);
    expect(paragraphs.join('').length).toBeGreaterThan(SLICED_CHARS);
    const huge = makeArticle({ id: 'huge', headline: 'Harbour history', date: '2023-01-01', paragraphs });
    const hugeArchive = makeArchive([huge]);
    const hugeEnv = createEnv(hugeArchive);
    const outcome = new ArchiveSearch(hugeArchive.db).run('harbour', 200);
    let s = [...'/harbour'].reduce((t, c) => reduceKey(t, c, {}, hugeEnv), initialState(80, 24));
    s = reduce(s, { type: 'searchResults', query: 'harbour', limit: 200, hits: outcome.hits, total: outcome.total, words: outcome.words! }, hugeEnv);
    s = reduceKey(s, '', ENTER, hugeEnv);
    expect(currentFrame(s)?.articleId).toBe('huge');
    const layout = textLayout(s);
    const found = findMatches(s, hugeEnv)!;
    expect(found.carried).toBe(true);
    expect(found.matches.length).toBeGreaterThan(0);
    // n goes to the next mark below the screen, in the part laid out.
    s = reduceKey(s, 'n', {}, hugeEnv);
    expect(currentFrame(s)!.top).toBeGreaterThan(0);
    const shown = previewArticle(hugeArchive, huge, layout, frameFor(24).contentHeight);
    expect(shown.partial).toBe(true);
    expect(shown.laidOut).toBeLessThan(0.5);
    // As it grows, the marks are found in each new part only, and come to what a search of the whole finds.
    let grown = shown;
    let marks = findInDoc(grown, '', outcome.words);
    while (grown.partial) {
      grown = extendArticle(hugeArchive, huge, layout, 2);
      const more = findInDoc(grown, '', outcome.words);
      expect(more.length).toBeGreaterThanOrEqual(marks.length);
      expect(more.slice(0, marks.length)).toEqual(marks);
      marks = more;
    }
    expect(marks).toEqual(findInDoc({ ...grown, lines: [...grown.lines] }, '', outcome.words));
    expect(marks.length).toBe(paragraphs.length + 1);
  });
});

describe('more results than the first page', () => {
  const many = makeArchive(Array.from({ length: 450 }, (_, i) => makeArticle({ id: `s${String(i).padStart(3, '0')}`, headline: `Storm report ${i}`, date: '2023-01-01' })));
  const manyEnv = createEnv(many);
  const manySearch = new ArchiveSearch(many.db);
  const answerMany = (state: UiState): UiState => {
    const { line, limit } = state.search!;
    const outcome = manySearch.run(line.value, limit);
    return reduce(state, { type: 'searchResults', query: line.value, limit, hits: outcome.hits, total: outcome.total }, manyEnv);
  };
  const key = (state: UiState, info: KeyInfo): UiState => reduceKey(state, '', info, manyEnv);

  it('asks for another page as the selection nears the end; the results shown keep their places', () => {
    let s = initialState(80, 24);
    for (const c of '/storm') s = reduceKey(s, c, {}, manyEnv);
    s = answerMany(s);
    expect(s.search).toMatchObject({ total: 450, limit: 200, answeredLimit: 200 });
    expect(s.search!.hits).toHaveLength(200);
    const firstPage = s.search!.hits.map((hit) => hit.id);
    // Scrolling a screen at a time: nothing more is asked for until the end is near.
    s = key(s, { pageDown: true });
    expect(s.search!.limit).toBe(200);
    s = toLastResult(s, manyEnv);
    expect(s.search!.cursor).toBe(199);
    expect(s.search!.limit).toBe(400);
    s = answerMany(s);
    expect(s.search!.hits).toHaveLength(400);
    expect(s.search!.hits.slice(0, 200).map((hit) => hit.id)).toEqual(firstPage);
    expect(s.search!.cursor).toBe(199);
    s = answerMany(toLastResult(s, manyEnv));
    expect(s.search!.hits).toHaveLength(450);
    expect(new Set(s.search!.hits.map((hit) => hit.id)).size).toBe(450);
    s = toLastResult(s, manyEnv);
    expect(s.search!.cursor).toBe(449);
    // Everything is here: no further page is asked for.
    expect(s.search!.limit).toBe(s.search!.answeredLimit);
  });

  it('a new keystroke starts again from one page', () => {
    let s = initialState(80, 24);
    for (const c of '/storm') s = reduceKey(s, c, {}, manyEnv);
    s = toLastResult(answerMany(s), manyEnv);
    expect(s.search!.limit).toBe(400);
    s = reduceKey(s, 's', {}, manyEnv);
    expect(s.search!.limit).toBe(200);
  });

  it('n at the last result answered waits for the next page rather than stopping', () => {
    let s = initialState(80, 24);
    for (const c of '/storm') s = reduceKey(s, c, {}, manyEnv);
    s = answerMany(s);
    s = key(toLastResult(s, manyEnv), ENTER);
    // The next page was asked for when the selection reached the end: n says it is coming.
    const waiting = reduceKey(s, 'n', {}, manyEnv);
    expect(waiting.status).toMatch(/More results are on their way/);
    expect(currentFrame(waiting)?.articleId).toBe(s.search!.hits[199]!.id);
    const arrived = reduceKey(answerMany(waiting), 'n', {}, manyEnv);
    expect(currentFrame(arrived)?.articleId).toBe(arrived.search!.hits[200]!.id);
  });
});

describe('what the search line says', () => {
  it('keeps the word found nowhere, to say why nothing matched', () => {
    const s = searched('putin zzqq');
    expect(s.search).toMatchObject({ total: 0, hits: [], missing: 'zzqq' });
    // A later query that matches forgets it.
    expect(answer(press(s, { delete: true }, { delete: true }, { delete: true }, { delete: true }, { delete: true })).search?.missing).toBeUndefined();
  });

  it('? opens the help at the search syntax; Esc comes back to the query as it was', () => {
    let s = press(searched('putin'), { downArrow: true });
    s = press(s, '?');
    expect(modeOf(s)).toBe('help');
    // Scrolled to the search syntax (as far as the end of the help lets it).
    const title = helpLines().indexOf(SEARCH_HELP_TITLE);
    expect(s.overlayTop).toBeGreaterThan(0);
    expect(title).toBeGreaterThanOrEqual(s.overlayTop);
    expect(title).toBeLessThan(s.overlayTop + frameFor(24).contentHeight);
    s = press(s, ESC);
    expect(modeOf(s)).toBe('search');
    expect(s.search?.line.value).toBe('putin');
    expect(s.search?.cursor).toBe(1);
  });

  it('results take two lines each: a screen scrolls by the results that fit', () => {
    expect(resultsPerScreen(24)).toBe(Math.floor(frameFor(24).contentHeight / 2));
    let s = searched('story', 8);
    const perScreen = resultsPerScreen(8);
    for (let i = 0; i < perScreen; i++) s = press(s, { downArrow: true });
    expect(s.search?.cursor).toBe(perScreen);
    expect(s.search?.top).toBe(1);
  });
});

