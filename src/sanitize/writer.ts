/**
 * A growable buffer of UTF-16 code units. Hostile input can need a replacement
 * every character (a megabyte of bidi controls or backspaces); appending
 * millions of small strings costs seconds, writing code units costs
 * milliseconds.
 */
const decoder = new TextDecoder('utf-16le', { ignoreBOM: true });

export class Utf16Writer {
  private buffer: Uint16Array;
  private length = 0;

  constructor(capacity: number) {
    this.buffer = new Uint16Array(Math.max(16, capacity));
  }

  /** Append `text[from, to)`. */
  copy(text: string, from: number, to: number): void {
    this.reserve(to - from);
    const buffer = this.buffer;
    let length = this.length;
    for (let k = from; k < to; k++) buffer[length++] = text.charCodeAt(k);
    this.length = length;
  }

  append(text: string): void {
    this.copy(text, 0, text.length);
  }

  toString(): string {
    // Host little-endian assumed: true of every platform Node supports.
    return decoder.decode(this.buffer.subarray(0, this.length));
  }

  private reserve(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.buffer.length) return;
    const grown = new Uint16Array(Math.max(needed, this.buffer.length * 2));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }
}
