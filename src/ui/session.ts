/**
 * The shell's side of the user's library: reads the saved session at start
 * and performs the reducer's effects. The only UI module that calls the
 * library (each call may read or write its file); without a library the
 * reader works for the session and forgets on quit.
 */
import type { Archive } from '../archive/article.js';
import type { Catalogue } from '../archive/catalogue.js';
import { analysisProgress, people, quotesOf } from '../archive/people-index.js';
import type { Library } from '../library/index.js';
import type { LibraryPeek } from '../library/peek.js';
import { sanitizeLine } from '../sanitize/index.js';
import type { Action, BookmarkEntry, Effect, SavedSession } from './state.js';
import { formatDate } from './text.js';

export interface EffectContext {
  archive: Catalogue;
  library: Library | undefined;
  openUrl: ((url: string) => void) | undefined;
  /** The bookmarks the UI holds, newest last: what `B` lists without a library. */
  bookmarked: ReadonlySet<string>;
}

function message(error: unknown): string {
  return sanitizeLine(error instanceof Error ? error.message : String(error));
}

/** The session a read-only look at the library file gives: what the first frame, drawn before the library opens, shows. */
export function sessionFromPeek(peek: LibraryPeek): SavedSession {
  const session: SavedSession = { sort: peek.settings.sort, maxWidth: peek.settings.maxWidth, read: peek.read, bookmarked: new Set(peek.bookmarked) };
  if (peek.settings.lastSelected !== undefined) session.lastSelected = peek.settings.lastSelected;
  return session;
}

export function loadSession(library: Library | undefined, warnings: readonly string[] = []): SavedSession {
  const notices = warnings.map((w) => sanitizeLine(w));
  const session: SavedSession = {};
  if (library) {
    try {
      const settings = library.settings();
      session.sort = settings.sort;
      if (settings.lastSelected !== undefined) session.lastSelected = settings.lastSelected;
      session.maxWidth = settings.maxWidth;
      session.read = new Set(library.readIds());
      session.bookmarked = new Set(library.bookmarks().reverse().map((b) => b.id));
    } catch (error) {
      notices.push(`Could not read the library: ${message(error)}`);
    }
    notices.push(...library.takeWarnings().map((w) => sanitizeLine(w)));
  }
  if (notices.length > 0) session.status = notices.join(' · ');
  return session;
}

/** Carries out one effect; returns the actions that report back (results, failures). */
export function performEffect(effect: Effect, context: EffectContext): Action[] {
  const { archive, library, openUrl } = context;
  if (effect.kind === 'open-url') {
    if (!openUrl) return [{ type: 'notify', message: 'No system opener available' }];
    try {
      openUrl(effect.url);
      return [];
    } catch (error) {
      return [{ type: 'notify', message: `Could not open the URL: ${message(error)}` }];
    }
  }
  if (effect.kind === 'loadBookmarks') {
    try {
      return [{ type: 'bookmarksLoaded', entries: bookmarkEntries(context) }];
    } catch (error) {
      return [{ type: 'bookmarksLoaded', entries: [] }, { type: 'notify', message: `Could not read the bookmarks: ${message(error)}` }];
    }
  }
  if (effect.kind === 'loadPeople' || effect.kind === 'loadPersonQuotes') {
    try {
      const { db } = archive;
      if (effect.kind === 'loadPeople') return [{ type: 'peopleLoaded', entries: people(db), analysed: analysisProgress(db) }];
      return [{ type: 'personQuotesLoaded', key: effect.key, quotes: quotesOf(db, [effect.key]).map(({ end: _end, speaker: _speaker, ...quote }) => quote) }];
    } catch (error) {
      return [{ type: 'notify', message: `Could not read the people index: ${message(error)}` }];
    }
  }
  if (!library) return [];
  try {
    switch (effect.kind) {
      case 'opened': {
        library.markRead(effect.id);
        const line = library.position(effect.id);
        return line > 0 ? [{ type: 'restorePosition', id: effect.id, line }] : [];
      }
      case 'setRead':
        if (effect.read) library.markRead(effect.id);
        else library.markUnread(effect.id);
        return [];
      case 'setBookmark': {
        if (!effect.on) {
          library.removeBookmark(effect.id);
          return [];
        }
        const article = archive.get(effect.id);
        if (article && !library.isBookmarked(effect.id)) library.addBookmark(article);
        return [];
      }
      case 'setNote':
        library.setNote(effect.id, effect.note);
        return [];
      case 'savePosition':
        library.setPosition(effect.id, effect.line);
        return [];
      case 'saveSort':
        library.set('sort', effect.sort);
        return [];
      case 'saveSelection':
        if (library.get('lastSelected') !== effect.id) library.set('lastSelected', effect.id);
        return [];
    }
  } catch (error) {
    return [{ type: 'notify', message: `Not saved: ${message(error)}` }];
  }
}

/** Newest first. With a library: as reconciled with the archive (moved articles followed, missing ones kept). */
export function bookmarkEntries({ archive, library, bookmarked }: EffectContext): BookmarkEntry[] {
  if (library) {
    return library.reconcile(archive).map(({ bookmark, status }) => {
      const entry: BookmarkEntry = { id: bookmark.id, headline: bookmark.headline, date: formatDate(bookmark.date), missing: status === 'missing' };
      if (bookmark.note !== undefined) entry.note = bookmark.note;
      return entry;
    });
  }
  return [...bookmarked].reverse().map((id) => {
    const article = archive.get(id);
    return { id, headline: article?.headline ?? id, date: article ? formatDate(article.date) : '', missing: !article };
  });
}
