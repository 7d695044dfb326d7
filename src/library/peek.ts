/**
 * A read-only look at the library file for the reader's first frame, before
 * the library module loads: the settings and marks the first screen shows.
 * Anything unexpected (no valid JSON, an older format, an entry the library
 * would repair) gives undefined: the full library, opened right after,
 * reports and repairs it, and the first frame waits for it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE_NAME, configDirFrom } from './paths.js';
import { DEFAULT_SETTINGS, SETTING_KEYS, repairStore, stateFromStore } from './schema.js';
import type { SettingKey, Settings } from './schema.js';

export interface LibraryPeek {
  settings: Settings;
  read: ReadonlySet<string>;
  /** Bookmarked article ids, oldest first. */
  bookmarked: readonly string[];
  /** The archive of each of `bookmarked` (undefined: made before bookmarks belonged to an archive). */
  bookmarkArchives: ReadonlyArray<string | undefined>;
}

/** The peek as one archive's reader sees it: its own bookmarks, and those made before 0.2 that it may claim. */
export function peekForArchive(peek: LibraryPeek, root: string): LibraryPeek {
  const bookmarked = peek.bookmarked.filter((_, index) => peek.bookmarkArchives[index] === undefined || peek.bookmarkArchives[index] === root);
  return { ...peek, bookmarked, bookmarkArchives: bookmarked.map(() => root) };
}

export function peekLibrary(env: NodeJS.ProcessEnv = process.env): LibraryPeek | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(path.resolve(configDirFrom(env)), CONFIG_FILE_NAME), 'utf8');
  } catch (error) {
    // No file yet: the defaults are exactly what the library will start with.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { settings: { ...DEFAULT_SETTINGS }, read: new Set(), bookmarked: [], bookmarkArchives: [] };
    return undefined;
  }
  try {
    return peekStore(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** The parsed file, if it is a current-format store with nothing to repair: what the library will read from it. */
export function peekStore(store: unknown): LibraryPeek | undefined {
  const checked = repairStore(store);
  // Anything to repair or migrate: the library will say so, and the first frame waits for it.
  if (!checked || checked.migrated || checked.problems.length > 0) return undefined;
  const state = stateFromStore(checked.store);
  const settings = { ...DEFAULT_SETTINGS } as Record<SettingKey, unknown>;
  for (const key of SETTING_KEYS) if (state.settings[key] !== undefined) settings[key] = state.settings[key];
  return {
    settings: settings as unknown as Settings,
    read: state.read,
    bookmarked: state.bookmarks.map((bookmark) => bookmark.id),
    bookmarkArchives: state.bookmarks.map((bookmark) => bookmark.archive),
  };
}
