/**
 * The reader's `/` search: plain, case-insensitive occurrences of the query
 * in an article's paragraphs, in reading order; and the words an archive
 * search matched, for an article opened from its results.
 */
import { wordsOf } from './text.js';
import type { WordQuery } from './types.js';

export interface TextMatch {
  paragraph: number;
  /** Half-open UTF-16 range in the paragraph. */
  start: number;
  end: number;
}

export function findInText(paragraphs: readonly string[], query: string): TextMatch[] {
  if (query.trim() === '') return [];
  const needle = query.toLowerCase();
  const matches: TextMatch[] = [];
  paragraphs.forEach((text, paragraph) => {
    const { folded, offsets } = lowerWithOffsets(text);
    let from = 0;
    for (;;) {
      const at = folded.indexOf(needle, from);
      if (at === -1) break;
      const end = at + needle.length;
      matches.push({ paragraph, start: offsets[at] as number, end: offsets[end] as number });
      // Matches do not overlap: `aa` in `aaaa` is found twice, like a pager's search.
      from = end;
    }
  });
  return matches;
}

/** A word as printed, with an inner apostrophe (`Blair's`, `don't`): the unit a search's words are marked in. */
const WORD_TOKEN = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*/gu;

/**
 * The words of `paragraphs` that an archive search's words stand for, each
 * marked whole: a word matches when, folded as the index folds it, it starts
 * with one of `query.prefixes` or is one of `query.words`.
 */
export function findWordsInText(paragraphs: readonly string[], query: WordQuery): TextMatch[] {
  const exact = new Set(query.words);
  const prefixes = query.prefixes;
  if (exact.size === 0 && prefixes.length === 0) return [];
  // Most words cannot match: their first letter starts none of the query's words (folding is the costly part).
  const firsts = new Set([...exact, ...prefixes].map((word) => word[0]));
  const matches: TextMatch[] = [];
  paragraphs.forEach((text, paragraph) => {
    for (const token of text.matchAll(WORD_TOKEN)) {
      const first = token[0][0]!.toLowerCase();
      if (first < '\u0080' && !firsts.has(first)) continue;
      const folded = wordsOf(token[0]).join('');
      if (exact.has(folded) || prefixes.some((prefix) => folded.startsWith(prefix))) {
        matches.push({ paragraph, start: token.index, end: token.index + token[0].length });
      }
    }
  });
  return matches;
}

/**
 * Lower-cases `text` and maps each position of the result back to the
 * original: a few characters (`İ`) change length when lower-cased, and the
 * ranges must point into the text the UI prints.
 */
function lowerWithOffsets(text: string): { folded: string; offsets: number[] } {
  const folded = text.toLowerCase();
  if (folded.length === text.length) {
    return { folded, offsets: Array.from({ length: text.length + 1 }, (_, i) => i) };
  }
  let result = '';
  const offsets: number[] = [];
  let index = 0;
  for (const char of text) {
    const lower = char.toLowerCase();
    for (let k = 0; k < lower.length; k++) offsets.push(index);
    result += lower;
    index += char.length;
  }
  offsets.push(index);
  return { folded: result, offsets };
}
