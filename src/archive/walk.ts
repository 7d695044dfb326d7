/**
 * The archive walk. Our own, because Node 20's recursive readdir follows
 * symlink loops and lists files twice. Directories and files are identified by
 * device and inode, so a link back to an ancestor or to a file already seen is
 * reported once instead of looping. Paths are Buffers end to end, so a file
 * name that is not valid UTF-8 can still be opened.
 */
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { ARTICLE_EXTENSIONS_TEXT, formatOf } from './formats.js';
import { dirname } from 'node:path';

/** What the index compares to tell a changed file (kept small: the walk holds one per file, 100,000 at times). */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  ino: number;
  dev: number;
}

export interface FoundFile {
  /** Buffer path for fs calls (names need not be UTF-8). */
  path: Buffer;
  /** `/`-separated path below the root, decoded for display (not yet sanitised). */
  relPath: string;
  stats: FileStamp;
}

export interface WalkProblem {
  relPath: string;
  reason: string;
}

export interface WalkResult {
  files: FoundFile[];
  problems: WalkProblem[];
  /** Entries looked at, not counting directories. */
  scanned: number;
}

const nameDecoder = new TextDecoder('utf-8'); // replaces invalid bytes with U+FFFD

export function isArticleName(name: string): boolean {
  return formatOf(name) !== undefined;
}

/**
 * Synchronous on purpose: the list cannot show before the walk is done, and
 * for thousands of small entries sync calls are several times faster than
 * promise round trips through the thread pool.
 */
export function walkArchive(root: string): WalkResult {
  const result: WalkResult = { files: [], problems: [], scanned: 0 };
  const seen = new Map<string, string>(); // folder dev:ino -> relPath first seen
  const rootStats = statSync(root);
  seen.set(identity(rootStats), '.');
  const candidates: Candidate[] = [];
  walkDirectory(Buffer.from(root), '', result, seen, candidates, foldersAbove(root));
  result.files = keepOnePerFile(candidates, result.problems);
  result.files.sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
  return result;
}

interface Candidate extends FoundFile {
  viaLink: boolean;
}

/**
 * A file reachable twice (a symlink beside its target) is read once. The real
 * file wins over the link, whatever the walk order, so the id stays the path
 * the user actually keeps the file at.
 */
function keepOnePerFile(candidates: Candidate[], problems: WalkProblem[]): FoundFile[] {
  const byIdentity = new Map<string, Candidate[]>();
  for (const candidate of candidates) {
    const key = identity(candidate.stats);
    const group = byIdentity.get(key);
    if (group) group.push(candidate);
    else byIdentity.set(key, [candidate]);
  }
  const kept: FoundFile[] = [];
  for (const group of byIdentity.values()) {
    group.sort((a, b) => Number(a.viaLink) - Number(b.viaLink) || (a.relPath < b.relPath ? -1 : 1));
    const [first, ...rest] = group;
    kept.push({ path: first!.path, relPath: first!.relPath, stats: first!.stats });
    for (const dup of rest) problems.push({ relPath: dup.relPath, reason: `same file as ${first!.relPath} (linked twice)` });
  }
  return kept;
}

/**
 * The folders the archive is in, up to `/`: a link to one of them (`loop -> ..`)
 * leads back into the archive through everything beside it, so it is a loop.
 */
function foldersAbove(root: string): Set<string> {
  const above = new Set<string>();
  let folder: string;
  try {
    folder = realpathSync(root);
  } catch {
    return above;
  }
  for (let parent = dirname(folder); parent !== folder; folder = parent, parent = dirname(folder)) {
    try {
      above.add(identity(statSync(parent)));
    } catch {
      // A parent we may not look at cannot be walked into either.
    }
  }
  return above;
}

function identity(stats: { dev: number; ino: number }): string {
  return `${stats.dev}:${stats.ino}`;
}

function walkDirectory(
  dir: Buffer,
  relDir: string,
  result: WalkResult,
  seen: Map<string, string>,
  candidates: Candidate[],
  above: ReadonlySet<string>,
): void {
  let names: Buffer[];
  try {
    names = readdirSync(dir, { encoding: 'buffer' });
  } catch (error) {
    result.problems.push({ relPath: relDir || '.', reason: `cannot list folder: ${describeFsError(error)}` });
    return;
  }
  names.sort(Buffer.compare);
  for (const name of names) {
    const display = nameDecoder.decode(name);
    // Hidden entries (.git, .DS_Store) are not articles and not worth a report line.
    if (display.startsWith('.')) continue;
    const path = Buffer.concat([dir, Buffer.from('/'), name]);
    const relPath = relDir ? `${relDir}/${display}` : display;
    let stats: Stats;
    let viaLink = false;
    try {
      stats = lstatSync(path);
      if (stats.isSymbolicLink()) {
        viaLink = true;
        stats = statSync(path);
      }
    } catch (error) {
      result.scanned++;
      const code = (error as NodeJS.ErrnoException).code;
      const reason = viaLink && code === 'ENOENT' ? 'broken symbolic link (its target does not exist)'
        : viaLink && code === 'ELOOP' ? 'symbolic link loop'
        : describeFsError(error);
      result.problems.push({ relPath, reason });
      continue;
    }
    const id = identity(stats);
    if (stats.isDirectory()) {
      if (above.has(id)) {
        result.problems.push({ relPath, reason: 'symbolic link loop: it leads to a folder the archive is in' });
        continue;
      }
      const first = seen.get(id);
      if (first !== undefined) {
        result.problems.push({ relPath, reason: `folder already read as ${first} (symbolic link loop or duplicate)` });
        continue;
      }
      seen.set(id, relPath);
      walkDirectory(path, relPath, result, seen, candidates, above);
      continue;
    }
    result.scanned++;
    if (!stats.isFile()) {
      result.problems.push({ relPath, reason: `not a regular file (${kindOf(stats)}); only regular files are read` });
      continue;
    }
    if (!isArticleName(display)) {
      result.problems.push({ relPath, reason: `not an article file (only ${ARTICLE_EXTENSIONS_TEXT} are read)` });
      continue;
    }
    candidates.push({ path, relPath, stats: { size: stats.size, mtimeMs: stats.mtimeMs, ino: stats.ino, dev: stats.dev }, viaLink });
  }
}

function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  return 'not a file';
}

/** One line a user can act on, without Node's stack or syscall noise. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'removed while the archive was loading';
    case 'EISDIR':
      return 'is a folder';
    case 'ELOOP':
      return 'symbolic link loop';
    case 'ENAMETOOLONG':
      return 'path too long';
    case 'EIO':
      return 'input/output error';
    default:
      return code ? `cannot read (${code})` : `cannot read (${String((error as Error)?.message ?? error)})`;
  }
}
