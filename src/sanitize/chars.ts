/**
 * Character classes the sanitiser needs, looked up once per distinct code point
 * (Unicode property regexes are too slow to run on every character of a 5 MB
 * article).
 */

/** Printed as is. */
export const PLAIN = 1;
/** A combining mark (\p{M}): counted, and capped per base character. */
export const MARK = 2;
/** Needs a decision in the sanitiser's switch (bidi, zero-width, tags, ...). */
export const SPECIAL = 3;

export const ZWNJ = 0x200c;
export const ZWJ = 0x200d;
export const LINE_SEPARATOR = 0x2028;
export const PARAGRAPH_SEPARATOR = 0x2029;
/** 🏴, the base of the subdivision flags (England, Scotland, Wales). */
export const BLACK_FLAG = 0x1f3f4;
export const TAG_CANCEL = 0xe007f;

/** Bidi controls and marks, with the name shown for them in article bodies. */
export const BIDI_NAMES: ReadonlyMap<number, string> = new Map([
  [0x202a, 'LRE'],
  [0x202b, 'RLE'],
  [0x202c, 'PDF'],
  [0x202d, 'LRO'],
  [0x202e, 'RLO'],
  [0x2066, 'LRI'],
  [0x2067, 'RLI'],
  [0x2068, 'FSI'],
  [0x2069, 'PDI'],
  [0x200e, 'LRM'],
  [0x200f, 'RLM'],
  [0x061c, 'ALM'],
]);

/**
 * Invisible format characters that carry nothing a reader needs and can hide
 * text or break search: soft hyphen (terminals disagree on its width), zero
 * width space, word joiner and invisible math operators, deprecated format
 * controls, BOM / zero width no-break space, interlinear annotation, shorthand
 * format controls, musical format controls.
 */
export function isDroppedInvisible(cp: number): boolean {
  return (
    cp === 0x00ad ||
    cp === 0x200b ||
    (cp >= 0x2060 && cp <= 0x2064) ||
    (cp >= 0x206a && cp <= 0x206f) ||
    cp === 0xfeff ||
    (cp >= 0xfff9 && cp <= 0xfffb) ||
    (cp >= 0x1bca0 && cp <= 0x1bca3) ||
    (cp >= 0x1d173 && cp <= 0x1d17a)
  );
}

export function isTag(cp: number): boolean {
  return cp >= 0xe0000 && cp <= 0xe007f;
}

/** Tag characters allowed inside a flag's tag spec: tag digits and tag small letters. */
export function isTagSpec(cp: number): boolean {
  return (cp >= 0xe0030 && cp <= 0xe0039) || (cp >= 0xe0061 && cp <= 0xe007a);
}

const MARK_RE = /^\p{M}$/u;
const LETTER_RE = /^\p{L}$/u;

const CLASS_BITS = 0b11;
const IS_LETTER = 0b10000;

function computeClass(cp: number): number {
  const ch = String.fromCodePoint(cp);
  const properties = LETTER_RE.test(ch) ? IS_LETTER : 0;
  if (
    BIDI_NAMES.has(cp) ||
    isDroppedInvisible(cp) ||
    isTag(cp) ||
    cp === ZWNJ ||
    cp === ZWJ ||
    cp === LINE_SEPARATOR ||
    cp === PARAGRAPH_SEPARATOR ||
    cp === BLACK_FLAG
  ) {
    return SPECIAL | properties;
  }
  return (MARK_RE.test(ch) ? MARK : PLAIN) | properties;
}

// Class and properties of each code point, filled on first sight (0 = not yet).
let classTable: Uint8Array | undefined;

function lookup(cp: number): number {
  classTable ??= new Uint8Array(0x110000);
  let entry = classTable[cp] ?? 0;
  if (entry === 0) {
    entry = computeClass(cp);
    classTable[cp] = entry;
  }
  return entry;
}

/** PLAIN, MARK or SPECIAL. Meant for code points at or above U+00A0 (the sanitiser handles controls itself). */
export function classOf(cp: number): number {
  return lookup(cp) & CLASS_BITS;
}

function has(cp: number | undefined, wanted: number): boolean {
  return cp !== undefined && cp >= 0 && cp <= 0x10ffff && (lookup(cp) & wanted) !== 0;
}

function isMark(cp: number): boolean {
  return cp >= 0 && cp <= 0x10ffff && classOf(cp) === MARK;
}

/**
 * Whether a zero width joiner between `before` (the last character written,
 * -1 if none) and `after` (the next input character) is kept: only where it
 * forms conjuncts and joined letter forms (Indic, Arabic). Between emoji it is
 * dropped: terminals disagree on the width of a ZWJ sequence (👨‍👩‍👧 is 2
 * columns in kitty, 6 in xterm and VTE), so a kept joiner makes rows wrap and
 * tears the screen; its parts (👨👩👧) are 2 columns each everywhere.
 */
export function zwjJoins(before: number, after: number | undefined): boolean {
  if (has(after, IS_LETTER)) return has(before, IS_LETTER) || isMark(before);
  return false;
}

/** Whether a zero width non-joiner sits between letters, where Persian and Indic scripts need it. */
export function zwnjSeparatesLetters(before: number, after: number | undefined): boolean {
  return (has(before, IS_LETTER) || isMark(before)) && has(after, IS_LETTER);
}
