/**
 * A lock file that serialises read-modify-write of the library file between
 * processes.
 *
 * The lock file holds `pid host time token start`, written whole before it
 * appears (a temp file hard-linked into place), so a lock file is never seen
 * half-written. A lock is taken over only when its holder is dead: a process
 * on this host that no longer runs (or whose pid now belongs to a process
 * started at another time). A live holder keeps its lock however long it
 * holds it, stopped (Ctrl-Z, SIGSTOP) or not: taking it over let a resumed
 * writer rename its stale copy over everything written meanwhile. A holder on
 * another host cannot be checked and is waited for; the timeout message says
 * which file to remove. Waiting comes in two forms: `acquireLock` blocks the
 * thread (the command line), `acquireLockAsync` does not (the reader, whose
 * keys and Ctrl-C must keep working).
 */
import fs from 'node:fs';
import os from 'node:os';
import { randomBytes } from 'node:crypto';

export interface LockOptions {
  /** Give up after waiting this long for a live holder (milliseconds). */
  timeoutMs?: number;
  /** Ignored: a live holder's lock is never taken over, however old it is. Kept so old callers still compile. */
  staleMs?: number;
}

/** How long a command waits for another Broadsheet's lock before giving up. */
export const DEFAULT_LOCK_TIMEOUT_MS = 30_000;

export class LockTimeoutError extends Error {
  override name = 'LockTimeoutError';
  constructor(
    message: string,
    /** The holder's process id, when the lock file names one. */
    readonly holderPid?: number,
  ) {
    super(message);
  }
}

const sleepCell = new Int32Array(new SharedArrayBuffer(4));
function sleepSync(ms: number): void {
  Atomics.wait(sleepCell, 0, 0, ms);
}

interface LockInfo {
  pid: number;
  host: string;
  /** When the process started (Linux: clock ticks after boot, from /proc); '-' if unknown. */
  start: string;
  token: string;
}

/**
 * Parses a lock file: `pid host time token start`. The first four fields are
 * what earlier versions wrote (and read: they ignore the fifth), so both can
 * share a library during an upgrade.
 */
export function parseLock(text: string): LockInfo | undefined {
  const fields = text.trim().split(' ');
  if (fields.length !== 4 && fields.length !== 5) return undefined;
  const [pid, host, , token, start = '-'] = fields as [string, string, string, string, string?];
  if (!/^\d+$/.test(pid) || !host || !token) return undefined;
  return { pid: Number(pid), host, start, token };
}

/** The start time of a process, from /proc (Linux); undefined where there is no /proc or no such process. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
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

/** false only when the holder is known to be dead; a holder on another host is taken to be alive. */
function holderAlive(info: LockInfo): boolean {
  if (info.host !== os.hostname()) return true;
  if (!processIsAlive(info.pid)) return false;
  if (info.start === '-') return true;
  const start = processStartTime(info.pid);
  // The pid was given to a process started later: the holder is gone.
  return start === undefined || start === info.start;
}

/**
 * Whether a lock temp or set-aside file belongs to a process known to be
 * dead: by the pid in its name (`.new-PID-token`, `.stale-PID-…`), or by
 * the holder its text names.
 */
export function lockLeftoverOfDeadProcess(name: string, text: () => string): boolean {
  const pid = /\.(?:new|stale)-(\d+)-/.exec(name)?.[1];
  if (pid !== undefined && !processIsAlive(Number(pid))) return true;
  const info = parseLock(text());
  return info !== undefined && !holderAlive(info);
}

/**
 * Whether a lock file may be taken over. A file that does not parse was
 * left empty by a full disk or is being written by an older Broadsheet
 * (which wrote in two steps): taken over once it is a second old.
 */
function isStale(text: string, ageMs: number): boolean {
  const info = parseLock(text);
  if (!info) return ageMs > 1_000;
  return !holderAlive(info);
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

const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

/** Suffix of the temp file a lock is written to before it is linked into place. */
export const LOCK_TEMP_MARK = '.new-';

/**
 * Creates the lock file with its content, or returns false if it exists.
 * The content is written to a temp file first and hard-linked into place,
 * so the lock file never exists empty (a full disk fails the temp file).
 */
function tryCreate(lockPath: string, content: string, token: string): boolean {
  // The pid in the name lets a cleaner tell a dead waiter's temp from a live one's, even before it has content.
  const temp = `${lockPath}${LOCK_TEMP_MARK}${process.pid}-${token}`;
  try {
    fs.writeFileSync(temp, content, { flag: 'wx' });
    try {
      fs.linkSync(temp, lockPath);
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (code === 'EEXIST') return false;
      if (!NO_HARD_LINKS.has(code)) throw error;
    }
  } finally {
    fs.rmSync(temp, { force: true });
  }
  // A file system without hard links: create, then write; remove it again if the write fails.
  let fd: number;
  try {
    fd = fs.openSync(lockPath, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    fs.writeSync(fd, content);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(lockPath, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  return true;
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
  if (current && parseLock(current.text)?.token === token) fs.rmSync(lockPath, { force: true });
}

type Attempt = { release: () => void } | { holder: LockInfo | undefined };

let ownStart: string | undefined;

/** One try: take the lock, or take over a dead holder's; otherwise say who holds it. */
function attempt(lockPath: string): Attempt {
  const token = randomBytes(8).toString('hex');
  ownStart ??= processStartTime(process.pid) ?? '-';
  const content = `${process.pid} ${os.hostname()} ${Date.now()} ${token} ${ownStart}`;
  for (let tries = 0; tries < 5; tries++) {
    if (tryCreate(lockPath, content, token)) return { release: () => releaseLock(lockPath, token) };
    const holder = readIfExists(lockPath);
    if (!holder) continue; // released meanwhile: try again at once
    if (!isStale(holder.text, holder.ageMs)) return { holder: parseLock(holder.text) };
    breakStaleLock(lockPath, holder.text);
  }
  return { holder: undefined };
}

/** Takes the lock if it is free (or its holder is dead), without waiting; undefined if a live process holds it. */
export function tryLock(lockPath: string): (() => void) | undefined {
  const result = attempt(lockPath);
  return 'release' in result ? result.release : undefined;
}

function timeoutError(lockPath: string, holder: LockInfo | undefined): LockTimeoutError {
  const who = holder ? `process ${holder.pid}${holder.host === os.hostname() ? '' : ` on ${holder.host}`}` : 'process unknown';
  return new LockTimeoutError(`The library is locked by another Broadsheet (${who}); remove ${lockPath} if no other copy is running.`, holder?.pid);
}

/** Takes the lock, blocking this thread while a live holder has it; returns the function that releases it. */
export function acquireLock(lockPath: string, options: LockOptions = {}): () => void {
  const timeoutMs = options.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  const started = Date.now();
  let delay = 1;
  for (;;) {
    const result = attempt(lockPath);
    if ('release' in result) return result.release;
    if (Date.now() - started >= timeoutMs) throw timeoutError(lockPath, result.holder);
    sleepSync(Math.min(delay, Math.max(1, timeoutMs - (Date.now() - started))));
    delay = Math.min(delay * 2, 20);
  }
}

/**
 * Takes the lock without blocking the thread: keys, frames and signals go on
 * while a live holder has it. `onWait` is told who holds it, once, when the
 * first try fails.
 */
export async function acquireLockAsync(
  lockPath: string,
  options: LockOptions & { onWait?: (holderPid: number | undefined) => void; signal?: AbortSignal } = {},
): Promise<() => void> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  const started = Date.now();
  let delay = 2;
  let told = false;
  for (;;) {
    const result = attempt(lockPath);
    if ('release' in result) return result.release;
    if (!told) {
      told = true;
      options.onWait?.(result.holder?.pid);
    }
    if (Date.now() - started >= timeoutMs) throw timeoutError(lockPath, result.holder);
    if (options.signal?.aborted) throw new LockTimeoutError('Stopped waiting for the library.', result.holder?.pid);
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 25);
  }
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
