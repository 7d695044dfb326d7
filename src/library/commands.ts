/**
 * The library's CLI commands as functions returning text, so `src/cli/` only
 * parses arguments and prints: `bookmark add|remove`, `config get|set|path`.
 */
import { sanitizeLine } from '../sanitize/index.js';
import { LibraryError, LibraryUnavailableError, validateSetting } from './library.js';
import type { Library } from './library.js';
import type { BookmarkableArticle } from './resolve.js';
import { SETTING_KEYS } from './schema.js';
import type { SettingKey, Settings } from './schema.js';

export interface CommandResult {
  /** false: print `text` to stderr and exit non-zero. */
  ok: boolean;
  /** Ends with a newline. */
  text: string;
  /** The command line asked for something impossible (a bad key or value): exit 2, not 1. */
  usage?: true;
}

const done = (text: string): CommandResult => ({ ok: true, text: `${text}\n` });
const failed = (text: string): CommandResult => ({ ok: false, text: `${text}\n` });
const misused = (text: string): CommandResult => ({ ok: false, text: `${text}\n`, usage: true });

/** `broadsheet bookmark add|remove ID [--note TEXT]`. */
export function bookmarkCommand(
  library: Library,
  articlesById: { get(id: string): BookmarkableArticle | undefined },
  action: 'add' | 'remove',
  id: string,
  note?: string,
): CommandResult {
  const shownId = sanitizeLine(id);
  try {
    if (action === 'remove') {
      return library.removeBookmark(id) ? done(`Removed bookmark ${shownId}.`) : failed(`${shownId} is not bookmarked.`);
    }
    const article = articlesById.get(id);
    if (!article) return failed(`No article with id ${shownId} in the archive (see: broadsheet list).`);
    const existed = library.isBookmarked(id);
    try {
      library.addBookmark(article, note);
    } catch (error) {
      // The only value given here is the note (too long).
      if (error instanceof LibraryError && !(error instanceof LibraryUnavailableError)) return misused(error.message);
      throw error;
    }
    const headline = sanitizeLine(article.headline);
    if (!existed) return done(`Bookmarked ${shownId}: ${headline}`);
    return done(note === undefined ? `${shownId} was already bookmarked.` : `Updated the note on ${shownId}.`);
  } catch (error) {
    // A library that cannot be read or written is the caller's to report (one `broadsheet:` line).
    if (error instanceof LibraryError && !(error instanceof LibraryUnavailableError)) return failed(error.message);
    throw error;
  }
}

function isSettingKey(key: string): key is SettingKey {
  return (SETTING_KEYS as readonly string[]).includes(key);
}

function formatValue(value: Settings[SettingKey] | undefined): string {
  return value === undefined ? '' : sanitizeLine(String(value));
}

/** Turns the text typed on the command line into the setting's type. */
export function parseSettingValue(key: SettingKey, text: string): Settings[SettingKey] {
  if (key === 'maxWidth') return /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  return text;
}

const unknownKey = (key: string): CommandResult =>
  misused(`Unknown setting ${sanitizeLine(key)}. Settings: ${SETTING_KEYS.join(', ')}.`);

/**
 * `broadsheet config path`, `config get [KEY]`, `config set KEY VALUE`,
 * `config unset KEY` (for the optional archivePath and lastSelected).
 */
export function configCommand(library: Library, args: readonly string[]): CommandResult {
  const [action, key, ...rest] = args;
  const usage = "usage: broadsheet config path | get [KEY] | set KEY VALUE | unset KEY (see 'broadsheet help config')";
  try {
    switch (action) {
      case 'path':
        return done(library.path);
      case 'get': {
        if (key === undefined) {
          const settings = library.settings();
          return done(SETTING_KEYS.map((name) => `${name} = ${formatValue(settings[name])}`).join('\n'));
        }
        return isSettingKey(key) ? done(formatValue(library.get(key))) : unknownKey(key);
      }
      case 'set': {
        if (key === undefined || rest.length === 0) return misused(usage);
        if (!isSettingKey(key)) return unknownKey(key);
        const value = parseSettingValue(key, rest.join(' '));
        try {
          validateSetting(key, value);
        } catch (error) {
          if (error instanceof LibraryError && !(error instanceof LibraryUnavailableError)) return misused(error.message);
          throw error;
        }
        library.set(key, value);
        return done(`${key} = ${formatValue(library.get(key))}`);
      }
      case 'unset': {
        if (key === undefined) return misused(usage);
        if (!isSettingKey(key)) return unknownKey(key);
        try {
          validateSetting(key, undefined);
        } catch (error) {
          if (error instanceof LibraryError && !(error instanceof LibraryUnavailableError)) return misused(error.message);
          throw error;
        }
        library.set(key, undefined);
        return done(`${key} unset.`);
      }
      default:
        return misused(usage);
    }
  } catch (error) {
    // A library that cannot be read or written is the caller's to report (one `broadsheet:` line).
    if (error instanceof LibraryError && !(error instanceof LibraryUnavailableError)) return failed(error.message);
    throw error;
  }
}
