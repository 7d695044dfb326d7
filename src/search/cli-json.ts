/**
 * What `broadsheet search QUERY [--json] [--limit N]` prints: the same
 * ranking as the search line, with scores and matched fields.
 */
import type { ArchiveSearch } from './archive-search.js';
import type { SearchField, SearchOptions, SearchOutcome } from './types.js';

export interface SearchCommandResult {
  rank: number;
  id: string;
  headline: string;
  date: string;
  /** 0 is a perfect match. */
  score: number;
  field: SearchField;
  /** Half-open `[start, end)` UTF-16 ranges of `headline`. */
  headlineMatches: Array<[number, number]>;
}

export interface SearchCommandOutput {
  query: string;
  mode: SearchOutcome['mode'];
  /** Matches before `--limit`. */
  total: number;
  /** `--section`, when given. */
  section?: string;
  /** Why nothing matched: this word (or "phrase") is in no article. */
  missing?: string;
  results: SearchCommandResult[];
}

export interface HeadlineLookup {
  get(id: string): { headline: string; date: string } | undefined;
}

export function runSearchCommand(
  search: ArchiveSearch,
  articles: HeadlineLookup,
  query: string,
  limit = 20,
  options: SearchOptions = {},
): SearchCommandOutput {
  const outcome = search.run(query, limit, options);
  return {
    query,
    mode: outcome.mode,
    total: outcome.total,
    ...(options.section !== undefined ? { section: options.section } : {}),
    ...(outcome.missing !== undefined ? { missing: outcome.missing } : {}),
    results: outcome.hits.map((hit, index) => {
      const article = articles.get(hit.id);
      return {
        rank: index + 1,
        id: hit.id,
        headline: article?.headline ?? '',
        date: article?.date ?? '',
        score: hit.score,
        field: hit.field,
        headlineMatches: hit.headlineMatches,
      };
    }),
  };
}

/** Plain-text rendering for the terminal: one result a line, best first. */
export function formatSearchCommand(output: SearchCommandOutput): string {
  const where = output.section === undefined ? '' : ` in ${output.section}`;
  if (output.results.length === 0) {
    const why = output.missing === undefined ? '' : ` (${output.missing.startsWith('"') ? output.missing : `"${output.missing}"`} is in no article${where}: every word must appear)`;
    return `No articles${where} match "${output.query}"${why}.`;
  }
  const lines = output.results.map((result) => {
    const date = result.date.slice(0, 10).padEnd(10);
    const score = result.score.toFixed(3);
    return `${String(result.rank).padStart(3)}  ${score}  ${date}  ${result.headline}  [${result.id}, ${result.field}]`;
  });
  const shown = output.results.length;
  if (output.total > shown) lines.push(`(${shown} of ${output.total} matches; --limit N shows more)`);
  return lines.join('\n');
}
