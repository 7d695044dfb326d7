/**
 * The reader's keyboard: the one way bytes from the terminal reach Ink.
 *
 * Ink 6.8 turns each escape sequence into a key by name. A CSI sequence it
 * has no name for throws from its input hook when the sequence's modifier
 * field has the Ctrl bit (Ctrl+F1 `ESC[1;5P`, `ESC[6r`, `ESC[5T`, `ESC[24l`:
 * `Cannot read properties of undefined (reading 'startsWith')`), which ends
 * the process; without the bit it passes the sequence on as typed text
 * (`ESC[2r` types "[2r" into the search line). So every chunk is split here
 * the way Ink splits it, and only sequences Ink names go on: everything else
 * is dropped. Ink, and every input hook under it, only ever sees keys it
 * knows. The splitting and the judging are pure (`createKeyFilter`); the
 * stream Ink reads from is `keyboardStdin`.
 */
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

const ESC = '\u001b';

/**
 * Ink 6.8's names for escape sequences (parse-keypress.js `keyName`), keyed
 * the same way: the sequence without its leading ESCs, modifier and `1;`.
 */
const NAMED_CODES = new Set([
  'OP', 'OQ', 'OR', 'OS', '[11~', '[12~', '[13~', '[14~', '[[A', '[[B', '[[C', '[[D', '[[E',
  '[15~', '[17~', '[18~', '[19~', '[20~', '[21~', '[23~', '[24~',
  '[A', '[B', '[C', '[D', '[E', '[F', '[H', 'OA', 'OB', 'OC', 'OD', 'OE', 'OF', 'OH',
  '[1~', '[2~', '[3~', '[4~', '[5~', '[6~', '[[5~', '[[6~', '[7~', '[8~',
  '[a', '[b', '[c', '[d', '[e', '[2$', '[3$', '[5$', '[6$', '[7$', '[8$',
  'Oa', 'Ob', 'Oc', 'Od', 'Oe', '[2^', '[3^', '[5^', '[6^', '[7^', '[8^', '[Z',
]);

/** Ink's `fnKeyRe`, anchored at both ends: the whole token must be the key, nothing after it. */
const FUNCTION_KEY = /^\u001b+(O|N|\[|\[\[)(?:(\d+)(?:;(\d+))?([~^$])|(?:1;)?(\d+)?([a-zA-Z]))$/;

/** Whether Ink 6.8 turns this escape sequence into a named key (and so handles it without harm). */
export function isNamedSequence(sequence: string): boolean {
  const parts = FUNCTION_KEY.exec(sequence);
  if (!parts) return false;
  const code = [parts[1], parts[2], parts[4], parts[6]].filter(Boolean).join('');
  return NAMED_CODES.has(code);
}

type Split = { token: string; next: number } | 'pending' | 'invalid';

const isParameterOrIntermediate = (code: number): boolean => code >= 0x20 && code <= 0x3f;
const isFinal = (code: number): boolean => code >= 0x40 && code <= 0x7e;

/** A CSI or SS3 sequence starting at `start`, whose introducer (`[` or `O`) is at `at` (as Ink's input-parser reads it). */
function controlSequence(input: string, start: number, at: number): Split {
  const kind = input[at];
  if (kind === undefined) return 'pending';
  if (kind === 'O') {
    const final = input.charCodeAt(at + 1);
    if (Number.isNaN(final)) return 'pending';
    return isFinal(final) ? { token: input.slice(start, at + 2), next: at + 2 } : 'invalid';
  }
  if (kind !== '[') return 'invalid';
  for (let index = at + 1; index < input.length; index++) {
    const code = input.charCodeAt(index);
    if (isParameterOrIntermediate(code)) continue;
    // Legacy function keys: ESC [ [ A, ESC [ [ 5 ~.
    if (code === 0x5b && index === at + 1) continue;
    if (isFinal(code)) return { token: input.slice(start, index + 1), next: index + 1 };
    return 'invalid';
  }
  return 'pending';
}

/** Introducers of string sequences: OSC, DCS, SOS, PM, APC. */
const STRING_INTRODUCERS = new Set([']', 'P', 'X', '^', '_']);

/**
 * Where a string sequence starting at `start` ends (ESC ] … BEL or ST, ESC P
 * … ST, …), if it ends in this chunk with no other escape inside: a
 * terminal's reply (XTVERSION, a colour report) arrives whole. Otherwise
 * ESC P is Alt+P, as Ink reads it. Ink would type a reply's text as keys.
 */
function stringSequence(input: string, start: number): number | undefined {
  const kind = input[start + 1];
  if (kind === undefined || !STRING_INTRODUCERS.has(kind)) return undefined;
  for (let index = start + 2; index < input.length; index++) {
    const char = input[index];
    if (char === '\u0007' && kind === ']') return index + 1;
    if (char === ESC) return input[index + 1] === '\\' ? index + 2 : undefined;
  }
  return undefined;
}

export interface KeyFilter {
  /** The part of `chunk` Ink may see now; an unfinished escape sequence at its end is held for the next chunk. */
  push(chunk: string): string;
  /** Whether an unfinished escape sequence is held. */
  readonly pending: boolean;
  /** The held sequence, when no more input came to finish it: a lone ESC is the Escape key; anything longer is dropped. */
  flush(): string;
}

/**
 * Splits input as Ink 6.8's input-parser does (text runs, CSI and SS3
 * sequences with one or two ESCs, ESC + one character) and keeps what Ink
 * handles: text, Escape, Alt+character and the sequences it names. String
 * sequences that arrive whole (a terminal's reply) are dropped whole.
 * Dropped sequences go to `onDropped`.
 */
export function createKeyFilter(onDropped: (sequence: string) => void = () => {}): KeyFilter {
  let held = '';
  const push = (chunk: string): string => {
    const input = held + chunk;
    held = '';
    let out = '';
    let index = 0;
    while (index < input.length) {
      const escape = input.indexOf(ESC, index);
      if (escape === -1) {
        out += input.slice(index);
        break;
      }
      out += input.slice(index, escape);
      if (escape === input.length - 1) {
        held = ESC;
        break;
      }
      // One ESC, or two (Alt with a sequence key, as some terminals send it).
      const second = input[escape + 1] === ESC;
      const at = second ? escape + 2 : escape + 1;
      if (second && at >= input.length) {
        held = input.slice(escape);
        break;
      }
      const string = second ? undefined : stringSequence(input, escape);
      if (string !== undefined) {
        onDropped(input.slice(escape, string));
        index = string;
        continue;
      }
      const split = input[at] === '[' || input[at] === 'O' ? controlSequence(input, escape, at) : 'invalid';
      if (split === 'pending') {
        held = input.slice(escape);
        break;
      }
      if (split !== 'invalid') {
        if (isNamedSequence(split.token)) out += split.token;
        else onDropped(split.token);
        index = split.next;
        continue;
      }
      if (input[at] === '[' || input[at] === 'O') {
        // ESC [ or ESC O followed by something no sequence continues with: Ink would type "[" or "O".
        if (input[at] === '[') {
          onDropped(input.slice(escape, at + 1));
          index = at + 1;
          continue;
        }
      }
      if (second) {
        // ESC ESC then a character: Escape with Alt, as Ink reads it; the character comes next.
        out += input.slice(escape, escape + 2);
        index = escape + 2;
        continue;
      }
      // ESC and one character (code point): Alt+key, which Ink handles.
      const codePoint = input.codePointAt(escape + 1) ?? 0;
      const next = escape + 1 + (codePoint > 0xffff ? 2 : 1);
      out += input.slice(escape, next);
      index = next;
    }
    return out;
  };
  return {
    push,
    get pending() {
      return held !== '';
    },
    flush() {
      const sequence = held;
      held = '';
      if (sequence === ESC || sequence === ESC + ESC) return sequence;
      if (sequence !== '') onDropped(sequence);
      return '';
    },
  };
}

/** What `keyboardStdin` reads: the terminal's stdin (or a test's stand-in). */
export interface KeySource {
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  off(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  isTTY?: boolean;
  setRawMode?: (mode: boolean) => unknown;
  pause?: () => unknown;
  resume?: () => unknown;
  ref?: () => unknown;
  unref?: () => unknown;
}

/**
 * A stream for Ink's `stdin` option: reads `source` while Ink wants input
 * (between its `ref` and `unref`), passes each chunk through a key filter
 * and offers the result to Ink. Raw mode is switched on the source.
 */
export function keyboardStdin(source: KeySource, onDropped?: (sequence: string) => void): NodeJS.ReadStream {
  const filter = createKeyFilter(onDropped);
  const decoder = new StringDecoder('utf8');
  const stream = new Readable({ read() {} });
  let flushTimer: NodeJS.Immediate | undefined;
  let reading = false;

  const offer = (text: string): void => {
    if (text !== '') stream.push(text, 'utf8');
  };
  const onData = (chunk: Buffer | string): void => {
    if (flushTimer) clearImmediate(flushTimer);
    flushTimer = undefined;
    offer(filter.push(typeof chunk === 'string' ? chunk : decoder.write(chunk)));
    // A sequence cut at the end of a read is finished by the next read, if one comes at once.
    if (filter.pending) {
      flushTimer = setImmediate(() => {
        flushTimer = undefined;
        offer(filter.flush());
      });
    }
  };

  const keyboard = Object.assign(stream, {
    isTTY: source.isTTY ?? true,
    setRawMode(mode: boolean) {
      source.setRawMode?.(mode);
      return keyboard;
    },
    ref() {
      if (!reading) {
        reading = true;
        source.on('data', onData);
        // Paused (by unref, or by the keys answered before Ink): what waits in it comes now.
        source.resume?.();
      }
      source.ref?.();
      return keyboard;
    },
    unref() {
      if (reading) {
        reading = false;
        source.off('data', onData);
        source.pause?.();
      }
      if (flushTimer) clearImmediate(flushTimer);
      flushTimer = undefined;
      source.unref?.();
      return keyboard;
    },
  });
  return keyboard as unknown as NodeJS.ReadStream;
}
