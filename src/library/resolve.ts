/**
 * Matching stored bookmarks to the articles of the archive as it is now.
 * Pure: the library persists the result (see Library.reconcile).
 */
import type { Article } from '../archive/article.js';
import type { Bookmark } from './schema.js';

/** The parts of an article a bookmark needs. */
export type BookmarkableArticle = Pick<Article, 'id' | 'headline' | 'relPath' | 'date' | 'fingerprint'> & { url?: string };

/** Where bookmarks are looked up: the archive (by id, and by content for a moved file). */
export interface ArticleLookup {
  get(id: string): BookmarkableArticle | undefined;
  withFingerprint(fingerprint: string): BookmarkableArticle[];
}

/** A lookup over a list of articles (tests, small callers). */
export function lookupOf(articles: Iterable<BookmarkableArticle>): ArticleLookup {
  const byId = new Map<string, BookmarkableArticle>();
  for (const article of articles) byId.set(article.id, article);
  return {
    get: (id) => byId.get(id),
    withFingerprint: (fingerprint) => [...byId.values()].filter((article) => article.fingerprint === fingerprint),
  };
}

/** `elsewhere`: another archive's (or unclaimed), listed with --all as it was saved, not matched here. */
export type BookmarkStatus = 'found' | 'moved' | 'missing' | 'elsewhere';

export interface ResolvedBookmark {
  /** Up to date: re-keyed to the article's new id when it moved, refreshed headline/date/path and fingerprint when found. */
  bookmark: Bookmark;
  status: BookmarkStatus;
  /** The id the bookmark had before it followed a moved article. */
  previousId?: string;
  article?: BookmarkableArticle;
}

function refreshed(bookmark: Bookmark, article: BookmarkableArticle, fingerprint: string): Bookmark {
  const next: Bookmark = {
    ...bookmark,
    id: article.id,
    fingerprint,
    headline: article.headline,
    date: article.date,
    relPath: article.relPath,
  };
  if (article.url !== undefined) next.url = article.url;
  return next;
}

/**
 * Matches each bookmark by id, else by content fingerprint (re-keying it to
 * the new id), and keeps the ones whose article is gone, marked `missing`:
 * a bookmark is never dropped here. Order is preserved.
 *
 * An id match whose content no longer matches loses to a fingerprint match
 * elsewhere (the file was renamed and another took its name); with no such
 * match it stays (the article was edited in place).
 */
export function resolveBookmarks(bookmarks: readonly Bookmark[], articles: ArticleLookup): ResolvedBookmark[] {
  const byId = articles;
  const fingerprintOf = (article: BookmarkableArticle): string => article.fingerprint;
  const articlesWithFingerprint = (fingerprint: string): BookmarkableArticle[] => articles.withFingerprint(fingerprint);

  const results: Array<ResolvedBookmark | undefined> = bookmarks.map(() => undefined);
  const claimed = new Set<string>();

  // First pass: bookmarks still exactly where they were claim their ids, so a
  // moved bookmark cannot be re-keyed onto an article bookmarked in its own right.
  bookmarks.forEach((bookmark, index) => {
    const article = byId.get(bookmark.id);
    if (!article) return;
    const fingerprint = fingerprintOf(article);
    if (bookmark.fingerprint !== undefined && bookmark.fingerprint !== fingerprint) return;
    claimed.add(article.id);
    results[index] = { bookmark: refreshed(bookmark, article, fingerprint), status: 'found', article };
  });

  bookmarks.forEach((bookmark, index) => {
    if (results[index]) return;
    const candidates = bookmark.fingerprint === undefined ? [] : articlesWithFingerprint(bookmark.fingerprint);
    const moved = candidates.find((candidate) => !claimed.has(candidate.id));
    if (moved) {
      claimed.add(moved.id);
      results[index] = {
        bookmark: refreshed(bookmark, moved, fingerprintOf(moved)),
        status: 'moved',
        previousId: bookmark.id,
        article: moved,
      };
      return;
    }
    const edited = byId.get(bookmark.id);
    if (edited && !claimed.has(edited.id)) {
      claimed.add(edited.id);
      results[index] = { bookmark: refreshed(bookmark, edited, fingerprintOf(edited)), status: 'found', article: edited };
      return;
    }
    results[index] = { bookmark: { ...bookmark }, status: 'missing' };
  });

  return results.map((result, index) => result ?? { bookmark: { ...bookmarks[index]! }, status: 'missing' });
}
