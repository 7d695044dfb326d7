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
import { dirname, relative } from 'node:path';
import { uniqueIds } from './id.js';

/** What the index compares to tell a changed file (kept small: an update holds one per file it reads, 100,000 on a first run). */
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

export interface WalkTotals {
  problems: WalkProblem[];
  /** Entries looked at, not counting directories. */
  scanned: number;
}

/** An article file and the id it gets. */
export interface WalkedFile {
  file: FoundFile;
  id: string;
}

const nameDecoder = new TextDecoder('utf-8'); // replaces invalid bytes with U+FFFD

export function isArticleName(name: string): boolean {
  return formatOf(name) !== undefined;
}

/**
 * Walks the archive a folder at a time: each folder's article files go to
 * `visit` (in name order) and are not kept, so a walk of 100,000 files
 * holds one folder's worth, not a list of them all (tens of MB on a
 * worker that only compares them with the catalogue). Files reached through
 * a symbolic link come last, once every file they could be a second name of
 * has been seen.
 *
 * Synchronous on purpose: for thousands of small entries sync calls are
 * several times faster than promise round trips through the thread pool.
 */
export function walkFolders(root: string, visit: (files: WalkedFile[]) => void): WalkTotals {
  const rootStats = statSync(root);
  const walk: Walk = {
    totals: { problems: [], scanned: 0 },
    visit,
    rootDev: rootStats.dev,
    folders: new Map([[identity(rootStats), '.']]),
    above: foldersAbove(root),
    files: new Set(),
    hardLinked: new Map(),
    links: [],
  };
  walkDirectory(walk, Buffer.from(root), '');
  visitLinks(walk, root);
  return walk.totals;
}

interface Walk {
  totals: WalkTotals;
  visit: (files: WalkedFile[]) => void;
  rootDev: number;
  /** Folders walked, by identity: a second way into one is a loop or a duplicate. */
  folders: Map<string, string>;
  /** The folders the archive is in. */
  above: ReadonlySet<string>;
  /** Every file met by its own name, by identity (a number on the root's device: 100,000 of them stay small). */
  files: Set<number | string>;
  /** Files with more than one hard link, by identity: the first name met is the file, the others are reported. */
  hardLinked: Map<number | string, string>;
  /** Files met through a symbolic link, kept for the end of the walk. */
  links: Array<WalkedFile & { key: number | string }>;
}

/**
 * A file reachable twice (a symlink beside its target) is read once. The real
 * file wins over the link, whatever the walk order, so the id stays the path
 * the user actually keeps the file at; of several links to one file outside
 * the archive, the first by path.
 */
function visitLinks(walk: Walk, root: string): void {
  const byTarget = new Map<number | string, Walk['links']>();
  for (const link of walk.links) {
    const group = byTarget.get(link.key);
    if (group) group.push(link);
    else byTarget.set(link.key, [link]);
  }
  const kept: WalkedFile[] = [];
  for (const [key, group] of byTarget) {
    group.sort((a, b) => (a.file.relPath < b.file.relPath ? -1 : 1));
    const first = walk.files.has(key) ? undefined : group[0]!;
    if (first) kept.push({ file: first.file, id: first.id });
    const target = first?.file.relPath ?? walk.hardLinked.get(key) ?? targetBelow(root, group[0]!.file.path);
    for (const dup of group) {
      if (dup !== first) walk.totals.problems.push({ relPath: dup.file.relPath, reason: `same file as ${target} (linked twice)` });
    }
  }
  if (kept.length > 0) walk.visit(kept);
}

/** Where a link's target is below the archive, for a message. */
function targetBelow(root: string, link: Buffer): string {
  try {
    return relative(realpathSync(root), nameDecoder.decode(realpathSync(link, { encoding: 'buffer' })));
  } catch {
    return 'another file in the archive';
  }
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

function walkDirectory(walk: Walk, dir: Buffer, relDir: string): void {
  const { totals } = walk;
  let names: Buffer[];
  try {
    names = readdirSync(dir, { encoding: 'buffer' });
  } catch (error) {
    totals.problems.push({ relPath: relDir || '.', reason: `cannot list folder: ${describeFsError(error)}` });
    return;
  }
  names.sort(Buffer.compare);
  const found: Array<{ file: FoundFile; viaLink: boolean; nlink: number }> = [];
  const subfolders: Array<[Buffer, string]> = [];
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
      totals.scanned++;
      const code = (error as NodeJS.ErrnoException).code;
      const reason = viaLink && code === 'ENOENT' ? 'broken symbolic link (its target does not exist)'
        : viaLink && code === 'ELOOP' ? 'symbolic link loop'
        : describeFsError(error);
      totals.problems.push({ relPath, reason });
      continue;
    }
    if (stats.isDirectory()) {
      const id = identity(stats);
      if (walk.above.has(id)) {
        totals.problems.push({ relPath, reason: 'symbolic link loop: it leads to a folder the archive is in' });
        continue;
      }
      const first = walk.folders.get(id);
      if (first !== undefined) {
        totals.problems.push({ relPath, reason: `folder already read as ${first} (symbolic link loop or duplicate)` });
        continue;
      }
      walk.folders.set(id, relPath);
      subfolders.push([path, relPath]);
      continue;
    }
    totals.scanned++;
    if (!stats.isFile()) {
      totals.problems.push({ relPath, reason: `not a regular file (${kindOf(stats)}); only regular files are read` });
      continue;
    }
    if (!isArticleName(display)) {
      totals.problems.push({ relPath, reason: `not an article file (only ${ARTICLE_EXTENSIONS_TEXT} are read)` });
      continue;
    }
    found.push({ file: { path, relPath, stats: { size: stats.size, mtimeMs: stats.mtimeMs, ino: stats.ino, dev: stats.dev } }, viaLink, nlink: stats.nlink });
  }
  // Ids clash only within a folder (`a.txt` beside `a.md`): each folder's are made unique on their own.
  const ids = uniqueIds(found.map(({ file }) => file.relPath));
  const files: WalkedFile[] = [];
  found.forEach(({ file, viaLink, nlink }, i) => {
    const key = file.stats.dev === walk.rootDev ? file.stats.ino : identity(file.stats);
    const id = ids[i]!;
    if (viaLink) {
      walk.links.push({ file, id, key });
      return;
    }
    if (nlink > 1) {
      const first = walk.hardLinked.get(key);
      if (first !== undefined) {
        totals.problems.push({ relPath: file.relPath, reason: `same file as ${first} (linked twice)` });
        return;
      }
      walk.hardLinked.set(key, file.relPath);
    }
    walk.files.add(key);
    files.push({ file, id });
  });
  if (files.length > 0) walk.visit(files);
  for (const [path, relPath] of subfolders) walkDirectory(walk, path, relPath);
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
