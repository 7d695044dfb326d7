/** The user's library: bookmarks, read state, positions and settings. See library.ts for how it stays safe. */
export { Library, LibraryError, LibraryUnavailableError, openLibrary, defaultConfigDir, validateSetting, CONFIG_DIR_ENV, CONFIG_FILE_NAME } from './library.js';
export type { OpenLibraryOptions, OpenedLibrary } from './library.js';
export { resolveBookmarks, lookupOf } from './resolve.js';
export type { ArticleLookup, BookmarkableArticle, BookmarkStatus, ResolvedBookmark } from './resolve.js';
export { bookmarksToJson, bookmarksToMarkdown, formatBookmarkList, escapeMarkdown } from './export.js';
export type { BookmarkRecord, ExportOptions } from './export.js';
export { bookmarkCommand, configCommand, parseSettingValue } from './commands.js';
export type { CommandResult } from './commands.js';
export { acquireLock, acquireLockAsync, tryLock, withLock, LockTimeoutError } from './lock.js';
export type { LockOptions } from './lock.js';
export {
  DEFAULT_SETTINGS,
  MAX_NOTE_LENGTH,
  MAX_POSITIONS,
  MAX_WIDTH_RANGE,
  SETTING_KEYS,
  SORT_ORDERS,
  STORE_VERSION,
  THEMES,
  migrateV1ToV2,
  repairStore,
} from './schema.js';
export type { Bookmark, LibraryState, SettingKey, Settings, SortOrder, Theme } from './schema.js';
