/**
 * The user's library: bookmarks, read state, reading positions and settings,
 * kept in one conf file. Every change is an operation applied, under a lock
 * file, to the file as it is on disk at that moment, so two readers open at
 * once merge their changes instead of overwriting each other's.
 */
import fs from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import type { Schema } from 'conf';
import { sanitizeLine, truncateLine } from '../sanitize/index.js';
import { withLock } from './lock.js';
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
  STORE_SCHEMA,
  STORE_VERSION,
  THEMES,
  migrateV1ToV2,
  stateFromStore,
  storeFromState,
} from './schema.js';
import type { Bookmark, LibraryState, SettingKey, Settings } from './schema.js';

type Raw = Record<string, unknown>;

/** A mistake the user can fix (bad setting value, note too long); the message is meant to be shown as is. */
export class LibraryError extends Error {
  override name = 'LibraryError';
}

export { CONFIG_DIR_ENV, CONFIG_FILE_NAME, defaultConfigDir } from './paths.js';

export interface OpenLibraryOptions {
  /** Overrides `BROADSHEET_CONFIG_DIR` and the default location. */
  configDir?: string;
  env?: NodeJS.ProcessEnv;
  lock?: LockOptions;
  /** For opening only (the reader: a short wait, as the terminal is already in raw mode); defaults to `lock`. */
  openLock?: LockOptions;
  /** Clock, for bookmark times and corrupt-file names. */
  now?: () => Date;
}

export interface OpenedLibrary {
  library: Library;
  /** Messages for the user (e.g. a corrupt file was moved aside). The library does not print. */
  warnings: string[];
}

/** A file conf would accept but we must not: JSON that is not an object (conf would turn `[1]` into `{"0": 1}`). */
class NotAnObjectError extends Error {}

function isInvalidStoreError(error: unknown): error is Error {
  if (error instanceof SyntaxError || error instanceof NotAnObjectError) return true;
  if (!(error instanceof Error)) return false;
  return (
    error.message.startsWith('Config schema violation:') ||
    error.message.startsWith('Something went wrong during the migration!')
  );
}

function describeInvalid(error: Error): string {
  if (error instanceof SyntaxError) return 'it is not valid JSON';
  if (error instanceof NotAnObjectError) return 'it does not match the expected format: not a JSON object';
  // ajv lists every violation; the first two are enough to find the problem.
  const problems = error.message.replace(/^Config schema violation: /, '').split('; ');
  const more = problems.length > 2 ? `; and ${problems.length - 2} more` : '';
  return `it does not match the expected format: ${truncateLine(problems.slice(0, 2).join('; '), 300)}${more}`;
}

function assertJsonObject(bytes: Buffer): void {
  const parsed: unknown = JSON.parse(bytes.toString('utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new NotAnObjectError();
}

function readBytesIfExists(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Keeps the user's bad file under a new name (its original bytes: conf's
 * migration may already have rewritten it) and removes it, so the library
 * can start from defaults. Returns the message for the user.
 */
function moveAside(file: string, original: Buffer | undefined, error: Error, now: Date): string {
  const base = `${file}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  let aside = base;
  for (let attempt = 1; ; attempt += 1) {
    try {
      if (original) fs.writeFileSync(aside, original, { flag: 'wx' });
      else fs.renameSync(file, aside);
      break;
    } catch (writeError) {
      if ((writeError as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 100) throw writeError;
      aside = `${base}-${attempt}`;
    }
  }
  fs.rmSync(file, { force: true });
  return (
    `Your library file ${file} could not be read (${describeInvalid(error)}). ` +
    `It was moved to ${aside} and Broadsheet started with an empty library; your old bookmarks are still in that file.`
  );
}

function createConf(configDir: string): Conf<Raw> {
  return new Conf<Raw>({
    projectName: 'broadsheet',
    cwd: configDir,
    configName: 'config',
    schema: STORE_SCHEMA as unknown as Schema<Raw>,
    // The schema is a constant, checked against the JSON Schema meta-schema by the tests:
    // not re-checking it on every start saves ~20 ms of the reader's start-up.
    ajvOptions: { validateSchema: false },
    projectVersion: STORE_VERSION,
    migrations: {
      '2.0.0': (store) => {
        store.store = migrateV1ToV2(store.store);
      },
    },
    // Ids are never used as keys, but a stray `get('a.b')` should not walk into nested objects either.
    accessPropertiesByDotNotation: false,
  });
}

/** Identifies one version of the file; every write is a rename, so the inode changes too. */
function stampOf(file: string): string | undefined {
  try {
    const stat = fs.statSync(file, { bigint: true });
    return `${stat.ino}:${stat.mtimeNs}:${stat.size}`;
  } catch {
    return undefined;
  }
}

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

/** Checks a setting value, with a message for the user; conf's schema check is the backstop. */
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
  readonly #conf: Conf<Raw>;
  readonly #lockPath: string;
  readonly #lockOptions: LockOptions | undefined;
  readonly #now: () => Date;
  #state: LibraryState;
  #bookmarkIds: Set<string>;
  #stamp: string | undefined;
  #lockDepth = 0;
  #warnings: string[] = [];

  constructor(conf: Conf<Raw>, options: { lock?: LockOptions; now?: () => Date } = {}) {
    this.#conf = conf;
    this.path = conf.path;
    this.#lockPath = `${conf.path}.lock`;
    this.#lockOptions = options.lock;
    this.#now = options.now ?? (() => new Date());
    this.#stamp = stampOf(this.path);
    this.#state = stateFromStore(this.#readStore());
    this.#bookmarkIds = new Set(this.#state.bookmarks.map((bookmark) => bookmark.id));
  }

  /**
   * Applies `change` to the library as it is on disk now and writes the
   * result atomically, holding the lock: the only way anything is written.
   * If `change` throws, nothing is written. Keep it short: other readers wait for it.
   */
  update<T>(change: (state: LibraryState) => T): T {
    return this.#locked(() => {
      const store = this.#readStore();
      const state = stateFromStore(store);
      const result = change(state);
      this.#conf.store = storeFromState(state, store);
      this.#setState(state, stampOf(this.path));
      return result;
    });
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

  isBookmarked(id: string): boolean {
    this.#fresh();
    return this.#bookmarkIds.has(id);
  }

  /** Adds the bookmark, or updates its note if it exists and a note is given. */
  addBookmark(article: BookmarkableArticle, note?: string): void {
    const entry = this.#newBookmark(article, note);
    this.update((state) => {
      const existing = state.bookmarks.find((bookmark) => bookmark.id === article.id);
      if (!existing) state.bookmarks.push(entry);
      else if (entry.note !== undefined) existing.note = entry.note;
    });
  }

  /** Returns whether the article is bookmarked afterwards. */
  toggleBookmark(article: BookmarkableArticle, note?: string): boolean {
    const entry = this.#newBookmark(article, note);
    return this.update((state) => {
      const index = state.bookmarks.findIndex((bookmark) => bookmark.id === article.id);
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
      const index = state.bookmarks.findIndex((bookmark) => bookmark.id === id);
      if (index >= 0) state.bookmarks.splice(index, 1);
      return index >= 0;
    });
  }

  /** Sets (or, with an empty note, clears) a bookmark's note; returns false if there is no such bookmark. */
  setNote(id: string, note: string): boolean {
    const clean = normaliseNote(note);
    return this.update((state) => {
      const bookmark = state.bookmarks.find((entry) => entry.id === id);
      if (!bookmark) return false;
      if (clean === undefined) delete bookmark.note;
      else bookmark.note = clean;
      return true;
    });
  }

  /** Newest first, strings sanitised for display (the id is left as is: it is a key). */
  bookmarks(): Bookmark[] {
    return this.#fresh().bookmarks.slice().reverse().map(sanitizeBookmark);
  }

  /**
   * Matches the bookmarks to the archive's articles (see resolveBookmarks)
   * and saves what changed: new ids of moved articles, fingerprints of
   * bookmarks migrated without one, current headlines. Newest first.
   */
  reconcile(articles: ArticleLookup): ResolvedBookmark[] {
    const list = articles;
    const current = this.#fresh().bookmarks;
    let resolved = resolveBookmarks(current, list);
    const changed = resolved.some((entry, index) => JSON.stringify(entry.bookmark) !== JSON.stringify(current[index]));
    if (changed) {
      resolved = this.update((state) => {
        const fresh = resolveBookmarks(state.bookmarks, list);
        state.bookmarks = fresh.map((entry) => entry.bookmark);
        return fresh;
      });
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
    const clean = normaliseNote(note);
    if (clean !== undefined) entry.note = clean;
    return entry;
  }

  #setState(state: LibraryState, stamp: string | undefined): void {
    this.#state = state;
    this.#bookmarkIds = new Set(state.bookmarks.map((bookmark) => bookmark.id));
    this.#stamp = stamp;
  }

  /** The cached state, re-read first if another process (or person) changed the file. */
  #fresh(): LibraryState {
    const stamp = stampOf(this.path);
    if (stamp === undefined || stamp !== this.#stamp) this.#setState(stateFromStore(this.#readStore()), stamp);
    return this.#state;
  }

  #locked<T>(fn: () => T): T {
    if (this.#lockDepth > 0) return fn();
    return withLock(
      this.#lockPath,
      () => {
        this.#lockDepth += 1;
        try {
          return fn();
        } finally {
          this.#lockDepth -= 1;
        }
      },
      this.#lockOptions,
    );
  }

  /** The file's content, validated; a file made invalid since opening is moved aside and replaced by defaults. */
  #readStore(): Raw {
    try {
      return this.#conf.store;
    } catch (error) {
      if (!isInvalidStoreError(error)) throw error;
    }
    return this.#locked(() => {
      const original = readBytesIfExists(this.path);
      try {
        return this.#conf.store;
      } catch (error) {
        if (!isInvalidStoreError(error)) throw error;
        this.#warnings.push(moveAside(this.path, original, error, this.#now()));
        const fresh: Raw = { ...structuredClone(STORE_DEFAULTS), __internal__: { migrations: { version: STORE_VERSION } } };
        this.#conf.store = fresh;
        return fresh;
      }
    });
  }
}

/**
 * Opens (creating, migrating or, if it is unreadable, moving aside and
 * recreating) the library file in `configDir`, else `$BROADSHEET_CONFIG_DIR`,
 * else the platform's config directory (`~/.config/broadsheet` on Linux; a
 * library in the old `broadsheet-nodejs` folder is moved there first).
 */
export function openLibrary(options: OpenLibraryOptions = {}): OpenedLibrary {
  const env = options.env ?? process.env;
  const now = options.now ?? (() => new Date());
  // Once per user: a library left by a version before 0.2 moves to the folder's new name.
  const moved = options.configDir === undefined ? migrateLegacyConfigDir(env) : undefined;
  const configDir = path.resolve(options.configDir ?? configDirFrom(env));
  fs.mkdirSync(configDir, { recursive: true });
  const file = path.join(configDir, CONFIG_FILE_NAME);
  const warnings: string[] = moved ? [moved] : [];
  // Opening may write (defaults, migrations), so it takes the lock too.
  const conf = withLock(
    `${file}.lock`,
    () => {
      const original = readBytesIfExists(file);
      try {
        if (original) assertJsonObject(original);
        return createConf(configDir);
      } catch (error) {
        if (!isInvalidStoreError(error)) throw error;
        warnings.push(moveAside(file, original, error, now()));
        return createConf(configDir);
      }
    },
    options.openLock ?? options.lock,
  );
  const libraryOptions: { lock?: LockOptions; now?: () => Date } = { now };
  if (options.lock) libraryOptions.lock = options.lock;
  return { library: new Library(conf, libraryOptions), warnings };
}
