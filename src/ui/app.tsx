/**
 * The reader's root component: a thin shell that renders the reducer's state,
 * turns key presses into state transitions and carries out the effects the
 * reducer asks for (open a URL, save to the library, search, quit).
 */
import { Box, useApp, useInput } from 'ink';
import type { Key } from 'ink';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { Article, ArticleOrder } from '../archive/article.js';
import type { ArchiveUpdates, IndexEvent } from '../archive/background.js';
import type { Catalogue } from '../archive/catalogue.js';
import type { UpdateSummary } from '../archive/indexer.js';
import type { Library } from '../library/index.js';
import { ReadingState } from '../library/reading-state.js';
import { Bar } from './components/bar.js';
import { LineInput } from './components/line-input.js';
import { roomLeft } from './line-edit.js';
import type { LineState } from './line-edit.js';
import { ListView } from './components/list-view.js';
import { MenuView } from './components/menu-view.js';
import type { MenuRow } from './components/menu-view.js';
import type { ListRowData } from './components/list-view.js';
import { OverlayView } from './components/overlay-view.js';
import { ReaderView } from './components/reader-view.js';
import type { LineMarks } from './components/reader-view.js';
import { KEY_GROUPS, helpLines, reportLines, SEARCH_HELP_TITLE } from './help.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import type { TerminalSize } from './hooks/use-terminal-size.js';
import { reduceInput } from './keys.js';
import { AFTER_FRAME_MS, frameFor, readerMeasure } from './layout.js';
import { extendArticle, type ReaderDoc } from './reader-doc.js';
import { ArchiveSearch } from '../search/archive-search.js';
import { storeSearch } from '../search/store-search.js';
import type { SearchService } from '../search/service.js';
import { PREBUILD_DELAY_MS } from './search.js';
import { createEffectRunner, loadSession } from './session.js';
import type { ReaderHost, UrlOpener } from './session.js';
import { archiveName, articleRow, listScreen, unreadInView, visibleListRows } from './screens.js';
import { warmUp } from './highlights.js';
import { createEnv, currentFrame, findMatches, listOrder, modeOf, panelRows, reduce, resultsPerScreen, searchShowsHits, startState, textLayout } from './state.js';
import type { Action, Effect, ListPlace, SearchState, UiEnv, UiState } from './state.js';
import { opening, snippetAround } from '../search/snippet.js';
import type { Snippet } from '../search/snippet.js';
import { formatCount, formatDate, sourceOf } from './text.js';
import { colourFromEnv, themeFromEnv } from './theme.js';
import { ThemeContext, useTheme } from './hooks/use-theme.js';
import { sanitizeLine } from '../sanitize/index.js';
import type { Theme } from './theme.js';

export interface AppProps {
  archive: Catalogue;
  /** Opens a URL in the browser; a reason it could not is shown with the URL. */
  openUrl?: UrlOpener;
  /** The terminal around the reader (clipboard); without it `y` says it cannot copy. */
  host?: ReaderHost;
  /** Called once when the user quits, after everything to save is saved. Defaults to Ink's exit. */
  onQuit?: () => void;
  /** Fixed size instead of the terminal's (tests, or a host that manages layout). */
  size?: TerminalSize;
  /** Overrides the `theme` setting and NO_COLOR. */
  theme?: Theme;
  /** Bookmarks, read state, positions and settings. Without it nothing outlives the session. */
  library?: Library;
  /** Shown in the status line on the first frame (e.g. why there is no library). */
  notices?: readonly string[];
  /** The indexer bringing the archive's store up to date behind the list (background.ts). */
  updates?: ArchiveUpdates;
  /** The archive search (defaults to one over the archive's store). */
  search?: SearchService;
  /** Read marks and reading positions of this archive (default: kept in memory until quit). */
  reading?: ReadingState;
  /** The selection to start on, and the list's first row on screen (keys answered before Ink: first-frame.ts). */
  listPlace?: ListPlace;
}

/** What the header shows while the indexer works. */
export interface IndexProgress {
  phase: 'listing' | 'indexing' | 'people';
  done: number;
  total: number;
}

type Event = Action | { type: 'key'; input: string; key: Key };

export function App(props: AppProps) {
  return <Reader {...props} />;
}

/** Quiet this long (no key, no change on screen) before the warm-up runs: past the first frame and a typing pause. */
const WARM_UP_DELAY_MS = 150;
/** The warm-up runs by then whatever the keys: after a search typed at once has been answered (~1 s at 100,000). */
const WARM_UP_LATEST_MS = 2_000;
/** One slice of a long article's layout: a key pressed meanwhile waits at most about this long. */
const SLICE_BUDGET_MS = 4;
/** A long article growing is drawn again this often (its scroll position in the footer). */
const GROWTH_REDRAW_MS = 150;
/** How long the list's cursor rests on an article before its text is read ahead: longer than a key repeat. */
const PREFETCH_DELAY_MS = 120;

function Reader({ archive, updates, openUrl, host, onQuit, size: fixedSize, library, notices, search: givenSearch, theme: givenTheme, reading: givenReading, listPlace }: AppProps) {
  const reading = useMemo(() => givenReading ?? ReadingState.open(undefined), [givenReading]);
  const { exit } = useApp();
  const measured = useTerminalSize();
  const size = fixedSize ?? measured;
  const search = useMemo(() => givenSearch ?? storeSearch(new ArchiveSearch(archive.db)), [givenSearch, archive]);
  useEffect(() => () => search.close(), [search]);
  // The store changes behind the list (the indexer commits): each change is a new env, so memoised orders are read again.
  const [version, setVersion] = useState(0);
  const [progress, setProgress] = useState<IndexProgress | null>(null);
  // `/` skips the "indexing…" frame when the service is ready.
  const env = useMemo(
    () => ({ ...createEnv(archive), searchReady: () => search.state === 'ready', colourOff: colourFromEnv(process.env) === 'off' }),
    [archive, search, version],
  );
  const reducer = useCallback(
    (state: UiState, event: Event): UiState =>
      event.type === 'key' ? reduceInput(state, event.input, event.key, env) : reduce(state, event, env),
    [env],
  );
  const [state, dispatch] = useReducer(reducer, null, () => startState(env, size.cols, size.rows, { ...loadSession(library, notices, reading), ...listPlace }));

  // What the indexer says: progress in the header, a new list when the catalogue changed, what changed in the status line.
  const [catalogueChanges, setCatalogueChanges] = useState(0);
  const summary = useRef<UpdateSummary | undefined>(undefined);
  useEffect(() => {
    if (!updates) return;
    return updates.subscribe((event: IndexEvent) => {
      switch (event.type) {
        case 'progress':
          setProgress(event.phase !== 'people' || event.done < event.total ? { phase: event.phase, done: event.done, total: event.total } : null);
          return;
        case 'updated':
          summary.current = event.summary;
          setProgress(null);
          // The summary may come after the last catalogue change was drawn: its notice and moved files are applied now.
          setCatalogueChanges((n) => n + 1);
          return;
        case 'changed':
          if (event.what === 'catalogue') setCatalogueChanges((n) => n + 1);
          else dispatch({ type: 'peopleStale' });
          return;
        case 'done':
          setProgress(null);
          return;
        case 'notice':
          dispatch({ type: 'notify', message: sanitizeLine(event.message) });
          return;
        case 'failed':
          setProgress(null);
          dispatch({ type: 'notify', message: `The archive index was not updated: ${sanitizeLine(event.message)}` });
      }
    });
  }, [updates]);

  // The catalogue changed: during render, where `state` has every key pressed so far, note the selected
  // article in the order as it was, then read the store again; the new env moves the selection to it.
  const appliedChanges = useRef(0);
  const replaced = useRef<{ selectedId: string | undefined; notice: string; movedReads?: Array<[string, string]> } | null>(null);
  // A first run: the list fills in from empty, and a selection at the top stays there.
  const filling = useRef(archive.size === 0);
  if (appliedChanges.current !== catalogueChanges) {
    appliedChanges.current = catalogueChanges;
    const selectedId = listOrder(state, env).idAt(state.cursor);
    const removed = (summary.current?.removed ?? 0) > 0;
    const notice = describeChange(summary.current);
    if (notice) summary.current = undefined;
    const refreshed = archive.refresh();
    // Read marks of renamed files follow them once the removal is known, whichever change showed it.
    const movedReads = removed ? followMovedFiles(reading, archive) : [];
    if (refreshed) {
      search.invalidate?.();
      replaced.current = { selectedId, notice, movedReads };
      setVersion((v) => v + 1);
    } else if (movedReads.length) {
      dispatch({ type: 'archiveReplaced', selectedId, notice, movedReads });
    } else if (notice) {
      dispatch({ type: 'notify', message: notice });
    }
  }

  // The store changed: move the selection to the same article during render, as for a resize.
  const shownEnv = useRef(env);
  if (shownEnv.current !== env) {
    shownEnv.current = env;
    const change = replaced.current;
    replaced.current = null;
    dispatch({ type: 'archiveReplaced', selectedId: change?.selectedId, notice: change?.notice ?? '', filling: filling.current, ...(change?.movedReads ? { movedReads: change.movedReads } : {}) });
  }

  // The first parse and analysis in a process pay ~100 ms of regex and JIT warm-up: pay it while idle, not on the
  // first open. Idle: no change of state for a while (each key's starts the wait again), so keys typed at start-up
  // (a search) never queue behind it; but no later than WARM_UP_LATEST_MS after start, or a reader who keeps
  // typing (searching one query after another) pays it on the first open after all.
  const warmedUp = useRef(false);
  const startedAt = useRef(performance.now());
  useEffect(() => {
    if (warmedUp.current) return;
    const untilLatest = startedAt.current + WARM_UP_LATEST_MS - performance.now();
    const timer = setTimeout(() => {
      warmedUp.current = true;
      warmUp();
    }, Math.max(0, Math.min(WARM_UP_DELAY_MS, untilLatest)));
    return () => clearTimeout(timer);
  }, [state]);

  // A long article is first drawn from its opening paragraphs; it is laid out whole just after that frame.
  const openFrame = modeOf(state) === 'reader' ? currentFrame(state) : undefined;
  const openArticle = openFrame ? archive.get(openFrame.articleId) : undefined;
  const openWidth = textLayout(state);
  const screenLines = frameFor(state.rows).contentHeight;
  // A long one is laid out a slice at a time between key presses, drawn again as it grows.
  const shown = openArticle === undefined ? undefined : env.shownDoc(openArticle, openWidth, screenLines);
  const shownPartial = shown?.partial === true;
  const sliced = shown?.laidOut !== undefined;
  useEffect(() => {
    if (!shownPartial || !openArticle) return;
    let timer: ReturnType<typeof setTimeout>;
    let drawn = performance.now();
    const step = (): void => {
      const doc = extendArticle(archive, openArticle, openWidth, SLICE_BUDGET_MS);
      if (!doc.partial || performance.now() - drawn >= GROWTH_REDRAW_MS) {
        drawn = performance.now();
        dispatch({ type: 'docCompleted' });
      }
      if (doc.partial) timer = setTimeout(step, 0);
    };
    timer = setTimeout(step, sliced ? 0 : AFTER_FRAME_MS);
    return () => clearTimeout(timer);
  }, [shownPartial, sliced, archive, openArticle, openWidth]);

  // The article the list's cursor rests on is read and its opening laid out while the reader
  // is idle: Enter then only draws (a 100 KB article's preview is ~25 ms of reading and analysis).
  const resting = modeOf(state) === 'list' ? listOrder(state, env).idAt(state.cursor) : undefined;
  useEffect(() => {
    const article = resting === undefined ? undefined : archive.get(resting);
    if (!article) return;
    const timer = setTimeout(() => env.shownDoc(article, openWidth, screenLines), PREFETCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [resting, archive, env, openWidth, screenLines]);

  // Adjust to a new size during render, so no frame is ever drawn for the old size.
  if (state.cols !== size.cols || state.rows !== size.rows) {
    dispatch({ type: 'resize', cols: size.cols, rows: size.rows });
  }

  // Quitting waits for the saves still queued; Ctrl-C meanwhile quits at once.
  const quitting = useRef(false);
  const quitCalled = useRef(false);
  const quitNow = useCallback(() => {
    if (quitCalled.current) return;
    quitCalled.current = true;
    (onQuit ?? exit)();
  }, [onQuit, exit]);

  // One handler for every screen: while a text line has focus the key map types into it,
  // so no shortcut (q, j, b…) can act behind the user's back.
  useInput((input, key) => {
    if (quitting.current && key.ctrl && input === 'c') quitNow();
    else dispatch({ type: 'key', input, key });
  });

  // Effects: each handed to the runner once, in order, however many key presses React batched into
  // one render. The runner saves off the input path: a lock wait never holds up keys or Ctrl-C.
  const runner = useRef<ReturnType<typeof createEffectRunner> | null>(null);
  runner.current ??= createEffectRunner(dispatch);
  const performed = useRef(new WeakSet<Effect>());
  useEffect(() => {
    const todo = state.effects.filter((effect) => !performed.current.has(effect));
    if (todo.length > 0) {
      for (const effect of todo) performed.current.add(effect);
      runner.current!.run(todo, { archive, library, reading, openUrl, host, bookmarked: state.bookmarked });
      dispatch({ type: 'effectsDone', effects: todo });
    }
    if (state.quit && !quitting.current) {
      quitting.current = true;
      const saving = setTimeout(() => dispatch({ type: 'notify', message: 'Saving your place… (Ctrl-C quits without waiting)' }), 150);
      void runner.current!.idle().then(() => {
        clearTimeout(saving);
        quitNow();
      });
    }
  }, [state.effects, state.quit, state.bookmarked, archive, library, openUrl, host, quitNow]);

  // The index is built from just after the first frame, whatever the archive's size: on the
  // worker it costs this thread nothing, and here it goes in slices between keys and frames.
  useEffect(() => {
    const timer = setTimeout(() => search.whenReady().catch(() => {}), PREBUILD_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search]);

  // Why search got slower (its worker failed), for the status line.
  useEffect(() => search.onNotice((message) => dispatch({ type: 'notify', message })), [search]);

  // Search as you type: "indexing…" until the service is ready, then each query is asked as
  // typed. The service runs only the newest waiting query; an answer to one the user has typed
  // past, or from a service since replaced, is dropped.
  const indexing = state.search?.indexing;
  useEffect(() => {
    if (!indexing) return;
    let live = true;
    search.whenReady().then(
      () => live && dispatch({ type: 'searchIndexed' }),
      (error: unknown) => {
        if (!live) return;
        dispatch({ type: 'searchIndexed' });
        dispatch({ type: 'notify', message: `Search is unavailable: ${describeError(error)}` });
      },
    );
    return () => {
      live = false;
    };
  }, [indexing, search]);
  const query = state.search?.line.value;
  const answered = state.search?.answered;
  // More results are asked for as the selection nears the end of those shown (the reducer raises the limit).
  const limit = state.search?.limit;
  const answeredLimit = state.search?.answeredLimit ?? 0;
  // The search covers the section the list shows.
  const section = state.section;
  useEffect(() => {
    if (query === undefined || limit === undefined || indexing !== false || query.trim() === '') return;
    if (query === answered && limit <= answeredLimit) return;
    let live = true;
    search.search(query, limit, section === null ? {} : { section }).then(
      (outcome) => {
        if (!live || !outcome) return;
        const answer: Extract<Action, { type: 'searchResults' }> = { type: 'searchResults', query, limit, hits: outcome.hits, total: outcome.total };
        if (outcome.missing !== undefined) answer.missing = outcome.missing;
        if (outcome.words !== undefined) answer.words = outcome.words;
        dispatch(answer);
      },
      (error: unknown) => live && dispatch({ type: 'notify', message: `Search failed: ${describeError(error)}` }),
    );
    return () => {
      live = false;
    };
  }, [query, answered, limit, answeredLimit, section, indexing, search]);

  const snippets = useSnippets(archive, state.search, state.rows);

  // The `theme` setting as the state has it (`T` changes it); NO_COLOR still means mono. A host's theme wins.
  const theme = useMemo(() => givenTheme ?? themeFromEnv(process.env, state.theme), [givenTheme, state.theme]);
  return (
    <ThemeContext.Provider value={theme}>
      <Screen state={state} env={env} progress={progress} snippets={snippets} />
    </ThemeContext.Provider>
  );
}

/** Snippets are read for the results on screen: at most this much of a frame's time at once, then the next slice. */
const SNIPPET_SLICE_MS = 8;
/** Snippets kept: a few screens of results. */
const SNIPPET_CACHE = 400;

/**
 * The line of context under each search result on screen, by id: from the
 * lead the catalogue holds when the words are there (or the result matched
 * on its headline), else from the article's text, read from its file after
 * the frame, a slice at a time, and kept.
 */
function useSnippets(archive: Catalogue, search: SearchState | null, rows: number): ReadonlyMap<string, Snippet> {
  const words = search?.words ?? null;
  // Kept while the words are the same (each answer, a further page too, brings its own copy of them).
  const wordsKey = words ? `${words.prefixes.join(' ')}\u0000${words.words.join(' ')}` : '';
  const cache = useRef<{ wordsKey: string; byId: Map<string, Snippet> }>({ wordsKey: '', byId: new Map() });
  const [, setFilled] = useState(0);
  if (cache.current.wordsKey !== wordsKey) cache.current = { wordsKey, byId: new Map() };
  const byId = cache.current.byId;
  const shown = search && words ? search.hits.slice(search.top, search.top + resultsPerScreen(rows)) : [];
  // Leads are in the catalogue: no file to read, so they are there in the results' first frame.
  for (const hit of shown) {
    if (byId.has(hit.id) || hit.field === 'body' || !words) continue;
    const lead = archive.lead(hit.id) ?? '';
    remember(byId, hit.id, snippetAround([lead], words) ?? opening([lead]));
  }
  const missing = shown.filter((hit) => !byId.has(hit.id)).map((hit) => hit.id);
  const key = missing.join('\n');
  useEffect(() => {
    if (!words || key === '') return;
    const ids = key.split('\n');
    let timer: NodeJS.Timeout | undefined;
    const next = (): void => {
      const started = performance.now();
      while (ids.length > 0 && performance.now() - started < SNIPPET_SLICE_MS) {
        const id = ids.shift()!;
        const article = archive.get(id);
        const text = article ? archive.readText(article) : undefined;
        const paragraphs = text?.ok ? text.text.paragraphs : [archive.lead(id) ?? ''];
        if (cache.current.wordsKey === wordsKey) remember(cache.current.byId, id, snippetAround(paragraphs, words) ?? opening(paragraphs));
      }
      setFilled((n) => n + 1);
      if (ids.length > 0) timer = setTimeout(next, 0);
    };
    timer = setTimeout(next, AFTER_FRAME_MS);
    return () => clearTimeout(timer);
    // `words` is read through wordsKey: the same words in a new object need no new snippets.
  }, [key, wordsKey, archive]);
  return byId;
}

function remember(map: Map<string, Snippet>, id: string, snippet: Snippet): void {
  if (map.size >= SNIPPET_CACHE) map.delete(map.keys().next().value as string);
  map.set(id, snippet);
}

/** Moves the read marks and positions of files that were renamed or moved (found by fingerprint); a failure moves none. */
function followMovedFiles(reading: ReadingState, archive: Catalogue): Array<[string, string]> {
  try {
    return reading.follow(archive).read;
  } catch {
    return [];
  }
}

/** What an update changed, for the status line: `Archive updated: 2 new, 1 removed`. */
function describeChange(summary: UpdateSummary | undefined): string {
  // A first run reads everything: the list filling in says it all.
  if (!summary || summary.first) return '';
  const parts = [summary.added && `${formatCount(summary.added)} new`, summary.changed && `${formatCount(summary.changed)} changed`, summary.removed && `${formatCount(summary.removed)} removed`].filter(Boolean);
  return parts.length ? `Archive updated: ${parts.join(', ')}` : '';
}

function describeError(error: unknown): string {
  return sanitizeLine(error instanceof Error ? error.message : String(error));
}

const HELP_TITLES = new Set([...KEY_GROUPS.map((g) => g.title), SEARCH_HELP_TITLE]);
const REPORT_TITLES = new Set(['Skipped', 'Notes']);

function Screen({ state, env, progress, snippets }: { state: UiState; env: UiEnv; progress: IndexProgress | null; snippets: ReadonlyMap<string, Snippet> }) {
  const theme = useTheme();
  const { archive } = env;
  const frame = frameFor(state.rows);
  const width = state.cols;
  const height = frame.contentHeight;
  const mode = modeOf(state);
  const order = listOrder(state, env);
  const name = archiveName(archive.root);
  // env: a new one when the store changed.
  const unread = useMemo(() => unreadInView(state, env), [env, state.read, state.section, state.unreadOnly, state.sort]);

  let header: { left: string; right: string };
  let footer: { hints: string; position: string };
  /** Replaces the footer while a text line has the keyboard. */
  let input: ReactNode = null;
  let content: ReactNode;

  if (mode === 'help' || mode === 'report') {
    const lines = mode === 'help' ? helpLines() : reportLines(archive);
    header = { left: mode === 'help' ? ' Keys' : ' Archive report', right: `${name} ` };
    footer = { hints: ' Esc close · j/k scroll', position: linePosition(state.overlayTop, height, lines.length) };
    content = (
      <OverlayView
        lines={lines.slice(state.overlayTop, state.overlayTop + height)}
        height={height}
        width={width}
        titles={mode === 'help' ? HELP_TITLES : REPORT_TITLES}
      />
    );
  } else if (mode === 'reader') {
    const readerFrame = currentFrame(state);
    const article = readerFrame ? archive.get(readerFrame.articleId) : undefined;
    if (!readerFrame || !article) return null; // the reducer pops a missing article on the next key
    const measure = readerMeasure(width, state.maxWidth);
    const doc = env.shownDoc(article, measure, height);
    const mark = state.bookmarked.has(article.id) ? '* bookmarked · ' : '';
    header = { left: ` ${name} › ${sourceOf(article) || article.relPath}`, right: `${mark}${readerPosition(state, order, article.id)} ` };
    const found = findMatches(state, env);
    const marks = new Map<number, Array<LineMarks[number]>>();
    if (found) {
      found.matches.forEach((match, i) => {
        for (const piece of match.pieces) {
          if (piece.line < readerFrame.top || piece.line >= readerFrame.top + height) continue;
          const list = marks.get(piece.line) ?? [];
          list.push({ start: piece.start, end: piece.end, current: i === found.index });
          marks.set(piece.line, list);
        }
      });
    }
    const pointed = readerFrame.focus === null ? undefined : pointedAt(doc, readerFrame.focus);
    const hints = found?.carried
      ? carriedHints(found.matches.length, state.search?.line.value.trim() ?? '')
      : found
      ? ` match ${formatCount(found.index + 1)}/${formatCount(found.matches.length)} · n/N next/prev · Esc clear search`
      : pointed
        ? ` ${pointed}`
        : readerHints(article, doc);
    // A long article still being laid out: how far, rather than a share of what is laid out so far.
    const position =
      doc.laidOut === undefined
        ? linePosition(readerFrame.top, height, doc.lines.length)
        : `${formatCount(readerFrame.top + 1)}-${formatCount(Math.min(doc.lines.length, readerFrame.top + height))} · laying out ${Math.floor(doc.laidOut * 100)}% `;
    footer = { hints, position };
    if (state.prompt?.kind === 'find') {
      input = <LineInput label=" Find: " line={state.prompt.line} right="Enter find · Esc cancel " width={width} />;
    }
    content = (
      <ReaderView
        lines={doc.lines.slice(readerFrame.top, readerFrame.top + height)}
        top={readerFrame.top}
        focus={readerFrame.focus}
        height={height}
        margin={measure.margin}
        width={measure.width}
        notes={measure.notes}
        marks={marks}
      />
    );
  } else if (mode === 'panel' && state.panel) {
    const readerFrame = currentFrame(state);
    const article = readerFrame ? archive.get(readerFrame.articleId) : undefined;
    if (!readerFrame || !article) return null;
    const doc = env.doc(article, textLayout(state));
    const rows: MenuRow[] = panelRows(doc).map((row, i) => ({ key: String(i), text: row.kind === 'heading' ? row.text : `  ${row.text}`, heading: row.kind === 'heading' }));
    header = { left: ` Who said what · ${article.headline}`, right: `${formatCount(doc.quotes)} quote${doc.quotes === 1 ? '' : 's'} · ${formatCount(doc.figures)} figure${doc.figures === 1 ? '' : 's'} ` };
    footer = { hints: ' Enter go to it · j/k move · Esc back', position: rows.length ? `${formatCount(state.panel.cursor + 1)}/${formatCount(rows.length)} ` : '' };
    content = <MenuView rows={rows.slice(state.panel.top, state.panel.top + height)} top={state.panel.top} cursor={state.panel.cursor} height={height} width={width} emptyMessage=" No quotations or figures." />;
  } else if (mode === 'people' && state.people) {
    const view = state.people;
    const analysed = view.analysed && view.analysed.done < view.analysed.total ? ` · ${formatCount(view.analysed.done)}/${formatCount(view.analysed.total)} articles read so far` : '';
    if (view.person) {
      const { entry, quotes, cursor, top } = view.person;
      const list = quotes ?? [];
      const rows: ListRowData[] = list.slice(top, top + height).map((quote, i) => ({
        key: `${top + i}`,
        date: formatDate(quote.date),
        headline: `${quote.text} · ${quote.headline}`,
        source: quote.id,
        bookmarked: state.bookmarked.has(quote.id),
        unread: !state.read.has(quote.id),
      }));
      header = { left: ` ${entry.name} · ${name}`, right: `${formatCount(entry.quotes)} quote${entry.quotes === 1 ? '' : 's'} in ${formatCount(entry.articles)} article${entry.articles === 1 ? '' : 's'} · newest first ` };
      footer = { hints: ' Enter open at the quotation · Esc people', position: list.length ? `${formatCount(cursor + 1)}/${formatCount(list.length)} ` : '' };
      content = <ListView rows={rows} top={top} cursor={cursor} height={height} width={width} emptyMessage={quotes === null ? ' Loading…' : ' No quotations.'} />;
    } else {
      const entries = view.entries ?? [];
      const rows: MenuRow[] = entries.slice(view.top, view.top + height).map((person) => ({
        key: person.key,
        text: person.name,
        right: `${formatCount(person.quotes)} quote${person.quotes === 1 ? '' : 's'} · ${formatCount(person.articles)} article${person.articles === 1 ? '' : 's'}`,
      }));
      header = { left: ` People · ${name}`, right: `${formatCount(entries.length)} quoted · most quoted first${analysed} ` };
      footer = { hints: ' Enter their quotations · Esc back', position: entries.length ? `${formatCount(view.cursor + 1)}/${formatCount(entries.length)} ` : '' };
      const empty = view.entries === null ? ' Loading…' : progress ? ' Nobody yet: the quotations are still being found.' : ' Nobody is quoted in this archive.';
      content = <MenuView rows={rows} top={view.top} cursor={view.cursor} height={height} width={width} emptyMessage={empty} />;
    }
  } else if (mode === 'sections' && state.sectionPicker) {
    const picker = state.sectionPicker;
    const sections = env.sections();
    const all = sections.reduce((sum, section) => sum + section.count, 0);
    const choices: MenuRow[] = [{ key: '', text: 'All sections', right: `${formatCount(archive.size)} article${archive.size === 1 ? '' : 's'}` }];
    for (const section of sections) choices.push({ key: section.name, text: sanitizeLine(section.name), right: `${formatCount(section.count)} article${section.count === 1 ? '' : 's'}` });
    const shown = state.section ?? 'all';
    header = { left: ` Sections · ${name}`, right: `${formatCount(sections.length)} section${sections.length === 1 ? '' : 's'}${all < archive.size ? ` · ${formatCount(archive.size - all)} at the top` : ''} · showing ${sanitizeLine(shown)} ` };
    footer = { hints: ' Enter show this section · j/k move · Esc back', position: `${formatCount(picker.cursor + 1)}/${formatCount(choices.length)} ` };
    content = <MenuView rows={choices.slice(picker.top, picker.top + height)} top={picker.top} cursor={picker.cursor} height={height} width={width} emptyMessage=" No sections." />;
  } else if (mode === 'bookmarks' && state.bookmarks) {
    const view = state.bookmarks;
    const entries = view.entries ?? [];
    const rows: ListRowData[] = entries.slice(view.top, view.top + height).map((entry) => {
      const article = entry.elsewhere === undefined ? archive.get(entry.id) : undefined;
      const headline = entry.missing && entry.elsewhere === undefined ? `(missing) ${entry.headline}` : entry.headline;
      return {
        key: `${entry.elsewhere ?? ''}\u0000${entry.id}`,
        date: entry.date,
        headline: entry.note ? `${headline} — ${entry.note}` : headline,
        source: entry.elsewhere !== undefined ? (entry.elsewhere ? `in ${archiveName(entry.elsewhere)}` : 'no archive') : article ? sourceOf(article) : 'not in archive',
        bookmarked: true,
        unread: !entry.missing && !state.read.has(entry.id),
        muted: entry.missing,
      };
    });
    header = { left: ` Bookmarks · ${view.all ? 'every archive' : name}`, right: `${formatCount(entries.length)} bookmark${entries.length === 1 ? '' : 's'} · newest first ` };
    footer = {
      hints: ` Enter open · d remove · e note · A ${view.all ? 'this archive' : 'all archives'} · Esc back`,
      position: entries.length ? `${formatCount(view.cursor + 1)}/${formatCount(entries.length)} ` : '',
    };
    if (state.prompt?.kind === 'note') {
      input = <LineInput label=" Note: " line={state.prompt.line} right={`${noteRoom(state.prompt.line)} · Enter save · Esc cancel `} width={width} />;
    }
    content = (
      <ListView
        rows={rows}
        top={view.top}
        cursor={view.cursor}
        height={height}
        width={width}
        emptyMessage={view.entries === null ? ' Loading bookmarks…' : ' No bookmarks yet. Press b on an article to bookmark it.'}
      />
    );
  } else if (mode === 'search' && state.search) {
    const search = state.search;
    const showsHits = searchShowsHits(search);
    const pending = showsHits && search.answered !== search.line.value;
    let count: string;
    if (search.indexing) count = `opening the index of ${formatCount(archive.size)} articles…`;
    else if (!showsHits) count = `${formatCount(order.length)} articles`;
    else if (pending && search.hits.length === 0) count = 'searching…';
    else if (search.total === 0) count = search.missing === undefined ? 'no matches' : `no matches: ${quoted(search.missing)} is in no article`;
    else {
      // More are paged in as the selection nears the end: say how many are here so far.
      const of = search.total > search.hits.length ? ` (${formatCount(search.hits.length)} so far)` : '';
      // The trailing … says a newer query is still being answered.
      count = `${formatCount(search.cursor + 1)}/${formatCount(search.total)} matches${of}${pending ? ' …' : ''}`;
    }
    const where = state.section === null ? name : `${name} › ${sanitizeLine(state.section)}`;
    // While the text is still going into the index, a search finds only what is in: say so.
    const filling = progress && progress.phase !== 'people' ? `${progressLabel(progress)} · ` : '↑/↓ move · Enter open · ';
    header = { left: ` Search · ${where}`, right: `${filling}? syntax · Esc back ` };
    footer = { hints: '', position: '' };
    input = <LineInput label=" / " line={search.line} right={`${state.status ?? count} `} width={width} />;
    if (showsHits) {
      const rows: ListRowData[] = [];
      for (const hit of search.hits.slice(search.top, search.top + resultsPerScreen(state.rows))) {
        const article = archive.get(hit.id);
        if (article) rows.push({ ...articleRow(article, state), matches: hit.headlineMatches, source: `in ${hit.field}`, detail: snippets.get(hit.id) ?? { text: '', matches: [] } });
      }
      const nothing = search.missing !== undefined
        ? ` Nothing matches: ${quoted(search.missing)} is in no article${state.section === null ? '' : ` in ${sanitizeLine(state.section)}`}, and every word must appear. ? shows the syntax.`
        : ` Nothing matches “${search.line.value.trim()}”. Fewer or shorter words find more; ? shows the syntax.`;
      content = <ListView rows={rows} top={search.top} cursor={search.cursor} height={height} width={width} emptyMessage={search.indexing || pending ? ' Searching…' : nothing} />;
    } else {
      content = <ListView rows={visibleListRows(state, env, height)} top={state.listTop} cursor={state.cursor} height={height} width={width} emptyMessage=" No articles." />;
    }
  } else {
    const list = listScreen(state, env, unread);
    header = progress ? { ...list.header, right: `${progressLabel(progress)} · ${list.header.right}` } : list.header;
    if (progress && env.archive.size === 0) list.emptyMessage = ' Reading the archive for the first time…';
    footer = { hints: list.footer.left, position: list.footer.right };
    content = <ListView rows={list.rows} top={state.listTop} cursor={state.cursor} height={height} width={width} emptyMessage={list.emptyMessage} />;
  }

  let bottom: ReactNode = null;
  if (frame.footer) {
    if (state.confirm) bottom = <Bar left={` ${state.confirm.question}`} right="" width={width} leftStyle={theme.style('status')} />;
    else if (input) bottom = input;
    else if (state.status) bottom = <Bar left={` ${state.status}`} right={footer.position} width={width} leftStyle={theme.style('status')} />;
    else bottom = <Bar left={footer.hints} right={footer.position} width={width} />;
  }

  return (
    <Box flexDirection="column" width={width} height={frame.height}>
      {frame.header && <Bar left={header.left} right={header.right} width={width} />}
      {content}
      {bottom}
    </Box>
  );
}

/** `indexing ▰▰▰▱▱▱ 45%`: what the indexer is doing, for the header (listing comes before the search index). */
export function progressLabel(progress: IndexProgress): string {
  const share = progress.total === 0 ? 1 : Math.min(1, progress.done / progress.total);
  const filled = Math.round(share * 8);
  const what = progress.phase === 'people' ? 'finding quotes' : progress.phase;
  return `${what} ${'▰'.repeat(filled)}${'▱'.repeat(8 - filled)} ${Math.floor(share * 100)}%`;
}

/**
 * What `]`/`[` landed on, for the footer: `quote 3/10 · Wang Yi` (or
 * `unattributed`), `figure 2/12 · £3.5m · the sentence it stands in`.
 */
export function pointedAt(doc: ReaderDoc, line: number): string | undefined {
  const here = doc.highlights.filter((h) => h.line === line);
  // A quotation before the figures inside it: who spoke says more.
  const h = here.find((x) => x.kind === 'quote') ?? here[0];
  if (!h) return undefined;
  if (h.kind === 'quote') return `quote ${formatCount(h.ordinal)}/${formatCount(doc.quotes)} · ${h.speaker ?? 'unattributed'}`;
  return `figure ${formatCount(h.ordinal)}/${formatCount(doc.figures)} · ${h.text} · ${h.sentence ?? ''}`;
}

/** A word the search found nowhere, in quotes (a "phrase" has its own). */
function quoted(missing: string): string {
  return missing.startsWith('"') ? missing : `“${missing}”`;
}

/** Where the open article is in what n/p walk: `result 3/37`, `bookmark 2/5`, or its place in the list. */
function readerPosition(state: UiState, order: ArticleOrder, id: string): string {
  const search = state.search;
  if (search && searchShowsHits(search)) {
    const at = search.hits.findIndex((hit) => hit.id === id);
    if (at >= 0) return `result ${formatCount(at + 1)}/${formatCount(search.total)}`;
  }
  const entries = state.bookmarks?.entries;
  if (entries) {
    const at = entries.findIndex((entry) => entry.id === id);
    if (at >= 0) return `bookmark ${formatCount(at + 1)}/${formatCount(entries.length)}`;
  }
  return `${formatCount(order.indexOf(id) + 1)}/${formatCount(order.length)}`;
}

/** The footer of an article opened from search results: its words are marked, n/p go through them, then on. */
function carriedHints(matches: number, query: string): string {
  const words = matches === 0 ? 'not in the text' : `${formatCount(matches)} mark${matches === 1 ? '' : 's'}`;
  return ` “${query}”: ${words} · n/p next/prev, then the next/prev result · Esc results`;
}

function readerHints(article: Article, doc: ReaderDoc): string {
  // Most specific first would hide the basics; keep it short enough for 80 columns with the position.
  const hints = [' Esc back', 'n/p next/prev'];
  if (doc.highlightStarts.length > 0) hints.push(']/[ quotes');
  if (doc.openable.length > 0) hints.push(doc.openable.length === 1 ? '1 see also' : `1-${doc.openable.length} see also`);
  if (article.url) hints.push('o source');
  hints.push('/ find · b bookmark · ? help');
  return hints.join(' · ');
}

/** What the note line still takes: `423 left`, and at the limit how long a note can be. */
function noteRoom(line: LineState): string {
  const left = roomLeft(line);
  return left > 0 ? `${formatCount(left)} left` : `full: ${formatCount(line.max ?? 0)} characters`;
}

/** less-style position: Top, Bot, All, or the percentage through, with the visible line range. */
function linePosition(top: number, height: number, total: number): string {
  if (total === 0) return '';
  const last = Math.min(total, top + height);
  const where = top === 0 && last >= total ? 'All' : top === 0 ? 'Top' : last >= total ? 'End' : `${Math.round((last / total) * 100)}%`;
  return `${top + 1}-${last}/${total} ${where} `;
}
