/**
 * The reader's navigation state as a plain reducer: every key press becomes an
 * Action, and `reduce` is the only place that decides what it does. No I/O:
 * opening a URL, saving a bookmark or a reading position, searching and
 * quitting are requested through `effects` / `quit` and carried out by the
 * component shell, which answers with actions (`searchResults`,
 * `bookmarksLoaded`, `effectsDone`).
 */
import type { Archive, Article, ArticleOrder, ListFilter, Section } from '../archive/article.js';
import type { SearchHit, WordQuery } from '../search/index.js';
import { frameFor, MAX_MEASURE, MEASURE_STEP, readerMeasure, sameLayout } from './layout.js';
import type { TextLayout } from './layout.js';
import { helpLines, reportLines, SEARCH_HELP_TITLE } from './help.js';
import { MAX_NOTE_LENGTH, MAX_WIDTH_RANGE } from '../library/schema.js';
import { isSafeUrl } from '../sanitize/url.js';
import { applyLineEdit, lineOf } from './line-edit.js';
import type { LineEdit, LineState } from './line-edit.js';
import { layoutArticle, lineAt, previewArticle } from './reader-doc.js';
import type { DocHighlight, ReaderDoc } from './reader-doc.js';
import { formatCount } from './text.js';
import { findInDoc, SEARCH_PAGE } from './search.js';
import type { DocMatch } from './search.js';
import { FILE_DATES_LAST, SORT_LABEL, TITLE_OR_DATE } from './sort.js';
import type { SortKey } from './sort.js';
import type { ThemeName } from './theme.js';

export type Overlay = 'help' | 'report';
/** `confirm`: a yes/no question in the status line has the keyboard. */
export type Mode = 'list' | 'search' | 'bookmarks' | 'people' | 'sections' | 'reader' | 'panel' | 'confirm' | Overlay;

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
  /** Which match is current (-1: none yet); matches are recomputed per layout, so this is clamped on use. */
  index: number;
  /** Match these words (an archive search's) rather than `query` as plain text. */
  words?: WordQuery;
  /**
   * The archive search the article was opened from, carried into it: its
   * words are marked, n/p go to the next/previous one off the screen and
   * then on to the next/previous result, and back goes straight to the results.
   */
  carried?: boolean;
}

/** Search as you type over the whole archive (`/` on the list). */
export interface SearchState {
  line: LineState;
  /** The query `hits` answer: behind `line.value` while a search is pending. */
  answered: string;
  hits: readonly SearchHit[];
  /** Matches before the limit. */
  total: number;
  /** How many results to ask for: raised by a page as the selection nears the end of those answered. */
  limit: number;
  /** The limit `hits` answer (a larger `limit` waits for its answer). */
  answeredLimit: number;
  /** The query word found nowhere, when that is why nothing matched. */
  missing?: string;
  /** The query's words, marked in the articles opened from the results. */
  words: WordQuery | null;
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

/** The section picker (`c` on the list): "All sections", then each section. */
export interface SectionPicker {
  cursor: number;
  top: number;
}

/** A yes/no question in the status line; any key but `y` says no. */
export interface Confirm {
  kind: 'markAllRead';
  /** The unread articles in view when the question was asked: what `y` marks. */
  ids: readonly string[];
  question: string;
}

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
  /** Many articles at once (mark all in view as read): one write, not one per article. */
  | { kind: 'setReadMany'; ids: readonly string[]; read: boolean }
  | { kind: 'setBookmark'; id: string; on: boolean }
  | { kind: 'setNote'; id: string; note: string }
  /** Where the reader stopped: a paragraph and an offset in it, so another width lands on the same text. */
  | { kind: 'savePosition'; id: string; paragraph: number; offset: number }
  | { kind: 'saveSort'; sort: SortKey }
  | { kind: 'saveTheme'; theme: ThemeName }
  | { kind: 'saveMaxWidth'; maxWidth: number }
  | { kind: 'saveSelection'; id: string }
  /** The section the list shows (null: all), kept with this archive's reading state. */
  | { kind: 'saveSection'; section: string | null }
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
  /** The list shows only this section (first-level folder); null for all. */
  section: string | null;
  /**
   * "Only unread" is on: the list leaves out the articles read when it was
   * turned on (this snapshot). Articles read since stay listed, marked read,
   * so the list does not shift under the reader while n/p walk it.
   */
  unreadOnly: ReadonlySet<string> | null;
  /** Non-null while the section picker is open over the list. */
  sectionPicker: SectionPicker | null;
  /** Non-null while a yes/no question waits for its answer. */
  confirm: Confirm | null;
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
  /** `s`: date or title; `S` (fileDatesLast): newest first with file-dated articles last, or not. */
  | { type: 'toggleSort'; fileDatesLast?: boolean }
  // Sections and unread
  | { type: 'showSections' }
  | { type: 'nextUnread' }
  | { type: 'toggleUnreadOnly' }
  | { type: 'markAllRead' }
  | { type: 'confirm'; yes: boolean }
  /** `?` on the search line: the help, at the search syntax. */
  | { type: 'searchHelp' }
  /** `y`: the source URL to the clipboard (OSC 52). */
  | { type: 'copySource' }
  /** `|` and `v` in the reader: the article in the user's pager, its file in the user's editor. */
  | { type: 'pipeToPager' }
  | { type: 'editArticle' }
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
  /** `limit`: what the query was asked with (SEARCH_PAGE when not said). */
  | { type: 'searchResults'; query: string; limit?: number; hits: readonly SearchHit[]; total: number; missing?: string; words?: WordQuery }
  | { type: 'bookmarksLoaded'; entries: readonly BookmarkEntry[] }
  | { type: 'peopleLoaded'; entries: readonly PersonEntry[]; analysed: { done: number; total: number } }
  | { type: 'personQuotesLoaded'; key: string; quotes: readonly PersonQuoteEntry[] }
  | { type: 'effectsDone'; effects: readonly Effect[] }
  /**
   * A change could not be saved (the library is locked by a stopped
   * Broadsheet, the disk is read-only…): say so, and show the marks as the
   * library holds them (the optimistic mark goes back).
   */
  | { type: 'saveFailed'; message: string; bookmarked?: { id: string; on: boolean }; read?: { id: string; read: boolean }; readMany?: { ids: readonly string[]; read: boolean } }
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
  /** The list's articles in `sort` order, filtered (listOrder gives the list's own). */
  order(sort: SortKey, filter?: ListFilter): ArticleOrder;
  /** The archive's sections with their counts, by name. */
  sections(): readonly Section[];
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
  let sections: readonly Section[] | undefined;
  return {
    archive,
    order: (sort, filter) => archive.order(sort, filter),
    sections: () => (sections ??= archive.sections()),
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

/** Where the list was left by keys answered before Ink (first-frame.ts): the selection and the first row on screen. */
export interface ListPlace {
  lastSelected: string;
  listTop: number;
}

export interface SavedSession {
  sort?: SortKey;
  lastSelected?: string;
  /** The list's first row on screen with `lastSelected` (keys answered before Ink: first-frame.ts); else it is centred. */
  listTop?: number;
  read?: ReadonlySet<string>;
  positions?: ReadonlyMap<string, TextPlace>;
  bookmarked?: ReadonlySet<string>;
  maxWidth?: number;
  /** The section the list showed when the reader was left (this archive's). */
  section?: string;
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
    section: saved.section ?? null,
    unreadOnly: null,
    sectionPicker: null,
    confirm: null,
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
  let state = initialState(cols, rows, saved);
  // A section saved last time that is no longer a folder of the archive: the whole list.
  if (state.section !== null && !env.sections().some((section) => section.name === state.section)) state = { ...state, section: null };
  const order = listOrder(state, env);
  const index = saved.lastSelected === undefined ? -1 : order.indexOf(saved.lastSelected);
  if (index <= 0) return state;
  const height = frameFor(rows).contentHeight;
  // Put it in the middle of the screen, so the rows around it are in view too (or where the screen had it).
  const top = saved.listTop ?? index - Math.floor(height / 2);
  return { ...state, cursor: index, listTop: keepVisible(index, top, height, order.length) };
}

export function modeOf(state: UiState): Mode {
  if (state.overlay) return state.overlay;
  if (state.confirm) return 'confirm';
  if (state.stack.length > 0) return state.panel ? 'panel' : 'reader';
  if (state.people) return 'people';
  if (state.bookmarks) return 'bookmarks';
  if (state.sectionPicker) return 'sections';
  return state.search ? 'search' : 'list';
}

/** What the list shows: its section, and only unread articles when that is on. */
export function listFilter(state: Pick<UiState, 'section' | 'unreadOnly'>): ListFilter {
  const filter: ListFilter = {};
  if (state.section !== null) filter.section = state.section;
  if (state.unreadOnly !== null) filter.exclude = state.unreadOnly;
  return filter;
}

/** The list's articles, in its sort order and filter. */
export function listOrder(state: Pick<UiState, 'sort' | 'section' | 'unreadOnly'>, env: UiEnv): ArticleOrder {
  return env.order(state.sort, listFilter(state));
}

/** Lines a search result takes: its row, then a line of context (where the words are in the text). */
export const RESULT_LINES = 2;

/** How many search results fit on the screen. */
export function resultsPerScreen(rows: number): number {
  return Math.max(1, Math.floor(frameFor(rows).contentHeight / RESULT_LINES));
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

/** The matches of the current frame's find at the current width, and which one is current (-1: none yet). */
export function findMatches(state: UiState, env: UiEnv): { matches: DocMatch[]; index: number; carried: boolean } | null {
  const frame = currentFrame(state);
  const article = frame ? env.archive.get(frame.articleId) : undefined;
  if (!frame?.find || !article) return null;
  // A search's words are marked in what is laid out so far (a long article grows in slices; opening one
  // from the results must not lay it out whole); a find typed here waits for the whole article.
  const doc = frame.find.carried ? docSoFar(env, article, textLayout(state), frameFor(state.rows).contentHeight) : env.doc(article, textLayout(state));
  const matches = findInDoc(doc, frame.find.query, frame.find.words);
  const index = frame.find.index < 0 ? -1 : clamp(frame.find.index, 0, Math.max(0, matches.length - 1));
  return { matches, index, carried: frame.find.carried === true };
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
  if (mode === 'sections') return undefined;
  return listOrder(state, env).idAt(state.cursor);
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
      const order = listOrder(base, env);
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
      const words = action.words ?? search.words;
      const limit = action.limit ?? SEARCH_PAGE;
      if (action.query === search.answered) {
        // More of the same query (the selection neared the end): the results shown stay where they are, the new ones go after.
        if (limit <= search.answeredLimit) return base;
        const shown = new Set(search.hits.map((hit) => hit.id));
        const hits = [...search.hits, ...action.hits.filter((hit) => !shown.has(hit.id))];
        return { ...base, search: { ...search, hits, total: Math.max(action.total, hits.length), answeredLimit: limit, words } };
      }
      // A result the user moved to stays selected if the refined query still finds it; otherwise the best one.
      const selected = search.cursor > 0 ? search.hits[search.cursor]?.id : undefined;
      const kept = selected === undefined ? -1 : action.hits.findIndex((hit) => hit.id === selected);
      const cursor = Math.max(0, kept);
      const top = keepVisible(cursor, kept >= 0 ? search.top : 0, resultsPerScreen(base.rows), action.hits.length);
      const answered: SearchState = { ...search, answered: action.query, answeredLimit: limit, hits: action.hits, total: action.total, words, cursor, top, openOnAnswer: false };
      if (action.missing !== undefined) answered.missing = action.missing;
      else delete answered.missing;
      const next = { ...base, search: answered, status: search.openOnAnswer ? null : base.status };
      if (search.openOnAnswer) {
        const first = action.hits[0];
        return first ? openArticle(next, first.id, env, { find: carriedFind(answered) }) : { ...next, status: 'Nothing matches' };
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
    case 'searchHelp': {
      // The search's own part of the help, as the empty results' hint promises.
      const maxTop = Math.max(0, env.overlayLength('help') - frameFor(base.rows).contentHeight);
      return { ...base, overlay: 'help', overlayTop: clamp(helpLines().indexOf(SEARCH_HELP_TITLE), 0, maxTop) };
    }
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
  if (mode === 'confirm') return reduceConfirm(base, action, env);
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
  if (mode === 'sections') return reduceSections(base, action, env);
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
  if (action.readMany) {
    const read = new Set(next.read);
    for (const id of action.readMany.ids) {
      if (action.readMany.read) read.add(id);
      else read.delete(id);
    }
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
  const selected = listOrder(state, env).idAt(state.cursor);
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
  const order = listOrder(state, env);
  const count = order.length;
  const height = frameFor(state.rows).contentHeight;
  const moved = moveInList({ cursor: state.cursor, top: state.listTop }, action, count, height);
  if (moved) return { ...state, cursor: moved.cursor, listTop: moved.top };
  switch (action.type) {
    case 'open': {
      const id = order.idAt(state.cursor);
      if (id === undefined) return { ...state, status: emptyListMessage(state) };
      // The selection is saved as the article is opened: cheap, and survives a crash.
      return withEffects(openArticle(state, id, env), { kind: 'saveSelection', id });
    }
    case 'openSource':
    case 'copySource': {
      const id = order.idAt(state.cursor);
      return openSource(state, id === undefined ? undefined : env.archive.get(id), action.type);
    }
    case 'toggleSort': {
      const sort = action.fileDatesLast ? FILE_DATES_LAST[state.sort] : TITLE_OR_DATE[state.sort];
      const next = refiltered(state, { sort }, env);
      return withEffects(action.fileDatesLast ? { ...next, status: `Sorted ${SORT_LABEL[sort]}` } : next, { kind: 'saveSort', sort });
    }
    case 'showSections': {
      const sections = env.sections();
      if (sections.length === 0) return { ...state, status: 'This archive has no sections: its articles are not in folders' };
      // Open on the section shown, "All sections" being row 0.
      const cursor = state.section === null ? 0 : sections.findIndex((section) => section.name === state.section) + 1;
      return { ...state, sectionPicker: { cursor, top: keepVisible(cursor, 0, height, sections.length + 1) } };
    }
    case 'toggleUnreadOnly': {
      const unreadOnly = state.unreadOnly === null ? new Set(state.read) : null;
      const next = refiltered(state, { unreadOnly }, env);
      const shown = listOrder(next, env).length;
      const status = unreadOnly ? (shown === 0 ? 'No unread articles here · U shows all' : `Only unread: ${formatCount(shown)} · U shows all`) : 'Showing read articles too';
      return { ...next, status };
    }
    case 'nextUnread': {
      // After the selection, then from the top: like Tab in mutt.
      const after = order.nextNotIn(state.cursor + 1, state.read);
      const index = after >= 0 ? after : order.nextNotIn(0, state.read);
      if (index < 0) return { ...state, status: 'No unread articles here' };
      const status = after < 0 ? 'Back to the first unread article' : null;
      return { ...state, cursor: index, listTop: keepVisible(index, state.listTop, height, count), status };
    }
    case 'markAllRead': {
      const ids = order.ids().filter((id) => !state.read.has(id));
      if (ids.length === 0) return { ...state, status: 'Everything here is read already' };
      const where = state.section === null ? '' : ` in ${state.section}`;
      const question = `Mark ${formatCount(ids.length)} unread article${ids.length === 1 ? '' : 's'}${where} as read? y/n`;
      return { ...state, confirm: { kind: 'markAllRead', ids, question }, status: question };
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
          limit: SEARCH_PAGE,
          answeredLimit: 0,
          words: null,
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

/** Why Enter on the list opens nothing. */
function emptyListMessage(state: UiState): string {
  if (state.unreadOnly !== null) return 'No unread articles here · U shows all';
  return state.section === null ? 'The archive has no articles' : `No articles in ${state.section}`;
}

/**
 * The list in another order or filter, with the selected article still
 * selected (on the same screen row) when it is still in view; else the row
 * at the same place, or the top.
 */
function refiltered(state: UiState, change: Partial<Pick<UiState, 'sort' | 'section' | 'unreadOnly'>>, env: UiEnv): UiState {
  const selected = listOrder(state, env).idAt(state.cursor);
  const next = { ...state, ...change };
  const order = listOrder(next, env);
  const found = selected === undefined ? -1 : order.indexOf(selected);
  const cursor = found >= 0 ? found : clamp(state.cursor, 0, Math.max(0, order.length - 1));
  const row = found >= 0 ? state.cursor - state.listTop : Math.floor(frameFor(state.rows).contentHeight / 2);
  // Keep the selected article on the same screen row, so the eye does not have to hunt for it.
  return { ...next, cursor, listTop: keepVisible(cursor, cursor - row, frameFor(state.rows).contentHeight, order.length) };
}

/** The section picker: Enter shows the list of the section under the cursor (row 0: all of them). */
function reduceSections(state: UiState, action: Action, env: UiEnv): UiState {
  const picker = state.sectionPicker;
  if (!picker) return state;
  const sections = env.sections();
  const height = frameFor(state.rows).contentHeight;
  const moved = moveInList(picker, action, sections.length + 1, height);
  if (moved) return { ...state, sectionPicker: moved };
  switch (action.type) {
    case 'back':
    case 'showSections':
      return { ...state, sectionPicker: null };
    case 'open': {
      const section = picker.cursor === 0 ? null : (sections[picker.cursor - 1]?.name ?? null);
      const filtered = refiltered({ ...state, sectionPicker: null }, { section }, env);
      // Remembered for this archive: the reader comes back to the section it was left in.
      const next = section === state.section ? filtered : withEffects(filtered, { kind: 'saveSection', section });
      const shown = listOrder(next, env).length;
      return { ...next, status: section === null ? `All sections: ${formatCount(shown)} articles` : `${section}: ${formatCount(shown)} article${shown === 1 ? '' : 's'} · c changes section` };
    }
    default:
      return state;
  }
}

/** The answer to a yes/no question: `y` does it, anything else leaves everything as it was. */
function reduceConfirm(state: UiState, action: Action, env: UiEnv): UiState {
  const confirm = state.confirm;
  if (!confirm) return state;
  const cleared = { ...state, confirm: null };
  if (action.type !== 'confirm' || !action.yes) return { ...cleared, status: 'Nothing marked' };
  const read = new Set(state.read);
  for (const id of confirm.ids) read.add(id);
  const marked = { ...cleared, read, status: `Marked ${formatCount(confirm.ids.length)} article${confirm.ids.length === 1 ? '' : 's'} as read` };
  // "Only unread" shows what is unread now: the articles just marked leave it.
  const next = state.unreadOnly === null ? marked : refiltered(marked, { unreadOnly: read }, env);
  return withEffects(next, { kind: 'setReadMany', ids: confirm.ids, read: true });
}

function reduceSearch(state: UiState, action: Action, env: UiEnv): UiState {
  const search = state.search;
  if (!search) return state;
  // An empty query shows (and moves in) the normal list.
  if (!searchShowsHits(search) && action.type !== 'lineEdit' && action.type !== 'back') {
    return reduceList(state, action, env);
  }
  const moved = moveInList(search, action, search.hits.length, resultsPerScreen(state.rows));
  if (moved) return { ...state, search: pageIn({ ...search, ...moved }) };
  switch (action.type) {
    case 'lineEdit': {
      const line = applyLineEdit(search.line, action.edit);
      if (line === search.line) return state;
      // A new query starts from one page again: each keystroke pays for one page only.
      const next: SearchState = { ...search, line, limit: SEARCH_PAGE, openOnAnswer: false };
      // Cleared: nothing to wait for, the normal list comes back at once.
      if (line.value.trim() === '') Object.assign(next, { answered: line.value, hits: [], total: 0, cursor: 0, top: 0 });
      return { ...state, search: next };
    }
    case 'open': {
      // Results of an earlier keystroke are on screen: the one wanted is the top of the answer still to come.
      if (search.answered !== search.line.value) return { ...state, search: { ...search, openOnAnswer: true }, status: 'Opening the first result…' };
      const hit = search.hits[search.cursor];
      if (!hit) return { ...state, status: 'Nothing matches' };
      return openArticle(state, hit.id, env, { find: carriedFind(search) });
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

/** The search's words, as the find of an article opened from its results; null when it has none to mark. */
function carriedFind(search: SearchState): FindState | null {
  if (!search.words || (search.words.prefixes.length === 0 && search.words.words.length === 0)) return null;
  return { query: search.line.value.trim(), index: -1, words: search.words, carried: true };
}

/**
 * Opens an article where it was left (`resume`), or at the top; `replaceTop`
 * swaps it for the open one (n/p); `find` is a search's words carried in.
 */
function openArticle(
  state: UiState,
  id: string,
  env: UiEnv,
  { replaceTop = false, resume = true, find = null }: { replaceTop?: boolean; resume?: boolean; find?: FindState | null } = {},
): UiState {
  const leaving = replaceTop ? currentFrame(state) : undefined;
  const base = leaving ? leave(state, leaving, env) : state;
  const layout = textLayout(state);
  const article = env.archive.get(id);
  const top = resume && article ? resumedTop(base, article, layout, env) : 0;
  const frame: ReaderFrame = { articleId: id, top, layout, focus: null, find };
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
      // Esc first clears a find typed here, then leaves; the words carried from a search go with the article.
      if (frame.find && !frame.find.carried) return update({ find: null });
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
      if (frame.find && !frame.find.carried) return stepFind(state, action.dir, env);
      if (frame.find?.carried) return stepCarried(state, action.dir, env) ?? openNeighbour(state, frame, action.dir, env);
      return openNeighbour(state, frame, action.dir, env);
    }
    case 'findStep':
      if (!frame.find) return { ...state, status: 'No search in this article · / to search' };
      if (frame.find.carried) return stepCarried(state, action.dir, env) ?? openNeighbour(state, frame, action.dir, env);
      return stepFind(state, action.dir, env);
    case 'nextUnread':
      return openNextUnread(state, frame, env);
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

/**
 * What n/p walk in the reader: the screen under it. The results of the
 * search it was opened from, the bookmarks, or the list.
 */
interface Sequence {
  /** What to call an item in messages. */
  noun: 'result' | 'bookmark' | 'article';
  length: number;
  idAt(index: number): string | undefined;
  indexOf(id: string): number;
  /** Where the screen's selection is: the place to walk from when the article is not in the sequence (a See also opened). */
  selected: number;
  /** False for items that cannot be opened (a bookmark whose article is gone). */
  openable(index: number): boolean;
  /** The state with the screen's selection moved to `index`. */
  select(state: UiState, index: number): UiState;
  /** More items will come (search results page in): worth waiting for at the end. */
  more: boolean;
}

function readerSequence(state: UiState, env: UiEnv): Sequence {
  const search = state.search;
  if (search && searchShowsHits(search)) {
    return {
      noun: 'result',
      length: search.hits.length,
      idAt: (index) => search.hits[index]?.id,
      indexOf: (id) => search.hits.findIndex((hit) => hit.id === id),
      selected: search.cursor,
      openable: () => true,
      select: (s, index) => {
        const current = s.search!;
        const moved: SearchState = { ...current, cursor: index, top: keepVisible(index, current.top, resultsPerScreen(s.rows), current.hits.length) };
        return { ...s, search: pageIn(moved) };
      },
      more: search.total > search.hits.length,
    };
  }
  const bookmarks = state.bookmarks;
  if (bookmarks) {
    const entries = bookmarks.entries ?? [];
    return {
      noun: 'bookmark',
      length: entries.length,
      idAt: (index) => entries[index]?.id,
      indexOf: (id) => entries.findIndex((entry) => entry.id === id),
      selected: bookmarks.cursor,
      openable: (index) => entries[index]?.missing === false,
      select: (s, index) => ({ ...s, bookmarks: { ...s.bookmarks!, cursor: index, top: keepVisible(index, s.bookmarks!.top, frameFor(s.rows).contentHeight, entries.length) } }),
      more: false,
    };
  }
  const order = listOrder(state, env);
  return {
    noun: 'article',
    length: order.length,
    idAt: (index) => order.idAt(index),
    indexOf: (id) => order.indexOf(id),
    selected: state.cursor,
    openable: () => true,
    select: (s, index) => ({ ...s, cursor: index, listTop: keepVisible(index, s.listTop, frameFor(s.rows).contentHeight, order.length) }),
    more: false,
  };
}

/** n/p without a find: the next/previous item of the screen under the reader, in its place. */
function openNeighbour(state: UiState, frame: ReaderFrame, dir: 1 | -1, env: UiEnv): UiState {
  const sequence = readerSequence(state, env);
  const at = sequence.indexOf(frame.articleId);
  let index = (at >= 0 ? at : sequence.selected) + dir;
  while (index >= 0 && index < sequence.length && !sequence.openable(index)) index += dir;
  const id = index < 0 ? undefined : sequence.idAt(index);
  if (id === undefined) {
    if (dir > 0 && sequence.more) return { ...sequence.select(state, sequence.length - 1), status: 'More results are on their way: n again in a moment' };
    return { ...state, status: dir > 0 ? `This is the last ${sequence.noun}` : `This is the first ${sequence.noun}` };
  }
  // The search's words go on into the next result, unless the reader typed a find of their own.
  const find = sequence.noun === 'result' && state.search && (frame.find === null || frame.find.carried) ? carriedFind(state.search) : null;
  return openArticle(sequence.select(state, index), id, env, { replaceTop: true, find });
}

/** Tab: the next article not read yet, after this one, in the screen's order under the reader. */
function openNextUnread(state: UiState, frame: ReaderFrame, env: UiEnv): UiState {
  const sequence = readerSequence(state, env);
  const at = sequence.indexOf(frame.articleId);
  const from = (at >= 0 ? at : sequence.selected) + 1;
  let index = -1;
  if (sequence.noun === 'article') {
    index = listOrder(state, env).nextNotIn(from, state.read);
  } else {
    for (let i = from; i < sequence.length; i++) {
      const id = sequence.idAt(i);
      if (id !== undefined && sequence.openable(i) && !state.read.has(id)) {
        index = i;
        break;
      }
    }
  }
  const id = index < 0 ? undefined : sequence.idAt(index);
  if (id === undefined) return { ...state, status: `No unread ${sequence.noun}s after this one` };
  const find = sequence.noun === 'result' && state.search ? carriedFind(state.search) : null;
  return openArticle(sequence.select(state, index), id, env, { replaceTop: true, find });
}

/**
 * n/p with a search's words carried in: the next match below the screen (the
 * previous one above it), two lines into view; undefined when there is none
 * that way, and the caller moves on to the next/previous result.
 */
function stepCarried(state: UiState, dir: 1 | -1, env: UiEnv): UiState | undefined {
  const frame = currentFrame(state);
  const found = findMatches(state, env);
  const article = frame ? env.archive.get(frame.articleId) : undefined;
  if (!frame?.find || !found || !article) return undefined;
  const height = frameFor(state.rows).contentHeight;
  const index = dir > 0 ? found.matches.findIndex((match) => match.line >= frame.top + height) : findLastIndex(found.matches, (match) => match.line < frame.top);
  const match = found.matches[index];
  if (!match) return undefined;
  const maxTop = Math.max(0, docSoFar(env, article, textLayout(state), height).lines.length - height);
  const top = clamp(match.line - 2, 0, maxTop);
  return { ...state, stack: [...state.stack.slice(0, -1), { ...frame, top, find: { ...frame.find, index } }] };
}

function findLastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i]!)) return i;
  return -1;
}

/** Asks for another page of results when the selection is within a screen or two of the end of those answered. */
function pageIn(search: SearchState): SearchState {
  if (search.total <= search.hits.length || search.cursor < search.hits.length - PAGE_AHEAD) return search;
  const limit = Math.max(search.limit, search.hits.length + SEARCH_PAGE);
  return limit === search.limit ? search : { ...search, limit };
}

/** How close to the end of the answered results the selection gets before the next page is asked for. */
const PAGE_AHEAD = 40;

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
  const count = listOrder(next, env).length;
  const height = frameFor(next.rows).contentHeight;
  next.listTop = keepVisible(next.cursor, next.listTop, height, count);
  if (next.search) next.search = { ...next.search, top: keepVisible(next.search.cursor, next.search.top, resultsPerScreen(next.rows), next.search.hits.length) };
  if (next.sectionPicker) {
    const p = next.sectionPicker;
    next.sectionPicker = { ...p, top: keepVisible(p.cursor, p.top, height, env.sections().length + 1) };
  }
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
