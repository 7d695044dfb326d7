/**
 * The reader's navigation state as a plain reducer: every key press becomes an
 * Action, and `reduce` is the only place that decides what it does. No I/O:
 * opening a URL or quitting is requested through `effect` / `quit` and carried
 * out by the component shell.
 */
import type { Archive, Article } from '../archive/article.js';
import { frameFor, readerMeasure } from './layout.js';
import { helpLines, reportLines } from './help.js';
import { layoutArticle } from './reader-doc.js';
import type { ReaderDoc } from './reader-doc.js';
import { sortedIds } from './sort.js';
import type { SortKey } from './sort.js';

export type Overlay = 'help' | 'report';
export type Mode = 'list' | 'reader' | Overlay;

/** One open article. Opening a `See also` link pushes another; back pops. */
export interface ReaderFrame {
  articleId: string;
  /** First visible line. */
  top: number;
  /** The text width `top` was measured at: a resize maps it to the new layout. */
  width: number;
  /** The highlight line `]`/`[` last went to, marked in the gutter. */
  focus: number | null;
}

export type Effect = { kind: 'open-url'; url: string };

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
  /** Articles opened this session. */
  read: ReadonlySet<string>;
  /** One-line message for the footer; cleared by the next key. */
  status: string | null;
  /** Side effect requested by the last action, for the shell to perform. */
  effect: Effect | null;
  quit: boolean;
}

export type Action =
  | { type: 'move'; by: number }
  | { type: 'page'; dir: 1 | -1; size: 'full' | 'half' }
  | { type: 'edge'; to: 'first' | 'last' }
  | { type: 'open' }
  | { type: 'back' }
  | { type: 'quit' }
  | { type: 'sibling'; dir: 1 | -1 }
  | { type: 'highlight'; dir: 1 | -1 }
  | { type: 'openRelated'; number: number }
  | { type: 'openSource' }
  | { type: 'toggleSort' }
  | { type: 'overlay'; which: Overlay }
  | { type: 'reserved'; feature: string }
  | { type: 'unknownKey'; key: string }
  | { type: 'notify'; message: string }
  | { type: 'resize'; cols: number; rows: number };

/** What the reducer needs to know about the archive; memoised lookups, so reducing stays cheap. */
export interface UiEnv {
  archive: Archive;
  order(sort: SortKey): readonly string[];
  doc(article: Article, width: number): ReaderDoc;
  overlayLength(overlay: Overlay): number;
}

export function createEnv(archive: Archive): UiEnv {
  const help = helpLines().length;
  let report: number | undefined;
  return {
    archive,
    order: (sort) => sortedIds(archive, sort),
    doc: (article, width) => layoutArticle(archive, article, width),
    overlayLength: (overlay) => (overlay === 'help' ? help : (report ??= reportLines(archive).length)),
  };
}

export function initialState(cols: number, rows: number): UiState {
  return {
    cols,
    rows,
    sort: 'date',
    cursor: 0,
    listTop: 0,
    stack: [],
    overlay: null,
    overlayTop: 0,
    read: new Set(),
    status: null,
    effect: null,
    quit: false,
  };
}

export function modeOf(state: UiState): Mode {
  return state.overlay ?? (state.stack.length > 0 ? 'reader' : 'list');
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

export function reduce(state: UiState, action: Action, env: UiEnv): UiState {
  // A status message answers one key press; the next one clears it.
  const base: UiState =
    action.type === 'resize' ? state : state.status === null && state.effect === null ? state : { ...state, status: null, effect: null };
  switch (action.type) {
    case 'resize':
      return resize(base, action.cols, action.rows, env);
    case 'quit':
      return { ...base, quit: true };
    case 'overlay':
      return base.overlay === action.which
        ? { ...base, overlay: null }
        : { ...base, overlay: action.which, overlayTop: 0 };
    case 'reserved':
      return { ...base, status: `${action.feature} is coming soon` };
    case 'unknownKey':
      return { ...base, status: `${action.key} does nothing here · ? for help` };
    case 'notify':
      return { ...base, status: action.message };
    default:
      break;
  }
  const mode = modeOf(base);
  if (mode === 'help' || mode === 'report') return reduceOverlay(base, action, mode, env);
  if (mode === 'reader') return reduceReader(base, action, env);
  return reduceList(base, action, env);
}

function scrollStep(height: number, size: 'full' | 'half'): number {
  // A full page keeps one line of context, like less.
  return size === 'half' ? Math.max(1, Math.floor(height / 2)) : Math.max(1, height - 1);
}

function reduceOverlay(state: UiState, action: Action, overlay: Overlay, env: UiEnv): UiState {
  const height = frameFor(state.rows).contentHeight;
  const maxTop = Math.max(0, env.overlayLength(overlay) - height);
  const scrollTo = (top: number): UiState => ({ ...state, overlayTop: clamp(top, 0, maxTop) });
  switch (action.type) {
    case 'move':
      return scrollTo(state.overlayTop + action.by);
    case 'page':
      return scrollTo(state.overlayTop + action.dir * scrollStep(height, action.size));
    case 'edge':
      return scrollTo(action.to === 'first' ? 0 : maxTop);
    case 'back':
      return { ...state, overlay: null };
    default:
      return state;
  }
}

function reduceList(state: UiState, action: Action, env: UiEnv): UiState {
  const order = env.order(state.sort);
  const count = order.length;
  const height = frameFor(state.rows).contentHeight;
  const select = (cursor: number, top = state.listTop): UiState => {
    const c = clamp(cursor, 0, Math.max(0, count - 1));
    return { ...state, cursor: c, listTop: keepVisible(c, clamp(top, 0, Math.max(0, count - height)), height, count) };
  };
  switch (action.type) {
    case 'move':
      return select(state.cursor + action.by);
    case 'page': {
      // Turn the page: the window and the selection move together.
      const step = action.size === 'half' ? Math.max(1, Math.floor(height / 2)) : height;
      return select(state.cursor + action.dir * step, state.listTop + action.dir * step);
    }
    case 'edge':
      return select(action.to === 'first' ? 0 : count - 1);
    case 'open': {
      const id = order[state.cursor];
      if (id === undefined) return { ...state, status: 'The archive has no articles' };
      return openArticle(state, id);
    }
    case 'openSource': {
      const id = order[state.cursor];
      return openSource(state, id === undefined ? undefined : env.archive.byId.get(id));
    }
    case 'toggleSort': {
      const sort: SortKey = state.sort === 'date' ? 'title' : 'date';
      const selected = order[state.cursor];
      const next = env.order(sort);
      const cursor = selected === undefined ? 0 : Math.max(0, next.indexOf(selected));
      // Keep the selected article on the same screen row, so the eye does not have to hunt for it.
      const row = state.cursor - state.listTop;
      return { ...state, sort, cursor, listTop: keepVisible(cursor, cursor - row, height, count) };
    }
    case 'sibling':
      return select(state.cursor + action.dir);
    default:
      return state;
  }
}

function openArticle(state: UiState, id: string, replaceTop = false): UiState {
  const width = readerMeasure(state.cols).width;
  const frame: ReaderFrame = { articleId: id, top: 0, width, focus: null };
  const stack = replaceTop ? [...state.stack.slice(0, -1), frame] : [...state.stack, frame];
  const read = state.read.has(id) ? state.read : new Set([...state.read, id]);
  return { ...state, stack, read };
}

function openSource(state: UiState, article: Article | undefined): UiState {
  if (!article) return state;
  if (!article.url) return { ...state, status: 'This article has no source URL' };
  return { ...state, status: `Opening ${article.url}`, effect: { kind: 'open-url', url: article.url } };
}

function reduceReader(state: UiState, action: Action, env: UiEnv): UiState {
  const frame = currentFrame(state);
  const article = frame ? env.archive.byId.get(frame.articleId) : undefined;
  if (!frame || !article) return { ...state, stack: state.stack.slice(0, -1) };
  const height = frameFor(state.rows).contentHeight;
  const doc = env.doc(article, readerMeasure(state.cols).width);
  const maxTop = Math.max(0, doc.lines.length - height);
  const update = (patch: Partial<ReaderFrame>, extra: Partial<UiState> = {}): UiState => ({
    ...state,
    ...extra,
    stack: [...state.stack.slice(0, -1), { ...frame, ...patch }],
  });
  const scrollTo = (top: number): UiState => update({ top: clamp(top, 0, maxTop) });

  switch (action.type) {
    case 'move':
      return scrollTo(frame.top + action.by);
    case 'page':
      return scrollTo(frame.top + action.dir * scrollStep(height, action.size));
    case 'edge':
      return scrollTo(action.to === 'first' ? 0 : maxTop);
    case 'back': {
      const stack = state.stack.slice(0, -1);
      const below = stack[stack.length - 1];
      // The article underneath may have been laid out at another width before a resize.
      if (below && below.width !== doc.width) {
        const belowArticle = env.archive.byId.get(below.articleId);
        if (belowArticle) stack[stack.length - 1] = remapFrame(below, belowArticle, state, env);
      }
      return { ...state, stack };
    }
    case 'sibling': {
      const order = env.order(state.sort);
      const index = order.indexOf(frame.articleId) + action.dir;
      const id = order[index];
      if (id === undefined) return { ...state, status: action.dir > 0 ? 'This is the last article' : 'This is the first article' };
      const listHeight = frameFor(state.rows).contentHeight;
      const moved = { ...state, cursor: index, listTop: keepVisible(index, state.listTop, listHeight, order.length) };
      return openArticle(moved, id, true);
    }
    case 'highlight':
      return jumpToHighlight(state, frame, doc, height, action.dir, update);
    case 'openRelated': {
      const id = doc.openable[action.number - 1];
      if (id === undefined) {
        return { ...state, status: doc.openable.length === 0 ? 'No related articles in this archive' : `No related article ${action.number}` };
      }
      return openArticle(state, id);
    }
    case 'openSource':
      return openSource(state, article);
    default:
      return state;
  }
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
  const width = readerMeasure(state.cols).width;
  const height = frameFor(state.rows).contentHeight;
  const newLength = env.doc(article, width).lines.length;
  let top = frame.top;
  if (frame.width !== width) {
    const oldLength = env.doc(article, frame.width).lines.length;
    top = oldLength > 0 ? Math.round((frame.top / oldLength) * newLength) : 0;
  }
  return { ...frame, width, top: clamp(top, 0, Math.max(0, newLength - height)), focus: frame.width === width ? frame.focus : null };
}

function resize(state: UiState, cols: number, rows: number, env: UiEnv): UiState {
  const next = { ...state, cols: Math.max(1, cols), rows: Math.max(1, rows) };
  const count = env.order(next.sort).length;
  const height = frameFor(next.rows).contentHeight;
  next.listTop = keepVisible(next.cursor, next.listTop, height, count);
  const top = currentFrame(next);
  const article = top ? env.archive.byId.get(top.articleId) : undefined;
  if (top && article) next.stack = [...next.stack.slice(0, -1), remapFrame(top, article, next, env)];
  if (next.overlay) {
    next.overlayTop = clamp(next.overlayTop, 0, Math.max(0, env.overlayLength(next.overlay) - height));
  }
  return next;
}
