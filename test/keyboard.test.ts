/**
 * The key filter in front of Ink: what it keeps and drops, and, over Ink's
 * own input hook (ink-testing-library's stdin delivers synchronously, so a
 * throw from Ink surfaces at the write), that nothing it lets through can
 * throw, for any bytes in any chunking.
 */
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { Text, useInput } from 'ink';
import { render } from 'ink-testing-library';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeyFilter, isNamedSequence, keyboardStdin } from '../src/ui/keyboard.js';

const ESC = '\u001b';

describe('which escape sequences go on to Ink', () => {
  it('keeps the keys Ink names, with or without modifiers', () => {
    for (const sequence of ['[A', '[B', '[1;5A', '[1;3D', 'OP', 'OA', '[5~', '[6~', '[3;5~', '[15~', '[24~', '[Z', '[[A', '[H', '[F', '[7^']) {
      expect(isNamedSequence(ESC + sequence), sequence).toBe(true);
    }
    expect(isNamedSequence(`${ESC}${ESC}[A`)).toBe(true); // Alt+Up as some terminals send it
  });

  it('drops what Ink has no name for: Ctrl+F1-F4, window ops, paste marks, kitty keys', () => {
    for (const sequence of ['[1;5P', '[1;5Q', '[1;5R', '[1;5S', '[6r', '[5T', '[24l', '[2r', '[200~', '[201~', '[99;5u', '[M', '[?1;2c', '[1;5:1A', 'Ox']) {
      expect(isNamedSequence(ESC + sequence), sequence).toBe(false);
    }
  });

  it('passes text and known keys through unchanged, drops the rest, and reports what it dropped', () => {
    const dropped: string[] = [];
    const filter = createKeyFilter((sequence) => dropped.push(sequence));
    expect(filter.push(`ab${ESC}[1;5Pcd${ESC}[A${ESC}[6r\r`)).toBe(`abcd${ESC}[A\r`);
    expect(dropped).toEqual([`${ESC}[1;5P`, `${ESC}[6r`]);
  });

  it('finishes a sequence cut between two reads, and holds a lone ESC until it is known to be Escape', () => {
    const filter = createKeyFilter();
    expect(filter.push(`j${ESC}[1;`)).toBe('j');
    expect(filter.pending).toBe(true);
    expect(filter.push('5P')).toBe(''); // Ctrl+F1, completed and dropped
    expect(filter.push(`${ESC}`)).toBe('');
    expect(filter.push('[B')).toBe(`${ESC}[B`);
    expect(filter.push(ESC)).toBe('');
    expect(filter.flush()).toBe(ESC);
    expect(filter.push(`${ESC}[12`)).toBe('');
    expect(filter.flush()).toBe(''); // an unfinished sequence is never typed as text
  });

  it('drops a terminal reply that arrives whole (DCS, OSC), where Ink would type its text as keys', () => {
    const dropped: string[] = [];
    const filter = createKeyFilter((sequence) => dropped.push(sequence));
    expect(filter.push(`j${ESC}P>|xterm(370)${ESC}\\k${ESC}]11;rgb:0000/0000/0000\u0007l`)).toBe('jkl');
    expect(dropped).toEqual([`${ESC}P>|xterm(370)${ESC}\\`, `${ESC}]11;rgb:0000/0000/0000\u0007`]);
    // Alt+P, Alt+] on their own, or with a key after them, stay keys.
    expect(filter.push(`${ESC}P`)).toBe(`${ESC}P`);
    expect(filter.push(`${ESC}]x${ESC}[A`)).toBe(`${ESC}]x${ESC}[A`);
  });

  it('keeps Alt+character and Escape followed by a character, as Ink reads them', () => {
    const filter = createKeyFilter();
    expect(filter.push(`${ESC}x`)).toBe(`${ESC}x`);
    expect(filter.push(`${ESC}${ESC}q`)).toBe(`${ESC}${ESC}q`);
    expect(filter.push(`${ESC}[\u0001`)).toBe('\u0001'); // ESC [ that no sequence continues
  });
});

/** Ink's own input hook over a synchronous stdin; returns the keys it reported. */
function mountInk() {
  const keys: Array<{ input: string }> = [];
  function Probe() {
    useInput((input) => {
      keys.push({ input });
    });
    return createElement(Text, null, 'probe');
  }
  const instance = render(createElement(Probe));
  mounted.push(instance);
  return { stdin: instance.stdin, keys, unmount: () => mounted.splice(mounted.indexOf(instance), 1)[0]?.unmount() };
}
const mounted: Array<{ unmount(): void }> = [];
afterEach(() => {
  for (const m of mounted.splice(0)) m.unmount();
});

/** Pieces that make and break escape sequences, and text around them. */
const piece = fc.oneof(
  fc.constantFrom(ESC, '[', 'O', ';', '1', '5', '~', 'P', 'r', 'T', 'l', 'u', ':', '$', '^', '\r', '\u007f', '\u0003', '\u0011', 'j', 'q', ' ', 'é', '😀', '\u0000'),
  fc.tuple(fc.constantFrom(`${ESC}[`, `${ESC}${ESC}[`, `${ESC}O`), fc.array(fc.integer({ min: 0x20, max: 0x3f }), { maxLength: 6 }), fc.integer({ min: 0x40, max: 0x7e })).map(
    ([lead, params, final]) => lead + String.fromCharCode(...params, final),
  ),
  fc.string({ unit: 'binary', maxLength: 4 }),
);

describe('Ink behind the filter', () => {
  it('Ink alone throws on Ctrl+F1 (this is what killed the reader)', () => {
    const { stdin } = mountInk();
    expect(() => stdin.write(`${ESC}[1;5P`)).toThrow(/startsWith/);
  });

  it('never throws, whatever arrives and however it is cut into reads', () => {
    fc.assert(
      fc.property(fc.array(fc.array(piece, { maxLength: 8 }).map((p) => p.join('')), { minLength: 1, maxLength: 6 }), (chunks) => {
        const { stdin, unmount } = mountInk();
        const filter = createKeyFilter();
        try {
          for (const chunk of chunks) stdin.write(filter.push(chunk));
          stdin.write(filter.flush());
        } finally {
          unmount();
        }
      }),
      { numRuns: 400 },
    );
  });

  it('a known key after an unknown one still arrives as that key', () => {
    const { stdin, keys } = mountInk();
    const filter = createKeyFilter();
    stdin.write(filter.push(`${ESC}[24lj`));
    expect(keys.map((k) => k.input)).toEqual(['j']);
  });
});

describe('the stream Ink reads', () => {
  it('reads the source only between ref and unref, and offers filtered text', async () => {
    const source = Object.assign(new EventEmitter(), { isTTY: true, paused: 0, pause() { this.paused += 1; } });
    const stdin = keyboardStdin(source);
    stdin.setEncoding('utf8');
    expect(source.listenerCount('data')).toBe(0);
    stdin.ref();
    expect(source.listenerCount('data')).toBe(1);
    // Cut after ESC [ and inside the two bytes of é.
    const bytes = Buffer.from(`k${ESC}[1;5Pé`);
    source.emit('data', bytes.subarray(0, 3));
    source.emit('data', bytes.subarray(3, bytes.length - 1));
    source.emit('data', bytes.subarray(bytes.length - 1));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stdin.read()).toBe('ké');
    stdin.unref();
    expect(source.listenerCount('data')).toBe(0);
    expect(source.paused).toBe(1);
  });

  it('gets what waited in a paused source (keys left by the first frame, or typed while suspended) once Ink reads', async () => {
    const source = new PassThrough();
    source.write('j/oil');
    source.pause();
    const stdin = keyboardStdin(Object.assign(source, { isTTY: true }));
    stdin.setEncoding('utf8');
    stdin.ref();
    await new Promise((resolve) => setImmediate(resolve));
    expect(stdin.read()).toBe('j/oil');
    stdin.unref();
    expect(source.isPaused()).toBe(true);
  });
});
