/**
 * The list's first frame as text, drawn before Ink and React have loaded:
 * loading them costs ~120 ms on a 2-core machine, longer than reading the
 * archive's snapshot. The reader's first screen appears as soon as the
 * archive is read; Ink's first frame then draws the same cells over it (the
 * tests compare the two cell by cell). Keys that only move the selection
 * (j, k, ↑, ↓) are answered here meanwhile, by the reducer Ink will use, and
 * Ink starts where they left the list; any other key waits, in raw mode, for
 * Ink to read it.
 */
import type { Archive } from '../archive/article.js';
import { frameFor } from './layout.js';
import { cellsFor } from './list-row.js';
import { barCells, listScreen, unreadCount } from './screens.js';
import { reduceKey, type KeyInfo } from './keys.js';
import { createEnv, listOrder, modeOf, startState } from './state.js';
import type { ListPlace, SavedSession, UiEnv, UiState } from './state.js';
import { fit } from './text.js';
import { sgrCodes } from './theme.js';
import type { TextStyle, Theme } from './theme.js';

// The frame is one synchronized update, as Ink's are: the terminal shows it whole or not at all.
const BEGIN_UPDATE = '\u001B[?2026h';
const END_UPDATE = '\u001B[?2026l';
const RESET = '\u001B[0m';
const ERASE_LINE = '\u001B[K';

function styled(text: string, style: TextStyle): string {
  const codes = sgrCodes(style);
  return codes.length && text ? `\u001B[${codes.join(';')}m${text}${RESET}` : text;
}

/** The first screen of the list for this archive and saved session, at `cols` x `rows`. */
export function firstFrame(archive: Archive, saved: SavedSession, theme: Theme, cols: number, rows: number): string {
  return new EarlyList(archive, saved, theme, cols, rows).frame();
}

/** The keys answered before Ink: each moves the selection and nothing else. */
const MOVES: ReadonlyMap<string, [string, KeyInfo]> = new Map([
  ['j', ['j', {}]],
  ['k', ['k', {}]],
  ['\u001B[B', ['', { downArrow: true }]],
  ['\u001B[A', ['', { upArrow: true }]],
  ['\u001BOB', ['', { downArrow: true }]],
  ['\u001BOA', ['', { upArrow: true }]],
]);
const MOVE_KEYS = /\u001B(?:\[|O)[AB]|[jk]/y;

/** The list as the first frame shows it, moved by the keys typed before Ink has loaded. */
export class EarlyList {
  readonly #env: UiEnv;
  readonly #theme: Theme;
  #state: UiState;
  /** Whether keys moved it: only then does Ink start from it, not from the library it opens. */
  #moved = false;

  constructor(archive: Archive, saved: SavedSession, theme: Theme, cols: number, rows: number) {
    this.#env = createEnv(archive);
    this.#theme = theme;
    this.#state = startState(this.#env, cols, rows, saved);
  }

  /**
   * Takes the keys in `typed` when each only moves the selection (and the
   * list stays a list with nothing to save); else takes none and says so.
   */
  press(typed: string): boolean {
    let state = this.#state;
    MOVE_KEYS.lastIndex = 0;
    while (MOVE_KEYS.lastIndex < typed.length) {
      // Sticky: each key must start where the last ended, or the chunk is not all moves.
      const key = MOVE_KEYS.exec(typed)?.[0];
      if (key === undefined) return false;
      const [input, info] = MOVES.get(key)!;
      state = reduceKey(state, input, info, this.#env);
    }
    if (modeOf(state) !== 'list' || state.effects.length !== this.#state.effects.length) return false;
    this.#state = state;
    this.#moved = true;
    return true;
  }

  /** Where keys moved the list: the selected article and the first row on screen, for Ink to start from. */
  get place(): ListPlace | undefined {
    if (!this.#moved) return undefined;
    const id = listOrder(this.#state, this.#env).idAt(this.#state.cursor);
    return id === undefined ? undefined : { lastSelected: id, listTop: this.#state.listTop };
  }

  frame(): string {
    const state = this.#state;
    const env = this.#env;
    const theme = this.#theme;
    const { cols } = state;
    const frame = frameFor(state.rows);
    const screen = listScreen(state, env, unreadCount(env.archive, state.read));
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
    // Each line addressed absolutely (a full row covers the last frame's; an empty one is erased);
    // the cursor ends at home, where Ink starts its first frame.
    const body = lines.map((line, i) => `\u001B[${i + 1};1H${line}${line ? '' : ERASE_LINE}`).join('');
    return `${BEGIN_UPDATE}${body}\u001B[H${END_UPDATE}`;
  }
}
