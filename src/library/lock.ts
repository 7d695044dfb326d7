/**
 * A lock file that serialises read-modify-write of the library file between
 * processes (conf itself has no locking). Synchronous, because conf is.
 *
 * The lock file holds `pid host time token`. A lock is stale when its process
 * is gone (same host) or it is older than `staleMs` (a hung or foreign-host
 * holder); a stale lock is broken by renaming it away, which only one
 * contender can do.
 */
import fs from 'node:fs';
import os from 'node:os';
import { randomBytes } from 'node:crypto';

export interface LockOptions {
  /** A lock older than this is taken over. A holder keeps it for one read-modify-write (milliseconds). */
  staleMs?: number;
  /** Give up after waiting this long for a live holder. */
  timeoutMs?: number;
}

export class LockTimeoutError extends Error {
  override name = 'LockTimeoutError';
}

const sleepCell = new Int32Array(new SharedArrayBuffer(4));
function sleepSync(ms: number): void {
  Atomics.wait(sleepCell, 0, 0, ms);
}

interface LockInfo {
  pid: number;
  host: string;
  time: number;
  token: string;
}

function parseLock(text: string): LockInfo | undefined {
  const [pid, host, time, token] = text.split(' ');
  if (!pid || !host || !time || !token) return undefined;
  return { pid: Number(pid), host, time: Number(time), token };
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isStale(text: string, ageMs: number, staleMs: number): boolean {
  if (ageMs > staleMs) return true;
  const info = parseLock(text);
  // An empty or partial lock file is one being written right now, unless it has been like that for a while.
  if (!info) return ageMs > 1_000;
  return info.host === os.hostname() && !processIsAlive(info.pid);
}

function readIfExists(file: string): { text: string; ageMs: number } | undefined {
  try {
    const stat = fs.statSync(file);
    return { text: fs.readFileSync(file, 'utf8'), ageMs: Date.now() - stat.mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Takes the lock, waiting for a live holder; returns the function that releases it. */
export function acquireLock(lockPath: string, options: LockOptions = {}): () => void {
  const staleMs = options.staleMs ?? 10_000;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const token = randomBytes(8).toString('hex');
  const content = `${process.pid} ${os.hostname()} ${Date.now()} ${token}`;
  const started = Date.now();
  let delay = 1;
  for (;;) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      try {
        fs.writeSync(fd, content);
      } finally {
        fs.closeSync(fd);
      }
      return () => releaseLock(lockPath, token);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readIfExists(lockPath);
    if (holder && isStale(holder.text, holder.ageMs, staleMs)) {
      breakStaleLock(lockPath, holder.text);
      continue;
    }
    if (Date.now() - started > timeoutMs) {
      const info = holder ? parseLock(holder.text) : undefined;
      throw new LockTimeoutError(
        `The library is locked by another Broadsheet (process ${info?.pid ?? 'unknown'}); remove ${lockPath} if no other copy is running.`,
      );
    }
    sleepSync(delay);
    delay = Math.min(delay * 2, 20);
  }
}

function breakStaleLock(lockPath: string, staleText: string): void {
  const aside = `${lockPath}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    fs.renameSync(lockPath, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // someone else broke it first
    throw error;
  }
  const taken = readIfExists(aside);
  if (taken && taken.text !== staleText) {
    // Between our check and the rename another process broke the stale lock
    // and took a fresh one: give it back (link fails if the name is taken again).
    try {
      fs.linkSync(aside, lockPath);
    } catch {
      // The path is taken by yet another fresh lock: that holder is the owner now.
    }
  }
  fs.rmSync(aside, { force: true });
}

function releaseLock(lockPath: string, token: string): void {
  const current = readIfExists(lockPath);
  // If we were slow enough to be judged stale, the lock now belongs to someone else.
  if (current && parseLock(current.text)?.token === token) fs.rmSync(lockPath, { force: true });
}

/** Runs `fn` holding the lock. */
export function withLock<T>(lockPath: string, fn: () => T, options?: LockOptions): T {
  const release = acquireLock(lockPath, options);
  try {
    return fn();
  } finally {
    release();
  }
}
