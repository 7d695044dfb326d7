/**
 * The user's library: bookmarks, read state, reading positions and settings,
 * kept in one JSON file. Every change is an operation applied, under a lock
 * file, to the file as it is on disk at that moment, and written only over
 * the version it was applied to (src/library/store-file.ts), so two readers
 * open at once merge their changes instead of overwriting each other's, and
 * a writer paused mid-change can never write back a stale copy.
 *
 * Reading never waits for the lock. A file with bad entries is repaired entry
 * by entry (src/library/schema.ts: repairStore) and backed up first; one that
 * is not JSON at all is moved aside. Failures to read or write come out as
 * LibraryUnavailableError, one line for the user.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sanitizeLine } from '../sanitize/index.js';
import { acquireLock, acquireLockAsync, LockTimeoutError, tryLock } from './lock.js';
import { CONFIG_FILE_NAME, configDirFrom, migrateLegacyConfigDir } from './paths.js';
import type { LockOptions } from './lock.js';
import { resolveBookmarks, type ArticleLookup } from './resolve.js';
import type { BookmarkableArticle, ResolvedBookmark } from './resolve.js';
import {
  DEFAULT_SETTINGS,
  MAX_NOTE_LENGTH,
  MAX_WIDTH_RANGE,
  SORT_ORDERS,
  STORE_DEFAULTS,
  STORE_VERSION,
  THEMES,
  repairStore,
  stateFromStore,
  storeFromState,
} from './schema.js';
import type { Bookmark, LibraryState, SettingKey, Settings } from './schema.js';
import { ChangedOnDiskError, cleanLeftovers, currentStamp, readVersion, writeVersion } from './store-file.js';
import type { FileVersion } from './store-file.js';

type Raw = Record<string, unknown>;

/** A mistake the user can fix (bad setting value, note too long); the message is meant to be shown as is. */
export class LibraryError extends Error {
  override name = 'LibraryError';
}

/**
 * The library file cannot be read or written: permissions, a read-only or
 * full disk, a lock another live Broadsheet does not release. One line, meant
 * to be shown as is.
 */
export class LibraryUnavailableError extends LibraryError {
  override name = 'LibraryUnavailableError';
  constructor(
    message: string,
    /** Why, in a few words, for a status line: `permission denied`, `the disk is full`, who holds the lock. */
    readonly reason: string = message,
  ) {
    super(message);
  }
}

export { CONFIG_DIR_ENV, CONFIG_FILE_NAME, defaultConfigDir } from './paths.js';

export interface OpenLibraryOptions {
  /** Overrides `BROADSHEET_CONFIG_DIR` and the default location. */
  configDir?: string;
  env?: NodeJS.ProcessEnv;
  /** How long a write waits for another Broadsheet's lock (default 30 s). */
  lock?: LockOptions;
  /** Ignored: opening reads without the lock and never waits (repairs wait for the next write). */
  openLock?: LockOptions;
  /** Clock, for bookmark times and the names of backups. */
  now?: () => Date;
}

export interface OpenedLibrary {
  library: Library;
  /** Messages for the user (e.g. a corrupt file was moved aside). The library does not print. */
  warnings: string[];
}

/** One line a user can act on, for a failed read or write of the library file. */
function describeFailure(error: unknown): string {
  if (error instanceof LockTimeoutError) return error.message;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the disk is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EDQUOT':
      return 'the disk quota is used up';
    case 'ENOENT':
      return 'its folder does not exist';
    case 'ENOTDIR':
      return 'a file stands where its folder should be';
    case 'EISDIR':
      return 'it is a folder';
    case 'EIO':
      return 'input/output error';
    default:
      return sanitizeLine(code ?? String((error as Error)?.message ?? error));
  }
}

function unavailable(action: 'read' | 'save to', file: string, error: unknown): LibraryError {
  if (error instanceof LibraryError) return error;
  const why = describeFailure(error);
  if (error instanceof LockTimeoutError) {
    const who = error.holderPid === undefined ? 'another Broadsheet' : `another Broadsheet (process ${error.holderPid})`;
    return new LibraryUnavailableError(why, `the library is locked by ${who}`);
  }
  return new LibraryUnavailableError(`Cannot ${action} your library ${sanitizeLine(file)}: ${why}.`, why);
}

/** The file as text: tab-indented JSON, as conf (which wrote it first) wrote it. */
function serialize(store: Raw): string {
  return `${JSON.stringify(store, undefined, '\t')}\n`;
}

const timestamp = (now: Date): string => now.toISOString().replace(/[:.]/g, '-');

/** Writes `bytes` to `<file>.<kind>-<time>` (a new name, never over another); returns the path. */
function keepCopy(file: string, kind: 'corrupt' | 'backup', bytes: Buffer, now: Date): string {
  const base = `${file}.${kind}-${timestamp(now)}`;
  for (let attempt = 0; ; attempt += 1) {
    const name = attempt === 0 ? base : `${base}-${attempt}`;
    try {
      fs.writeFileSync(name, bytes, { flag: 'wx' });
      return name;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 100) throw error;
    }
  }
}

/** Lists at most ten problems, then how many more (the backup has them all). */
function listProblems(problems: readonly string[]): string {
  const shown = problems.slice(0, 10).join('; ');
  return problems.length > 10 ? `${shown}; and ${problems.length - 10} more` : shown;
}

/** What one version of the file holds, checked. */
interface Loaded {
  version: FileVersion;
  store: Raw;
  /** Not JSON, or not an object: nothing in it can be used. */
  unusable?: string;
  problems: string[];
  migrated: boolean;
}

function defaultStore(): Raw {
  return { ...structuredClone(STORE_DEFAULTS), __internal__: { migrations: { version: STORE_VERSION } } };
}

function load(version: FileVersion, now: Date): Loaded {
  if (version.bytes === undefined) return { version, store: defaultStore(), problems: [], migrated: false };
  let parsed: unknown;
  try {
    parsed = JSON.parse(version.bytes.toString('utf8'));
  } catch {
    return { version, store: defaultStore(), unusable: 'it is not valid JSON', problems: [], migrated: false };
  }
  const repaired = repairStore(parsed, now);
  if (!repaired) return { version, store: defaultStore(), unusable: 'it does not match the expected format: not a JSON object', problems: [], migrated: false };
  return { version, ...repaired };
}

const needsWrite = (loaded: Loaded): boolean => loaded.unusable !== undefined || loaded.problems.length > 0 || loaded.migrated;

/** The stored strings may have been edited by anyone: clean them before they reach a terminal. */
function sanitizeBookmark(bookmark: Bookmark): Bookmark {
  const clean: Bookmark = {
    ...bookmark,
    headline: sanitizeLine(bookmark.headline),
    date: sanitizeLine(bookmark.date),
    relPath: sanitizeLine(bookmark.relPath),
  };
  if (bookmark.note !== undefined) clean.note = sanitizeLine(bookmark.note);
  return clean;
}

function normaliseNote(note: string | undefined): string | undefined {
  if (note === undefined) return undefined;
  const clean = sanitizeLine(note).trim();
  if (clean.length > MAX_NOTE_LENGTH) {
    throw new LibraryError(`A note can be at most ${MAX_NOTE_LENGTH} characters (this one has ${clean.length}).`);
  }
  return clean === '' ? undefined : clean;
}

/** Checks a setting value, with a message for the user; repairStore is the backstop for values edited into the file. */
export function validateSetting<K extends SettingKey>(key: K, value: Settings[K] | undefined): void {
  const fail = (expected: string): never => {
    throw new LibraryError(`Invalid value for ${key}: expected ${expected}.`);
  };
  if (value === undefined) {
    if (key in DEFAULT_SETTINGS) fail('a value (it has no "unset")');
    return;
  }
  switch (key) {
    case 'sort':
      if (!(SORT_ORDERS as readonly unknown[]).includes(value)) fail(SORT_ORDERS.join(' or '));
      break;
    case 'theme':
      if (!(THEMES as readonly unknown[]).includes(value)) fail(THEMES.join(', '));
      break;
    case 'maxWidth':
      if (!Number.isInteger(value) || (value as number) < MAX_WIDTH_RANGE.min || (value as number) > MAX_WIDTH_RANGE.max) {
        fail(`a whole number from ${MAX_WIDTH_RANGE.min} to ${MAX_WIDTH_RANGE.max}`);
      }
      break;
    default:
      if (typeof value !== 'string' || value === '') fail('a non-empty string');
  }
}

export class Library {
  /** Absolute path of the library file. */
  readonly path: string;
  readonly #lockPath: string;
  readonly #lockOptions: LockOptions | undefined;
  readonly #now: () => Date;
  #state: LibraryState;
  #bookmarkIds: Set<string>;
  /** The archive this library answers for (its folder): bookmarks are this archive's. Unset: all, as before 0.2. */
  #archive: string | undefined;
  /** The stamp of the version #state was read from. */
  #stamp: string | undefined;
  #lockDepth = 0;
  #warnings: string[] = [];
  /** Versions already reported as needing repair (each is reported once). */
  readonly #reported = new Set<string>();

  /** Reads `file` (see openLibrary); throws LibraryUnavailableError if it cannot be read. */
  constructor(file: string, options: { lock?: LockOptions; now?: () => Date } = {}) {
    this.path = file;
    this.#lockPath = `${file}.lock`;
    this.#lockOptions = options.lock;
    this.#now = options.now ?? (() => new Date());
    this.#state = stateFromStore(defaultStore());
    this.#bookmarkIds = new Set();
    this.#fresh();
  }

  /**
   * Applies `change` to the library as it is on disk now and writes the
   * result atomically, holding the lock: the only way anything is written.
   * If the file changed between the read and the write (someone edited it,
   * or an older Broadsheet wrote without waiting), the change is applied
   * again to the new version. If `change` throws, nothing is written. Keep it
   * short and pure: other readers wait for it, and it may run more than once.
   * Waits for another Broadsheet's lock blocking the thread: the reader
   * calls it inside `transaction`, which waits without blocking.
   */
  update<T>(change: (state: LibraryState) => T): T {
    return this.#locked(() => {
      for (let attempt = 1; ; attempt += 1) {
        const loaded = this.#loadForWrite();
        const state = stateFromStore(loaded.store);
        const result = change(state);
        try {
          const stamp = writeVersion(this.path, serialize(storeFromState(state, loaded.store)), loaded.version.stamp);
          this.#setState(state, stamp);
          return result;
        } catch (error) {
          if (error instanceof ChangedOnDiskError && attempt < 10) continue;
          if (error instanceof ChangedOnDiskError) {
            throw new LibraryUnavailableError(`Not saved: your library ${sanitizeLine(this.path)} kept changing while it was being written.`, 'the library file kept changing');
          }
          throw unavailable('save to', this.path, error);
        }
      }
    });
  }

  /**
   * Runs `fn` holding the lock, waiting for it without blocking the thread
   * (keys, frames and Ctrl-C go on meanwhile): the reader's way to write.
   * Calls to update() inside `fn` use the lock taken here. `onWait` hears who
   * holds the lock when it is not free at once.
   */
  async transaction<T>(fn: () => T, options: { onWait?: (holderPid: number | undefined) => void; timeoutMs?: number } = {}): Promise<T> {
    let release: () => void;
    try {
      const timeoutMs = options.timeoutMs ?? this.#lockOptions?.timeoutMs;
      release = await acquireLockAsync(this.#lockPath, { ...(timeoutMs === undefined ? {} : { timeoutMs }), ...(options.onWait ? { onWait: options.onWait } : {}) });
    } catch (error) {
      throw unavailable('save to', this.path, error);
    }
    this.#lockDepth += 1;
    try {
      this.#maintain();
      return fn();
    } finally {
      this.#lockDepth -= 1;
      release();
    }
  }

  /** Re-reads the file now (normally done only when its stamp changed). */
  refresh(): void {
    this.#stamp = undefined;
    this.#fresh();
  }

  /** Problems found after opening (another program corrupted the file); each is returned once. */
  takeWarnings(): string[] {
    const warnings = this.#warnings;
    this.#warnings = [];
    return warnings;
  }

  // Bookmarks

  /**
   * Scopes the bookmarks to the archive at `root` (absolute): from here on
   * they are that archive's (the same id in another archive is another
   * article). Bookmarks made before 0.2 have no archive; claimBookmarks
   * gives them the one they resolve in.
   */
  useArchive(root: string): this {
    this.#archive = root;
    this.#stamp = undefined;
    this.#fresh();
    return this;
  }

  get archive(): string | undefined {
    return this.#archive;
  }

  /** Bookmarks from before 0.2 this archive claimed in this session (by id and time added), saved or not. */
  readonly #claimed = new Set<string>();

  /** Whether a bookmark is this archive's (all are when no archive is set). */
  #mine(bookmark: Bookmark): boolean {
    if (this.#archive === undefined || bookmark.archive === this.#archive) return true;
    return bookmark.archive === undefined && this.#claimed.has(`${bookmark.id}\u0000${bookmark.addedAt}`);
  }

  /**
   * Bookmarks from before 0.2 (no archive) that resolve in this archive
   * (by id and fingerprint, or followed to a moved file) become this
   * archive's: they stay with the archive they were made in. Those that
   * resolve nowhere here stay unclaimed, listed under all archives. Returns
   * how many were claimed.
   */
  claimBookmarks(articles: ArticleLookup): number {
    const root = this.#archive;
    if (root === undefined) return 0;
    const unclaimed = (bookmarks: readonly Bookmark[]): Bookmark[] => bookmarks.filter((bookmark) => bookmark.archive === undefined);
    const resolvable = (bookmarks: readonly Bookmark[]): Set<Bookmark> => {
      const candidates = unclaimed(bookmarks);
      const resolved = resolveBookmarks(candidates, articles);
      return new Set(candidates.filter((_, index) => resolved[index]!.status !== 'missing'));
    };
    const found = resolvable(this.#fresh().bookmarks);
    if (found.size === 0) return 0;
    // This archive's from now on, even if the claim cannot be saved (a library that cannot be written).
    for (const bookmark of found) this.#claimed.add(`${bookmark.id}\u0000${bookmark.addedAt}`);
    this.#setState(this.#state, this.#stamp);
    return this.update((state) => {
      const claim = resolvable(state.bookmarks);
      for (const bookmark of claim) bookmark.archive = root;
      return claim.size;
    });
  }

  isBookmarked(id: string): boolean {
    this.#fresh();
    return this.#bookmarkIds.has(id);
  }

  /** Adds the bookmark, or updates its note if it exists and a note is given. */
  addBookmark(article: BookmarkableArticle, note?: string): void {
    const entry = this.#newBookmark(article, note);
    this.update((state) => {
      const existing = state.bookmarks.find((bookmark) => bookmark.id === article.id && this.#mine(bookmark));
      if (!existing) state.bookmarks.push(entry);
      else if (entry.note !== undefined) existing.note = entry.note;
    });
  }

  /** Returns whether the article is bookmarked afterwards. */
  toggleBookmark(article: BookmarkableArticle, note?: string): boolean {
    const entry = this.#newBookmark(article, note);
    return this.update((state) => {
      const index = state.bookmarks.findIndex((bookmark) => bookmark.id === article.id && this.#mine(bookmark));
      if (index >= 0) {
        state.bookmarks.splice(index, 1);
        return false;
      }
      state.bookmarks.push(entry);
      return true;
    });
  }

  /** Returns whether there was such a bookmark. */
  removeBookmark(id: string): boolean {
    if (!this.isBookmarked(id)) return false;
    return this.update((state) => {
      const index = state.bookmarks.findIndex((bookmark) => bookmark.id === id && this.#mine(bookmark));
      if (index >= 0) state.bookmarks.splice(index, 1);
      return index >= 0;
    });
  }

  /** Sets (or, with an empty note, clears) a bookmark's note; returns false if there is no such bookmark. */
  setNote(id: string, note: string): boolean {
    const clean = normaliseNote(note);
    return this.update((state) => {
      const bookmark = state.bookmarks.find((entry) => entry.id === id && this.#mine(entry));
      if (!bookmark) return false;
      if (clean === undefined) delete bookmark.note;
      else bookmark.note = clean;
      return true;
    });
  }

  /** This archive's, newest first, strings sanitised for display (the id is left as is: it is a key). */
  bookmarks(): Bookmark[] {
    return this.#fresh().bookmarks.filter((bookmark) => this.#mine(bookmark)).reverse().map(sanitizeBookmark);
  }

  /** Every archive's (and unclaimed ones from before 0.2), newest first. */
  allBookmarks(): Bookmark[] {
    return this.#fresh().bookmarks.slice().reverse().map(sanitizeBookmark);
  }

  /**
   * Matches the bookmarks to the archive's articles (see resolveBookmarks)
   * and saves what changed: new ids of moved articles, fingerprints of
   * bookmarks migrated without one, current headlines. Newest first.
   * `save: false` only matches (reading, never waiting for the lock).
   */
  reconcile(articles: ArticleLookup, options: { save?: boolean } = {}): ResolvedBookmark[] {
    const list = articles;
    const current = this.#fresh().bookmarks.filter((bookmark) => this.#mine(bookmark));
    let resolved = resolveBookmarks(current, list);
    const changed = resolved.some((entry, index) => JSON.stringify(entry.bookmark) !== JSON.stringify(current[index]));
    if (changed && options.save !== false) {
      try {
        resolved = this.update((state) => {
          // This archive's are matched again; the others' stay as they are, in their places.
          const mine = state.bookmarks.filter((bookmark) => this.#mine(bookmark));
          const fresh = resolveBookmarks(mine, list);
          const replaced = new Map(mine.map((bookmark, index) => [bookmark, fresh[index]!.bookmark]));
          state.bookmarks = state.bookmarks.map((bookmark) => replaced.get(bookmark) ?? bookmark);
          return fresh;
        });
      } catch (error) {
        // Saving the match is a shortcut for next time, not what was asked for: listing works on a
        // library that cannot be written (or is locked), and the match is made again next time.
        if (!(error instanceof LibraryUnavailableError)) throw error;
      }
    }
    return resolved.reverse().map((entry) => ({ ...entry, bookmark: sanitizeBookmark(entry.bookmark) }));
  }

  // Read state and positions

  isRead(id: string): boolean {
    return this.#fresh().read.has(id);
  }

  /** All read ids, for filtering many articles with one freshness check. */
  readIds(): ReadonlySet<string> {
    return this.#fresh().read;
  }

  markRead(id: string): void {
    if (this.isRead(id)) return; // re-opening an article should not rewrite the file
    this.update((state) => {
      state.read.add(id);
    });
  }

  markUnread(id: string): void {
    if (!this.isRead(id)) return;
    this.update((state) => {
      state.read.delete(id);
    });
  }

  /** Returns whether the article is read afterwards. */
  toggleRead(id: string): boolean {
    return this.update((state) => {
      if (state.read.delete(id)) return false;
      state.read.add(id);
      return true;
    });
  }

  /** The line the reader left the article at; 0 if never opened. */
  position(id: string): number {
    return this.#fresh().positions.get(id) ?? 0;
  }

  setPosition(id: string, line: number): void {
    if (!Number.isInteger(line) || line < 0) throw new LibraryError(`A position must be a whole number of lines, not ${line}.`);
    if (this.position(id) === line) return;
    this.update((state) => {
      // Delete first so the entry moves to the end: the most recent survive the cap.
      state.positions.delete(id);
      if (line > 0) state.positions.set(id, line);
    });
  }

  // Settings (raw values for the program; sanitise before display)

  get<K extends SettingKey>(key: K): Settings[K] {
    return this.#fresh().settings[key];
  }

  /** `undefined` clears an optional setting (lastSelected, archivePath). Throws LibraryError on an invalid value. */
  set<K extends SettingKey>(key: K, value: Settings[K] | undefined): void {
    validateSetting(key, value);
    this.update((state) => {
      if (value === undefined) delete state.settings[key];
      else state.settings[key] = value;
    });
  }

  settings(): Settings {
    return { ...this.#fresh().settings };
  }

  // Internals

  #newBookmark(article: BookmarkableArticle, note: string | undefined): Bookmark {
    const entry: Bookmark = {
      id: article.id,
      fingerprint: article.fingerprint,
      headline: article.headline,
      date: article.date,
      relPath: article.relPath,
      addedAt: this.#now().toISOString(),
    };
    if (this.#archive !== undefined) entry.archive = this.#archive;
    if (article.url !== undefined) entry.url = article.url;
    const clean = normaliseNote(note);
    if (clean !== undefined) entry.note = clean;
    return entry;
  }

  #setState(state: LibraryState, stamp: string | undefined): void {
    this.#state = state;
    this.#bookmarkIds = new Set(state.bookmarks.filter((bookmark) => this.#mine(bookmark)).map((bookmark) => bookmark.id));
    this.#stamp = stamp;
  }

  /**
   * The cached state, re-read first if another process (or person) changed
   * the file. Never waits for the lock: a file that needs repair is repaired
   * now if the lock is free, else at the next write; meanwhile the repaired
   * content is used.
   */
  #fresh(): LibraryState {
    let stamp: string;
    let loaded: Loaded;
    try {
      stamp = currentStamp(this.path);
      if (stamp === this.#stamp) return this.#state;
      loaded = load(readVersion(this.path), this.#now());
    } catch (error) {
      throw unavailable('read', this.path, error);
    }
    if (needsWrite(loaded) && this.#lockDepth === 0) {
      const release = tryLockQuietly(this.#lockPath);
      if (release) {
        this.#lockDepth += 1;
        try {
          loaded = this.#loadForWrite();
        } catch {
          // Cannot write here (a read-only folder): the repaired content is still good to read.
        } finally {
          this.#lockDepth -= 1;
          release();
        }
      }
    }
    if (needsWrite(loaded) && !this.#reported.has(loaded.version.stamp) && (loaded.unusable !== undefined || loaded.problems.length > 0)) {
      // Not repaired on disk yet: say what is left out until it is.
      this.#reported.add(loaded.version.stamp);
      this.#warnings.push(
        loaded.unusable !== undefined
          ? `Your library file ${this.path} could not be read (${loaded.unusable}); Broadsheet is using an empty library. The file is moved aside at the next change, and is kept.`
          : `Your library file ${this.path} has entries this version cannot use, left out for now: ${listProblems(loaded.problems)}. The file is repaired, and backed up first, at the next change.`,
      );
    }
    this.#setState(stateFromStore(loaded.store), loaded.version.stamp);
    return this.#state;
  }

  /**
   * The file as it is now, checked, for a change to be applied to; call
   * holding the lock. A file that needs it is repaired on disk first, and
   * the user told: one that is not JSON is kept aside whole, one with bad
   * entries is backed up, then rewritten with everything valid in it.
   */
  #loadForWrite(): Loaded {
    for (let attempt = 1; ; attempt += 1) {
      const now = this.#now();
      const loaded = load(readVersion(this.path), now);
      if (!needsWrite(loaded)) return loaded;
      const original = loaded.version.bytes!;
      let warning: string | undefined;
      if (loaded.unusable !== undefined) {
        const aside = keepCopy(this.path, 'corrupt', original, now);
        warning = `Your library file ${this.path} could not be read (${loaded.unusable}). It was moved to ${aside} and Broadsheet started with an empty library; your old bookmarks are still in that file.`;
      } else if (loaded.problems.length > 0) {
        const backup = keepCopy(this.path, 'backup', original, now);
        warning = `Your library file ${this.path} had entries this version cannot use: ${listProblems(loaded.problems)}. They were left out and everything else was kept; the file as it was is saved as ${backup}.`;
      }
      try {
        const stamp = writeVersion(this.path, serialize(loaded.store), loaded.version.stamp);
        if (warning) this.#warnings.push(warning);
        this.#reported.add(stamp);
        return { version: { bytes: Buffer.from(serialize(loaded.store)), stamp }, store: loaded.store, problems: [], migrated: false };
      } catch (error) {
        if (!(error instanceof ChangedOnDiskError) || attempt >= 10) throw error;
      }
    }
  }

  /** Holding the lock: removes what writers killed mid-write left behind. */
  #maintain(): void {
    cleanLeftovers(this.path);
  }

  #locked<T>(fn: () => T): T {
    if (this.#lockDepth > 0) return fn();
    let release: () => void;
    try {
      release = acquireLock(this.#lockPath, this.#lockOptions);
    } catch (error) {
      throw unavailable('save to', this.path, error);
    }
    this.#lockDepth += 1;
    try {
      this.#maintain();
      return fn();
    } finally {
      this.#lockDepth -= 1;
      release();
    }
  }
}

/** The lock if it is free, without waiting; a lock that cannot even be tried (a read-only folder) counts as taken. */
function tryLockQuietly(lockPath: string): (() => void) | undefined {
  try {
    return tryLock(lockPath);
  } catch {
    return undefined;
  }
}

/**
 * Opens the library file in `configDir`, else `$BROADSHEET_CONFIG_DIR`, else
 * the platform's config directory (`~/.config/broadsheet` on Linux; a
 * library in the old `broadsheet-nodejs` folder is moved there first).
 * Never waits for another Broadsheet's lock: reading needs none. When the
 * lock is free it also tidies up: repairs or migrates the file (backing it
 * up first) and removes temp files killed writers left. Throws
 * LibraryUnavailableError when the file exists but cannot be read.
 */
export function openLibrary(options: OpenLibraryOptions = {}): OpenedLibrary {
  const env = options.env ?? process.env;
  const now = options.now ?? (() => new Date());
  // Once per user: a library left by a version before 0.2 moves to the folder's new name.
  const moved = options.configDir === undefined ? migrateLegacyConfigDir(env) : undefined;
  const configDir = path.resolve(options.configDir ?? configDirFrom(env));
  const file = path.join(configDir, CONFIG_FILE_NAME);
  try {
    fs.mkdirSync(configDir, { recursive: true });
  } catch {
    // A folder we cannot create: reading finds no file (an empty library); saving says why it cannot.
  }
  const libraryOptions: { lock?: LockOptions; now?: () => Date } = { now };
  if (options.lock) libraryOptions.lock = options.lock;
  const library = new Library(file, libraryOptions);
  const release = tryLockQuietly(`${file}.lock`);
  if (release) {
    try {
      cleanLeftovers(file);
    } finally {
      release();
    }
  }
  return { library, warnings: [...(moved ? [moved] : []), ...library.takeWarnings()] };
}
