/**
 * The library file on disk. Read together with a stamp of the version read
 * (inode, modification time, size); written atomically (a temp file beside
 * it, flushed, renamed over it) and only over the version the change was
 * based on: if the file changed since it was read, the write is refused
 * (`ChangedOnDiskError`) and the caller reads and applies its change again.
 * Temp files of writers killed mid-write are cleaned up by the next one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { LOCK_TEMP_MARK, lockLeftoverOfDeadProcess } from './lock.js';

/** The stamp of a file that does not exist. */
export const ABSENT = 'absent';

export interface FileVersion {
  /** undefined: there is no file. */
  bytes: Buffer | undefined;
  stamp: string;
}

export class ChangedOnDiskError extends Error {
  override name = 'ChangedOnDiskError';
}

function stampOf(stat: fs.BigIntStats): string {
  return `${stat.ino}:${stat.mtimeNs}:${stat.size}`;
}

/** The stamp of the file as it is now. */
export function currentStamp(file: string): string {
  try {
    return stampOf(fs.statSync(file, { bigint: true }));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ABSENT;
    throw error;
  }
}

/** The file's bytes and the stamp of exactly those bytes (both from one open file). */
export function readVersion(file: string): FileVersion {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { bytes: undefined, stamp: ABSENT };
    throw error;
  }
  try {
    const stamp = stampOf(fs.fstatSync(fd, { bigint: true }));
    return { bytes: fs.readFileSync(fd), stamp };
  } finally {
    fs.closeSync(fd);
  }
}

/** Temp files are named `<file>.tmp-…`, as conf's writer named them too. */
const tempPrefix = (file: string): string => `${path.basename(file)}.tmp-`;

/**
 * Replaces the file with `text`, unless it is no longer the version stamped
 * `basedOn`. Returns the stamp of the new version. No retries: a file that
 * cannot be written fails at once, with the system's error.
 */
export function writeVersion(file: string, text: string, basedOn: string): string {
  const temp = path.join(path.dirname(file), `${tempPrefix(file)}${process.pid}-${randomBytes(4).toString('hex')}`);
  let stamp: string;
  const fd = fs.openSync(temp, 'wx', 0o644);
  try {
    fs.writeFileSync(fd, text);
    fs.fsyncSync(fd);
    // A rename keeps the inode, size and modification time: this is the new version's stamp.
    stamp = stampOf(fs.fstatSync(fd, { bigint: true }));
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  try {
    if (currentStamp(file) !== basedOn) throw new ChangedOnDiskError(`${file} changed since it was read`);
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
  return stamp;
}

/**
 * Lock temp files are made by processes waiting for the lock, not holding it:
 * one younger than this may be in use this instant, unless it names a writer
 * that is dead.
 */
const LOCK_LEFTOVER_AGE_MS = 10_000;

/**
 * Removes what killed writers left beside the library file: temp files of
 * the file (only a lock holder writes one, so while we hold the lock any is
 * a dead writer's), and temp and set-aside files of the lock once they are
 * old or name a dead writer. Call holding the lock. Returns the names removed.
 */
export function cleanLeftovers(file: string, now = Date.now()): string[] {
  const dir = path.dirname(file);
  const base = path.basename(file);
  const fileTemps = tempPrefix(file);
  const lockLeftovers = [`${base}.lock${LOCK_TEMP_MARK}`, `${base}.lock.stale-`];
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const ofLock = lockLeftovers.some((prefix) => name.startsWith(prefix));
    if (!ofLock && !name.startsWith(fileTemps)) continue;
    const full = path.join(dir, name);
    try {
      const stat = fs.lstatSync(full);
      if (!stat.isFile()) continue;
      if (ofLock && now - stat.mtimeMs < LOCK_LEFTOVER_AGE_MS && !lockLeftoverOfDeadProcess(name, () => fs.readFileSync(full, 'utf8'))) continue;
      fs.rmSync(full, { force: true });
      removed.push(name);
    } catch {
      // Gone already, or not ours to remove: leave it.
    }
  }
  return removed;
}
