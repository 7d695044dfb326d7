/**
 * The parsed-article cache: decoding, sanitising and parsing every file on
 * each start is most of the start-up time, and archives rarely change. An
 * entry is reused only while the file's size, mtime and inode are unchanged.
 * The cache is an optimisation: any problem reading or writing it means
 * "no cache", never an error.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Article } from './article.js';

export type CachedResult =
  | { kind: 'article'; article: Article; notes: string[] }
  /** `transient`: an I/O failure or a file changing under us; worth retrying next start, so never cached. */
  | {
      kind: 'skipped';
      reason: string;
      transient?: boolean;
      /** A transient failure that a new start would meet again unless the file changes (permission denied). */
      lasting?: boolean;
    };

export interface CacheEntry {
  size: number;
  mtimeMs: number;
  ino: number;
  result: CachedResult;
}

interface CacheFile {
  format: 2;
  /** Changes whenever the program does (version + build), so a new parser never reads an old cache. */
  salt: string;
  entries: Map<string, CacheEntry>;
}

export interface ArchiveCache {
  /** The file holding this archive's cache. */
  path: string;
  /** Identifies the program that wrote it. */
  salt: string;
}

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.BROADSHEET_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'broadsheet');
}

export function cacheFor(root: string, dir: string, salt: string): ArchiveCache {
  const name = createHash('sha256').update(root).digest('hex').slice(0, 16);
  return { path: join(dir, `archive-${name}.v8`), salt };
}

export function readCache(cache: ArchiveCache): Map<string, CacheEntry> {
  try {
    const file = deserialize(readFileSync(cache.path)) as CacheFile;
    if (file?.format === 2 && file.salt === cache.salt && file.entries instanceof Map) return file.entries;
  } catch {
    // Missing, truncated or from another program: start without it.
  }
  return new Map();
}

export function writeCache(cache: ArchiveCache, entries: Map<string, CacheEntry>): void {
  const file: CacheFile = { format: 2, salt: cache.salt, entries };
  const temp = `${cache.path}.${process.pid}.tmp`;
  try {
    mkdirSync(join(cache.path, '..'), { recursive: true });
    writeFileSync(temp, serialize(file));
    renameSync(temp, cache.path); // atomic: a reader sees the old cache or the new one
  } catch {
    // A read-only or full disk only costs the next start its speed.
  }
}
