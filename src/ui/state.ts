/**
 * The reader's navigation state as a plain reducer: every key press becomes an
 * Action, and `reduce` is the only place that decides what it does. No I/O:
 * opening a URL, saving a bookmark or a reading position, searching and
 * quitting are requested through `effects` / `quit` and carried out by the
 * component shell, which answers with actions (`searchResults`,
 * `restorePosition`, `bookmarksLoaded`, `effectsDone`).
 */
import type { Archive, Article, ArticleOrder } from '../archive/article.js';
import type { SearchHit } from '../search/index.js';
import { frameFor, MAX_MEASURE, MEASURE_STEP, readerMeasure, sameLayout } from './layout.js';
import type { TextLayout } from './layout.js';
import { helpLines, reportLines } from './help.js';
import { MAX_NOTE_LENGTH, MAX_WIDTH_RANGE } from '../library/schema.js';
import { isSafeUrl } from '../sanitize/url.js';
import { applyLineEdit, lineOf } from './line-edit.js';
import type { LineEdit, LineState } from './line-edit.js';
import { layoutArticle, lineAt, previewArticle } from './reader-doc.js';
import type { DocHighlight, ReaderDoc } from './reader-doc.js';
import { formatCount } from './text.js';
import { findInDoc } from './search.js';
import type { DocMatch } from './search.js';
import type { SortKey } from './sort.js';
import type { ThemeName } from './theme.js';

export type Overlay = 'help' | 'report';
export type Mode = 'list' | 'search' | 'bookmarks' | 'people' | 'reader' | 'panel' | Overlay;

/** One open article. Opening a `See also` link pushes another; back pops. */
export interface ReaderFrame {
  articleId: string;
  /** First visible line. */
  top: number;
  /** The layout `top` was measured in: a resize maps it to the new one. */
  layout: TextLayout;
  /** The highlight line `]`/`[` last went to, marked in the gutter. */
  focus: number | null;
  /** The active in-article search (`/` in the reader): `n`/`N` step through its matches. */
  find: FindState | null;
}

export interface FindState {
  query: string;
  /** Which match is current; matches are recomputed per layout, so this is clamped on use. */
  index: number;
}

/** Search as you type over the whole archive (`/` on the list). */
export interface SearchState {
  line: LineState;
  /** The query `hits` answer: behind `line.value` while a search is pending. */
  answered: string;
  hits: readonly SearchHit[];
  /** Matches before the limit. */
  total: number;
  /** True until the shell has built the archive's index. */
  indexing: boolean;
  cursor: number;
  top: number;
  /** The list selection to give back on Esc. */
  saved: { cursor: number; listTop: number };
  /** Enter was pressed before the answer to the query as typed arrived: open the top result when it does. */
  openOnAnswer?: boolean;
}

/** A row of the bookmarks view (`B`). */
export interface BookmarkEntry {
  id: string;
  headline: string;
  date: string;
  note?: string;
  /** The article is not in this archive any more: listed, cannot be opened. */
  missing: boolean;
  /** Another archive's bookmark (listed with every archive's): its folder, or '' for one made before bookmarks belonged to an archive. */
  elsewhere?: string;
}

export interface BookmarksView {
  /** Null until the shell has loaded them. */
  entries: readonly BookmarkEntry[] | null;
  cursor: number;
  top: number;
  /** Every archive's bookmarks, not only this one's (`A` toggles). */
  all?: boolean;
}

/** `w` in the reader: the article's quotations grouped by speaker, then its figures (rows from panelRows). */
export interface PanelView {
  cursor: number;
  top: number;
}

/** A row of the people view. */
export interface PersonEntry {
  key: string;
  name: string;
  quotes: number;
  articles: number;
}

/** One of a person's quotations, across the archive. */
export interface PersonQuoteEntry {
  id: string;
  headline: string;
  date: string;
  paragraph: number;
  start: number;
  text: string;
}

/** `P` on the list: everyone quoted in the archive, and one person's quotations. */
export interface PeopleView {
  /** Null until the shell has loaded them. */
  entries: readonly PersonEntry[] | null;
  cursor: number;
  top: number;
  /** Articles analysed so far, of all: the view shows what is done. */
  analysed?: { done: number; total: number };
  /** The person whose quotations are listed, or null for the people themselves. */
  person: { entry: PersonEntry; quotes: readonly PersonQuoteEntry[] | null; cursor: number; top: number } | null;
}

/** A text line that has the keyboard: find in the article, or a bookmark's note. */
export type Prompt = { kind: 'find'; line: LineState } | { kind: 'note'; id: string; line: LineState };

/** Work for the shell. Performed once each, in order, then acknowledged with `effectsDone`. */
export type Effect =
  | { kind: 'open-url'; url: string }
  /** The source URL to the clipboard, through the terminal (OSC 52). */
  | { kind: 'copy-url'; url: string }
  /** Ctrl-Z: back to the shell until `fg`. */
  | { kind: 'suspend' }
  /** `|`: the article as `broadsheet show` prints it, `width` columns, to the user's pager. */
  | { kind: 'pager'; id: string; width: number; colour: boolean }
  /** `v`: the article's file in the user's editor. */
  | { kind: 'editor'; id: string }
  /** An article was opened: mark it read and look up where the reader left it. */
  | { kind: 'opened'; id: string }
  | { kind: 'setRead'; id: string; read: boolean }
  | { kind: 'setBookmark'; id: string; on: boolean }
  | { kind: 'setNote'; id: string; note: string }
  /** Where the reader stopped: a paragraph and an offset in it, so another width lands on the same text. */
  | { kind: 'savePosition'; id: string; paragraph: number; offset: number }
  | { kind: 'saveSort'; sort: SortKey }
  | { kind: 'saveTheme'; theme: ThemeName }
  | { kind: 'saveMaxWidth'; maxWidth: number }
  | { kind: 'saveSelection'; id: string }
  | { kind: 'loadBookmarks'; all?: boolean }
  | { kind: 'loadPeople' }
  | { kind: 'loadPersonQuotes'; key: string };

export interface UiState {
  cols: number;
  rows: number;
  sort: SortKey;
  /** Selected row in the current sort order. */
  cursor: number;
  /** First visible row of the list. */
  listTop: number;
  /** Empty on the list screen. */
  stack: ReaderFrame[];
  overlay: Overlay | null;
  overlayTop: number;
  /** Articles read: from the library at start, plus those opened since. */
  read: ReadonlySet<string>;
  /** Where the reader left each article: saved at start, plus those left since. An article opens there. */
  positions: ReadonlyMap<string, TextPlace>;
  bookmarked: ReadonlySet<string>;
  /** Widest reading measure, from the `maxWidth` setting; `+` and `-` change it. */
  maxWidth: number;
  /** The `theme` setting; `T` cycles it. Colour turned off in the environment still draws mono. */
  theme: ThemeName;
  search: SearchState | null;
  /** Non-null while the bookmarks view is the screen under the reader. */
  bookmarks: BookmarksView | null;
  /** Non-null while the people view is the screen under the reader. */
  people: PeopleView | null;
  /** Non-null while the quotes panel covers the reader. */
  panel: PanelView | null;
  prompt: Prompt | null;
  /** One-line message for the footer; cleared by the next key. */
  status: string | null;
  /** Requested side effects not yet acknowledged by the shell. */
  effects: readonly Effect[];
  quit: boolean;
}

export type Action =
  | { type: 'move'; by: number }
  | { type: 'page'; dir: 1 | -1; size: 'full' | 'half' }
  | { type: 'edge'; to: 'first' | 'last' }
  | { type: 'open' }
  | { type: 'back' }
  | { type: 'quit' }
  /** Ctrl-Z: the shell, until `fg` brings the same screen back. */
  | { type: 'suspend' }
  | { type: 'sibling'; dir: 1 | -1 }
  | { type: 'highlight'; dir: 1 | -1 }
  | { type: 'openRelated'; number: number }
  | { type: 'openSource' }
  /** `y`: the source URL to the clipboard (OSC 52). */
  | { type: 'copySource' }
  /** `|` and `v` in the reader: the article in the user's pager, its file in the user's editor. */
  | { type: 'pipeToPager' }
  | { type: 'editArticle' }
  | { type: 'toggleSort' }
  | { type: 'cycleTheme' }
  /** Widen (1) or narrow (-1) the reader's measure. */
  | { type: 'measure'; dir: 1 | -1 }
  | { type: 'overlay'; which: Overlay }
  | { type: 'unknownKey'; key: string }
  | { type: 'notify'; message: string }
  | { type: 'resize'; cols: number; rows: number }
  // Search, find and text lines
  | { type: 'startSearch' }
  | { type: 'lineEdit'; edit: LineEdit }
  | { type: 'submit' }
  | { type: 'findStep'; dir: 1 | -1 }
  // Library
  | { type: 'toggleBookmark' }
  | { type: 'toggleRead' }
  | { type: 'showBookmarks' }
  /** In the bookmarks view: this archive's, or every archive's. */
  | { type: 'toggleAllArchives' }
  | { type: 'removeBookmark' }
  | { type: 'editNote' }
  // Who said what
  | { type: 'showPanel' }
  | { type: 'showPeople' }
  /** More articles were analysed: the people view reads the index again. */
  | { type: 'peopleStale' }
  // Answers from the shell
  | { type: 'searchIndexed' }
  | { type: 'searchResults'; query: string; hits: readonly SearchHit[]; total: number }
  | { type: 'bookmarksLoaded'; entries: readonly BookmarkEntry[] }
  | { type: 'peopleLoaded'; entries: readonly PersonEntry[]; analysed: { done: number; total: number } }
  | { type: 'personQuotesLoaded'; key: string; quotes: readonly PersonQuoteEntry[] }
  | { type: 'effectsDone'; effects: readonly Effect[] }
  /**
   * A change could not be saved (the library is locked by a stopped
   * Broadsheet, the disk is read-only…): say so, and show the marks as the
   * library holds them (the optimistic mark goes back).
   */
  | { type: 'saveFailed'; message: string; bookmarked?: { id: string; on: boolean }; read?: { id: string; read: boolean } }
  /** The article drawn from a preview is now laid out whole: draw it again. */
  | { type: 'docCompleted' }
  /** The article's file changed in the editor: it is read again (the index follows behind). */
  | { type: 'articleEdited'; id: string }
  /** The archive's store changed (`env` reads the new one); the selection follows its article. */
  | { type: 'archiveReplaced'; selectedId: string | undefined; notice: string; filling?: boolean; movedReads?: ReadonlyArray<readonly [from: string, to: string]> };

/** Actions that answer the shell rather than a key: they keep the status line. */
const PASSIVE: ReadonlySet<Action['type']> = new Set(['articleEdited', 'resize', 'archiveReplaced', 'peopleStale', 'searchIndexed', 'searchResults', 'bookmarksLoaded', 'peopleLoaded', 'personQuotesLoaded', 'effectsDone', 'docCompleted']);

/** What the reducer needs to know about the archive; memoised lookups, so reducing stays cheap. */
export interface UiEnv {
  archive: Archive;
  /** The list's articles in `sort` order. */
  order(sort: SortKey): ArticleOrder;
  doc(article: Article, layout: TextLayout): ReaderDoc;
  /** What to draw: `doc` when it is ready, else a preview of the opening (ReaderDoc.partial). */
  /** `screenLines`: how many lines the reader shows, so a preview covers the screen. */
  shownDoc(article: Article, layout: TextLayout, screenLines?: number): ReaderDoc;
  overlayLength(overlay: Overlay): number;
  /** Whether the archive search can answer at once (then `/` needs no "indexing…" frame). */
  searchReady(): boolean;
  /** Colour is turned off by the environment (NO_COLOR, FORCE_COLOR=0): every theme draws mono. */
  colourOff?: boolean;
}

export function createEnv(archive: Archive): UiEnv {
  const help = helpLines().length;
  let report: number | undefined;
  return {
    archive,
    order: (sort) => archive.order(sort),
    doc: (article, layout) => layoutArticle(archive, article, layout),
    shownDoc: (article, layout, screenLines) => previewArticle(archive, article, layout, screenLines),
    overlayLength: (overlay) => (overlay === 'help' ? help : (report ??= reportLines(archive).length)),
    searchReady: () => false,
  };
}

/**
 * An article as far as it is laid out: whole, or for a long one laid out in
 * slices between key presses, the part so far. Scrolling never waits for the rest.
 */
function docSoFar(env: UiEnv, article: Article, layout: TextLayout, screenLines: number): ReaderDoc {
  const shown = env.shownDoc(article, layout, screenLines);
  return shown.laidOut !== undefined ? shown : env.doc(article, layout);
}

/** What a previous session left: from the library, or nothing without one. */
/** A place in an article's text: a paragraph and a character offset in it, the same at any width. */
export interface TextPlace {
  paragraph: number;
  offset: number;
}

export interface SavedSession {
  sort?: SortKey;
  lastSelected?: string;
  read?: ReadonlySet<string>;
  positions?: ReadonlyMap<string, TextPlace>;
  bookmarked?: ReadonlySet<string>;
  maxWidth?: number;
  theme?: ThemeName;
  /** Shown in the status line on the first frame (library warnings). */
  status?: string;
}

export function initialState(cols: number, rows: number, saved: SavedSession = {}): UiState {
  return {
    cols,
    rows,
    sort: saved.sort ?? 'date',
    cursor: 0,
    listTop: 0,
    stack: [],
    overlay: null,
    overlayTop: 0,
    read: saved.read ?? new Set(),
    positions: saved.positions ?? new Map(),
    bookmarked: saved.bookmarked ?? new Set(),
    maxWidth: saved.maxWidth ?? MAX_MEASURE,
    theme: saved.theme ?? 'dark',
    search: null,
    bookmarks: null,
    people: null,
    panel: null,
    prompt: null,
    status: saved.status ?? null,
    effects: [],
    quit: false,
  };
}

/** The first state of a session: the saved one, with the last selected article selected if it still exists. */
export function startState(env: UiEnv, cols: number, rows: number, saved: SavedSession = {}): UiState {
  const state = initialState(cols, rows, saved);
  const order = env.order(state.sort);
  const index = saved.lastSelected === undefined ? -1 : order.indexOf(saved.lastSelected);
  if (index <= 0) return state;
  const height = frameFor(rows).contentHeight;
  // Put it in the middle of the screen, so the rows around it are in view too.
  return { ...state, cursor: index, listTop: keepVisible(index, index - Math.floor(height / 2), height, order.length) };
}

export function modeOf(state: UiState): Mode {
  if (state.overlay) return state.overlay;
  if (state.stack.length > 0) return state.panel ? 'panel' : 'reader';
  if (state.people) return 'people';
  if (state.bookmarks) return 'bookmarks';
  return state.search ? 'search' : 'list';
}

/** True while a text line has the keyboard: keys are typed, not commands. */
export function typing(state: UiState): boolean {
  if (state.overlay) return false;
  return state.prompt !== null || modeOf(state) === 'search';
}

/** How the reader lays articles out at this size. */
export function textLayout(state: Pick<UiState, 'cols' | 'maxWidth'>): TextLayout {
  const { width, notes } = readerMeasure(state.cols, state.maxWidth);
  return { width, notes };
}

/** The matches of the current frame's find at the current width, and which one is current. */
export function findMatches(state: UiState, env: UiEnv): { matches: DocMatch[]; index: number } | null {
  const frame = currentFrame(state);
  const article = frame ? env.archive.get(frame.articleId) : undefined;
  if (!frame?.find || !article) return null;
  const matches = findInDoc(env.doc(article, textLayout(state)), frame.find.query);
  return { matches, index: clamp(frame.find.index, 0, Math.max(0, matches.length - 1)) };
}

/** The article a list-like screen has selected (list, search results, bookmarks). */
export function selectedId(state: UiState, env: UiEnv): string | undefined {
  const mode = modeOf(state);
  if (mode === 'reader' || mode === 'panel') return currentFrame(state)?.articleId;
  if (mode === 'people') {
    const person = state.people?.person;
    return person ? person.quotes?.[person.cursor]?.id : undefined;
  }
  if (mode === 'bookmarks') {
    const entry = state.bookmarks?.entries?.[state.bookmarks.cursor];
    return entry && !entry.missing ? entry.id : undefined;
  }
  if (mode === 'search' && state.search && searchShowsHits(state.search)) return state.search.hits[state.search.cursor]?.id;
  return env.order(state.sort).idAt(state.cursor);
}

/** An empty query shows the normal list; anything else shows the ranked hits. */
export function searchShowsHits(search: SearchState): boolean {
  return search.line.value.trim() !== '';
}

export function currentFrame(state: UiState): ReaderFrame | undefined {
  return state.stack[state.stack.length - 1];
}

const clamp = (n: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, n));

/** Keep `top` so that `cursor` is on screen, and the window inside the list. */
function keepVisible(cursor: number, top: number, height: number, count: number): number {
  let next = top;
  if (cursor < next) next = cursor;
  if (cursor >= next + height) next = cursor - height + 1;
  return clamp(next, 0, Math.max(0, count - height));
}

const withEffects = (state: UiState, ...effects: Effect[]): UiState => ({ ...state, effects: [...state.effects, ...effects] });

export function reduce(state: UiState, action: Action, env: UiEnv): UiState {
  // A status message answers one key press; the next one clears it.
  const base: UiState = PASSIVE.has(action.type) || state.status === null ? state : { ...state, status: null };
  switch (action.type) {
    case 'resize':
      return resize(base, action.cols, action.rows, env);
    case 'quit':
      return quit(base, env);
    case 'suspend':
      return withEffects(state, { kind: 'suspend' });
    case 'docCompleted':
      return { ...base };
    case 'articleEdited':
      return articleEdited(base, action.id, env);
    case 'archiveReplaced': {
      const order = env.order(base.sort);
      // At the top of a list that fills in (a first run), the top stays selected: the newest is what one reads first.
      const found = action.selectedId === undefined || (action.filling && base.cursor === 0) ? -1 : order.indexOf(action.selectedId);
      const cursor = found >= 0 ? found : Math.max(0, Math.min(base.cursor, order.length - 1));
      const listTop = keepVisible(cursor, Math.min(base.listTop, cursor), frameFor(base.rows).contentHeight, order.length);
      // Search results on screen answer the archive as it was: the query is asked again.
      const search = base.search && searchShowsHits(base.search) ? { ...base.search, answered: '' } : base.search;
      // Read marks of files that moved (same text, new name) follow them.
      let read = base.read;
      if (action.movedReads?.length) {
        const next = new Set(read);
        for (const [from, to] of action.movedReads) if (next.delete(from)) next.add(to);
        read = next;
      }
      return { ...base, cursor, listTop, search, read, status: action.notice || base.status };
    }
    case 'effectsDone': {
      const done = new Set(action.effects);
      return { ...base, effects: base.effects.filter((e) => !done.has(e)) };
    }
    case 'searchIndexed':
      return base.search ? { ...base, search: { ...base.search, indexing: false } } : base;
    case 'searchResults': {
      const search = base.search;
      // A stale answer: the user has typed on since it was asked.
      if (!search || action.query !== search.line.value) return base;
      // A result the user moved to stays selected if the refined query still finds it; otherwise the best one.
      const selected = search.cursor > 0 ? search.hits[search.cursor]?.id : undefined;
      const kept = selected === undefined ? -1 : action.hits.findIndex((hit) => hit.id === selected);
      const cursor = Math.max(0, kept);
      const height = frameFor(base.rows).contentHeight;
      const top = keepVisible(cursor, kept >= 0 ? search.top : 0, height, action.hits.length);
      const answered: SearchState = { ...search, answered: action.query, hits: action.hits, total: action.total, cursor, top, openOnAnswer: false };
      const next = { ...base, search: answered, status: search.openOnAnswer ? null : base.status };
      if (search.openOnAnswer) {
        const first = action.hits[0];
        return first ? openArticle(next, first.id, env) : { ...next, status: 'Nothing matches' };
      }
      return next;
    }
    case 'bookmarksLoaded': {
      if (!base.bookmarks) return base;
      // The library is the truth (another reader may have changed it; moved articles are re-keyed).
      const bookmarked = new Set(action.entries.filter((e) => e.elsewhere === undefined).map((e) => e.id).reverse());
      return { ...base, bookmarked, bookmarks: { ...base.bookmarks, entries: action.entries, cursor: 0, top: 0 } };
    }
    case 'peopleStale':
      return base.people && !base.people.person ? withEffects(base, { kind: 'loadPeople' }) : base;
    case 'peopleLoaded':
      if (!base.people) return base;
      return { ...base, people: { ...base.people, entries: action.entries, analysed: action.analysed, cursor: Math.min(base.people.cursor, Math.max(0, action.entries.length - 1)) } };
    case 'personQuotesLoaded': {
      const person = base.people?.person;
      if (!base.people || !person || person.entry.key !== action.key) return base;
      return { ...base, people: { ...base.people, person: { ...person, quotes: action.quotes } } };
    }
    case 'overlay':
      return base.overlay === action.which
        ? { ...base, overlay: null }
        : { ...base, overlay: action.which, overlayTop: 0 };
    case 'unknownKey':
      return { ...base, status: `${action.key} does nothing here · ? for help` };
    case 'notify':
      return { ...base, status: action.message };
    case 'saveFailed':
      return saveFailed(base, action);
    case 'cycleTheme':
      return cycleTheme(base, env);
    default:
      break;
  }
  const mode = modeOf(base);
  if (mode === 'help' || mode === 'report') return reduceOverlay(base, action, mode, env);
  if (base.prompt) return reducePrompt(base, base.prompt, action, env);
  switch (action.type) {
    case 'toggleBookmark':
      return toggleBookmark(base, env);
    case 'toggleRead':
      return toggleRead(base, env);
    case 'measure':
      return changeMeasure(base, action.dir, env);
    default:
      break;
  }
  if (mode === 'panel') return reducePanel(base, action, env);
  if (mode === 'reader') return reduceReader(base, action, env);
  if (mode === 'people') return reducePeople(base, action, env);
  if (mode === 'bookmarks') return reduceBookmarks(base, action, env);
  if (mode === 'search') return reduceSearch(base, action, env);
  return reduceList(base, action, env);
}

function saveFailed(state: UiState, action: Extract<Action, { type: 'saveFailed' }>): UiState {
  let next: UiState = { ...state, status: action.message };
  if (action.bookmarked) {
    const { id, on } = action.bookmarked;
    const bookmarked = new Set(state.bookmarked);
    if (on) bookmarked.add(id);
    else bookmarked.delete(id);
    next = { ...next, bookmarked };
    // The bookmarks screen shows the library's list again: a removal or a note that did not save comes back.
    if (state.bookmarks) next = withEffects({ ...next, bookmarks: { ...state.bookmarks, entries: state.bookmarks.entries } }, { kind: 'loadBookmarks', all: state.bookmarks.all === true });
  }
  if (action.read) {
    const read = new Set(state.read);
    if (action.read.read) read.add(action.read.id);
    else read.delete(action.read.id);
    next = { ...next, read };
  }
  return next;
}

const THEME_ORDER: readonly ThemeName[] = ['dark', 'light', 'mono'];

/** `T`: the next theme, drawn at once and saved as the `theme` setting. */
function cycleTheme(state: UiState, env: UiEnv): UiState {
  const theme = THEME_ORDER[(THEME_ORDER.indexOf(state.theme) + 1) % THEME_ORDER.length]!;
  const status = env.colourOff && theme !== 'mono' ? `Theme: ${theme} (colour is off here, so it draws in mono)` : `Theme: ${theme}`;
  return withEffects({ ...state, theme, status }, { kind: 'saveTheme', theme });
}

/**
 * `+` / `-` in the reader: the measure, from the width the text has now (a
 * `maxWidth` wider than the window narrows from what is on screen), within
 * the setting's range; the open article keeps its place, as on a resize.
 */
function changeMeasure(state: UiState, dir: 1 | -1, env: UiEnv): UiState {
  const shown = readerMeasure(state.cols, state.maxWidth).width;
  const widest = Math.max(1, state.cols - 2);
  let maxWidth: number;
  if (dir < 0) {
    if (shown <= MAX_WIDTH_RANGE.min) return { ...state, status: `The text is as narrow as it goes (${MAX_WIDTH_RANGE.min} columns)` };
    maxWidth = Math.max(MAX_WIDTH_RANGE.min, shown - MEASURE_STEP);
  } else {
    if (shown >= widest || state.maxWidth >= MAX_WIDTH_RANGE.max) return { ...state, status: `The text is as wide as ${shown >= widest ? 'the window allows' : 'it goes'} (${shown} columns)` };
    maxWidth = Math.min(MAX_WIDTH_RANGE.max, widest, shown + MEASURE_STEP);
  }
  const next = resize({ ...state, maxWidth }, state.cols, state.rows, env);
  return withEffects({ ...next, status: `Text width: ${readerMeasure(state.cols, maxWidth).width} columns` }, { kind: 'saveMaxWidth', maxWidth });
}

/** Quitting saves where the reader is: the open articles' positions and the selected article. */
function quit(state: UiState, env: UiEnv): UiState {
  const effects: Effect[] = state.stack.map((frame) => savePosition(frame, env));
  const selected = env.order(state.sort).idAt(state.cursor);
  if (selected !== undefined) effects.push({ kind: 'saveSelection', id: selected });
  return { ...withEffects(state, ...effects), quit: true };
}

function articleLabel(env: UiEnv, id: string): string {
  const headline = env.archive.get(id)?.headline ?? id;
  return headline.length > 60 ? `${headline.slice(0, 59)}…` : headline;
}

function toggleBookmark(state: UiState, env: UiEnv): UiState {
  if (modeOf(state) === 'bookmarks') return removeBookmark(state, env);
  const id = selectedId(state, env);
  if (id === undefined) return { ...state, status: 'Nothing selected to bookmark' };
  const on = !state.bookmarked.has(id);
  const bookmarked = new Set(state.bookmarked);
  if (on) bookmarked.add(id);
  else bookmarked.delete(id);
  const status = on ? `Bookmarked: ${articleLabel(env, id)} · B shows bookmarks` : `Bookmark removed: ${articleLabel(env, id)}`;
  return withEffects({ ...state, bookmarked, status }, { kind: 'setBookmark', id, on });
}

function toggleRead(state: UiState, env: UiEnv): UiState {
  const id = selectedId(state, env);
  if (id === undefined) return { ...state, status: 'Nothing selected to mark' };
  const read = new Set(state.read);
  const nowRead = !read.has(id);
  if (nowRead) read.add(id);
  else read.delete(id);
  return withEffects({ ...state, read, status: nowRead ? 'Marked as read' : 'Marked as unread' }, { kind: 'setRead', id, read: nowRead });
}

/**
 * Where a frame's top line is in the text: the paragraph and offset of the
 * first text line at or below it; the opening (headline, meta) is 0, 0.
 */
function placeOf(frame: ReaderFrame, env: UiEnv): TextPlace {
  if (frame.top <= 0) return { paragraph: 0, offset: 0 };
  const article = env.archive.get(frame.articleId);
  const lines = article ? docSoFar(env, article, frame.layout, 0).lines : [];
  for (let line = frame.top; line < lines.length; line++) {
    const here = lines[line]!.at;
    if (here) return here;
  }
  return { paragraph: 0, offset: 0 };
}

function savePosition(frame: ReaderFrame, env: UiEnv): Effect {
  return { kind: 'savePosition', id: frame.articleId, ...placeOf(frame, env) };
}

/** Leaving an article: its place is kept for this session and saved (every save is a write; scrolling is not). */
function leave(state: UiState, frame: ReaderFrame, env: UiEnv): UiState {
  const place = placeOf(frame, env);
  const positions = new Map(state.positions);
  if (place.paragraph > 0 || place.offset > 0) positions.set(frame.articleId, place);
  else positions.delete(frame.articleId);
  return withEffects({ ...state, positions }, { kind: 'savePosition', id: frame.articleId, ...place });
}

/** Where an article opens: the line of the place it was left at, at today's width; 0 at the top. */
function resumedTop(state: UiState, article: Article, layout: TextLayout, env: UiEnv): number {
  const place = state.positions.get(article.id);
  if (!place) return 0;
  // A long article laid out in slices is laid out whole only if the place is beyond its opening.
  const soFar = docSoFar(env, article, layout, frameFor(state.rows).contentHeight);
  const found = lineAt(soFar, place.paragraph, place.offset);
  const doc = found === undefined ? env.doc(article, layout) : soFar;
  const line = found ?? lineAt(doc, place.paragraph, place.offset) ?? 0;
  return clamp(line, 0, Math.max(0, doc.lines.length - frameFor(state.rows).contentHeight));
}

function scrollStep(height: number, size: 'full' | 'half'): number {
  // A full page keeps one line of context, like less.
  return size === 'half' ? Math.max(1, Math.floor(height / 2)) : Math.max(1, height - 1);
}

/** Where a scrolling action takes a window's top line (overlays and the reader scroll alike); undefined if it does not scroll. */
function scrolledTop(action: Action, top: number, height: number, maxTop: number): number | undefined {
  switch (action.type) {
    case 'move':
      return clamp(top + action.by, 0, maxTop);
    case 'page':
      return clamp(top + action.dir * scrollStep(height, action.size), 0, maxTop);
    case 'edge':
      return action.to === 'first' ? 0 : maxTop;
    default:
      return undefined;
  }
}

function reduceOverlay(state: UiState, action: Action, overlay: Overlay, env: UiEnv): UiState {
  const height = frameFor(state.rows).contentHeight;
  const maxTop = Math.max(0, env.overlayLength(overlay) - height);
  const scrolled = scrolledTop(action, state.overlayTop, height, maxTop);
  if (scrolled !== undefined) return { ...state, overlayTop: scrolled };
  switch (action.type) {
    case 'back':
      return { ...state, overlay: null };
    default:
      return state;
  }
}

/** Cursor movement shared by the list, the search results and the bookmarks view. */
function moveInList(
  position: { cursor: number; top: number },
  action: Action,
  count: number,
  height: number,
): { cursor: number; top: number } | undefined {
  const select = (cursor: number, top = position.top) => {
    const c = clamp(cursor, 0, Math.max(0, count - 1));
    return { cursor: c, top: keepVisible(c, clamp(top, 0, Math.max(0, count - height)), height, count) };
  };
  switch (action.type) {
    case 'move':
      return select(position.cursor + action.by);
    case 'page': {
      // Turn the page: the window and the selection move together.
      const step = action.size === 'half' ? Math.max(1, Math.floor(height / 2)) : height;
      return select(position.cursor + action.dir * step, position.top + action.dir * step);
    }
    case 'edge':
      return select(action.to === 'first' ? 0 : count - 1);
    case 'sibling':
      return select(position.cursor + action.dir);
    default:
      return undefined;
  }
}

function reduceList(state: UiState, action: Action, env: UiEnv): UiState {
  const order = env.order(state.sort);
  const count = order.length;
  const height = frameFor(state.rows).contentHeight;
  const moved = moveInList({ cursor: state.cursor, top: state.listTop }, action, count, height);
  if (moved) return { ...state, cursor: moved.cursor, listTop: moved.top };
  switch (action.type) {
    case 'open': {
      const id = order.idAt(state.cursor);
      if (id === undefined) return { ...state, status: 'The archive has no articles' };
      // The selection is saved as the article is opened: cheap, and survives a crash.
      return withEffects(openArticle(state, id, env), { kind: 'saveSelection', id });
    }
    case 'openSource':
    case 'copySource': {
      const id = order.idAt(state.cursor);
      return openSource(state, id === undefined ? undefined : env.archive.get(id), action.type);
    }
    case 'toggleSort': {
      const sort: SortKey = state.sort === 'date' ? 'title' : 'date';
      const selected = order.idAt(state.cursor);
      const next = env.order(sort);
      const cursor = selected === undefined ? 0 : Math.max(0, next.indexOf(selected));
      // Keep the selected article on the same screen row, so the eye does not have to hunt for it.
      const row = state.cursor - state.listTop;
      return withEffects({ ...state, sort, cursor, listTop: keepVisible(cursor, cursor - row, height, count) }, { kind: 'saveSort', sort });
    }
    case 'showPeople':
      return withEffects({ ...state, people: { entries: null, cursor: 0, top: 0, person: null } }, { kind: 'loadPeople' });
    case 'startSearch':
      return {
        ...state,
        search: {
          line: lineOf(''),
          answered: '',
          hits: [],
          total: 0,
          indexing: !env.searchReady(),
          cursor: 0,
          top: 0,
          saved: { cursor: state.cursor, listTop: state.listTop },
        },
      };
    case 'showBookmarks':
      return withEffects({ ...state, bookmarks: { entries: null, cursor: 0, top: 0 } }, { kind: 'loadBookmarks' });
    default:
      return state;
  }
}

function reduceSearch(state: UiState, action: Action, env: UiEnv): UiState {
  const search = state.search;
  if (!search) return state;
  // An empty query shows (and moves in) the normal list.
  if (!searchShowsHits(search) && action.type !== 'lineEdit' && action.type !== 'back') {
    return reduceList(state, action, env);
  }
  const height = frameFor(state.rows).contentHeight;
  const moved = moveInList(search, action, search.hits.length, height);
  if (moved) return { ...state, search: { ...search, ...moved } };
  switch (action.type) {
    case 'lineEdit': {
      const line = applyLineEdit(search.line, action.edit);
      if (line === search.line) return state;
      const next: SearchState = { ...search, line, openOnAnswer: false };
      // Cleared: nothing to wait for, the normal list comes back at once.
      if (line.value.trim() === '') Object.assign(next, { answered: line.value, hits: [], total: 0, cursor: 0, top: 0 });
      return { ...state, search: next };
    }
    case 'open': {
      // Results of an earlier keystroke are on screen: the one wanted is the top of the answer still to come.
      if (search.answered !== search.line.value) return { ...state, search: { ...search, openOnAnswer: true }, status: 'Opening the first result…' };
      const hit = search.hits[search.cursor];
      if (!hit) return { ...state, status: 'Nothing matches' };
      return openArticle(state, hit.id, env);
    }
    case 'back':
      return { ...state, search: null, cursor: search.saved.cursor, listTop: search.saved.listTop };
    default:
      return state;
  }
}

function reduceBookmarks(state: UiState, action: Action, env: UiEnv): UiState {
  const view = state.bookmarks;
  if (!view) return state;
  const entries = view.entries ?? [];
  const height = frameFor(state.rows).contentHeight;
  const moved = moveInList(view, action, entries.length, height);
  if (moved) return { ...state, bookmarks: { ...view, ...moved } };
  const entry = entries[view.cursor];
  switch (action.type) {
    case 'back':
    case 'showBookmarks':
      return { ...state, bookmarks: null };
    case 'toggleAllArchives': {
      const all = !view.all;
      return withEffects({ ...state, bookmarks: { entries: null, cursor: 0, top: 0, all }, status: all ? "Every archive's bookmarks" : "This archive's bookmarks" }, { kind: 'loadBookmarks', all });
    }
    case 'open':
      if (!entry) return state;
      if (entry.elsewhere !== undefined) return { ...state, status: entry.elsewhere ? `That bookmark is in another archive: ${entry.elsewhere}` : 'That bookmark is from before bookmarks belonged to an archive, and is not in this one' };
      if (entry.missing) return { ...state, status: 'That article is not in this archive any more · d removes the bookmark' };
      return openArticle(state, entry.id, env);
    case 'openSource':
    case 'copySource':
      return openSource(state, entry && !entry.missing ? env.archive.get(entry.id) : undefined, action.type);
    case 'removeBookmark': {
      if (!entry) return { ...state, status: 'No bookmarks to remove' };
      return removeBookmark(state, env);
    }
    case 'editNote':
      if (!entry) return { ...state, status: 'No bookmark to add a note to' };
      return { ...state, prompt: { kind: 'note', id: entry.id, line: lineOf(entry.note ?? '', MAX_NOTE_LENGTH) } };
    default:
      return state;
  }
}

function removeBookmark(state: UiState, env: UiEnv): UiState {
  const view = state.bookmarks;
  const entry = view?.entries?.[view.cursor];
  if (!view || !view.entries || !entry) return state;
  const entries = view.entries.filter((e) => e !== entry);
  const bookmarked = new Set(state.bookmarked);
  bookmarked.delete(entry.id);
  const height = frameFor(state.rows).contentHeight;
  const cursor = clamp(view.cursor, 0, Math.max(0, entries.length - 1));
  const label = entry.missing ? entry.headline : articleLabel(env, entry.id);
  return withEffects(
    { ...state, bookmarked, bookmarks: { entries, cursor, top: keepVisible(cursor, view.top, height, entries.length) }, status: `Removed bookmark: ${label}` },
    { kind: 'setBookmark', id: entry.id, on: false },
  );
}

function reducePrompt(state: UiState, prompt: Prompt, action: Action, env: UiEnv): UiState {
  switch (action.type) {
    case 'lineEdit': {
      const line = applyLineEdit(prompt.line, action.edit);
      return line === prompt.line ? state : { ...state, prompt: { ...prompt, line } };
    }
    case 'back':
      return { ...state, prompt: null, status: prompt.kind === 'note' ? 'Note not changed' : null };
    case 'submit':
      return prompt.kind === 'note' ? submitNote(state, prompt.id, prompt.line.value) : submitFind(state, prompt.line.value, env);
    default:
      return state;
  }
}

function submitNote(state: UiState, id: string, value: string): UiState {
  const note = value.trim();
  const view = state.bookmarks;
  const entries = view?.entries?.map((e) => {
    if (e.id !== id) return e;
    const { note: _old, ...rest } = e;
    return note === '' ? rest : { ...rest, note };
  });
  const next: UiState = { ...state, prompt: null, status: note === '' ? 'Note cleared' : 'Note saved' };
  if (view && entries) next.bookmarks = { ...view, entries };
  return withEffects(next, { kind: 'setNote', id, note });
}

function submitFind(state: UiState, query: string, env: UiEnv): UiState {
  const cleared = { ...state, prompt: null };
  const frame = currentFrame(state);
  if (!frame) return cleared;
  const update = (find: FindState | null, extra: Partial<UiState> = {}): UiState => ({
    ...cleared,
    ...extra,
    stack: [...state.stack.slice(0, -1), { ...frame, find }],
  });
  if (query.trim() === '') return update(null);
  const withFind = update({ query, index: 0 });
  const found = findMatches(withFind, env);
  if (!found || found.matches.length === 0) return update(null, { status: `Not found: ${query}` });
  // The first match on screen or below it, like a pager.
  const index = found.matches.findIndex((m) => m.line >= frame.top);
  return goToMatch(withFind, found.matches, index === -1 ? 0 : index, env);
}

function goToMatch(state: UiState, matches: readonly DocMatch[], index: number, env: UiEnv, status: string | null = null): UiState {
  const frame = currentFrame(state);
  const match = matches[index];
  const article = frame ? env.archive.get(frame.articleId) : undefined;
  if (!frame?.find || !match || !article) return state;
  const height = frameFor(state.rows).contentHeight;
  const maxTop = Math.max(0, env.doc(article, textLayout(state)).lines.length - height);
  const onScreen = match.line >= frame.top && match.line < frame.top + height;
  const top = onScreen ? frame.top : clamp(match.line - 2, 0, maxTop);
  return { ...state, status, stack: [...state.stack.slice(0, -1), { ...frame, top, find: { ...frame.find, index } }] };
}

/** Opens an article where it was left (`resume`), or at the top; `replaceTop` swaps it for the open one (n/p). */
function openArticle(state: UiState, id: string, env: UiEnv, { replaceTop = false, resume = true } = {}): UiState {
  const leaving = replaceTop ? currentFrame(state) : undefined;
  const base = leaving ? leave(state, leaving, env) : state;
  const layout = textLayout(state);
  const article = env.archive.get(id);
  const top = resume && article ? resumedTop(base, article, layout, env) : 0;
  const frame: ReaderFrame = { articleId: id, top, layout, focus: null, find: null };
  const stack = replaceTop ? [...base.stack.slice(0, -1), frame] : [...base.stack, frame];
  const read = base.read.has(id) ? base.read : new Set([...base.read, id]);
  const status = top > 0 ? `Back where you left off (line ${top + 1})` : base.status;
  return withEffects({ ...base, stack, read, status }, { kind: 'opened', id });
}

/** `o` opens the article's source URL in the browser, `y` copies it; only http and https URLs leave the reader. */
function openSource(state: UiState, article: Article | undefined, how: 'openSource' | 'copySource' = 'openSource'): UiState {
  if (!article) return state;
  const { url } = article;
  if (!url) return { ...state, status: 'This article has no source URL' };
  if (!isSafeUrl(url)) return { ...state, status: `The source URL is not an http or https link: ${url}` };
  if (how === 'copySource') return withEffects({ ...state, status: `Copied the URL: ${url}` }, { kind: 'copy-url', url });
  return withEffects({ ...state, status: `Opening ${url}` }, { kind: 'open-url', url });
}

function reduceReader(state: UiState, action: Action, env: UiEnv): UiState {
  const frame = currentFrame(state);
  const article = frame ? env.archive.get(frame.articleId) : undefined;
  if (!frame || !article) return { ...state, stack: state.stack.slice(0, -1) };
  const height = frameFor(state.rows).contentHeight;
  const laidOut = docSoFar(env, article, textLayout(state), height);
  // The panel and related links need the whole article.
  const doc = action.type === 'showPanel' || action.type === 'openRelated' ? env.doc(article, textLayout(state)) : laidOut;
  const maxTop = Math.max(0, doc.lines.length - height);
  const update = (patch: Partial<ReaderFrame>, extra: Partial<UiState> = {}): UiState => ({
    ...state,
    ...extra,
    stack: [...state.stack.slice(0, -1), { ...frame, ...patch }],
  });
  const scrolled = scrolledTop(action, frame.top, height, maxTop);
  if (scrolled !== undefined) return update({ top: scrolled });

  switch (action.type) {
    case 'back': {
      // Esc first clears an active search, then leaves.
      if (frame.find) return update({ find: null });
      const stack = state.stack.slice(0, -1);
      const below = stack[stack.length - 1];
      // The article underneath may have been laid out at another width before a resize.
      if (below && !sameLayout(below.layout, doc.layout)) {
        const belowArticle = env.archive.get(below.articleId);
        if (belowArticle) stack[stack.length - 1] = remapFrame(below, belowArticle, state, env);
      }
      return leave({ ...state, stack }, frame, env);
    }
    case 'sibling': {
      if (frame.find) return stepFind(state, action.dir, env);
      const order = env.order(state.sort);
      const index = order.indexOf(frame.articleId) + action.dir;
      const id = index < 0 ? undefined : order.idAt(index);
      if (id === undefined) return { ...state, status: action.dir > 0 ? 'This is the last article' : 'This is the first article' };
      const listHeight = frameFor(state.rows).contentHeight;
      const moved = { ...state, cursor: index, listTop: keepVisible(index, state.listTop, listHeight, order.length) };
      return openArticle(moved, id, env, { replaceTop: true });
    }
    case 'findStep':
      if (!frame.find) return { ...state, status: 'No search in this article · / to search' };
      return stepFind(state, action.dir, env);
    case 'startSearch':
      return { ...state, prompt: { kind: 'find', line: lineOf('') } };
    case 'highlight':
      return jumpToHighlight(state, frame, doc, height, action.dir, update);
    case 'showPanel': {
      if (doc.highlights.length === 0) return { ...state, status: 'No quotations or figures in this article' };
      // Open on the row of the highlight last pointed at, if any.
      const rows = panelRows(doc);
      const at = frame.focus === null ? -1 : rows.findIndex((row) => row.line === frame.focus);
      const cursor = Math.max(0, at);
      return { ...state, panel: { cursor, top: keepVisible(cursor, cursor - Math.floor(height / 2), height, rows.length) } };
    }
    case 'openRelated': {
      const id = doc.openable[action.number - 1];
      if (id === undefined) {
        return { ...state, status: doc.openable.length === 0 ? 'No related articles in this archive' : `No related article ${action.number}` };
      }
      return openArticle(state, id, env);
    }
    case 'openSource':
    case 'copySource':
      return openSource(state, article, action.type);
    case 'pipeToPager': {
      const colour = !env.colourOff && state.theme !== 'mono';
      return withEffects(state, { kind: 'pager', id: article.id, width: textLayout(state).width, colour });
    }
    case 'editArticle':
      return withEffects(state, { kind: 'editor', id: article.id });
    default:
      return state;
  }
}

/** Back from the editor with the file changed: every open view of it stays inside the new text. */
function articleEdited(state: UiState, id: string, env: UiEnv): UiState {
  const height = frameFor(state.rows).contentHeight;
  const article = env.archive.get(id);
  const stack = state.stack.map((frame) => {
    if (frame.articleId !== id || !article) return frame;
    // A long article laid out in slices is laid out whole only if the reader was beyond its opening (as on reopening).
    const soFar = docSoFar(env, article, frame.layout, height);
    const doc = frame.top + height <= soFar.lines.length ? soFar : env.doc(article, frame.layout);
    return { ...frame, top: clamp(frame.top, 0, Math.max(0, doc.lines.length - height)), focus: null, find: null };
  });
  return { ...state, stack, status: 'Showing the article as saved in the editor' };
}

function stepFind(state: UiState, dir: 1 | -1, env: UiEnv): UiState {
  const found = findMatches(state, env);
  if (!found || found.matches.length === 0) return state;
  const count = found.matches.length;
  const next = found.index + dir;
  // Wrap around, and say so: the jump back is otherwise disorienting.
  if (next >= count) return goToMatch(state, found.matches, 0, env, 'Wrapped to the first match');
  if (next < 0) return goToMatch(state, found.matches, count - 1, env, 'Wrapped to the last match');
  return goToMatch(state, found.matches, next, env);
}

function jumpToHighlight(
  state: UiState,
  frame: ReaderFrame,
  doc: ReaderDoc,
  height: number,
  dir: 1 | -1,
  update: (patch: Partial<ReaderFrame>, extra?: Partial<UiState>) => UiState,
): UiState {
  const starts = doc.highlightStarts;
  if (starts.length === 0) return { ...state, status: 'No quotes or figures in this article' };
  const focusVisible = frame.focus !== null && frame.focus >= frame.top && frame.focus < frame.top + height;
  // From the marked highlight if it is on screen, otherwise from the edge of the screen.
  const anchor = focusVisible && frame.focus !== null ? frame.focus : dir > 0 ? frame.top - 1 : frame.top + height;
  const target = dir > 0 ? starts.find((i) => i > anchor) : [...starts].reverse().find((i) => i < anchor);
  if (target === undefined) return { ...state, status: dir > 0 ? 'No more quotes or figures below' : 'No more quotes or figures above' };
  const maxTop = Math.max(0, doc.lines.length - height);
  const onScreen = target >= frame.top && target < frame.top + height;
  // Two lines of context above the highlight when it has to scroll into view.
  const top = onScreen ? frame.top : clamp(target - 2, 0, maxTop);
  return update({ focus: target, top });
}

/** Keep the reading position across a width change: the same fraction of the article. */
function remapFrame(frame: ReaderFrame, article: Article, state: UiState, env: UiEnv): ReaderFrame {
  const layout = textLayout(state);
  const height = frameFor(state.rows).contentHeight;
  const soFar = docSoFar(env, article, layout, height);
  if (soFar.laidOut !== undefined && !sameLayout(frame.layout, layout)) {
    // A long article laid out in slices: the same text at the top, found in what the new width has laid out so far.
    const place = placeOf(frame, env);
    const line = lineAt(soFar, place.paragraph, place.offset);
    if (line !== undefined) return { ...frame, layout, top: clamp(line, 0, Math.max(0, soFar.lines.length - height)), focus: null };
  }
  const newLength = env.doc(article, layout).lines.length;
  let top = frame.top;
  const same = sameLayout(frame.layout, layout);
  if (!same) {
    const oldLength = env.doc(article, frame.layout).lines.length;
    top = oldLength > 0 ? Math.round((frame.top / oldLength) * newLength) : 0;
  }
  return { ...frame, layout, top: clamp(top, 0, Math.max(0, newLength - height)), focus: same ? frame.focus : null };
}

function resize(state: UiState, cols: number, rows: number, env: UiEnv): UiState {
  const next = { ...state, cols: Math.max(1, cols), rows: Math.max(1, rows) };
  const count = env.order(next.sort).length;
  const height = frameFor(next.rows).contentHeight;
  next.listTop = keepVisible(next.cursor, next.listTop, height, count);
  if (next.search) next.search = { ...next.search, top: keepVisible(next.search.cursor, next.search.top, height, next.search.hits.length) };
  if (next.bookmarks) {
    const b = next.bookmarks;
    next.bookmarks = { ...b, top: keepVisible(b.cursor, b.top, height, b.entries?.length ?? 0) };
  }
  const top = currentFrame(next);
  const article = top ? env.archive.get(top.articleId) : undefined;
  if (top && article) next.stack = [...next.stack.slice(0, -1), remapFrame(top, article, next, env)];
  if (next.overlay) {
    next.overlayTop = clamp(next.overlayTop, 0, Math.max(0, env.overlayLength(next.overlay) - height));
  }
  return next;
}

/** A row of the quotes panel: a heading (a speaker, Unattributed, Figures) or an item that jumps to its line. */
export interface PanelRow {
  kind: 'heading' | 'item';
  text: string;
  /** The line of the article the row jumps to. */
  line: number;
}

const PANEL_WORDS = 10;

/** The first words of a quotation or a sentence. */
function firstWords(text: string, words = PANEL_WORDS): string {
  const parts = text.trim().split(/\s+/);
  return parts.length > words ? `${parts.slice(0, words).join(' ')} …` : parts.join(' ');
}

/**
 * The quotes panel: speakers, most quoted first (then in order of first
 * appearance), each with the first words of their quotations; then the
 * unattributed quotations; then the figures with the sentences they stand in.
 */
export function panelRows(doc: ReaderDoc): PanelRow[] {
  const bySpeaker = new Map<string, DocHighlight[]>();
  const unattributed: DocHighlight[] = [];
  const figures: DocHighlight[] = [];
  for (const h of doc.highlights) {
    if (h.kind === 'figure') figures.push(h);
    else if (h.speaker === undefined) unattributed.push(h);
    else bySpeaker.set(h.speaker, [...(bySpeaker.get(h.speaker) ?? []), h]);
  }
  const rows: PanelRow[] = [];
  const group = (title: string, items: DocHighlight[], text: (h: DocHighlight) => string): void => {
    if (items.length === 0) return;
    rows.push({ kind: 'heading', text: `${title} · ${formatCount(items.length)}`, line: items[0]!.line });
    for (const h of items) rows.push({ kind: 'item', text: text(h), line: h.line });
  };
  const speakers = [...bySpeaker.entries()].sort((a, b) => b[1].length - a[1].length);
  for (const [speaker, quotes] of speakers) group(speaker, quotes, (h) => firstWords(h.text));
  group('Unattributed', unattributed, (h) => firstWords(h.text));
  group('Figures', figures, (h) => `${h.text} — ${firstWords(h.sentence ?? '', 12)}`);
  return rows;
}

function reducePanel(state: UiState, action: Action, env: UiEnv): UiState {
  const frame = currentFrame(state);
  const panel = state.panel;
  const article = frame ? env.archive.get(frame.articleId) : undefined;
  if (!frame || !panel || !article) return { ...state, panel: null };
  const doc = env.doc(article, textLayout(state));
  const rows = panelRows(doc);
  const height = frameFor(state.rows).contentHeight;
  const moved = moveInList(panel, action, rows.length, height);
  if (moved) return { ...state, panel: moved };
  switch (action.type) {
    case 'back':
    case 'showPanel':
      return { ...state, panel: null };
    case 'open': {
      const row = rows[panel.cursor];
      if (!row) return { ...state, panel: null };
      return { ...pointAt(state, frame, doc, row.line, height), panel: null };
    }
    default:
      return state;
  }
}

/** The reader scrolled to `line` (two lines of context above it) and pointing at it, as `]` does. */
function pointAt(state: UiState, frame: ReaderFrame, doc: ReaderDoc, line: number, height: number): UiState {
  const maxTop = Math.max(0, doc.lines.length - height);
  const onScreen = line >= frame.top && line < frame.top + height;
  const top = onScreen ? frame.top : clamp(line - 2, 0, maxTop);
  return { ...state, stack: [...state.stack.slice(0, -1), { ...frame, top, focus: line }] };
}

function reducePeople(state: UiState, action: Action, env: UiEnv): UiState {
  const view = state.people;
  if (!view) return state;
  const height = frameFor(state.rows).contentHeight;
  const person = view.person;
  if (person) {
    const quotes = person.quotes ?? [];
    const moved = moveInList(person, action, quotes.length, height);
    if (moved) return { ...state, people: { ...view, person: { ...person, ...moved } } };
    switch (action.type) {
      case 'back':
        return { ...state, people: { ...view, person: null } };
      case 'showPeople':
        return { ...state, people: null };
      case 'open': {
        const quote = quotes[person.cursor];
        if (!quote) return state;
        return openAtQuote(state, quote, env);
      }
      default:
        return state;
    }
  }
  const entries = view.entries ?? [];
  const moved = moveInList(view, action, entries.length, height);
  if (moved) return { ...state, people: { ...view, ...moved } };
  switch (action.type) {
    case 'back':
    case 'showPeople':
      return { ...state, people: null };
    case 'open': {
      const entry = entries[view.cursor];
      if (!entry) return state;
      return withEffects({ ...state, people: { ...view, person: { entry, quotes: null, cursor: 0, top: 0 } } }, { kind: 'loadPersonQuotes', key: entry.key });
    }
    default:
      return state;
  }
}

/** Opens an article with the reader at one of its quotations. */
function openAtQuote(state: UiState, quote: PersonQuoteEntry, env: UiEnv): UiState {
  const article = env.archive.get(quote.id);
  if (!article) return { ...state, status: 'That article is not in this archive any more' };
  const opened = openArticle(state, quote.id, env, { resume: false });
  const frame = currentFrame(opened)!;
  const doc = env.doc(article, frame.layout);
  const line = lineAt(doc, quote.paragraph, quote.start);
  if (line === undefined) return opened;
  return pointAt(opened, frame, doc, line, frameFor(state.rows).contentHeight);
}
