/** The monkey's own parts (the run itself is `npm run monkey`; CI runs a short seeded one). */
import { describe, expect, it } from 'vitest';
import { rawProblems } from './monkey/run.js';
import { READER_KEYS, keyCount, sequenceFor } from './monkey/sequence.js';

describe('monkey sequences', () => {
  const options = { archives: ['sample', 'corpus', 'hostile'] };

  it('are the same for the same seed and index, and differ otherwise: a failure replays from its numbers', () => {
    expect(sequenceFor('s', 7, options)).toEqual(sequenceFor('s', 7, options));
    expect(sequenceFor('s', 7, options).steps).not.toEqual(sequenceFor('s', 8, options).steps);
    expect(sequenceFor('s', 7, options).steps).not.toEqual(sequenceFor('t', 7, options).steps);
  });

  it('take turns over the archives and, over a few dozen, press every key the reader knows, with bursts, raw bytes, resizes and probes', () => {
    const sequences = Array.from({ length: 60 }, (_, i) => sequenceFor('coverage', i, options));
    expect(sequences.slice(0, 3).map((s) => s.archive)).toEqual(['sample', 'corpus', 'hostile']);
    const written = sequences.flatMap((s) => s.steps.flatMap((step) => (step.kind === 'write' ? [step.data] : [])));
    for (const key of READER_KEYS) expect(written.some((data) => data.includes(key)), JSON.stringify(key)).toBe(true);
    const kinds = new Set(sequences.flatMap((s) => s.steps.map((step) => step.kind)));
    expect([...kinds].sort()).toEqual(['bytes', 'probe', 'resize', 'write']);
    expect(sequences.some((s) => s.steps.some((step) => step.kind === 'write' && step.keys > 1))).toBe(true);
    for (const s of sequences) expect(s.steps.at(-1)).toEqual({ kind: 'probe' });
    expect(sequences.reduce((n, s) => n + keyCount(s), 0)).toBeGreaterThan(3_000);
  });

  it('never quit by themselves: no q, Ctrl-C or Alt-q outside an escape sequence', () => {
    for (let i = 0; i < 200; i++) {
      for (const step of sequenceFor('quit', i, options).steps) {
        if (step.kind === 'bytes') expect(Buffer.from(step.hex, 'hex').includes(0x71) || Buffer.from(step.hex, 'hex').includes(0x03)).toBe(false);
        if (step.kind !== 'write') continue;
        // Inside CSI/SS3/OSC/DCS sequences a q is a final byte or data, never a key.
        const keys = step.data.replace(/\u001b(\[[\x20-\x3f]*[\x40-\x7e]|O.|\][^\u0007\u001b]*(\u0007|\u001b\\)|P[^\u001b]*\u001b\\)/g, '');
        expect(keys, JSON.stringify(step.data)).not.toMatch(/q|\u0003/);
      }
    }
  });
});

describe('the raw output check', () => {
  it('lets through text and the reader\'s own sequences, and flags anything else', () => {
    expect(rawProblems('\u001b[?1049h\u001b[H\u001b[?25l\u001b[?2026h\u001b[2K\u001b[1A\u001b[G\u001b[7m Héllo 東京 \u001b[27m\r\n\u001b[?2026l\u001b[2J\u001b[3;1H')).toEqual([]);
    expect(rawProblems('title\u001b]0;PWNED\u0007')[0]).toMatch(/escape sequence the reader does not write/);
    // y's clipboard sequence is the reader's own (base64 of a URL, however long); any other OSC 52 is not.
    expect(rawProblems(`copied\u001b]52;c;${Buffer.from(`https://example.com/${'a'.repeat(200)}`).toString('base64')}\u0007 ok`)).toEqual([]);
    expect(rawProblems('\u001b]52;c;?\u0007')[0]).toMatch(/escape sequence the reader does not write/);
    expect(rawProblems('back\bspace')[0]).toMatch(/U\+0008/);
    expect(rawProblems('c1 \u009b6n')[0]).toMatch(/U\+009b/);
    // Keys the terminal echoed while a pager had it count for nothing; after the reader's exit they would.
    expect(rawProblems('\u001b[?1049lyukos\b \b\b \b\u001b[?1049h list')).toEqual([]);
    expect(rawProblems('\u001b[?1049h list\u001b[?1049lbye\b')[0]).toMatch(/U\+0008/);
  });
});
