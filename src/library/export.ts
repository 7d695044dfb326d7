/**
 * Bookmarks as text for `broadsheet bookmarks`, as JSON-able data for
 * `--json` and `export --format json`, and as a Markdown reading list.
 * Pure. Every string is sanitised here again: these are the last step before
 * output, and the caller may have resolved bookmarks straight from the file.
 */
import path from 'node:path';
import { sanitizeLine } from '../sanitize/index.js';
import type { BookmarkStatus, ResolvedBookmark } from './resolve.js';

export interface BookmarkRecord {
  id: string;
  headline: string;
  date: string;
  /** Relative to the archive root (absolute when an archive root was given). */
  path: string;
  note?: string;
  addedAt: string;
  status: BookmarkStatus;
  /** For `moved`: the id it had before. */
  previousId?: string;
  /** The article's source URL, when it has one. */
  url?: string;
  /** The archive (folder) it belongs to; absent for bookmarks from before 0.2 no archive has claimed. */
  archive?: string;
}

export interface ExportOptions {
  /** Makes paths absolute, so the list is useful outside the archive. */
  archiveRoot?: string;
}

function displayPath(relPath: string, options: ExportOptions, archive: string | undefined): string {
  if (relPath === '') return '';
  // Another archive's bookmark is under its own folder.
  const root = archive ?? options.archiveRoot;
  return options.archiveRoot && root ? path.join(root, relPath) : relPath;
}

export function bookmarksToJson(resolved: readonly ResolvedBookmark[], options: ExportOptions = {}): BookmarkRecord[] {
  return resolved.map(({ bookmark, status, previousId }) => {
    const record: BookmarkRecord = {
      id: sanitizeLine(bookmark.id),
      headline: sanitizeLine(bookmark.headline),
      date: sanitizeLine(bookmark.date),
      path: sanitizeLine(displayPath(bookmark.relPath, options, bookmark.archive)),
      addedAt: sanitizeLine(bookmark.addedAt),
      status,
    };
    if (bookmark.note !== undefined) record.note = sanitizeLine(bookmark.note);
    if (previousId !== undefined) record.previousId = sanitizeLine(previousId);
    if (bookmark.url !== undefined && /^https?:\/\//i.test(bookmark.url)) record.url = sanitizeLine(bookmark.url);
    if (bookmark.archive !== undefined) record.archive = sanitizeLine(bookmark.archive);
    return record;
  });
}

/** Backslash-escapes what Markdown would otherwise read as formatting or links. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|~#]/g, (char) => `\\${char}`);
}

/** A code span that survives backticks inside the text. */
function codeSpan(text: string): string {
  const longestRun = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A reading list: one item per bookmark, newest first as given, with date, path and note. */
export function bookmarksToMarkdown(resolved: readonly ResolvedBookmark[], options: ExportOptions = {}): string {
  const records = bookmarksToJson(resolved, options);
  const lines = ['# Reading list', ''];
  if (records.length === 0) {
    lines.push('No bookmarks yet.');
    return `${lines.join('\n')}\n`;
  }
  lines.push(`${records.length} ${records.length === 1 ? 'article' : 'articles'}, newest bookmark first.`, '');
  for (const record of records) {
    const date = record.date ? ` (${escapeMarkdown(record.date)})` : '';
    lines.push(`- **${escapeMarkdown(record.headline)}**${date}`);
    if (record.url) lines.push(`  - URL: <${record.url.replace(/[<>\s]/g, encodeURIComponent)}>`);
    if (record.path) lines.push(`  - Path: ${codeSpan(record.path)}`);
    if (record.note) lines.push(`  - Note: ${escapeMarkdown(record.note)}`);
    if (record.status === 'missing') lines.push('  - Not found in the archive any more');
    if (record.status === 'elsewhere') lines.push(record.archive ? `  - In another archive: ${codeSpan(record.archive)}` : '  - Made before bookmarks belonged to an archive, not found in this one');
  }
  return `${lines.join('\n')}\n`;
}

/** The plain list printed by `broadsheet bookmarks`. */
export function formatBookmarkList(resolved: readonly ResolvedBookmark[]): string {
  const records = bookmarksToJson(resolved);
  if (records.length === 0) {
    return 'No bookmarks yet. Press b on an article, or run: broadsheet bookmark add ID\n';
  }
  const lines: string[] = [];
  for (const record of records) {
    const missing =
      record.status === 'missing' ? '  [missing from archive]' : record.status === 'elsewhere' ? `  [${record.archive ? `in ${record.archive}` : 'not in this archive'}]` : '';
    lines.push(`${record.date || '          '}  ${record.id}  ${record.headline}${missing}`);
    if (record.note) lines.push(`            note: ${record.note}`);
  }
  return `${lines.join('\n')}\n`;
}
