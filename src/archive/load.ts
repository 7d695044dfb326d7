/**
 * Reading one file into an article: decode, sanitise, parse. Any failure
 * becomes a one-line reason, never a crash. The indexer (indexer.ts) runs it
 * over changed files; the reader and `show` run it again to read a text.
 */
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import type { Article, ArticleText, TextResult } from './article.js';
import { articleFingerprint } from './fingerprint.js';
import { looksBinary } from './decode.js';
import { findDate, isoFromMtime } from './dates.js';
import { ParseError } from './parse.js';
import { parseBytes } from './formats.js';
import { describeFsError, type FoundFile } from './walk.js';
import { sanitizeLine } from '../sanitize/index.js';

export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;
const WORDS_PER_MINUTE = 230;

/** The archive folder itself is missing or unusable: the one load failure that stops the CLI. */
export class ArchiveError extends Error {}

/** What reading a file gave: an article (its header, its text and notes on how it loaded), or why it was skipped. */
export type FileResult =
  | { kind: 'article'; article: Article; text: ArticleText; notes: string[] }
  /** `transient`: an I/O failure or a file changing under us; read again at the next update. */
  | { kind: 'skipped'; reason: string; transient?: boolean };

/**
 * One article's text, read from its file again. The file may have changed or
 * gone since the archive loaded: that is a reason to show, not an error.
 */
export function readArticleText(path: Buffer | string, relPath: string, maxFileBytes = DEFAULT_MAX_FILE_BYTES): TextResult {
  try {
    // stat before open: opening something that became a FIFO would block the reader.
    const stats = statSync(path);
    if (!stats.isFile()) return { ok: false, reason: 'no longer a regular file' };
    const file: FoundFile = { path: typeof path === 'string' ? Buffer.from(path) : path, relPath, stats };
    return { ok: true, text: parseFile(file, relPath, '', maxFileBytes).text };
  } catch (error) {
    const known = error instanceof SkipError || error instanceof ParseError;
    const code = (error as NodeJS.ErrnoException).code;
    const reason = known ? error.message : code === 'ENOENT' ? 'the file is gone (moved or deleted since the archive loaded)' : describeFsError(error);
    return { ok: false, reason: sanitizeLine(reason) };
  }
}

class SkipError extends Error {
  constructor(message: string, readonly transient = false) {
    super(message);
  }
}

/** What parsing a file needs to know of it: where it is and the size the walk saw. */
export type FileToParse = Pick<FoundFile, 'path' | 'relPath'> & { stats: { size: number } };

/** Reads and parses one file the walk found; never throws. */
export function readArticleFile(file: FileToParse, relPath: string, root: string, maxFileBytes: number): FileResult {
  try {
    const { article, text, notes } = parseFile(file, relPath, root, maxFileBytes);
    return { kind: 'article', article, text, notes: notes.map(sanitizeLine) };
  } catch (error) {
    const known = error instanceof SkipError || error instanceof ParseError;
    const reason = known ? error.message : describeFsError(error);
    // File system errors (permission denied) and files changing under us are worth another try next time.
    const transient = !known || (error instanceof SkipError && error.transient);
    return { kind: 'skipped', reason: sanitizeLine(reason), ...(transient ? { transient } : {}) };
  }
}

export function tooLarge(size: number, maxFileBytes: number): string {
  return `too large (${formatBytes(size)}, limit ${formatBytes(maxFileBytes)}; see --max-size)`;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

// Sync reads, as the walk's (walk.ts): for many small files they beat promise round trips through the thread pool.
function readWhole(file: FileToParse, maxFileBytes: number): { bytes: Buffer; mtimeMs: number } {
  if (file.stats.size > maxFileBytes) throw new SkipError(tooLarge(file.stats.size, maxFileBytes));
  const fd = openSync(file.path, 'r');
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new SkipError('changed while loading (no longer a regular file)', true);
    if (stats.size > maxFileBytes) throw new SkipError(tooLarge(stats.size, maxFileBytes));
    // Read one byte past the size to notice a file that grows while we read it.
    // Unfilled: only the bytes read are ever looked at.
    const buffer = Buffer.allocUnsafe(stats.size + 1);
    let length = 0;
    while (length < buffer.length) {
      const bytesRead = readSync(fd, buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length !== stats.size) throw new SkipError('changed while loading (its size changed); reload to read it', true);
    return { bytes: buffer.subarray(0, length), mtimeMs: stats.mtimeMs };
  } finally {
    closeSync(fd);
  }
}

/** The whole parse of one file: the header the archive keeps, and the text it lets go. */
function parseFile(
  file: FileToParse,
  relPath: string,
  root: string,
  maxFileBytes: number,
): { article: Article; text: ArticleText; notes: string[] } {
  const { bytes, mtimeMs } = readWhole(file, maxFileBytes);
  if (bytes.length === 0) throw new SkipError('empty file');
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!utf16 && looksBinary(bytes)) throw new SkipError('binary file (contains NUL bytes), not text');
  const { parsed, decoded } = parseBytes(file.relPath, bytes);
  if (!parsed.headline.trim()) throw new SkipError('no headline (first line is empty after cleaning)');
  const notes = decoded.note ? [decoded.note, ...parsed.notes] : parsed.notes;
  const fromName = findDate(file.relPath.split('/').pop() ?? '');
  const date = parsed.date ?? (fromName ? { iso: fromName.iso, origin: 'file-name' as const } : { iso: isoFromMtime(mtimeMs), origin: 'mtime' as const });
  const wordCount = parsed.paragraphs.reduce((sum, p) => sum + countWords(p), 0);
  const article: Article = {
    id: '',
    relPath,
    path: `${root}/${relPath}`,
    format: parsed.format,
    headline: detach(parsed.headline),
    ...(parsed.dateline !== undefined ? { dateline: detach(parsed.dateline) } : {}),
    ...(parsed.source !== undefined ? { source: detach(parsed.source) } : {}),
    ...(parsed.url !== undefined ? { url: detach(parsed.url) } : {}),
    ...(parsed.author !== undefined ? { author: detach(parsed.author) } : {}),
    tags: parsed.tags.map(detach),
    date: date.iso,
    dateOrigin: date.origin,
    wordCount,
    readingMinutes: Math.max(1, Math.round(wordCount / WORDS_PER_MINUTE)),
    size: bytes.length,
    mtimeMs,
    fingerprint: articleFingerprint(parsed.headline, parsed.paragraphs[0] ?? ''),
  };
  return { article, text: { paragraphs: parsed.paragraphs, related: parsed.related }, notes };
}

/**
 * A copy of `part` that does not keep the string it was cut from alive. V8
 * makes a substring a view into its parent, so a headline sliced from a file's
 * text would hold the whole text in memory for as long as the article is
 * listed: 537 MB of heap at 100,000 articles instead of the headers' ~80 MB.
 * Prefixing forces a flat copy; the slice after it points into that copy.
 */
function detach(part: string): string {
  return ` ${part}`.slice(1);
}

const SPACE = /\s/;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Whitespace-separated tokens holding a letter or digit: `–` is not a word,
 * `$172.4` is. A char loop with an ASCII fast path: this runs over every byte
 * of the archive at start-up, where a Unicode regex cost ~60 ms per 5 MB.
 */
export function countWords(text: string): number {
  let count = 0;
  let counted = false; // the current token already holds a letter or digit
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) counted = false;
      else if (!counted && ((c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a))) {
        count++;
        counted = true;
      }
      continue;
    }
    // A high surrogate starts an astral character: test the whole pair (CJK extension letter or emoji?).
    const ch = c >= 0xd800 && c <= 0xdbff ? text.slice(i, i + 2) : text[i]!;
    if (SPACE.test(ch)) counted = false;
    else if (!counted && WORD_CHAR.test(ch)) {
      count++;
      counted = true;
    }
  }
  return count;
}
