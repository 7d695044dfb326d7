/**
 * Bytes to text. Archives come from scrapers and old tools: UTF-8 with or
 * without a BOM, UTF-16 with a BOM, and legacy single-byte text (the BBC corpus
 * has a raw Latin-1 `£`). Never throws: undecodable bytes become U+FFFD.
 */

/** `charset:NAME`: a web page's declared charset (html.ts). */
export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-8+windows-1252' | `charset:${string}`;

export interface Decoded {
  text: string;
  encoding: Encoding;
  /** Set when bytes had to be guessed or replaced; shown in the archive report. */
  note?: string;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf16le = new TextDecoder('utf-16le', { ignoreBOM: true });

// Windows-1252's printable characters in 0x80–0x9F; the undefined slots decode to U+FFFD.
const CP1252_HIGH =
  '€\uFFFD‚ƒ„…†‡ˆ‰Š‹Œ\uFFFDŽ\uFFFD\uFFFD‘’“”•–—˜™š›œ\uFFFDžŸ';

/** True when the buffer holds a NUL byte outside a UTF-16 text: the mark of a binary file. */
export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.includes(0);
}

export function decode(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: utf16le.decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    // swap16 needs an even length; a dangling odd byte is replaced, as the LE decoder does.
    const even = bytes.subarray(2, 2 + ((bytes.length - 2) & ~1));
    const swapped = Buffer.from(even).swap16();
    const dangling = even.length < bytes.length - 2 ? '\uFFFD' : '';
    return { text: utf16le.decode(swapped) + dangling, encoding: 'utf-16be' };
  }
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: strictUtf8.decode(body), encoding: 'utf-8' };
  } catch {
    return decodeMixed(body);
  }
}

/**
 * UTF-8 where it is valid, Windows-1252 for each byte where it is not. Mixed
 * files (UTF-8 text with one pasted Latin-1 byte) are the common real case, so
 * this is per byte rather than per file.
 */
function decodeMixed(bytes: Uint8Array): Decoded {
  let out = '';
  let guessed = 0;
  let i = 0;
  let runStart = 0;
  const flushRun = (end: number): void => {
    if (end > runStart) out += strictUtf8.decode(bytes.subarray(runStart, end));
  };
  while (i < bytes.length) {
    const length = utf8SequenceLength(bytes, i);
    if (length > 0) {
      i += length;
      continue;
    }
    flushRun(i);
    const byte = bytes[i] as number;
    out += byte >= 0xa0 ? String.fromCharCode(byte) : (CP1252_HIGH[byte - 0x80] ?? '\uFFFD');
    guessed++;
    i++;
    runStart = i;
  }
  flushRun(i);
  return {
    text: out,
    encoding: 'utf-8+windows-1252',
    note: `${guessed} byte${guessed === 1 ? '' : 's'} not valid UTF-8, read as Windows-1252`,
  };
}

/** Length of the valid UTF-8 sequence starting at i, or 0 if the byte there starts none. */
function utf8SequenceLength(b: Uint8Array, i: number): number {
  const c = b[i] as number;
  if (c < 0x80) return 1;
  const cont = (k: number): boolean => {
    const x = b[i + k];
    return x !== undefined && (x & 0xc0) === 0x80;
  };
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const c1 = b[i + 1] ?? 0;
    if (c === 0xe0 && c1 < 0xa0) return 0; // overlong
    if (c === 0xed && c1 >= 0xa0) return 0; // surrogate
    return cont(1) && cont(2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const c1 = b[i + 1] ?? 0;
    if (c === 0xf0 && c1 < 0x90) return 0;
    if (c === 0xf4 && c1 >= 0x90) return 0;
    return cont(1) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/** CRLF and lone CR become LF, so every later step sees one kind of line break. */
export function normaliseNewlines(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}
