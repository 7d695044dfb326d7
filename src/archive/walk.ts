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
import { articleId, uniqueIds } from './id.js';

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
 * worker that only compares them with the catalogue). A file that may be a
 * second name of another (reached through a symbolic link, or one of several
 * hard links) comes at the end, once every name it could share has been
 * seen, with the files whose ids depend on whether it is kept.
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
    deferred: [],
  };
  walkDirectory(walk, Buffer.from(root), '');
  visitDeferred(walk, root);
  return walk.totals;
}

interface Candidate {
  file: FoundFile;
  viaLink: boolean;
  /** One of several names of the file: reached through a symbolic link, or the file has more than one hard link. */
  shared: boolean;
  /** The file's identity: its inode on the root's device (a number: 100,000 of them stay small), else device and inode. */
  key: number | string;
}

interface Walk {
  totals: WalkTotals;
  visit: (files: WalkedFile[]) => void;
  rootDev: number;
  /** Folders walked, by identity: a second way into one is a loop or a duplicate. */
  folders: Map<string, string>;
  /** The folders the archive is in. */
  above: ReadonlySet<string>;
  /** Files met by their only name. */
  files: Set<number | string>;
  /** Files of one folder with one id between them but the extension (`a.txt`, `a.md`), one of them a shared name. */
  deferred: Candidate[][];
}

/**
 * The names decided at the end. A file reachable twice (a symlink beside its
 * target, two hard links) is read once, under the name the old list-then-
 * dedupe walk gave it, so ids (and the read marks and bookmarks kept by id)
 * do not change: a real name wins over a link, then the first by path.
 * Ids are then made unique over the names kept.
 */
function visitDeferred(walk: Walk, root: string): void {
  const byFile = new Map<number | string, Candidate[]>();
  for (const candidate of walk.deferred.flat()) {
    if (!candidate.shared) continue;
    const names = byFile.get(candidate.key);
    if (names) names.push(candidate);
    else byFile.set(candidate.key, [candidate]);
  }
  const dropped = new Set<Candidate>();
  for (const [key, names] of byFile) {
    names.sort((a, b) => Number(a.viaLink) - Number(b.viaLink) || (a.file.relPath < b.file.relPath ? -1 : 1));
    // A link to a file met by its only name: that name is the file.
    const first = walk.files.has(key) ? undefined : names[0]!;
    const target = first?.file.relPath ?? targetBelow(root, names[0]!.file.path);
    for (const name of names) {
      if (name === first) continue;
      dropped.add(name);
      walk.totals.problems.push({ relPath: name.file.relPath, reason: `same file as ${target} (linked twice)` });
    }
  }
  const kept: WalkedFile[] = [];
  for (const group of walk.deferred) kept.push(...withIds(group.filter((candidate) => !dropped.has(candidate))));
  if (kept.length > 0) walk.visit(kept);
}

function withIds(candidates: Candidate[]): WalkedFile[] {
  const ids = uniqueIds(candidates.map(({ file }) => file.relPath));
  return candidates.map(({ file }, i) => ({ file, id: ids[i]! }));
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
  const found: Candidate[] = [];
  const subfolders: Array<{ path: Buffer; relPath: string; id: string }> = [];
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
      if (walk.above.has(id)) totals.problems.push({ relPath, reason: 'symbolic link loop: it leads to a folder the archive is in' });
      else subfolders.push({ path, relPath, id });
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
    const file = { path, relPath, stats: { size: stats.size, mtimeMs: stats.mtimeMs, ino: stats.ino, dev: stats.dev } };
    const key = stats.dev === walk.rootDev ? stats.ino : identity(stats);
    found.push({ file, viaLink, shared: viaLink || stats.nlink > 1, key });
  }
  // Ids clash only within a folder, between names alike but the extension (`a.txt`, `a.md`).
  const alike = new Map<string, Candidate[]>();
  for (const candidate of found) {
    const id = articleId(candidate.file.relPath);
    const group = alike.get(id);
    if (group) group.push(candidate);
    else alike.set(id, [candidate]);
    if (!candidate.shared) walk.files.add(candidate.key);
  }
  const files: WalkedFile[] = [];
  for (const group of alike.values()) {
    if (group.some((candidate) => candidate.shared)) walk.deferred.push(group);
    else files.push(...withIds(group));
  }
  if (files.length > 0) walk.visit(files);
  // A folder is taken when the walk goes into it, in name order, as the first walk did: a link to a
  // folder met before the folder itself is where its files are read from (their ids keep that path).
  for (const { path, relPath, id } of subfolders) {
    const first = walk.folders.get(id);
    if (first !== undefined) {
      totals.problems.push({ relPath, reason: `folder already read as ${first} (symbolic link loop or duplicate)` });
      continue;
    }
    walk.folders.set(id, relPath);
    walkDirectory(walk, path, relPath);
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
