/**
 * What `broadsheet search QUERY [--json] [--limit N]` prints: the same
 * ranking as the search line, with scores and matched fields.
 */
import type { ArchiveSearch } from './archive-search.js';
import type { SearchField, SearchOutcome } from './types.js';

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
): SearchCommandOutput {
  const outcome = search.run(query, limit);
  return {
    query,
    mode: outcome.mode,
    total: outcome.total,
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
  if (output.results.length === 0) return `No articles match "${output.query}".`;
  const lines = output.results.map((result) => {
    const date = result.date.slice(0, 10).padEnd(10);
    const score = result.score.toFixed(3);
    return `${String(result.rank).padStart(3)}  ${score}  ${date}  ${result.headline}  [${result.id}, ${result.field}]`;
  });
  const shown = output.results.length;
  if (output.total > shown) lines.push(`(${shown} of ${output.total} matches; --limit N shows more)`);
  return lines.join('\n');
}
