/**
 * The list snapshot: the loaded archive's headers, as columns, so the reader
 * can draw its first frame without walking the folder. At 100,000 articles the
 * walk alone (a stat per file) takes most of a second, and the per-file cache
 * entries (objects) take as long to deserialise; columns of strings and typed
 * arrays come back several times faster. The snapshot is only a starting
 * point: the reader checks the folder in the background and replaces it (see
 * cli.ts). Any problem reading it means "no snapshot".
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Archive, ArchiveReport, Article, ArticleFormat, DateOrigin, TextResult } from './article.js';
import { sortedArticles } from './sort.js';
import type { ArchiveCache } from './cache.js';

/** The string columns, each stored as one `\n`-joined string: one allocation to deserialise instead of 100,000. */
const PACKED = ['id', 'relPath', 'headline', 'date', 'dateOrigin', 'fingerprint'] as const;
type Packed = (typeof PACKED)[number];
const FORMATS: readonly ArticleFormat[] = ['text', 'markdown', 'html'];

interface SnapshotFile {
  format: 4;
  salt: string;
  root: string;
  /** The folder as the load that wrote this saw it (stamp.ts); absent when it must be loaded again anyway. */
  stamp?: string;
  /** Every header field as a column, index = article. Sanitised single-line values never hold a `\n`. */
  packed: Record<Packed, string>;
  /** Index into FORMATS. */
  formats: Uint8Array;
  wordCount: Int32Array;
  readingMinutes: Int32Array;
  size: Float64Array;
  mtimeMs: Float64Array;
  /** Optional fields, by article index: rare enough that a map beats a column of undefined. */
  dateline: Map<number, string>;
  source: Map<number, string>;
  url: Map<number, string>;
  author: Map<number, string>;
  tags: Map<number, string[]>;
  /** Paths that are not `root/relPath` (names that are not UTF-8), by article index. */
  files: Map<number, Buffer>;
  report: ArchiveReport;
}

export function snapshotPath(cache: ArchiveCache): string {
  return cache.path.replace(/\.v8$/, '.list.v8');
}

export function writeSnapshot(cache: ArchiveCache, archive: Archive, stamp?: string): void {
  // Newest first, the reader's default order: sorting it again at start is then a single pass.
  const articles = sortedArticles(archive, 'date');
  const n = articles.length;
  const packed = {} as Record<Packed, string>;
  for (const key of PACKED) {
    const column = articles.map((a) => a[key]);
    // Cannot happen for sanitised text; if it ever did, no snapshot beats a wrong one.
    if (column.some((value) => value.includes('\n'))) return;
    packed[key] = column.join('\n');
  }
  const file: SnapshotFile = {
    format: 4,
    salt: cache.salt,
    root: archive.root,
    ...(stamp ? { stamp } : {}),
    packed,
    formats: Uint8Array.from(articles, (a) => FORMATS.indexOf(a.format)),
    wordCount: Int32Array.from(articles, (a) => a.wordCount),
    readingMinutes: Int32Array.from(articles, (a) => a.readingMinutes),
    size: Float64Array.from(articles, (a) => a.size),
    mtimeMs: Float64Array.from(articles, (a) => a.mtimeMs),
    dateline: new Map(),
    source: new Map(),
    url: new Map(),
    author: new Map(),
    tags: new Map(),
    files: new Map(),
    report: archive.report,
  };
  for (let i = 0; i < n; i++) {
    const a = articles[i]!;
    if (a.dateline !== undefined) file.dateline.set(i, a.dateline);
    if (a.source !== undefined) file.source.set(i, a.source);
    if (a.url !== undefined) file.url.set(i, a.url);
    if (a.author !== undefined) file.author.set(i, a.author);
    if (a.tags.length > 0) file.tags.set(i, a.tags);
    const path = archive.fileOf(a);
    if (typeof path !== 'string' || path !== a.path) file.files.set(i, typeof path === 'string' ? Buffer.from(path) : path);
  }
  const target = snapshotPath(cache);
  const temp = `${target}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(temp, serialize(file));
    renameSync(temp, target); // atomic: a reader sees the old snapshot or the new one
  } catch {
    // Only the next start's speed is lost.
  }
}

/**
 * The archive as it was when the snapshot was written, or undefined. `readText`
 * reads the files as they are now, so an article changed since shows its new
 * text, and one removed since says so.
 */
export function readSnapshot(
  cache: ArchiveCache,
  root: string,
  readText: (path: Buffer | string, relPath: string) => TextResult,
): Archive | undefined {
  let file: SnapshotFile;
  try {
    file = deserialize(readFileSync(snapshotPath(cache))) as SnapshotFile;
  } catch {
    return undefined;
  }
  if (file?.format !== 4 || file.salt !== cache.salt || file.root !== root) return undefined;
  const n = file.size.length;
  const column = (key: Packed): string[] => (n === 0 ? [] : file.packed[key].split('\n'));
  const [ids, relPaths, headlines, dates, origins, fingerprints] = PACKED.map(column) as [string[], string[], string[], string[], DateOrigin[], string[]];
  const articles: Article[] = new Array(n);
  const byId = new Map<string, Article>();
  const files = new Map<string, Buffer>();
  for (let i = 0; i < n; i++) {
    const id = ids[i]!;
    const relPath = relPaths[i]!;
    const article: Article = {
      id,
      relPath,
      path: `${root}/${relPath}`,
      format: FORMATS[file.formats[i]!] ?? 'text',
      headline: headlines[i]!,
      tags: file.tags.get(i) ?? [],
      date: dates[i]!,
      dateOrigin: origins[i]!,
      wordCount: file.wordCount[i]!,
      readingMinutes: file.readingMinutes[i]!,
      size: file.size[i]!,
      mtimeMs: file.mtimeMs[i]!,
      fingerprint: fingerprints[i]!,
    };
    const dateline = file.dateline.get(i);
    if (dateline !== undefined) article.dateline = dateline;
    const source = file.source.get(i);
    if (source !== undefined) article.source = source;
    const url = file.url.get(i);
    if (url !== undefined) article.url = url;
    const author = file.author.get(i);
    if (author !== undefined) article.author = author;
    const path = file.files.get(i);
    if (path) files.set(id, path);
    articles[i] = article;
    byId.set(id, article);
  }
  const fileOf = (article: Article): Buffer | string => files.get(article.id) ?? article.path;
  return {
    root,
    articles,
    byId,
    inDateOrder: true,
    ...(file.stamp ? { folderStamp: file.stamp } : {}),
    report: file.report,
    readText: (article) => readText(fileOf(article), article.relPath),
    fileOf,
  };
}
