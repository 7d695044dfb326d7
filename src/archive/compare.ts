/** Comparing two loads of one archive: pure, so the reader can use it. */
import type { Archive, ArchiveReport } from './article.js';

/** Whether `next` lists the same articles, unchanged, and the same skipped files as `previous`. */
export function sameArchive(previous: Archive, next: Archive): boolean {
  if (previous === next) return true;
  if (previous.articles.length !== next.articles.length) return false;
  for (const article of next.articles) {
    const before = previous.byId.get(article.id);
    if (!before || before.size !== article.size || before.mtimeMs !== article.mtimeMs || before.headline !== article.headline) return false;
  }
  const key = (report: ArchiveReport): string =>
    JSON.stringify([report.skipped.map((s) => [s.relPath, s.reason]), report.notes.map((n) => [n.relPath, n.note])]);
  return key(previous.report) === key(next.report);
}

/** What changed, for the status line: `2 new, 1 removed`. */
export function describeChange(previous: Archive, next: Archive): string {
  let added = 0;
  let changed = 0;
  for (const article of next.articles) {
    const before = previous.byId.get(article.id);
    if (!before) added++;
    else if (before.size !== article.size || before.mtimeMs !== article.mtimeMs) changed++;
  }
  const removed = previous.articles.filter((a) => !next.byId.has(a.id)).length;
  const parts = [added && `${added} new`, changed && `${changed} changed`, removed && `${removed} removed`].filter(Boolean);
  return parts.length ? `Archive updated: ${parts.join(', ')}` : 'Archive updated';
}
