/**
 * The untrusted-text sanitiser. Every string from outside the program (article
 * text, headlines, front matter, file names, error messages quoting them,
 * config values) passes through here before it reaches the model, so nothing
 * the UI prints can drive the terminal: retitle the window, fill the
 * clipboard, spoof a link, clear the screen, or make the terminal type replies
 * into our input.
 *
 * What it does, in one linear pass (see the README section "Untrusted text"):
 * - removes whole escape sequences, 7-bit and 8-bit: CSI, OSC, DCS, SOS, PM,
 *   APC and two-character ESC sequences, terminated or not; an unterminated
 *   one never reaches past the end of its line;
 * - shows every other C0 control as its Unicode Control Picture (ESC → ␛,
 *   BS → ␈, CR → ␍), so text cannot be hidden by overprinting;
 * - expands tabs to spaces, to the next multiple of TAB_WIDTH columns
 *   (a column here is a code point that is not a combining mark);
 * - removes DEL and C1 controls (U+0085 NEL counts as a line break);
 * - bidi controls: shown as ⟦RLO⟧-style markers in bodies, removed from lines;
 * - drops zero-width and other invisible format characters, keeping ZWJ/ZWNJ
 *   only where they join emoji or letters, and tag characters except inside a
 *   subdivision flag (🏴 + tags + cancel tag, e.g. the flag of England);
 * - replaces lone surrogates with U+FFFD;
 * - caps combining marks per base character and the length of each line.
 *
 * Both public functions are idempotent, and leave printable text (letters,
 * digits, punctuation, CJK, emoji, £, curly quotes) exactly as it was.
 */
import {
  BIDI_NAMES,
  BLACK_FLAG,
  LINE_SEPARATOR,
  MARK,
  PARAGRAPH_SEPARATOR,
  PLAIN,
  TAG_CANCEL,
  ZWJ,
  ZWNJ,
  classOf,
  isDroppedInvisible,
  isTagSpec,
  zwjJoins,
  zwnjSeparatesLetters,
} from './chars.js';
import { Utf16Writer } from './writer.js';
import { CSI_8BIT, STRING_INTRODUCERS_8BIT, csiBodyLength, escapeSequenceLength, stringBodyLength } from './escapes.js';

/**
 * Longest line (in UTF-16 units, marker included) the sanitiser returns.
 * Width measurement with Intl.Segmenter is quadratic on long lines in Node 20.
 */
export const MAX_LINE_LENGTH = 20_000;
/**
 * Combining marks kept after one base character. Four keeps real text (Hebrew
 * with points and cantillation, Vietnamese, Indic, keycap emoji) and stops
 * "zalgo" floods.
 */
export const MAX_COMBINING_MARKS = 4;
/** Tab stops every this many columns. */
export const TAB_WIDTH = 4;

const LF = 0x0a;
const TAB = 0x09;
const CR = 0x0d;
const ESC = 0x1b;
const DEL = 0x7f;
const SPACE = 0x20;
const NEL = 0x85;
const CONTROL_PICTURES = 0x2400;
const REPLACEMENT = '\ufffd';
/** SPACES[n] is n spaces, for tab expansion. */
const SPACES = Array.from({ length: TAB_WIDTH + 1 }, (_, n) => ' '.repeat(n));
const CONTROL_PICTURE_STRINGS = Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(CONTROL_PICTURES + code));
/** What a bidi control looks like in a body: its abbreviation in white square brackets. */
const BIDI_MARKERS = new Map([...BIDI_NAMES].map(([cp, name]) => [cp, `⟦${name}⟧`]));
/** Longest flag tag spec kept (subdivision codes like `gbeng` are 5). */
const MAX_FLAG_TAGS = 7;
/** Room left for the cut-line marker `… [N more characters]`. */
const CUT_MARKER_RESERVE = 40;

/**
 * Characters the single pass keeps unchanged whatever surrounds them: printable
 * ASCII, Latin-1 but the soft hyphen, general punctuation short of the bidi and
 * invisible ones, currency signs. Text made only of these (most news text) is
 * returned without the per-character loop: one native regex scan instead,
 * about 6x faster on the corpus. test/sanitize.test.ts checks the set against
 * the loop.
 */
export const UNCHANGED_BODY = /^[\n\x20-\x7e\xa0-\xac\xae-\xff\u2010-\u2027\u2030-\u205e\u20a0-\u20c0]*$/;
const UNCHANGED_LINE = /^[\x20-\x7e\xa0-\xac\xae-\xff\u2010-\u2027\u2030-\u205e\u20a0-\u20c0]*$/;

/** Text that may span lines (article body). Keeps `\n`. */
export function sanitizeBody(text: string): string {
  return capLines(UNCHANGED_BODY.test(text) ? text : sanitizeCore(text, false), false);
}

/**
 * A single-line value: headline, metadata, file name, error message, config
 * value. As sanitizeBody, but each run of line breaks becomes one space and
 * bidi controls are removed.
 */
export function sanitizeLine(text: string): string {
  return capLines(UNCHANGED_LINE.test(text) ? text : sanitizeCore(text, true), true);
}

/**
 * sanitizeLine, then cut to at most `maxUnits` UTF-16 units, ending with `…`
 * when something was cut. Use this instead of `.slice()` on sanitised text: a
 * slice can split a surrogate pair (a lone surrogate) or leave a dangling
 * joiner.
 */
export function truncateLine(text: string, maxUnits: number): string {
  const clean = sanitizeLine(text);
  if (clean.length <= maxUnits) return clean;
  if (maxUnits < 1) return '';
  let keepUnits = maxUnits - 1;
  const lastKept = clean.charCodeAt(keepUnits - 1);
  if (lastKept >= 0xd800 && lastKept <= 0xdbff) keepUnits--;
  return `${sanitizeCore(clean.slice(0, keepUnits), true)}…`;
}

const FORBIDDEN_BODY = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const FORBIDDEN_LINE = new RegExp(
  `${FORBIDDEN_BODY.source}|[\\n\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069\\u200e\\u200f\\u061c]`,
);

/**
 * Whether `text` holds a character the sanitiser never outputs: a C0 control
 * other than `\n`, DEL, a C1 control or a lone surrogate; with `'line'`, also
 * any line break or bidi control.
 */
export function containsForbidden(text: string, scope: 'body' | 'line' = 'body'): boolean {
  return (scope === 'line' ? FORBIDDEN_LINE : FORBIDDEN_BODY).test(text);
}

/**
 * The single pass. Characters that are kept extend a run that is copied out in
 * one slice; anything dropped or replaced ends the run. The state (column,
 * marks since the base, last character written) describes the OUTPUT, so that
 * a second pass over the output makes the same decisions (idempotence).
 */
function sanitizeCore(text: string, singleLine: boolean): string {
  const length = text.length;
  // Created at the first change, so clean text is returned without a copy.
  let out: Utf16Writer | undefined;
  let runStart = 0;
  let i = 0;
  /** Columns since the last line break written, for tab stops. */
  let column = 0;
  /** Combining marks written since the last base character. */
  let marks = 0;
  /** Last code point written (-1: none yet). */
  let lastWritten = -1;
  /** singleLine: the last thing written is the space standing for a line break. */
  let afterBreakSpace = false;

  /** Skip `units` input units, writing `replacement` (made of base characters) instead. */
  const replace = (units: number, replacement: string, lastCp: number, columns: number): void => {
    out ??= new Utf16Writer(length + (length >> 3));
    if (i > runStart) out.copy(text, runStart, i);
    if (replacement !== '') {
      out.append(replacement);
      lastWritten = lastCp;
      column += columns;
      marks = 0;
      afterBreakSpace = false;
    }
    i += units;
    runStart = i;
  };
  const drop = (units: number): void => replace(units, '', -1, 0);
  const lineBreak = (units: number): void => {
    if (!singleLine) {
      // A `\n` stays in the run; NEL and the Unicode separators become one.
      if (text.charCodeAt(i) !== LF) replace(units, '\n', LF, 0);
      else i += units;
      column = 0;
      marks = 0;
      lastWritten = LF;
      return;
    }
    if (afterBreakSpace) {
      drop(units);
      return;
    }
    replace(units, ' ', SPACE, 1);
    afterBreakSpace = true;
  };
  const keepBase = (units: number, cp: number): void => {
    i += units;
    column++;
    marks = 0;
    lastWritten = cp;
    afterBreakSpace = false;
  };

  while (i < length) {
    const code = text.charCodeAt(i);
    if (code >= 0x20 && code < DEL) {
      keepBase(1, code);
      continue;
    }
    if (code < 0x20) {
      if (code === LF) {
        lineBreak(1);
      } else if (code === TAB) {
        const spaces = TAB_WIDTH - (column % TAB_WIDTH);
        replace(1, SPACES[spaces] ?? ' ', SPACE, spaces);
      } else if (code === CR && singleLine && text.charCodeAt(i + 1) === LF) {
        lineBreak(2);
      } else if (code === ESC) {
        const sequence = escapeSequenceLength(text, i);
        if (sequence > 0) drop(sequence);
        else replace(1, '\u241b', CONTROL_PICTURES + ESC, 1);
      } else {
        replace(1, CONTROL_PICTURE_STRINGS[code] ?? REPLACEMENT, CONTROL_PICTURES + code, 1);
      }
      continue;
    }
    if (code <= 0x9f) {
      if (code === NEL) lineBreak(1);
      else if (code === CSI_8BIT) drop(1 + csiBodyLength(text, i + 1));
      else if (STRING_INTRODUCERS_8BIT.has(code)) drop(1 + stringBodyLength(text, i + 1));
      else drop(1); // DEL, a lone ST, or any other C1 control
      continue;
    }

    let cp = code;
    let units = 1;
    if (code >= 0xd800 && code <= 0xdfff) {
      const low = text.charCodeAt(i + 1);
      if (code <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
        cp = (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        units = 2;
      } else {
        replace(1, REPLACEMENT, 0xfffd, 1);
        continue;
      }
    }

    const cls = classOf(cp);
    if (cls === PLAIN) {
      keepBase(units, cp);
    } else if (cls === MARK) {
      if (marks >= MAX_COMBINING_MARKS) {
        drop(units);
      } else {
        i += units;
        marks++;
        lastWritten = cp;
        afterBreakSpace = false;
      }
    } else {
      handleSpecial(cp, units);
    }
  }
  if (out === undefined) return text;
  if (runStart < length) out.copy(text, runStart, length);
  return out.toString();

  function handleSpecial(cp: number, units: number): void {
    const bidiMarker = BIDI_MARKERS.get(cp);
    if (bidiMarker !== undefined) {
      if (singleLine) drop(units);
      else replace(units, bidiMarker, 0x27e7, bidiMarker.length);
    } else if (cp === LINE_SEPARATOR || cp === PARAGRAPH_SEPARATOR) {
      lineBreak(units);
    } else if (cp === ZWJ || cp === ZWNJ) {
      const next = text.codePointAt(i + units);
      const keep = cp === ZWJ ? zwjJoins(lastWritten, next) : zwnjSeparatesLetters(lastWritten, next);
      if (keep) {
        // Zero width: the column does not move.
        i += units;
        marks = 0;
        lastWritten = cp;
        afterBreakSpace = false;
      } else {
        drop(units);
      }
    } else if (cp === BLACK_FLAG) {
      keepBase(units + flagTagsLength(text, i + units), cp);
    } else if (isDroppedInvisible(cp)) {
      drop(units);
    } else {
      drop(units); // a tag character outside a flag
    }
  }
}

/**
 * Units of a flag's tag sequence starting at `start` (tag spec characters then
 * a cancel tag), or 0 if there is no complete, short one there.
 */
function flagTagsLength(text: string, start: number): number {
  let k = start;
  let tags = 0;
  while (tags <= MAX_FLAG_TAGS) {
    const cp = text.codePointAt(k);
    if (cp === TAG_CANCEL) return tags > 0 ? k + 2 - start : 0;
    if (cp === undefined || !isTagSpec(cp)) return 0;
    k += 2;
    tags++;
  }
  return 0;
}

function capLines(text: string, singleLine: boolean): string {
  if (text.length <= MAX_LINE_LENGTH) return text;
  if (singleLine) return capLine(text, true);
  return text
    .split('\n')
    .map((line) => capLine(line, false))
    .join('\n');
}

/**
 * Cut an over-long (already sanitised) line and say how much was cut. The kept
 * part is sanitised again, as a whole string, so a cut through an emoji ZWJ
 * sequence or a flag leaves no dangling joiner or tag, and the result is
 * stable under a second pass.
 */
function capLine(line: string, singleLine: boolean): string {
  if (line.length <= MAX_LINE_LENGTH) return line;
  let keepUnits = MAX_LINE_LENGTH - CUT_MARKER_RESERVE;
  const lastKept = line.charCodeAt(keepUnits - 1);
  if (lastKept >= 0xd800 && lastKept <= 0xdbff) keepUnits--;
  const kept = sanitizeCore(line.slice(0, keepUnits), singleLine);
  const cut = countCodePoints(line) - countCodePoints(kept);
  return `${kept}… [${cut} more characters]`;
}

function countCodePoints(text: string): number {
  let count = 0;
  for (let k = 0; k < text.length; k++) {
    const code = text.charCodeAt(k);
    if (code < 0xdc00 || code > 0xdfff) count++;
  }
  return count;
}
