/**
 * A read-only look at the library file for the reader's first frame, without
 * conf and its schema validator (~60 ms to load and open on a 2-core
 * machine): the settings and marks the first screen shows. Anything
 * unexpected (no valid JSON, an older format, a value the schema would
 * refuse) gives undefined: the full library, opened right after, reports and
 * repairs it, and the first frame waits for it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE_NAME, configDirFrom } from './paths.js';
import { DEFAULT_SETTINGS, MAX_ID_LENGTH, MAX_NOTE_LENGTH, MAX_WIDTH_RANGE, SORT_ORDERS, STORE_VERSION, THEMES } from './schema.js';
import type { Settings } from './schema.js';

export interface LibraryPeek {
  settings: Settings;
  read: ReadonlySet<string>;
  /** Bookmarked article ids, oldest first. */
  bookmarked: readonly string[];
}

type Raw = Record<string, unknown>;

const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);
const isId = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH;

export function peekLibrary(env: NodeJS.ProcessEnv = process.env): LibraryPeek | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(path.resolve(configDirFrom(env)), CONFIG_FILE_NAME), 'utf8');
  } catch (error) {
    // No file yet: the defaults are exactly what the library will start with.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { settings: { ...DEFAULT_SETTINGS }, read: new Set(), bookmarked: [] };
    return undefined;
  }
  try {
    return peekStore(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** The parsed file, if it is a current-format store with the values the first frame uses valid. */
export function peekStore(store: unknown): LibraryPeek | undefined {
  if (!isRecord(store)) return undefined;
  const internal = store['__internal__'];
  const migrations = isRecord(internal) ? internal['migrations'] : undefined;
  if (!isRecord(migrations) || migrations['version'] !== STORE_VERSION) return undefined;
  const stored = store['settings'] ?? {};
  if (!isRecord(stored)) return undefined;
  const settings: Settings = { ...DEFAULT_SETTINGS };
  if (stored['sort'] !== undefined) {
    if (!SORT_ORDERS.includes(stored['sort'] as Settings['sort'])) return undefined;
    settings.sort = stored['sort'] as Settings['sort'];
  }
  if (stored['theme'] !== undefined) {
    if (!THEMES.includes(stored['theme'] as Settings['theme'])) return undefined;
    settings.theme = stored['theme'] as Settings['theme'];
  }
  const maxWidth = stored['maxWidth'];
  if (maxWidth !== undefined) {
    if (!Number.isInteger(maxWidth) || (maxWidth as number) < MAX_WIDTH_RANGE.min || (maxWidth as number) > MAX_WIDTH_RANGE.max) return undefined;
    settings.maxWidth = maxWidth as number;
  }
  for (const key of ['lastSelected', 'archivePath'] as const) {
    const value = stored[key];
    if (value === undefined) continue;
    if (typeof value !== 'string') return undefined;
    settings[key] = value;
  }
  const read = store['read'] ?? [];
  const bookmarks = store['bookmarks'] ?? [];
  const positions = store['positions'] ?? [];
  if (!Array.isArray(read) || !read.every(isId)) return undefined;
  if (!Array.isArray(bookmarks) || !bookmarks.every(isBookmark)) return undefined;
  if (!Array.isArray(positions) || !positions.every(isPosition)) return undefined;
  return { settings, read: new Set(read), bookmarked: [...new Set(bookmarks.map((b: Raw) => b['id'] as string))] };
}

// STORE_SCHEMA's rules, checked by hand: a file the library would refuse (and move aside) is not peeked at.
const isBookmark = (value: unknown): boolean =>
  isRecord(value) &&
  isId(value['id']) &&
  ['headline', 'date', 'relPath', 'addedAt'].every((key) => typeof value[key] === 'string') &&
  (value['fingerprint'] === undefined || (typeof value['fingerprint'] === 'string' && /^[0-9a-f]{16}$/.test(value['fingerprint']))) &&
  (value['note'] === undefined || (typeof value['note'] === 'string' && value['note'].length <= MAX_NOTE_LENGTH));

const isPosition = (value: unknown): boolean =>
  isRecord(value) && isId(value['id']) && Number.isInteger(value['line']) && (value['line'] as number) >= 0;
