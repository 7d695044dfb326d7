import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_LINE_LENGTH, UNCHANGED_BODY, containsForbidden, sanitizeBody, sanitizeLine, truncateLine } from '../src/sanitize/index.js';

/** Pieces that build and break escape sequences, controls and joiners. */
const hostilePiece = fc.constantFrom(
  '\x1b',
  '[',
  ']',
  '\\',
  'P',
  '_',
  '^',
  'X',
  '(',
  '\x07',
  '\x08',
  '\t',
  '\r',
  '\n',
  '\x18',
  '\x7f',
  '\u009b',
  '\u009c',
  '\u009d',
  '\u0090',
  '\u0085',
  '\u202e',
  '\u2066',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2028',
  '\u0301',
  '\uFE0F',
  '\ud83d',
  '\ude00',
  '👩',
  '\u{1F3F4}',
  '\u{E0067}',
  '\u{E007F}',
  '0',
  '2',
  ';',
  'm',
  'J',
  'a',
  'Z',
  ' ',
  'ب',
);
const hostileString = fc.array(hostilePiece, { maxLength: 80 }).map((pieces) => pieces.join(''));
/** Any UTF-16 units, lone surrogates included. */
const anyUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)) });
const anyText = fc.oneof(fc.string({ unit: 'binary' }), hostileString, anyUnits);

/** Printable characters and clusters the sanitiser must never touch. */
const printablePiece = fc.oneof(
  fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
  fc.integer({ min: 0x4e00, max: 0x9fff }).map((code) => String.fromCharCode(code)),
  fc.integer({ min: 0x0410, max: 0x044f }).map((code) => String.fromCharCode(code)),
  fc.integer({ min: 0x1f600, max: 0x1f64f }).map((code) => String.fromCodePoint(code)),
  fc.constantFrom('£', '€', '“', '”', '‘', '’', '—', '…', 'é', 'e\u0301', 'ñ', 'ß', '👨👩👧', '🇬🇧', '❤️', '👍🏽', '한'),
);
const printableLine = fc.array(printablePiece, { maxLength: 60 }).map((pieces) => pieces.join(''));

const runs = { numRuns: 500 };

describe('sanitiser properties', () => {
  it('never outputs a forbidden character', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(containsForbidden(sanitizeBody(text), 'body')).toBe(false);
        expect(containsForbidden(sanitizeLine(text), 'line')).toBe(false);
      }),
      runs,
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const body = sanitizeBody(text);
        expect(sanitizeBody(body)).toBe(body);
        const line = sanitizeLine(text);
        expect(sanitizeLine(line)).toBe(line);
      }),
      runs,
    );
  });

  it('is idempotent across the line-length cut', () => {
    fc.assert(
      fc.property(hostileString, fc.integer({ min: 0, max: 60 }), (tail, pad) => {
        const text = `${'y'.repeat(MAX_LINE_LENGTH - 60 + pad)}${tail}${'y'.repeat(100)}`;
        const body = sanitizeBody(text);
        expect(sanitizeBody(body)).toBe(body);
        const line = sanitizeLine(text);
        expect(sanitizeLine(line)).toBe(line);
        expect(line.length).toBeLessThanOrEqual(MAX_LINE_LENGTH);
      }),
      { numRuns: 100 },
    );
  });

  it('truncateLine stays within its limit and is stable', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 0, max: 40 }), (text, limit) => {
        const short = truncateLine(text, limit);
        expect(short.length).toBeLessThanOrEqual(limit);
        expect(containsForbidden(short, 'line')).toBe(false);
        expect(truncateLine(short, limit)).toBe(short);
      }),
      runs,
    );
  });

  it('leaves printable text unchanged', () => {
    fc.assert(
      fc.property(fc.array(printableLine, { maxLength: 5 }), (lines) => {
        const body = lines.join('\n');
        expect(sanitizeBody(body)).toBe(body);
        for (const line of lines) expect(sanitizeLine(line)).toBe(line);
      }),
      runs,
    );
  });
});

describe('the fast path for plain text', () => {
  // Every character of the fast path's set, so the loop's verdict is checked for each one.
  const safe: string[] = [];
  const ranges: Array<[number, number]> = [[0x20, 0x7e], [0xa0, 0xac], [0xae, 0xff], [0x2010, 0x2027], [0x2030, 0x205e], [0x20a0, 0x20c0]];
  for (const [from, to] of ranges) for (let cp = from; cp <= to; cp++) safe.push(String.fromCodePoint(cp));

  it('takes only text the full pass would leave exactly as it is', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...safe, '\n'), { maxLength: 60 }), (chars) => {
        const text = chars.join('');
        expect(UNCHANGED_BODY.test(text)).toBe(true);
        // A leading control forces the per-character loop; it must keep every character as it was.
        expect(sanitizeBody(`\u0001${text}`)).toBe(`\u2401${text}`);
        expect(sanitizeBody(text)).toBe(text);
        expect(sanitizeLine(`\u0001${text.replace(/\n/g, ' ')}`)).toBe(`\u2401${text.replace(/\n/g, ' ')}`);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves everything else to the full pass', () => {
    for (const ch of ['\t', '\r', '\u00ad', '\u200b', '\u200d', '\u2028', '\u202e', '\u2066', '\u0301', '\ud800', '\u001b', '\u009b']) {
      expect(UNCHANGED_BODY.test(`plain ${ch} text`)).toBe(false);
    }
  });
});
