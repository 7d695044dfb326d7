/**
 * Turns Ink's `(input, key)` into reducer actions. Which key does what on
 * which screen is decided here and nowhere else; the help overlay
 * (src/ui/help.ts) documents the same table.
 */
import type { Key } from 'ink';
import { modeOf, reduce, typing } from './state.js';
import type { Action, Mode, UiEnv, UiState } from './state.js';

/** The subset of Ink's Key this map reads, so tests can pass plain objects. */
export type KeyInfo = Partial<
  Pick<
    Key,
    | 'upArrow'
    | 'downArrow'
    | 'leftArrow'
    | 'rightArrow'
    | 'pageUp'
    | 'pageDown'
    | 'home'
    | 'end'
    | 'return'
    | 'escape'
    | 'ctrl'
    | 'meta'
    | 'tab'
    | 'backspace'
    | 'delete'
  >
>;

/** Which text line has the keyboard: the archive search moves a selection while typing, the others do not. */
export type LineKind = 'search' | 'find' | 'note';

/**
 * Keys while a text line has focus: they edit the line. Nothing else acts
 * (typing `q` or `b` into a query must not quit or bookmark), except Ctrl-c,
 * Ctrl-z, Enter, Esc and, in the archive search, the keys that move the selection.
 */
export function lineKeyToAction(input: string, key: KeyInfo, line: LineKind): Action | undefined {
  if (key.ctrl && input === 'c') return { type: 'quit' };
  if (key.ctrl && input === 'z') return { type: 'suspend' };
  if (key.escape) return { type: 'back' };
  if (key.return) return line === 'search' ? { type: 'open' } : { type: 'submit' };
  if (line === 'search') {
    // A query has no use for `?` (it is not a word): it shows the search syntax, as the hints say.
    if (input === '?') return { type: 'searchHelp' };
    if (key.downArrow || (key.ctrl && input === 'n')) return { type: 'move', by: 1 };
    if (key.upArrow || (key.ctrl && input === 'p')) return { type: 'move', by: -1 };
    if (key.pageDown) return { type: 'page', dir: 1, size: 'full' };
    if (key.pageUp) return { type: 'page', dir: -1, size: 'full' };
  }
  // Ink 6.8 reports Backspace (0x7f) as `delete`; there is no forward delete in a line this short.
  if (key.backspace || key.delete || (key.ctrl && input === 'h')) return { type: 'lineEdit', edit: { kind: 'deleteBack' } };
  if (key.leftArrow || (key.ctrl && input === 'b')) return { type: 'lineEdit', edit: { kind: 'caret', to: 'left' } };
  if (key.rightArrow || (key.ctrl && input === 'f')) return { type: 'lineEdit', edit: { kind: 'caret', to: 'right' } };
  if (key.home || (key.ctrl && input === 'a')) return { type: 'lineEdit', edit: { kind: 'caret', to: 'start' } };
  if (key.end || (key.ctrl && input === 'e')) return { type: 'lineEdit', edit: { kind: 'caret', to: 'end' } };
  if (key.ctrl && input === 'u') return { type: 'lineEdit', edit: { kind: 'clear' } };
  if (key.ctrl && input === 'w') return { type: 'lineEdit', edit: { kind: 'deleteWord' } };
  if (key.ctrl || key.meta || key.tab || input === '') return undefined;
  return { type: 'lineEdit', edit: { kind: 'insert', text: input } };
}

export function keyToAction(input: string, key: KeyInfo, mode: Mode): Action | undefined {
  // Ctrl-c and Ctrl-z must always work, whatever the screen.
  if (key.ctrl && input === 'c') return { type: 'quit' };
  if (key.ctrl && input === 'z') return { type: 'suspend' };
  // A yes/no question: y is yes, any other key is no (never acted on behind the question).
  if (mode === 'confirm') return { type: 'confirm', yes: input === 'y' || input === 'Y' };

  const navigation = navigationAction(input, key);
  if (navigation) return navigation;
  // Ink reports Ctrl-q as `q` with `ctrl`: it is not q. Only the Ctrl keys above (the help lists them) act.
  if (key.ctrl) return undefined;

  // The list is where back ends: Esc there does nothing (and quits nothing).
  if (key.escape) return mode === 'list' ? undefined : { type: 'back' };
  if (input === '?') return { type: 'overlay', which: 'help' };
  if (input === '!') return { type: 'overlay', which: 'report' };
  if (input === 'T') return { type: 'cycleTheme' };

  if (mode === 'help' || mode === 'report') {
    if (input === 'q' || input === 'h' || key.leftArrow) return { type: 'back' };
    return undefined; // an overlay ignores everything else rather than acting behind the user's back
  }

  if (mode !== 'sections' && !key.meta) {
    if (input === 'b') return { type: 'toggleBookmark' };
    if (input === 'u') return { type: 'toggleRead' };
  }
  // Tab: the next unread article, on the list and in the reader (mutt's key for the next new message).
  if (key.tab && (mode === 'list' || mode === 'reader')) return { type: 'nextUnread' };

  if (mode === 'list') {
    if (key.return || input === 'l' || key.rightArrow) return { type: 'open' };
    if (input === 'q') return { type: 'quit' };
    if (input === 'h' || key.leftArrow) return undefined; // nothing to go back to; never quit by accident
    if (input === 's') return { type: 'toggleSort' };
    if (input === 'S') return { type: 'toggleSort', fileDatesLast: true };
    if (input === 'o') return { type: 'openSource' };
    if (input === 'y') return { type: 'copySource' };
    if (input === 'n') return { type: 'move', by: 1 };
    if (input === 'p') return { type: 'move', by: -1 };
    if (input === '/') return { type: 'startSearch' };
    if (input === 'B') return { type: 'showBookmarks' };
    if (input === 'P') return { type: 'showPeople' };
    if (input === 'c') return { type: 'showSections' };
    if (input === 'U') return { type: 'toggleUnreadOnly' };
    if (input === 'A') return { type: 'markAllRead' };
  } else if (mode === 'sections') {
    if (key.return || input === 'l' || key.rightArrow) return { type: 'open' };
    if (input === 'q' || input === 'h' || key.leftArrow || input === 'c') return { type: 'back' };
  } else if (mode === 'people') {
    if (key.return || input === 'l' || key.rightArrow) return { type: 'open' };
    if (input === 'q' || input === 'h' || key.leftArrow) return { type: 'back' };
    if (input === 'P') return { type: 'showPeople' };
  } else if (mode === 'panel') {
    if (key.return || input === 'l' || key.rightArrow) return { type: 'open' };
    if (input === 'q' || input === 'h' || key.leftArrow || input === 'w') return { type: 'back' };
  } else if (mode === 'bookmarks') {
    if (key.return || input === 'l' || key.rightArrow) return { type: 'open' };
    if (input === 'q' || input === 'h' || key.leftArrow || input === 'B') return { type: 'back' };
    if (input === 'd' || input === 'x') return { type: 'removeBookmark' };
    if (input === 'e' || input === 'a') return { type: 'editNote' };
    if (input === 'A') return { type: 'toggleAllArchives' };
    if (input === 'o') return { type: 'openSource' };
    if (input === 'y') return { type: 'copySource' };
    if (input === 'n') return { type: 'move', by: 1 };
    if (input === 'p') return { type: 'move', by: -1 };
  } else {
    if (input === 'q' || input === 'h' || key.leftArrow) return { type: 'back' };
    // With a search active in the article, n/N (and p) step through its matches instead.
    if (input === 'n') return { type: 'sibling', dir: 1 };
    if (input === 'p') return { type: 'sibling', dir: -1 };
    if (input === 'N') return { type: 'findStep', dir: -1 };
    if (input === '/') return { type: 'startSearch' };
    if (input === ']') return { type: 'highlight', dir: 1 };
    if (input === 'w') return { type: 'showPanel' };
    if (input === '[') return { type: 'highlight', dir: -1 };
    if (input === 'o') return { type: 'openSource' };
    if (input === 'y') return { type: 'copySource' };
    if (input === '|') return { type: 'pipeToPager' };
    if (input === 'v') return { type: 'editArticle' };
    if (input === '+' || input === '=') return { type: 'measure', dir: 1 };
    if (input === '-') return { type: 'measure', dir: -1 };
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
  if (typing(state)) {
    // Typed text, pasted or not, goes into the line whole.
    const action = lineKeyToAction(input, key, state.prompt?.kind ?? 'search');
    return action ? reduce(state, action, env) : state;
  }
  // Keys typed while the process was busy arrive as one chunk ("jjjj", "Gq", "/oil"), and Ink
  // passes the chunk as one string. Take them one at a time, in order, each against the screen
  // the previous one produced: `/` then `oil` opens the search line and types into it.
  const chars = [...input];
  if (chars.length > 1 && !key.ctrl && !key.meta) {
    return chars.reduce((s, char) => reduceKey(s, char, {}, env), state);
  }
  const action = keyToAction(input, key, modeOf(state));
  return action ? reduce(state, action, env) : state;
}

const CONTROL = /[\u0000-\u001f\u007f]/;
const CONTROL_OR_TEXT = /[\u0000-\u001f\u007f]|[^\u0000-\u001f\u007f]+/g;

/**
 * Ink 6.8 splits a chunk of input at escape sequences only: Enter, Backspace,
 * Tab and Ctrl keys typed in a burst with other keys ("jj\r", "oil\r", "j\u0003")
 * arrive inside one string. Each becomes the key it is, in order; the text
 * between them stays text (typed into a line whole, or taken key by key).
 */
export function reduceInput(state: UiState, input: string, key: KeyInfo, env: UiEnv): UiState {
  if (input.length < 2 || key.ctrl || key.meta || !CONTROL.test(input)) return reduceKey(state, input, key, env);
  return (input.match(CONTROL_OR_TEXT) ?? []).reduce((s, part) => {
    if (!CONTROL.test(part)) return reduceKey(s, part, {}, env);
    const [char, info] = controlKey(part);
    return reduceKey(s, char, info, env);
  }, state);
}

/** A control character as Ink reports it when it arrives on its own. */
function controlKey(char: string): [string, KeyInfo] {
  if (char === '\r' || char === '\n') return ['\r', { return: true }];
  if (char === '\t') return ['\t', { tab: true }];
  // Ink 6.8 reports Backspace (0x7f) as `delete`.
  if (char === '\u007f' || char === '\b') return ['', { delete: true }];
  if (char === '\u001b') return ['', { escape: true }];
  const code = char.charCodeAt(0);
  if (code >= 1 && code <= 26) return [String.fromCharCode(code + 96), { ctrl: true }];
  return ['', {}];
}

