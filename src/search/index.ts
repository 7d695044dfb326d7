/**
 * Search: ranked fuzzy search over an archive (`ArchiveSearch`, built all at
 * once or a document at a time with `ArchiveSearchBuilder`), the reader's
 * in-article `/` search (`findInText`), and the `search` command's output
 * (`runSearchCommand`). The reader reaches the archive search through a
 * SearchService (service.ts): on this thread or on a worker.
 */
import type { ArticleText } from '../archive/article.js';
import type { SearchDoc, SearchHeader } from './types.js';

export type { SearchDoc, SearchField, SearchHeader, SearchHit, SearchOutcome } from './types.js';
export { ArchiveSearch, ArchiveSearchBuilder } from './archive-search.js';
export { findInText, type TextMatch } from './find-in-text.js';
export {
  formatSearchCommand,
  runSearchCommand,
  type HeadlineLookup,
  type SearchCommandOutput,
  type SearchCommandResult,
} from './cli-json.js';
export { SEARCH_SYNTAX_HELP } from './syntax-help.js';

/**
 * The searchable part of an article: the lead is the first paragraph, the
 * body the rest. Without its text (unreadable now) only the header is searched.
 */
export function toSearchDoc(article: SearchHeader, text: ArticleText | undefined): SearchDoc {
  const paragraphs = text?.paragraphs ?? [];
  const doc: SearchDoc = {
    id: article.id,
    headline: article.headline,
    tags: article.tags,
    lead: paragraphs[0] ?? '',
    body: paragraphs.slice(1).join('\n\n'),
    date: article.date,
  };
  if (article.source !== undefined) doc.source = article.source;
  if (article.dateline !== undefined) doc.dateline = article.dateline;
  return doc;
}
