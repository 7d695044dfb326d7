/**
 * The list's first frame as text, drawn before Ink and React have loaded:
 * loading them costs ~120 ms on a 2-core machine, longer than reading the
 * archive's snapshot. The reader's first screen appears as soon as the
 * archive is read; Ink's first frame then draws the same cells over it (the
 * tests compare the two cell by cell), and keys typed meanwhile wait in the
 * terminal, in raw mode, for Ink to read them.
 */
import type { Archive } from '../archive/article.js';
import { frameFor } from './layout.js';
import { cellsFor } from './list-row.js';
import { barCells, listScreen, unreadCount } from './screens.js';
import { createEnv, startState } from './state.js';
import type { SavedSession } from './state.js';
import { fit } from './text.js';
import { sgrCodes } from './theme.js';
import type { TextStyle, Theme } from './theme.js';

// The frame is one synchronized update, as Ink's are: the terminal shows it whole or not at all.
const BEGIN_UPDATE = '\u001B[?2026h';
const END_UPDATE = '\u001B[?2026l';
const RESET = '\u001B[0m';

function styled(text: string, style: TextStyle): string {
  const codes = sgrCodes(style);
  return codes.length && text ? `\u001B[${codes.join(';')}m${text}${RESET}` : text;
}

/** The first screen of the list for this archive and saved session, at `cols` x `rows`. */
export function firstFrame(archive: Archive, saved: SavedSession, theme: Theme, cols: number, rows: number): string {
  const env = createEnv(archive);
  const state = startState(env, cols, rows, saved);
  const frame = frameFor(rows);
  const screen = listScreen(state, env, unreadCount(archive, state.read));
  const bar = (text: { left: string; right: string }): string => {
    const cells = barCells(text.left, text.right, cols);
    return styled(cells.left + cells.right, theme.style('bar'));
  };

  const lines: string[] = [];
  if (frame.header) lines.push(bar(screen.header));
  if (screen.rows.length === 0) lines.push(fit(screen.emptyMessage, cols));
  screen.rows.forEach((row, i) => {
    const outer = state.listTop + i === state.cursor ? theme.style('selected') : {};
    const cells = cellsFor(row, cols, row);
    const headlineStyle = row.muted ? theme.style('muted') : row.unread ? theme.style('unread') : {};
    lines.push(
      styled(cells.marks, { ...outer, ...theme.style('mark') }) +
        styled(cells.gap, { ...outer, ...theme.style('muted') }) +
        styled(cells.date, outer) +
        styled(cells.headline, { ...outer, ...headlineStyle }) +
        styled(cells.source, outer),
    );
  });
  while (lines.length < frame.height - (frame.footer ? 1 : 0)) lines.push('');
  if (frame.footer) lines.push(bar(screen.footer));
  // Each line addressed absolutely; the cursor ends at home, where Ink starts its first frame.
  const body = lines.map((line, i) => (line ? `\u001B[${i + 1};1H${line}` : '')).join('');
  return `${BEGIN_UPDATE}${body}\u001B[H${END_UPDATE}`;
}
