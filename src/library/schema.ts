/**
 * The shape of the library file (config.json), its JSON schema and its
 * migrations. Pure: no file I/O here.
 *
 * Article ids come from file names the user controls, so they are only ever
 * stored as VALUES (array entries, `id` fields), never as object keys or conf
 * dot-paths: `__proto__`, `constructor` and `a.b.c` are then just strings.
 */

/** Store format version, given to conf as `projectVersion` (it drives the migrations, not the app version). */
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
const idSchema = { type: 'string', minLength: 1, maxLength: MAX_ID_LENGTH } as const;

/** conf's `schema` option: one JSON schema per top-level key, checked by ajv on every read and write. */
export const STORE_SCHEMA = {
  bookmarks: {
    type: 'array',
    items: {
      type: 'object',
      required: ['id', 'headline', 'date', 'relPath', 'addedAt'],
      properties: {
        id: idSchema,
        fingerprint: { type: 'string', pattern: '^[0-9a-f]{16}$' },
        headline: { type: 'string' },
        date: { type: 'string' },
        relPath: { type: 'string' },
        note: { type: 'string', maxLength: MAX_NOTE_LENGTH },
        addedAt: { type: 'string' },
      },
    },
  },
  read: { type: 'array', items: idSchema },
  positions: {
    type: 'array',
    items: {
      type: 'object',
      required: ['id', 'line'],
      properties: { id: idSchema, line: { type: 'integer', minimum: 0 } },
    },
  },
  settings: {
    type: 'object',
    // Unknown settings are allowed (and kept) so a file written by a newer
    // version is not thrown away by an older one.
    properties: {
      sort: { enum: [...SORT_ORDERS] },
      lastSelected: { type: 'string' },
      archivePath: { type: 'string' },
      theme: { enum: [...THEMES] },
      maxWidth: { type: 'integer', minimum: MAX_WIDTH_RANGE.min, maximum: MAX_WIDTH_RANGE.max },
    },
  },
} as const;

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
    if (seen.has(entry.id)) continue;
    seen.add(entry.id);
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
