/**
 * The shape of the library file (config.json), its JSON schema and its
 * migrations. Pure: no file I/O here.
 *
 * Article ids come from file names the user controls, so they are only ever
 * stored as VALUES (array entries, `id` fields), never as object keys or
 * dot-paths: `__proto__`, `constructor` and `a.b.c` are then just strings.
 *
 * A file is checked field by field (`repairStore`): a bad entry or setting is
 * repaired or left out on its own, and everything valid is kept.
 */
import { sanitizeLine, truncateLine } from '../sanitize/index.js';

/** Store format version, kept in the file as `__internal__.migrations.version` (where conf, which wrote it first, kept it). */
export const STORE_VERSION = '2.0.0';

export const SORT_ORDERS = ['date', 'title'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export const THEMES = ['dark', 'light', 'mono'] as const;
export type Theme = (typeof THEMES)[number];

export const MAX_WIDTH_RANGE = { min: 20, max: 1000 } as const;
export const MAX_NOTE_LENGTH = 500;
/**
 * Reading positions kept, most recent first. A position is only useful for an
 * article the reader may come back to; the cap bounds the file however much is read.
 */
export const MAX_POSITIONS = 10_000;

export interface Bookmark {
  /** Article id when bookmarked (re-keyed when the file moves, see resolveBookmarks). */
  id: string;
  /** sha256 of headline + first paragraph, 16 hex digits. Absent for bookmarks migrated from version 1. */
  fingerprint?: string;
  headline: string;
  date: string;
  relPath: string;
  note?: string;
  /** ISO timestamp. */
  addedAt: string;
  /**
   * The archive it was made in (its folder, absolute): each archive lists its
   * own. Absent for bookmarks from before 0.2, until an archive claims them
   * (the one where they resolve; see Library.claimBookmarks).
   */
  archive?: string;
  /** The article's source URL, when it has one (for exports). */
  url?: string;
}

export interface Settings {
  sort: SortOrder;
  lastSelected?: string;
  archivePath?: string;
  theme: Theme;
  maxWidth: number;
}

export type SettingKey = keyof Settings;
export const SETTING_KEYS: readonly SettingKey[] = ['sort', 'lastSelected', 'archivePath', 'theme', 'maxWidth'];

export const DEFAULT_SETTINGS: Readonly<Settings> = { sort: 'date', theme: 'dark', maxWidth: 80 };

/** The library as the program works with it; `bookmarks` is in the order they were added (oldest first). */
export interface LibraryState {
  bookmarks: Bookmark[];
  /** Insertion-ordered; written back as an array of ids. */
  read: Set<string>;
  /** Insertion order is recency: the last entry is the most recently set. */
  positions: Map<string, number>;
  settings: Settings;
}

export const MAX_ID_LENGTH = 4096;
const FINGERPRINT = /^[0-9a-f]{16}$/;

export const STORE_DEFAULTS = {
  bookmarks: [],
  read: [],
  positions: [],
  settings: { ...DEFAULT_SETTINGS },
};

type Raw = Record<string, unknown>;

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Version 1 (first release) kept bookmarks as an array of ids, reading
 * positions as an object keyed by id (which broke on ids like `a.b`), and the
 * settings at the top level. Version 2 stores bookmark entries with a content
 * fingerprint, positions as `{id, line}` entries and nests the settings.
 * Shapes it does not recognise are left alone so schema validation can reject
 * them (and the file is moved aside, not half-converted).
 */
export function migrateV1ToV2(store: Raw, now: Date = new Date()): Raw {
  const next: Raw = { ...store };
  const addedAt = now.toISOString();
  if (Array.isArray(store.bookmarks) && store.bookmarks.every((entry) => typeof entry === 'string')) {
    next.bookmarks = (store.bookmarks as string[]).map((id) => ({ id, headline: id, date: '', relPath: '', addedAt }));
  }
  if (isRecord(store.positions)) {
    next.positions = Object.entries(store.positions)
      .filter((entry): entry is [string, number] => Number.isInteger(entry[1]) && (entry[1] as number) >= 0)
      .map(([id, line]) => ({ id, line }));
  }
  const settings: Raw = isRecord(store.settings) ? { ...store.settings } : {};
  for (const key of SETTING_KEYS) {
    if (key in store && !(key in settings)) settings[key] = store[key];
    delete next[key];
  }
  next.settings = settings;
  return next;
}

/** Turns a validated store object into working state, filling defaults and dropping duplicates. */
export function stateFromStore(store: Raw): LibraryState {
  const bookmarks: Bookmark[] = [];
  const seen = new Set<string>();
  for (const entry of (store.bookmarks as Bookmark[] | undefined) ?? []) {
    // The same id in two archives is two articles.
    const key = `${entry.archive ?? ''}\u0000${entry.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    bookmarks.push({ ...entry });
  }
  const positions = new Map<string, number>();
  for (const { id, line } of (store.positions as Array<{ id: string; line: number }> | undefined) ?? []) {
    positions.delete(id);
    positions.set(id, line);
  }
  const storedSettings = isRecord(store.settings) ? (store.settings as Partial<Settings>) : {};
  return {
    bookmarks,
    read: new Set((store.read as string[] | undefined) ?? []),
    positions,
    settings: { ...DEFAULT_SETTINGS, ...storedSettings },
  };
}

/** The inverse of stateFromStore, keeping keys and settings this version does not know. */
export function storeFromState(state: LibraryState, previous: Raw): Raw {
  const positions = [...state.positions].slice(-MAX_POSITIONS).map(([id, line]) => ({ id, line }));
  const settings: Raw = { ...(isRecord(previous.settings) ? previous.settings : {}) };
  for (const key of SETTING_KEYS) {
    const value = state.settings[key];
    if (value === undefined) delete settings[key];
    else settings[key] = value;
  }
  return { ...previous, bookmarks: state.bookmarks, read: [...state.read], positions, settings };
}

/** Where the file keeps its format version. */
function storedVersion(store: Raw): string | undefined {
  const internal = store['__internal__'];
  const migrations = isRecord(internal) ? internal['migrations'] : undefined;
  const version = isRecord(migrations) ? migrations['version'] : undefined;
  return typeof version === 'string' ? version : undefined;
}

const majorOf = (version: string | undefined): number => Number.parseInt(version ?? '0', 10) || 0;

export interface RepairedStore {
  /** The file's content with every bad entry repaired or left out; keys this version does not know are kept. */
  store: Raw;
  /** What was left out or changed, one phrase each, for the user. Empty when the file was valid. */
  problems: string[];
  /** The file was in the first format, and `store` is it converted. */
  migrated: boolean;
}

const isId = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH;
const shownId = (id: string): string => JSON.stringify(truncateLine(sanitizeLine(id), 60));
const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/**
 * Checks a parsed library file field by field. Each bookmark, read mark,
 * position and setting stands alone: a bad one is repaired (a note too long
 * is cut, a missing headline becomes the id) or left out, and says so in
 * `problems`; the rest is kept. undefined when the file is not a JSON object
 * at all (nothing in it can be used).
 */
export function repairStore(parsed: unknown, now: Date = new Date()): RepairedStore | undefined {
  if (!isRecord(parsed)) return undefined;
  const version = storedVersion(parsed);
  const migrated = majorOf(version) < majorOf(STORE_VERSION);
  const store: Raw = migrated ? migrateV1ToV2(parsed, now) : { ...parsed };
  // A newer version's marker is kept: its file is only ever repaired, never downgraded.
  if (majorOf(version) <= majorOf(STORE_VERSION)) store['__internal__'] = { ...(isRecord(parsed['__internal__']) ? parsed['__internal__'] : {}), migrations: { version: STORE_VERSION } };
  const problems: string[] = [];

  if (store['bookmarks'] !== undefined) {
    if (!Array.isArray(store['bookmarks'])) {
      problems.push('the bookmarks (not a list)');
      store['bookmarks'] = [];
    } else {
      store['bookmarks'] = (store['bookmarks'] as unknown[]).flatMap((entry, index) => {
        const bookmark = repairBookmark(entry, index, problems);
        return bookmark ? [bookmark] : [];
      });
    }
  }

  for (const key of ['read', 'positions'] as const) {
    const list = store[key];
    if (list === undefined) continue;
    const what = key === 'read' ? 'read marks' : 'reading positions';
    if (!Array.isArray(list)) {
      problems.push(`the ${what} (not a list)`);
      store[key] = [];
      continue;
    }
    const kept = key === 'read' ? list.filter(isId) : list.filter(isPosition);
    const dropped = list.length - kept.length;
    if (dropped > 0) {
      problems.push(key === 'read' ? `${plural(dropped, 'read mark', 'read marks')} (not an article id)` : `${plural(dropped, 'reading position', 'reading positions')} (not an article id with a line number)`);
    }
    store[key] = key === 'positions' ? kept.map((entry) => ({ ...(entry as Raw) })) : kept;
  }

  if (store['settings'] !== undefined) {
    if (!isRecord(store['settings'])) {
      problems.push('the settings (not a set of names and values)');
      store['settings'] = {};
    } else {
      store['settings'] = repairSettings(store['settings'], problems);
    }
  }
  return { store, problems, migrated };
}

const isPosition = (value: unknown): boolean =>
  isRecord(value) && isId(value['id']) && Number.isInteger(value['line']) && (value['line'] as number) >= 0;

function repairBookmark(entry: unknown, index: number, problems: string[]): Raw | undefined {
  if (!isRecord(entry) || !isId(entry['id'])) {
    problems.push(`bookmark ${index + 1} (it names no article)`);
    return undefined;
  }
  const id = entry['id'];
  const bookmark: Raw = { ...entry };
  const fixed: string[] = [];
  for (const [key, fallback] of [
    ['headline', id],
    ['date', ''],
    ['relPath', ''],
    ['addedAt', ''],
  ] as const) {
    if (typeof bookmark[key] !== 'string') {
      bookmark[key] = fallback;
      fixed.push(`its ${key} was ${entry[key] === undefined ? 'missing' : 'not text'}`);
    }
  }
  if (bookmark['fingerprint'] !== undefined && !(typeof bookmark['fingerprint'] === 'string' && FINGERPRINT.test(bookmark['fingerprint']))) {
    delete bookmark['fingerprint'];
    fixed.push('its fingerprint was not 16 hex digits (worked out again from the article)');
  }
  for (const key of ['archive', 'url'] as const) {
    if (bookmark[key] !== undefined && typeof bookmark[key] !== 'string') {
      delete bookmark[key];
      fixed.push(`its ${key} was not text (left out)`);
    }
  }
  const note = bookmark['note'];
  if (note !== undefined) {
    if (typeof note !== 'string') {
      delete bookmark['note'];
      fixed.push('its note was not text (left out)');
    } else if (note.length > MAX_NOTE_LENGTH) {
      bookmark['note'] = note.slice(0, MAX_NOTE_LENGTH);
      fixed.push(`its note had ${note.length} characters (cut to ${MAX_NOTE_LENGTH})`);
    }
  }
  if (fixed.length > 0) problems.push(`bookmark ${shownId(id)}: ${fixed.join(', ')}`);
  return bookmark;
}

function repairSettings(stored: Raw, problems: string[]): Raw {
  const settings: Raw = { ...stored };
  const drop = (key: SettingKey, expected: string): void => {
    const value = JSON.stringify(stored[key]) ?? String(stored[key]);
    problems.push(`setting ${key} (${truncateLine(sanitizeLine(value), 40)}: ${expected}; the default is used)`);
    delete settings[key];
  };
  for (const key of SETTING_KEYS) {
    const value = stored[key];
    if (value === undefined) continue;
    switch (key) {
      case 'sort':
        if (!(SORT_ORDERS as readonly unknown[]).includes(value)) drop(key, `this version knows ${SORT_ORDERS.join(' and ')}`);
        break;
      case 'theme':
        if (!(THEMES as readonly unknown[]).includes(value)) drop(key, `this version knows ${THEMES.join(', ')}`);
        break;
      case 'maxWidth':
        if (!Number.isInteger(value) || (value as number) < MAX_WIDTH_RANGE.min || (value as number) > MAX_WIDTH_RANGE.max) {
          drop(key, `a whole number from ${MAX_WIDTH_RANGE.min} to ${MAX_WIDTH_RANGE.max}`);
        }
        break;
      default:
        if (typeof value !== 'string') drop(key, 'not text');
    }
  }
  return settings;
}
