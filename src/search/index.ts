/**
 * Search: ranked fuzzy search over an archive's store (`ArchiveSearch`), the
 * reader's in-article `/` search (`findInText`), and the `search` command's
 * output (`runSearchCommand`). The reader reaches the archive search through
 * a SearchService (store-search.ts).
 */
export type { SearchDoc, SearchField, SearchHeader, SearchHit, SearchOptions, SearchOutcome, WordQuery } from './types.js';
export { ArchiveSearch } from './archive-search.js';
export { toSearchDoc } from './fts-index.js';
export { findInText, findWordsInText, type TextMatch } from './find-in-text.js';
export {
  formatSearchCommand,
  runSearchCommand,
  type HeadlineLookup,
  type SearchCommandOutput,
  type SearchCommandResult,
} from './cli-json.js';
export { SEARCH_SYNTAX_HELP } from './syntax-help.js';
export { opening, snippetAround, type Snippet } from './snippet.js';
