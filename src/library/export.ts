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
}

export interface ExportOptions {
  /** Makes paths absolute, so the list is useful outside the archive. */
  archiveRoot?: string;
}

function displayPath(relPath: string, options: ExportOptions): string {
  if (relPath === '') return '';
  return options.archiveRoot ? path.join(options.archiveRoot, relPath) : relPath;
}

export function bookmarksToJson(resolved: readonly ResolvedBookmark[], options: ExportOptions = {}): BookmarkRecord[] {
  return resolved.map(({ bookmark, status, previousId }) => {
    const record: BookmarkRecord = {
      id: sanitizeLine(bookmark.id),
      headline: sanitizeLine(bookmark.headline),
      date: sanitizeLine(bookmark.date),
      path: sanitizeLine(displayPath(bookmark.relPath, options)),
      addedAt: sanitizeLine(bookmark.addedAt),
      status,
    };
    if (bookmark.note !== undefined) record.note = sanitizeLine(bookmark.note);
    if (previousId !== undefined) record.previousId = sanitizeLine(previousId);
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
    if (record.path) lines.push(`  - Path: ${codeSpan(record.path)}`);
    if (record.note) lines.push(`  - Note: ${escapeMarkdown(record.note)}`);
    if (record.status === 'missing') lines.push('  - Not found in the archive any more');
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
    const missing = record.status === 'missing' ? '  [missing from archive]' : '';
    lines.push(`${record.date || '          '}  ${record.id}  ${record.headline}${missing}`);
    if (record.note) lines.push(`            note: ${record.note}`);
  }
  return `${lines.join('\n')}\n`;
}
