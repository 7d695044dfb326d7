/**
 * A one-line text field as a pure value: the search line, the reader's find
 * line and the bookmark note. Our own rather than ink-text-input 6.0, which
 * listens to every key itself (it types Ctrl-n / Ctrl-p, which move the
 * selection while typing), deletes UTF-16 units rather than characters, and
 * draws its caret in the wrong place after an emoji (README, stack section).
 */

export interface LineState {
  value: string;
  /** UTF-16 offset of the caret, 0..value.length. */
  cursor: number;
  /**
   * The most UTF-16 units the line holds (a bookmark's note: the library's
   * limit). Typing or pasting stops there, cut between characters: nothing
   * typed is ever refused later, when it is saved.
   */
  max?: number;
}

export type LineEdit =
  | { kind: 'insert'; text: string }
  | { kind: 'deleteBack' }
  | { kind: 'deleteWord' }
  | { kind: 'clear' }
  | { kind: 'caret'; to: 'left' | 'right' | 'start' | 'end' };

export function lineOf(value: string, max?: number): LineState {
  return max === undefined ? { value, cursor: value.length } : { value, cursor: value.length, max };
}

/** How many more UTF-16 units the line takes; Infinity without a limit. */
export function roomLeft(line: LineState): number {
  return line.max === undefined ? Infinity : Math.max(0, line.max - line.value.length);
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Offsets where graphemes start, plus the end: the caret never splits a character. */
function stops(value: string): number[] {
  const result = [...graphemes.segment(value)].map((s) => s.index);
  result.push(value.length);
  return result;
}

/** The longest start of `text` that takes at most `room` UTF-16 units, cut between graphemes. */
function fitting(text: string, room: number): string {
  if (text.length <= room) return text;
  let end = 0;
  for (const { index, segment } of graphemes.segment(text)) {
    if (index + segment.length > room) break;
    end = index + segment.length;
  }
  return text.slice(0, end);
}

export function applyLineEdit(line: LineState, edit: LineEdit): LineState {
  const { value, cursor } = line;
  switch (edit.kind) {
    case 'insert': {
      // Pasted text may carry newlines or escape codes: one line, printable characters only.
      const text = fitting(edit.text.replace(/[\r\n\t]+/g, ' ').replace(/\p{C}/gu, ''), roomLeft(line));
      if (text === '') return line;
      return { ...line, value: value.slice(0, cursor) + text + value.slice(cursor), cursor: cursor + text.length };
    }
    case 'deleteBack': {
      if (cursor === 0) return line;
      const before = stops(value).filter((s) => s < cursor).pop() ?? 0;
      return { ...line, value: value.slice(0, before) + value.slice(cursor), cursor: before };
    }
    case 'deleteWord': {
      const head = value.slice(0, cursor).replace(/\S*\s*$/u, '');
      return head.length === cursor ? line : { ...line, value: head + value.slice(cursor), cursor: head.length };
    }
    case 'clear':
      return value === '' ? line : { ...line, value: '', cursor: 0 };
    case 'caret': {
      const all = stops(value);
      const to =
        edit.to === 'start'
          ? 0
          : edit.to === 'end'
            ? value.length
            : edit.to === 'left'
              ? (all.filter((s) => s < cursor).pop() ?? 0)
              : (all.find((s) => s > cursor) ?? value.length);
      return to === cursor ? line : { ...line, cursor: to };
    }
  }
}
