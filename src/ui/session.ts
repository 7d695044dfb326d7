/**
 * The shell's side of the user's library: reads the saved session at start
 * and performs the reducer's effects. The only UI module that calls the
 * library (each call may read or write its file); without a library the
 * reader works for the session and forgets on quit.
 */
import type { Catalogue } from '../archive/catalogue.js';
import { analysisProgress, people, quotesOf } from '../archive/people-index.js';
import type { ReadingState } from '../library/reading-state.js';
import type { Library } from '../library/index.js';
import type { LibraryPeek } from '../library/peek.js';
import { sanitizeLine } from '../sanitize/index.js';
import type { Action, BookmarkEntry, Effect, SavedSession } from './state.js';
import { formatDate } from './text.js';
import { showText } from '../cli/commands.js';
import { makeStyle } from '../cli/style.js';
import { forgetArticle } from './reader-doc.js';

/**
 * Opens a URL in the user's browser. Resolves with why it could not (shown
 * with the URL in the status line); a host that cannot tell returns nothing.
 */
export type UrlOpener = (url: string) => void | Promise<string | undefined>;

/** What the reader asks of the terminal around it (src/ui/run.tsx provides it). */
export interface ReaderHost {
  /** Puts a URL on the terminal's clipboard (OSC 52). */
  copy(url: string): void;
  /** Ctrl-Z: gives the terminal back to the shell and stops until `fg`, then draws the screen again. */
  suspend?(): void;
  /** Pipes text to the user's pager, the reader off the screen until it ends; why not, if it could not. */
  page?(text: string): string | undefined;
  /** Opens a file in the user's editor, the reader off the screen until it ends. */
  edit?(path: string): { changed: boolean; error?: string };
}

export interface EffectContext {
  archive: Catalogue;
  library: Library | undefined;
  /** Read marks and reading positions of this archive (library/reading-state.ts). */
  reading: ReadingState;
  openUrl: UrlOpener | undefined;
  host?: ReaderHost | undefined;
  /** The bookmarks the UI holds, newest last: what `B` lists without a library. */
  bookmarked: ReadonlySet<string>;
}

function message(error: unknown): string {
  return sanitizeLine(error instanceof Error ? error.message : String(error));
}

/** Why a save failed, short enough for the status line (the library's errors carry a short reason). */
function reason(error: unknown): string {
  const short = (error as { reason?: unknown } | undefined)?.reason;
  return typeof short === 'string' ? sanitizeLine(short) : message(error);
}

/** Where this archive's reading state keeps the section the list showed ('' for all of them). */
const SECTION_KEY = 'listSection';

/** The section the list showed when this archive was last read; undefined for all of them (or when it cannot be read). */
export function savedSection(reading: ReadingState): string | undefined {
  try {
    return reading.readMeta(SECTION_KEY) || undefined;
  } catch {
    return undefined;
  }
}

/** The session a read-only look at the library file gives: what the first frame, drawn before the library opens, shows. */
export function sessionFromPeek(peek: LibraryPeek): SavedSession {
  const session: SavedSession = { sort: peek.settings.sort, maxWidth: peek.settings.maxWidth, theme: peek.settings.theme, read: peek.read, bookmarked: new Set(peek.bookmarked) };
  if (peek.settings.lastSelected !== undefined) session.lastSelected = peek.settings.lastSelected;
  return session;
}

export function loadSession(library: Library | undefined, warnings: readonly string[] = [], reading?: ReadingState): SavedSession {
  const notices = warnings.map((w) => sanitizeLine(w));
  const session: SavedSession = {};
  if (reading) {
    try {
      session.read = reading.readIds();
      session.positions = reading.positions();
      const section = savedSection(reading);
      if (section !== undefined) session.section = section;
    } catch (error) {
      notices.push(`Could not read the read marks: ${message(error)}`);
    }
    if (reading.notice) notices.push(reading.notice);
  }
  if (library) {
    try {
      const settings = library.settings();
      session.sort = settings.sort;
      if (settings.lastSelected !== undefined) session.lastSelected = settings.lastSelected;
      session.maxWidth = settings.maxWidth;
      session.theme = settings.theme;
      if (!reading) session.read = new Set(library.readIds());
      session.bookmarked = new Set(library.bookmarks().reverse().map((b) => b.id));
    } catch (error) {
      notices.push(`Could not read the library: ${message(error)}`);
    }
    notices.push(...library.takeWarnings().map((w) => sanitizeLine(w)));
  }
  if (notices.length > 0) session.status = notices.join(' · ');
  return session;
}

/** How long a save in the reader waits for another Broadsheet holding the library's lock before it shows as not saved. */
export const SAVE_LOCK_TIMEOUT_MS = 10_000;
/** A lock held longer than this gets a word in the status line (an ordinary write holds it for milliseconds). */
const WAIT_NOTICE_MS = 300;

/**
 * Carries out the reducer's effects one after another, in order, off the
 * input path: a save that waits for another Broadsheet's lock never holds up
 * keys, frames or Ctrl-C. Results and failures come back as actions.
 */
export interface EffectRunner {
  run(effects: readonly Effect[], context: EffectContext): void;
  /** Resolves once everything queued so far is done (saved, or reported as not saved). */
  idle(): Promise<void>;
  readonly busy: boolean;
}

/**
 * Effects that do not wait their turn behind saves (a save may wait seconds for
 * another Broadsheet's lock) and that quitting does not wait for: they touch
 * the terminal or start another program, never the library.
 */
const DETACHED: ReadonlySet<Effect['kind']> = new Set(['open-url', 'copy-url', 'suspend', 'pager', 'editor']);

export function createEffectRunner(reply: (action: Action) => void): EffectRunner {
  let tail: Promise<void> = Promise.resolve();
  let pending = 0;
  const failed = (error: unknown): void => reply({ type: 'notify', message: `Something went wrong: ${message(error)}` });
  return {
    run(effects, context) {
      for (const effect of effects) {
        if (DETACHED.has(effect.kind)) {
          performEffect(effect, context, reply).catch(failed);
          continue;
        }
        pending += 1;
        tail = tail
          .then(() => performEffect(effect, context, reply))
          .catch(failed)
          .finally(() => {
            pending -= 1;
            // Problems found since opening (another program damaged the file).
            const warnings = context.library?.takeWarnings() ?? [];
            if (warnings.length > 0) reply({ type: 'notify', message: warnings.map((w) => sanitizeLine(w)).join(' · ') });
          });
      }
    },
    idle: () => tail,
    get busy() {
      return pending > 0;
    },
  };
}

/** `fn` under the library's lock, waited for without blocking; a long wait is said in the status line. */
async function save<T>(library: Library, fn: () => T, reply: (action: Action) => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const onWait = (pid: number | undefined): void => {
    timer = setTimeout(() => {
      const who = pid === undefined ? 'another Broadsheet' : `another Broadsheet (process ${pid})`;
      reply({ type: 'notify', message: `Saving… waiting for ${who}, which is using your library` });
    }, WAIT_NOTICE_MS);
  };
  try {
    return await library.transaction(fn, { onWait, timeoutMs: SAVE_LOCK_TIMEOUT_MS });
  } finally {
    clearTimeout(timer);
  }
}

/** What the library holds now, for a mark that did not save; `fallback` if even that cannot be read. */
function truth(read: () => boolean, fallback: boolean): boolean {
  try {
    return read();
  } catch {
    return fallback;
  }
}

/** Carries out one effect; `reply` hears the results and failures. */
export async function performEffect(effect: Effect, context: EffectContext, reply: (action: Action) => void): Promise<void> {
  const { archive, library, openUrl } = context;
  if (effect.kind === 'open-url') {
    if (!openUrl) return reply({ type: 'notify', message: `No browser to open it with: ${effect.url}` });
    let why: string | undefined | void;
    try {
      why = await openUrl(effect.url);
    } catch (error) {
      why = message(error);
    }
    // The URL first, so a narrow status line still shows it: to copy (y) or open by hand.
    if (typeof why === 'string') reply({ type: 'notify', message: `Could not open ${effect.url} · ${sanitizeLine(why)}` });
    return;
  }
  if (effect.kind === 'suspend') {
    if (!context.host?.suspend) return reply({ type: 'notify', message: 'Ctrl-Z does nothing here: no terminal to give back' });
    context.host.suspend();
    return;
  }
  if (effect.kind === 'pager') {
    const article = archive.get(effect.id);
    if (!article) return;
    if (!context.host?.page) return reply({ type: 'notify', message: 'No pager here: no terminal to give it' });
    const read = archive.readText(article);
    if (!read.ok) return reply({ type: 'notify', message: `Cannot show this article: ${sanitizeLine(read.reason)}` });
    // The article as `broadsheet show` prints it, at the reader's measure.
    const why = context.host.page(`${showText(article, read.text, archive, effect.width, makeStyle(effect.colour))}\n`);
    if (why !== undefined) reply({ type: 'notify', message: `Not shown: ${sanitizeLine(why)}` });
    return;
  }
  if (effect.kind === 'editor') {
    const article = archive.get(effect.id);
    if (!article) return;
    if (!context.host?.edit) return reply({ type: 'notify', message: 'No editor here: no terminal to give it' });
    const file = archive.fileOf(article);
    // A file name that is not UTF-8 cannot be passed to a program as an argument: say so rather than open another file.
    if (typeof file !== 'string') return reply({ type: 'notify', message: 'Cannot open this file in an editor: its name is not valid UTF-8' });
    const { changed, error } = context.host.edit(file);
    if (changed) {
      forgetArticle(archive, article.id);
      reply({ type: 'articleEdited', id: article.id });
    }
    if (error !== undefined) reply({ type: 'notify', message: sanitizeLine(error) });
    else if (!changed) reply({ type: 'notify', message: 'The file did not change' });
    return;
  }
  if (effect.kind === 'copy-url') {
    if (!context.host) return reply({ type: 'notify', message: `No terminal to copy with: ${effect.url}` });
    context.host.copy(effect.url);
    return;
  }
  if (effect.kind === 'loadBookmarks') {
    try {
      reply({ type: 'bookmarksLoaded', entries: bookmarkEntries(context, effect.all === true) });
    } catch (error) {
      reply({ type: 'bookmarksLoaded', entries: [] });
      reply({ type: 'notify', message: `Could not read the bookmarks: ${message(error)}` });
    }
    // Saving what the match to the archive found (moved articles' new ids) is only for next time:
    // done if the lock is free now, never waited for (the saves queued behind it would wait too).
    if (library) await library.transaction(() => library.reconcile(archive), { timeoutMs: 0 }).catch(() => {});
    return;
  }
  if (effect.kind === 'loadPeople' || effect.kind === 'loadPersonQuotes') {
    try {
      const { db } = archive;
      if (effect.kind === 'loadPeople') reply({ type: 'peopleLoaded', entries: people(db), analysed: analysisProgress(db) });
      else reply({ type: 'personQuotesLoaded', key: effect.key, quotes: quotesOf(db, [effect.key]).map(({ end: _end, speaker: _speaker, ...quote }) => quote) });
    } catch (error) {
      reply({ type: 'notify', message: `Could not read the people index: ${message(error)}` });
    }
    return;
  }
  const failed = (error: unknown, marks: Omit<Extract<Action, { type: 'saveFailed' }>, 'type' | 'message'> = {}): void =>
    reply({ type: 'saveFailed', message: `Not saved: ${reason(error)}`, ...marks });
  // Read marks and positions: one row each in the archive's reading state, no lock to wait for.
  const { reading } = context;
  switch (effect.kind) {
    case 'opened': {
      try {
        reading.markRead(effect.id, archive.get(effect.id)?.fingerprint);
      } catch (error) {
        failed(error, { read: { id: effect.id, read: truth(() => reading.isRead(effect.id), false) } });
      }
      return;
    }
    case 'setRead':
      try {
        if (effect.read) reading.markRead(effect.id, archive.get(effect.id)?.fingerprint);
        else reading.markUnread(effect.id);
      } catch (error) {
        failed(error, { read: { id: effect.id, read: truth(() => reading.isRead(effect.id), !effect.read) } });
      }
      return;
    case 'setReadMany':
      try {
        // One transaction: all of them are marked, or none is.
        if (effect.read) reading.markAllRead(effect.ids.map((id) => ({ id, fingerprint: archive.get(id)?.fingerprint })));
        else reading.markAllUnread(effect.ids);
      } catch (error) {
        failed(error, { readMany: { ids: effect.ids, read: !effect.read } });
      }
      return;
    case 'saveSection':
      try {
        reading.writeMeta(SECTION_KEY, effect.section ?? '');
      } catch (error) {
        failed(error);
      }
      return;
    case 'savePosition':
      try {
        reading.setPosition(effect.id, { paragraph: effect.paragraph, offset: effect.offset }, archive.get(effect.id)?.fingerprint);
      } catch (error) {
        failed(error);
      }
      return;
    default:
      break;
  }
  if (!library) return;
  switch (effect.kind) {
    case 'setBookmark': {
      const article = archive.get(effect.id);
      await save(
        library,
        () => {
          if (!effect.on) library.removeBookmark(effect.id);
          else if (article && !library.isBookmarked(effect.id)) library.addBookmark(article);
        },
        reply,
      ).catch((error: unknown) => failed(error, { bookmarked: { id: effect.id, on: truth(() => library.isBookmarked(effect.id), !effect.on) } }));
      return;
    }
    case 'setNote':
      await save(library, () => library.setNote(effect.id, effect.note), reply).catch((error: unknown) =>
        failed(error, { bookmarked: { id: effect.id, on: truth(() => library.isBookmarked(effect.id), true) } }),
      );
      return;
    case 'saveSort':
      await save(library, () => library.set('sort', effect.sort), reply).catch((error: unknown) => failed(error));
      return;
    case 'saveTheme':
      await save(library, () => library.set('theme', effect.theme), reply).catch((error: unknown) => failed(error));
      return;
    case 'saveMaxWidth':
      await save(library, () => library.set('maxWidth', effect.maxWidth), reply).catch((error: unknown) => failed(error));
      return;
    case 'saveSelection':
      await save(library, () => library.get('lastSelected') !== effect.id && library.set('lastSelected', effect.id), reply).catch((error: unknown) =>
        failed(error),
      );
      return;
  }
}

/**
 * Newest first. With a library: as matched with the archive (moved articles
 * followed, missing ones kept), read without waiting for the lock.
 */
export function bookmarkEntries({ archive, library, bookmarked }: EffectContext, all = false): BookmarkEntry[] {
  if (library) {
    const entries = library.reconcile(archive, { save: false }).map(({ bookmark, status }) => {
      const entry: BookmarkEntry = { id: bookmark.id, headline: bookmark.headline, date: formatDate(bookmark.date), missing: status === 'missing' };
      if (bookmark.note !== undefined) entry.note = bookmark.note;
      return entry;
    });
    if (!all) return entries;
    // Then every other archive's, as they were saved: listed, not opened from here.
    const others = library.allBookmarks().filter((bookmark) => bookmark.archive !== library.archive);
    return [
      ...entries,
      ...others.map((bookmark) => {
        const entry: BookmarkEntry = { id: bookmark.id, headline: bookmark.headline, date: formatDate(bookmark.date), missing: true, elsewhere: bookmark.archive ?? '' };
        if (bookmark.note !== undefined) entry.note = bookmark.note;
        return entry;
      }),
    ];
  }
  return [...bookmarked].reverse().map((id) => {
    const article = archive.get(id);
    return { id, headline: article?.headline ?? id, date: article ? formatDate(article.date) : '', missing: !article };
  });
}
