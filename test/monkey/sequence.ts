/**
 * The monkey's sequences, pure: a seed and an index in, the exact steps out
 * (what to write to the terminal, when to resize, when to probe). The same
 * seed and index always give the same steps, so a failure is replayed by
 * its numbers, or from the steps kept in its failure record.
 */
import { makeRng } from '../../bench/generate.js';
import type { Rng } from '../../bench/generate.js';

export type Step =
  /** One write to the terminal: a key, or a burst of several at once (typed faster than a frame, or pasted). */
  | { kind: 'write'; data: string; keys: number }
  /** Bytes that are not UTF-8 text: written as they are. */
  | { kind: 'bytes'; hex: string }
  | { kind: 'resize'; cols: number; rows: number }
  /** Wait for the screen to settle, then prove the reader still answers keys and draws what it means to. */
  | { kind: 'probe' };

export interface Sequence {
  seed: string;
  index: number;
  /** Which archive it runs over: a name the runner knows (`sample`, `corpus`, `hostile`). */
  archive: string;
  cols: number;
  rows: number;
  steps: Step[];
}

const ESC = '\u001b';

/**
 * Every key the reader knows, by what it does. `q`, Ctrl-C and Alt-q quit, so
 * they only come at the end (the runner's last step); random text and bytes
 * leave them out for the same reason.
 */
export const READER_KEYS: readonly string[] = [
  'j', 'k', `${ESC}[B`, `${ESC}[A`, ' ', `${ESC}[6~`, `${ESC}[5~`, '\u0006', '\u0002', '\u0004', '\u0015',
  'g', 'G', `${ESC}[H`, `${ESC}[F`, `${ESC}[1~`, `${ESC}[4~`, '?', '!',
  '\r', 'l', `${ESC}[C`, 'h', `${ESC}[D`, ESC, 's', 'o', 'b', 'u', 'B', '/', 'n', 'p', 'N', ']', '[',
  '1', '2', '3', '4', '5', '6', '7', '8', '9', 'd', 'x', 'e', 'a', 'y', 'T', '+', '-', '|', 'v', 'A',
  // In a text line: editing, moving the selection while typing, leaving.
  '\u007f', '\b', '\u000e', '\u0010', '\u0017', '\u0001', '\u0005', '\t', `${ESC}[Z`, `${ESC}[3~`,
  // Arrows and keys with modifiers, as terminals send them.
  `${ESC}[1;5A`, `${ESC}[1;3B`, `${ESC}[1;2C`, `${ESC}OA`, `${ESC}OB`, `${ESC}[15~`, `${ESC}OP`, `${ESC}[2~`,
];

/** Words to type (into the search, find and note lines, or as keys on the list): no `q`, which would quit there. */
const WORDS = ['oil', 'pution', 'harbour', 'rates', 'yukos', 'chelsea', 'Putin', 'tokyo', 'bank', 'sport', 'the', 'x', 'हिन्दी', 'கேள்வி', 'বাংলা', 'ภาษาไทย', '東京', '한국어', '😀', '👩‍👩‍👧', 'café', 'Æ', '"', "'oil", '^china', 'bid$', '=Yukos', '!sport', 'oil | gas', '   '];

function between(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!;
}

/** An escape sequence a terminal could send, known or not: CSI with any parameters and final byte, SS3, OSC and DCS strings, kitty keys, paste marks. */
function randomSequence(rng: Rng): string {
  switch (between(rng, 0, 7)) {
    case 0:
    case 1: {
      const params = Array.from({ length: between(rng, 0, 3) }, () => String(between(rng, 0, 30))).join(';');
      const prefix = rng() < 0.2 ? pick(rng, ['?', '>', '=', '<']) : '';
      return `${ESC}[${prefix}${params}${String.fromCharCode(between(rng, 0x40, 0x7e))}`;
    }
    case 2:
      return `${ESC}[1;${between(rng, 2, 16)}${pick(rng, ['P', 'Q', 'R', 'S', 'A', 'B', 'C', 'D', 'H', 'F', 'Z', 'u', '~'])}`;
    case 3:
      return `${ESC}O${String.fromCharCode(between(rng, 0x20, 0x7e))}`;
    case 4:
      return `${ESC}]${pick(rng, ['0;title', '11;rgb:0000/0000/0000', '52;c;aGVsbG8='])}${pick(rng, ['\u0007', `${ESC}\\`])}`;
    case 5:
      return `${ESC}P${pick(rng, ['1$r0m', '>|xterm(370)'])}${ESC}\\`;
    case 6:
      return `${ESC}[${between(rng, 1, 200)};${between(rng, 1, 16)}u`;
    default:
      return `${ESC}[200~${pick(rng, WORDS)}${ESC}[201~`;
  }
}

/** 1-8 random bytes, any value but `q` and Ctrl-C (which quit), as hex. */
function randomBytes(rng: Rng): string {
  const bytes = Array.from({ length: between(rng, 1, 8) }, () => {
    let byte = between(rng, 0, 255);
    if (byte === 0x71 || byte === 0x03) byte = 0x7a;
    return byte;
  });
  return Buffer.from(bytes).toString('hex');
}

/** A terminal size from tiny (20x5) to wide. */
function randomSize(rng: Rng): { cols: number; rows: number } {
  return rng() < 0.2 ? { cols: between(rng, 20, 40), rows: between(rng, 5, 10) } : { cols: between(rng, 41, 180), rows: between(rng, 11, 50) };
}

/** One key: mostly the reader's keys, then typed words, stray Ctrl and Alt keys, escape sequences. */
function randomKey(rng: Rng): string {
  const roll = rng();
  if (roll < 0.62) return pick(rng, READER_KEYS);
  if (roll < 0.78) return pick(rng, WORDS);
  if (roll < 0.86) {
    // Ctrl+letter (not c) or Alt+letter (not q).
    const letter = pick(rng, [...'abdefghijklmnoprstuvwxyz']);
    return rng() < 0.5 ? String.fromCharCode(letter.charCodeAt(0) - 96) : `${ESC}${letter}`;
  }
  return randomSequence(rng);
}

export interface SequenceOptions {
  archives: readonly string[];
  /** Bursts per sequence (each followed by a probe). */
  bursts?: number;
}

export function sequenceFor(seed: string, index: number, options: SequenceOptions): Sequence {
  const rng = makeRng(`${seed}:${index}`);
  const archive = options.archives[index % options.archives.length]!;
  const size = randomSize(rng);
  const steps: Step[] = [];
  const bursts = options.bursts ?? between(rng, 6, 10);
  for (let burst = 0; burst < bursts; burst++) {
    const keys = between(rng, 1, 24);
    // A burst arrives in one write (typed while the reader was busy, or pasted) or key by key.
    const together = rng() < 0.3;
    let pending: string[] = [];
    const flush = (): void => {
      if (pending.length > 0) steps.push({ kind: 'write', data: pending.join(''), keys: pending.length });
      pending = [];
    };
    for (let k = 0; k < keys; k++) {
      const roll = rng();
      if (roll < 0.04) {
        flush();
        steps.push({ kind: 'resize', ...randomSize(rng) });
      } else if (roll < 0.08) {
        flush();
        steps.push({ kind: 'bytes', hex: randomBytes(rng) });
      } else {
        pending.push(randomKey(rng));
        if (!together) flush();
      }
    }
    flush();
    steps.push({ kind: 'probe' });
  }
  return { seed, index, archive, ...size, steps };
}

/** How many keys a sequence presses (writes count their keys; raw bytes count one). */
export function keyCount(sequence: Sequence): number {
  return sequence.steps.reduce((n, step) => n + (step.kind === 'write' ? step.keys : step.kind === 'bytes' ? 1 : 0), 0);
}
