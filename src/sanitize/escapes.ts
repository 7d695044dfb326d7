/**
 * Lengths of terminal escape sequences, so the sanitiser can drop them whole.
 *
 * Each function looks at `text` from a given index and returns how many UTF-16
 * units belong to the sequence. Every scan stops at a line break: an
 * unterminated sequence may hide the rest of its own line, never the next one.
 * Scans never look back, so the sanitiser stays linear in the input length.
 */

const BEL = 0x07;
const LF = 0x0a;
const CAN = 0x18;
const SUB = 0x1a;
const ESC = 0x1b;
const BACKSLASH = 0x5c;
const NEL = 0x85;
const ST_8BIT = 0x9c;
const LINE_SEPARATOR = 0x2028;
const PARAGRAPH_SEPARATOR = 0x2029;

/** `ESC x` introducers of string sequences: OSC `]`, DCS `P`, SOS `X`, PM `^`, APC `_`. */
const STRING_INTRODUCERS_7BIT = new Set([0x5d, 0x50, 0x58, 0x5e, 0x5f]);
/** The same introducers as single C1 characters: OSC, DCS, SOS, PM, APC. */
export const STRING_INTRODUCERS_8BIT: ReadonlySet<number> = new Set([0x9d, 0x90, 0x98, 0x9e, 0x9f]);
export const CSI_8BIT = 0x9b;

function isLineBreak(code: number): boolean {
  return code === LF || code === NEL || code === LINE_SEPARATOR || code === PARAGRAPH_SEPARATOR;
}

/**
 * Units of a CSI sequence after its introducer (`ESC [` or U+009B), starting at
 * `start`: parameter and intermediate bytes, then one final byte. A sequence cut
 * short by anything else (a control, a letter outside ASCII, the end of text)
 * ends before that character, which the caller then handles on its own.
 */
export function csiBodyLength(text: string, start: number): number {
  let k = start;
  while (k < text.length) {
    const code = text.charCodeAt(k);
    if (code >= 0x20 && code <= 0x3f) {
      k++;
      continue;
    }
    if (code >= 0x40 && code <= 0x7e) return k + 1 - start;
    break;
  }
  return k - start;
}

/**
 * Units of a string sequence (OSC, DCS, SOS, PM, APC) after its introducer.
 * Terminated by BEL or ST (`ESC \` or U+009C), both included. It also ends,
 * before the character, at a line break, at CAN/SUB (which abort sequences in
 * real terminals) and at an ESC that does not start ST (a terminal would begin
 * a new sequence there, so the caller parses it afresh).
 */
export function stringBodyLength(text: string, start: number): number {
  let k = start;
  while (k < text.length) {
    const code = text.charCodeAt(k);
    if (code === BEL || code === ST_8BIT) return k + 1 - start;
    if (code === ESC) {
      return text.charCodeAt(k + 1) === BACKSLASH ? k + 2 - start : k - start;
    }
    if (isLineBreak(code) || code === CAN || code === SUB) return k - start;
    k++;
  }
  return k - start;
}

/**
 * Units of the escape sequence starting with the ESC at `index`, or 0 when the
 * ESC starts no sequence (end of text, a control or non-ASCII next, or
 * intermediates with no final byte): the caller then shows it as a lone ESC.
 */
export function escapeSequenceLength(text: string, index: number): number {
  const next = text.charCodeAt(index + 1);
  if (next === 0x5b) return 2 + csiBodyLength(text, index + 2);
  if (STRING_INTRODUCERS_7BIT.has(next)) return 2 + stringBodyLength(text, index + 2);
  // nF sequences such as `ESC ( B` or `ESC # 8`: intermediates, then a final byte.
  let k = index + 1;
  while (k < text.length) {
    const code = text.charCodeAt(k);
    if (code < 0x20 || code > 0x2f) break;
    k++;
  }
  const final = text.charCodeAt(k);
  if (final >= 0x30 && final <= 0x7e) return k + 1 - index;
  return 0;
}
