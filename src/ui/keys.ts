/**
 * Turns Ink's `(input, key)` into reducer actions. Which key does what on
 * which screen is decided here and nowhere else; the help overlay
 * (src/ui/help.ts) documents the same table.
 */
import type { Key } from 'ink';
import { modeOf, reduce } from './state.js';
import type { Action, Mode, UiEnv, UiState } from './state.js';

/** The subset of Ink's Key this map reads, so tests can pass plain objects. */
export type KeyInfo = Partial<
  Pick<Key, 'upArrow' | 'downArrow' | 'leftArrow' | 'rightArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape' | 'ctrl' | 'meta' | 'tab'>
>;

const RESERVED: Record<string, string> = { '/': 'Search', b: 'Bookmarks (b)', B: 'The bookmarks view', u: 'Read/unread marking' };

export function keyToAction(input: string, key: KeyInfo, mode: Mode): Action | undefined {
  // Ctrl-c must always work, whatever the screen.
  if (key.ctrl && input === 'c') return { type: 'quit' };

  const navigation = navigationAction(input, key);
  if (navigation) return navigation;

  if (key.escape) return { type: 'back' };
  if (input === '?') return { type: 'overlay', which: 'help' };
  if (input === '!') return { type: 'overlay', which: 'report' };

  if (mode === 'help' || mode === 'report') {
    if (input === 'q' || input === 'h' || key.leftArrow) return { type: 'back' };
    return undefined; // an overlay ignores everything else rather than acting behind the user's back
  }

  const reserved = RESERVED[input];
  if (reserved !== undefined && !key.ctrl) return { type: 'reserved', feature: reserved };

  if (mode === 'list') {
    if (key.return || input === 'l' || key.rightArrow) return { type: 'open' };
    if (input === 'q') return { type: 'quit' };
    if (input === 'h' || key.leftArrow) return undefined; // nothing to go back to; never quit by accident
    if (input === 's') return { type: 'toggleSort' };
    if (input === 'o') return { type: 'openSource' };
    if (input === 'n') return { type: 'move', by: 1 };
    if (input === 'p') return { type: 'move', by: -1 };
  } else {
    if (input === 'q' || input === 'h' || key.leftArrow) return { type: 'back' };
    if (input === 'n') return { type: 'sibling', dir: 1 };
    if (input === 'p') return { type: 'sibling', dir: -1 };
    if (input === ']') return { type: 'highlight', dir: 1 };
    if (input === '[') return { type: 'highlight', dir: -1 };
    if (input === 'o') return { type: 'openSource' };
    if (/^[1-9]$/.test(input)) return { type: 'openRelated', number: Number(input) };
  }

  if (isPrintable(input) && !key.ctrl && !key.meta) return { type: 'unknownKey', key: input };
  return undefined;
}

/** Keys that move or scroll the same way on every screen. */
function navigationAction(input: string, key: KeyInfo): Action | undefined {
  if (key.ctrl) {
    if (input === 'f') return { type: 'page', dir: 1, size: 'full' };
    if (input === 'b') return { type: 'page', dir: -1, size: 'full' };
    if (input === 'd') return { type: 'page', dir: 1, size: 'half' };
    if (input === 'u') return { type: 'page', dir: -1, size: 'half' };
    return undefined;
  }
  if (key.downArrow || input === 'j') return { type: 'move', by: 1 };
  if (key.upArrow || input === 'k') return { type: 'move', by: -1 };
  if (key.pageDown || input === ' ') return { type: 'page', dir: 1, size: 'full' };
  if (key.pageUp) return { type: 'page', dir: -1, size: 'full' };
  if (key.home || input === 'g') return { type: 'edge', to: 'first' };
  if (key.end || input === 'G') return { type: 'edge', to: 'last' };
  return undefined;
}

function isPrintable(input: string): boolean {
  // One visible character (a pasted string is not a key press).
  return [...input].length === 1 && !/\p{C}/u.test(input) && input !== ' ';
}

/**
 * Map a key against the state it will actually act on. Keys typed faster than
 * a frame (or pasted) must each see the screen the previous one produced:
 * `l` then `q` opens and goes back, it never quits.
 */
export function reduceKey(state: UiState, input: string, key: KeyInfo, env: UiEnv): UiState {
  // A held key can arrive as one chunk ("jjjj") when the process is busy; Ink passes it as one
  // string. Repeat it, but only for keys whose repetition is harmless (moving, paging, jumping).
  const repeated = [...input];
  if (repeated.length > 1 && repeated.every((c) => c === repeated[0])) {
    const single = repeated[0] ?? '';
    const action = keyToAction(single, key, modeOf(state));
    if (action && REPEATABLE.has(action.type)) {
      return repeated.reduce((s) => reduce(s, action, env), state);
    }
  }
  const action = keyToAction(input, key, modeOf(state));
  return action ? reduce(state, action, env) : state;
}

const REPEATABLE: ReadonlySet<Action['type']> = new Set(['move', 'page', 'highlight', 'sibling']);
