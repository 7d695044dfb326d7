/**
 * A line of context for a search result: the text around the first place the
 * query's words are, so a result found in the body shows why it was found.
 * Pure: the caller gives the paragraphs (the lead from the catalogue, or the
 * text read from the file for the rows on screen) and caches the answer.
 */
import { findWordsInText } from './find-in-text.js';
import type { WordQuery } from './types.js';

export interface Snippet {
  text: string;
  /** Half-open UTF-16 ranges of `text` holding the query's words. */
  matches: Array<[number, number]>;
}

/** Characters of context kept before the first match, so the line starts in the sentence, not at the word. */
const BEFORE = 24;
/** A match this near the paragraph's start is shown from the start: it fits a row as it is. */
const NEAR_START = 60;
/** Enough text for the widest row; the row cuts it to its width. */
const LENGTH = 240;

/**
 * Around the first match in `paragraphs` (in order), or undefined when the
 * words are in none of them. Whitespace runs become one space.
 */
export function snippetAround(paragraphs: readonly string[], words: WordQuery): Snippet | undefined {
  for (const paragraph of paragraphs) {
    const text = paragraph.replace(/\s+/g, ' ');
    const found = findWordsInText([text], words);
    const first = found[0];
    if (!first) continue;
    // Start at a word boundary a little before the match; an ellipsis says text was left out.
    let start = first.end <= NEAR_START ? 0 : Math.max(0, first.start - BEFORE);
    if (start > 0) {
      const space = text.indexOf(' ', start);
      start = space >= 0 && space < first.start ? space + 1 : first.start;
    }
    const prefix = start > 0 ? '… ' : '';
    const body = text.slice(start, start + LENGTH);
    const shift = prefix.length - start;
    const matches = found
      .filter((match) => match.start >= start && match.end <= start + body.length)
      .map((match): [number, number] => [match.start + shift, match.end + shift]);
    return { text: prefix + body, matches };
  }
  return undefined;
}

/** The opening of an article, for a result whose words are not in its text (a headline or tag match). */
export function opening(paragraphs: readonly string[]): Snippet {
  const first = paragraphs.find((paragraph) => paragraph.trim() !== '') ?? '';
  return { text: first.replace(/\s+/g, ' ').slice(0, LENGTH), matches: [] };
}
