/**
 * Folder to Archive. Each file is read, decoded, sanitised and parsed on its
 * own; any failure becomes a one-line reason in the report, never a crash.
 */
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Archive, ArchiveReport, Article, ArticleText, TextResult } from './article.js';
import { articleFingerprint } from './fingerprint.js';
import { looksBinary } from './decode.js';
import { findDate, isoFromMtime } from './dates.js';
import { uniqueIds } from './id.js';
import { ParseError } from './parse.js';
import { loadParsersFor, parseBytes } from './formats.js';
import { describeFsError, walkArchive, type FoundFile } from './walk.js';
import { sanitizeLine } from '../sanitize/index.js';
import { writeSnapshot } from './snapshot.js';
import { folderStamp } from './stamp.js';
import { readCache, writeCache, type ArchiveCache, type CacheEntry, type CachedResult } from './cache.js';
import { parseInWorker } from './parse-worker-client.js';

export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;
const WORDS_PER_MINUTE = 230;

export interface LoadOptions {
  /** Files larger than this are skipped (default 5 MB). */
  maxFileBytes?: number;
  /** Reuse parsed articles from this cache (the CLI passes one; tests mostly do not). */
  cache?: ArchiveCache;
  /**
   * Also write the list snapshot the reader starts from (see snapshot.ts):
   * `always` when there is no usable one, `if-changed` when refreshing one.
   */
  snapshot?: 'always' | 'if-changed';
  /**
   * Parse on a second thread too (the worker at `workerUrl`, see parse-worker.ts)
   * when at least `minFiles` files need parsing (default 4,000: below that the
   * thread's start-up costs more than it saves).
   */
  parallel?: { workerUrl: URL; minFiles?: number };
  /** Called with the archive as soon as it is complete, before the caches are written. */
  loaded?: (archive: Archive) => void;
}

const PARALLEL_MIN_FILES = 4000;

/** The archive folder itself is missing or unusable: the one load failure that stops the CLI. */
export class ArchiveError extends Error {}

export async function loadArchive(root: string, options: LoadOptions = {}): Promise<Archive> {
  const absolute = resolve(root);
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  let walk;
  try {
    walk = walkArchive(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such folder' : code === 'ENOTDIR' ? 'not a folder' : describeFsError(error);
    throw new ArchiveError(`archive not found: ${sanitizeLine(absolute)} (${why})`);
  }
  const report: ArchiveReport = {
    root: sanitizeLine(absolute),
    scanned: walk.scanned,
    loaded: 0,
    skipped: walk.problems.map((p) => ({ relPath: sanitizeLine(p.relPath), reason: sanitizeLine(p.reason) })),
    notes: [],
  };
  const ids = uniqueIds(walk.files.map((f) => f.relPath));
  const cached = options.cache ? readCache(options.cache) : new Map<string, CacheEntry>();
  const fresh = new Map<string, CacheEntry>();
  let changed = cached.size !== walk.files.length;
  const articles: Article[] = [];
  const filePaths = new Map<string, Buffer>();
  const isCached = (file: FoundFile): boolean => {
    const hit = cached.get(file.relPath);
    const { size, mtimeMs, ino } = file.stats;
    return hit !== undefined && hit.size === size && hit.mtimeMs === mtimeMs && hit.ino === ino;
  };
  const toParse: number[] = [];
  walk.files.forEach((file, index) => {
    if (file.stats.size <= maxFileBytes && !isCached(file)) toParse.push(index);
  });
  let retryNextTime = false;
  // Only the parsers this load needs: reading an article's text later needs its own (see formats.ts).
  await loadParsersFor(toParse.map((index) => walk.files[index]!.relPath));
  const parsed = await parseAll(walk.files, toParse, absolute, maxFileBytes, options.parallel);
  walk.files.forEach((file, index) => {
    const relPath = sanitizeLine(file.relPath);
    const { size, mtimeMs, ino } = file.stats;
    let result: CachedResult;
    if (size > maxFileBytes) {
      result = { kind: 'skipped', reason: tooLarge(size, maxFileBytes) };
    } else if (parsed.has(index)) {
      changed = true;
      result = parsed.get(index)!;
    } else {
      result = cached.get(file.relPath)!.result;
    }
    if (result.kind === 'article') {
      // Ids depend on every path in the archive (collisions), so they are assigned after the cache.
      const id = ids[index]!;
      const article = { ...result.article, id };
      articles.push(article);
      // Kept only where the display path would not open the file (a name that is not UTF-8 or was sanitised).
      if (!file.path.equals(Buffer.from(article.path))) filePaths.set(id, file.path);
      for (const note of result.notes) report.notes.push({ relPath, note });
    } else {
      report.skipped.push({ relPath, reason: result.reason });
    }
    if (result.kind === 'skipped' && result.transient && !result.lasting) retryNextTime = true;
    if (size <= maxFileBytes && !(result.kind === 'skipped' && result.transient)) {
      fresh.set(file.relPath, { size, mtimeMs, ino, result });
    }
  });
  report.loaded = articles.length;
  report.skipped.sort((a, b) => (a.relPath < b.relPath ? -1 : 1));
  report.notes.sort((a, b) => (a.relPath < b.relPath ? -1 : 1));
  const archive: Archive = {
    root: absolute,
    articles,
    byId: new Map(articles.map((a) => [a.id, a])),
    report,
    // The walk's Buffer path, not `article.path`: a file name need not be UTF-8.
    readText: (article) => readArticleText(filePaths.get(article.id) ?? article.path, article.relPath, maxFileBytes),
    fileOf: (article) => filePaths.get(article.id) ?? article.path,
  };
  // Before the caches are written (~1 s at 100,000 articles): the reader draws its first frame here.
  options.loaded?.(archive);
  if (options.cache && changed) writeCache(options.cache, fresh);
  if (options.cache && (options.snapshot === 'always' || (options.snapshot === 'if-changed' && changed))) {
    // A file that failed for a passing reason is retried next time: no stamp, so the next check loads.
    writeSnapshot(options.cache, archive, retryNextTime ? undefined : folderStamp(walk.files, walk.problems, maxFileBytes));
  }
  return archive;
}

/**
 * The files at `indexes` parsed, by index. With `parallel` and enough files, a
 * worker thread parses the last part while this thread parses the first; if
 * the worker cannot start or fails, this thread parses its part too.
 */
async function parseAll(
  files: readonly FoundFile[],
  indexes: readonly number[],
  root: string,
  maxFileBytes: number,
  parallel: LoadOptions['parallel'],
): Promise<Map<number, CachedResult>> {
  const results = new Map<number, CachedResult>();
  const parseHere = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const index = indexes[i]!;
      const file = files[index]!;
      results.set(index, loadResult(file, sanitizeLine(file.relPath), root, maxFileBytes));
    }
  };
  if (!parallel || indexes.length < (parallel.minFiles ?? PARALLEL_MIN_FILES)) {
    parseHere(0, indexes.length);
    return results;
  }
  // The worker starts ~100 ms later and its results are copied back: measured ~17% slower per file, so it takes 46%.
  const half = Math.ceil(indexes.length * 0.54);
  const theirs = indexes.slice(half).map((index) => {
    const file = files[index]!;
    return { path: file.path, relPath: file.relPath, stats: { size: file.stats.size } };
  });
  const worker = parseInWorker(parallel.workerUrl, { root, maxFileBytes, files: theirs });
  parseHere(0, half);
  const answered = await worker;
  if (answered && answered.length === theirs.length) answered.forEach((result, i) => results.set(indexes[half + i]!, result));
  else parseHere(half, indexes.length);
  return results;
}

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

export function loadResult(file: FileToParse, relPath: string, root: string, maxFileBytes: number): CachedResult {
  try {
    const { article, notes } = parseFile(file, relPath, root, maxFileBytes);
    return { kind: 'article', article, notes: notes.map(sanitizeLine) };
  } catch (error) {
    const known = error instanceof SkipError || error instanceof ParseError;
    const reason = known ? error.message : describeFsError(error);
    const transient = !known || (error instanceof SkipError && error.transient);
    // Never cached (a chmod changes neither size nor mtime), but no reason to check the whole folder
    // again at every start either: the folder stamp sees a chmod (stamp.ts).
    const lasting = !known && LASTING_FS_ERRORS.has((error as NodeJS.ErrnoException).code ?? '');
    return { kind: 'skipped', reason: sanitizeLine(reason), ...(transient ? { transient } : {}), ...(lasting ? { lasting } : {}) };
  }
}

/** File system errors that stay until the user changes the file (its mode, its kind). */
const LASTING_FS_ERRORS = new Set(['EACCES', 'EPERM', 'EISDIR', 'ELOOP', 'ENAMETOOLONG']);

function tooLarge(size: number, maxFileBytes: number): string {
  return `too large (${formatBytes(size)}, limit ${formatBytes(maxFileBytes)}; see --max-size)`;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

// Sync reads: see walkArchive; the model is needed whole before the first frame.
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
