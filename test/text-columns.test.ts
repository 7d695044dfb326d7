/**
 * The one text measure (src/text/columns.ts) against what a terminal draws:
 * @xterm/headless, the emulator the pty tests read the screen through, and
 * string-width 8, which Ink lays out with.
 */
import xterm from '@xterm/headless';
import stringWidth from 'string-width';
import { afterAll, describe, expect, it } from 'vitest';
import { codePointColumns, columns, fit, truncate, wrapWords } from '../src/text/columns.js';
import { EMOJI, SCRIPT_SAMPLES } from './helpers/scripts.js';

const term = new xterm.Terminal({ cols: 200, rows: 4, allowProposedApi: true, scrollback: 0 });
afterAll(() => term.dispose());

/** Columns xterm moves the cursor by when it prints `text` at the start of a line. */
async function drawn(text: string): Promise<number> {
  await new Promise<void>((resolve) => term.write(`\u001b[2J\u001b[H${text}`, resolve));
  return term.buffer.active.cursorX;
}


describe('columns', () => {
  it.each(Object.entries(SCRIPT_SAMPLES))('measures %s exactly as xterm draws it', async (_script, text) => {
    expect(columns(text)).toBe(await drawn(text));
  });

  it('counts every spacing vowel sign (Mc) as a column, which string-width does not', async () => {
    // कि: the consonant and the vowel sign each take a column; string-width measures the cluster as one.
    expect(await drawn('कि')).toBe(2);
    expect(columns('कि')).toBe(2);
    expect(columns('हिन्दी')).toBe(await drawn('हिन्दी'));
  });

  it('gives an emoji two columns, however xterm.js draws it (one in its default Unicode 6 tables)', async () => {
    for (const emoji of EMOJI) {
      expect(columns(emoji), emoji).toBeGreaterThanOrEqual(2);
      expect(columns(emoji), emoji).toBeGreaterThanOrEqual(await drawn(emoji));
    }
  });

  it('never measures narrower than Ink does, so Ink never cuts a row fitted with it', () => {
    for (const text of [...Object.values(SCRIPT_SAMPLES), ...EMOJI, 'e\u0301', '☺', '\u1161', 'ﾊﾝｶｸ', '…–‘’']) {
      expect(columns(text), text).toBeGreaterThanOrEqual(stringWidth(text));
    }
  });

  it('gives no assigned code point fewer columns than xterm draws it with', async () => {
    const rows = 1000;
    const grid = new xterm.Terminal({ cols: 8, rows, allowProposedApi: true, scrollback: 0 });
    const assigned = /\p{Assigned}/u;
    const privateUse = /\p{Co}/u;
    const points: number[] = [];
    for (let cp = 0x20; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      if (cp >= 0x7f && cp < 0xa0) continue;
      const char = String.fromCodePoint(cp);
      if (assigned.test(char) && !privateUse.test(char)) points.push(cp);
    }
    const narrower: string[] = [];
    for (let i = 0; i < points.length; i += rows) {
      const batch = points.slice(i, i + rows);
      // Each after an `a`: a zero-width character joins the `a`'s cell, anything else takes the next.
      const data = batch.map((cp, row) => `\u001b[${row + 1};1Ha${String.fromCodePoint(cp)}`).join('');
      await new Promise<void>((resolve) => grid.write(`\u001b[2J${data}`, resolve));
      batch.forEach((cp, row) => {
        const line = grid.buffer.active.getLine(row)!;
        // Joined to the `a`, or not printed at all (U+FEFF): no column of its own.
        const next = line.getCell(1)!;
        const width = next.getChars() === '' ? 0 : next.getWidth();
        if (codePointColumns(cp) < width) narrower.push(`U+${cp.toString(16)}: ${codePointColumns(cp)} < ${width}`);
      });
    }
    grid.dispose();
    expect(points.length).toBeGreaterThan(150_000);
    expect(narrower.slice(0, 10)).toEqual([]);
  });

  it('measures Latin text, punctuation and currency signs by their length, each one column on its own', () => {
    const ranges = [[0x20, 0x7e], [0xa0, 0x2ff], [0x2010, 0x2027], [0x2030, 0x205e], [0x20a0, 0x20c0]] as const;
    for (const [from, to] of ranges) {
      for (let cp = from; cp <= to; cp++) {
        const char = String.fromCodePoint(cp);
        expect(codePointColumns(cp), char).toBe(1);
        expect(stringWidth(char), char).toBeLessThanOrEqual(1);
        expect(columns(char)).toBe(1);
      }
    }
  });

  it('takes a code point as zero-width only where today\'s Unicode agrees (a combining mark, a format character or a Hangul vowel or final jamo)', () => {
    const agreed = /[\p{Mn}\p{Me}\p{Cf}\p{Default_Ignorable_Code_Point}\u1160-\u11ff]/u;
    const disputed: string[] = [];
    for (let cp = 0x300; cp <= 0xe01ef; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      if (codePointColumns(cp) === 0 && !agreed.test(String.fromCodePoint(cp))) disputed.push(cp.toString(16));
    }
    expect(disputed).toEqual([]);
  });
});

describe('fitting and wrapping in those columns', () => {
  it('breaks a cluster wider than the line (emoji joined by ZWJ) between its code points', async () => {
    const chain = Array.from({ length: 12 }, () => '👩').join('\u200d');
    expect(columns(chain)).toBe(24);
    for (const line of wrapWords(`news ${chain} today`, 10)) {
      expect(columns(line)).toBeLessThanOrEqual(10);
      expect(await drawn(line)).toBeLessThanOrEqual(10);
    }
    expect(wrapWords(chain, 10).join('')).toBe(chain);
  });

  it.each(Object.entries(SCRIPT_SAMPLES))('fits, truncates and wraps %s within the width xterm draws', async (_script, text) => {
    for (const width of [1, 3, 7, 12]) {
      expect(await drawn(fit(text, width))).toBe(width);
      expect(await drawn(truncate(text, width))).toBeLessThanOrEqual(width);
      for (const line of wrapWords(`${text} ${text}`, width)) expect(await drawn(line)).toBeLessThanOrEqual(Math.max(width, 2));
    }
  });
});
