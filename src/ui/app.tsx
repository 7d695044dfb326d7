/**
 * The reader's root component: a thin shell that renders the reducer's state,
 * turns key presses into state transitions and carries out the effects the
 * reducer asks for (open a URL, quit).
 */
import { Box, useApp, useInput } from 'ink';
import type { Key } from 'ink';
import { useCallback, useEffect, useMemo, useReducer } from 'react';
import type { ReactNode } from 'react';
import type { Archive, Article } from '../archive/article.js';
import { Bar } from './components/bar.js';
import { ListView } from './components/list-view.js';
import { OverlayView } from './components/overlay-view.js';
import { ReaderView } from './components/reader-view.js';
import { KEY_GROUPS, helpLines, reportLines } from './help.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import type { TerminalSize } from './hooks/use-terminal-size.js';
import { reduceKey } from './keys.js';
import { frameFor, readerMeasure } from './layout.js';
import type { ReaderDoc } from './reader-doc.js';
import { SORT_LABEL } from './sort.js';
import { createEnv, currentFrame, initialState, modeOf, reduce } from './state.js';
import type { Action, UiEnv, UiState } from './state.js';
import { formatCount, sourceOf } from './text.js';
import { ThemeContext, themeFromEnv, useTheme } from './theme.js';
import type { Theme } from './theme.js';

export interface AppProps {
  archive: Archive;
  openUrl?: (url: string) => void;
  /** Called once when the user quits. Defaults to Ink's exit. */
  onQuit?: () => void;
  /** Fixed size instead of the terminal's (tests, or a host that manages layout). */
  size?: TerminalSize;
  theme?: Theme;
}

type Event = Action | { type: 'key'; input: string; key: Key };

export function App({ theme, ...props }: AppProps) {
  const resolvedTheme = useMemo(() => theme ?? themeFromEnv(), [theme]);
  return (
    <ThemeContext.Provider value={resolvedTheme}>
      <Reader {...props} />
    </ThemeContext.Provider>
  );
}

function Reader({ archive, openUrl, onQuit, size: fixedSize }: Omit<AppProps, 'theme'>) {
  const { exit } = useApp();
  const measured = useTerminalSize();
  const size = fixedSize ?? measured;
  const env = useMemo(() => createEnv(archive), [archive]);
  const reducer = useCallback(
    (state: UiState, event: Event): UiState =>
      event.type === 'key' ? reduceKey(state, event.input, event.key, env) : reduce(state, event, env),
    [env],
  );
  const [state, dispatch] = useReducer(reducer, size, (s) => initialState(s.cols, s.rows));

  // Adjust to a new size during render, so no frame is ever drawn for the old size.
  if (state.cols !== size.cols || state.rows !== size.rows) {
    dispatch({ type: 'resize', cols: size.cols, rows: size.rows });
  }

  useInput((input, key) => dispatch({ type: 'key', input, key }));

  useEffect(() => {
    if (state.effect?.kind !== 'open-url') return;
    if (!openUrl) {
      dispatch({ type: 'notify', message: 'No system opener available' });
      return;
    }
    try {
      openUrl(state.effect.url);
    } catch (error) {
      dispatch({ type: 'notify', message: `Could not open the URL: ${error instanceof Error ? error.message : String(error)}` });
    }
  }, [state.effect, openUrl]);

  useEffect(() => {
    if (state.quit) (onQuit ?? exit)();
  }, [state.quit, onQuit, exit]);

  return <Screen state={state} env={env} />;
}

const HELP_TITLES = new Set(KEY_GROUPS.map((g) => g.title));
const REPORT_TITLES = new Set(['Skipped', 'Notes']);

function archiveName(root: string): string {
  const parts = root.split(/[\\/]/).filter(Boolean);
  return parts[parts.length - 1] ?? root;
}

function Screen({ state, env }: { state: UiState; env: UiEnv }) {
  const theme = useTheme();
  const { archive } = env;
  const frame = frameFor(state.rows);
  const width = state.cols;
  const height = frame.contentHeight;
  const mode = modeOf(state);
  const order = env.order(state.sort);
  const name = archiveName(archive.root);

  let header: { left: string; right: string };
  let footer: { hints: string; position: string };
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
    const article = readerFrame ? archive.byId.get(readerFrame.articleId) : undefined;
    if (!readerFrame || !article) return null; // the reducer pops a missing article on the next key
    const measure = readerMeasure(width);
    const doc = env.doc(article, measure.width);
    const index = order.indexOf(article.id);
    header = { left: ` ${name} › ${sourceOf(article) || article.relPath}`, right: `${formatCount(index + 1)}/${formatCount(order.length)} ` };
    footer = { hints: readerHints(article, doc), position: linePosition(readerFrame.top, height, doc.lines.length) };
    content = (
      <ReaderView
        lines={doc.lines.slice(readerFrame.top, readerFrame.top + height)}
        top={readerFrame.top}
        focus={readerFrame.focus}
        height={height}
        margin={measure.margin}
      />
    );
  } else {
    const visible: Article[] = [];
    for (const id of order.slice(state.listTop, state.listTop + height)) {
      const article = archive.byId.get(id);
      if (article) visible.push(article);
    }
    const skipped = archive.report.skipped.length;
    header = {
      left: ` Broadsheet · ${name}`,
      right: `${formatCount(order.length)} articles${skipped ? ` · ${formatCount(skipped)} skipped (!)` : ''} · ${SORT_LABEL[state.sort]} `,
    };
    footer = {
      hints: ' Enter open · j/k move · s sort · ? help · q quit',
      position: order.length ? `${formatCount(state.cursor + 1)}/${formatCount(order.length)} ` : '',
    };
    content = (
      <ListView
        articles={visible}
        top={state.listTop}
        cursor={state.cursor}
        height={height}
        width={width}
        isRead={(id) => state.read.has(id)}
        emptyMessage={` No articles in ${archive.root}. Press ! to see what was skipped.`}
      />
    );
  }

  return (
    <Box flexDirection="column" width={width} height={frame.height}>
      {frame.header && <Bar left={header.left} right={header.right} width={width} />}
      {content}
      {frame.footer &&
        (state.status ? (
          <Bar left={` ${state.status}`} right={footer.position} width={width} leftStyle={theme.style('status')} />
        ) : (
          <Bar left={footer.hints} right={footer.position} width={width} />
        ))}
    </Box>
  );
}

function readerHints(article: Article, doc: ReaderDoc): string {
  // Most specific first would hide the basics; keep it short enough for 80 columns with the position.
  const hints = [' Esc back', 'n/p next/prev'];
  if (doc.highlightStarts.length > 0) hints.push(']/[ quotes');
  if (doc.openable.length > 0) hints.push(doc.openable.length === 1 ? '1 see also' : `1-${doc.openable.length} see also`);
  if (article.url) hints.push('o source');
  hints.push('? help');
  return hints.join(' · ');
}

/** less-style position: Top, Bot, All, or the percentage through, with the visible line range. */
function linePosition(top: number, height: number, total: number): string {
  if (total === 0) return '';
  const last = Math.min(total, top + height);
  const where = top === 0 && last >= total ? 'All' : top === 0 ? 'Top' : last >= total ? 'End' : `${Math.round((last / total) * 100)}%`;
  return `${top + 1}-${last}/${total} ${where} `;
}
