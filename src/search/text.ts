/**
 * Text folding and word splitting shared by the index and the query, so a
 * word is spelt the same way on both sides.
 */

const COMBINING_MARKS = /\p{M}/gu;
// "China's" is indexed as "china": possessives would otherwise split off a stray "s".
const POSSESSIVE = /['’]s(?![\p{L}\p{N}])/gu;
const APOSTROPHES = /['’]/g;
const WORD = /[\p{L}\p{N}]+/gu;

const NON_ASCII = /[^\x00-\x7f]+/g;
// Not a letter or digit, outside ASCII: FTS5's unicode61 tokenizer takes some (emoji, private use) for letters.
const OTHER_NON_WORD = /[^\x00-\x7f\p{L}\p{N}]/gu;

/**
 * Lower case without accents: `Café` → `cafe`. Decomposition runs only over
 * the non-ASCII parts: every article's whole text is folded when indexed,
 * and NFD over all of it was most of the indexer's time.
 */
export function foldText(text: string): string {
  return text.toLowerCase().replace(NON_ASCII, (part) => part.normalize('NFD').replace(COMBINING_MARKS, ''));
}

/** Folded words of a text, in order, duplicates kept. */
export function wordsOf(text: string): string[] {
  return foldedWords(text).match(WORD) ?? [];
}

/** Folded, apostrophes gone, words otherwise as they stand in the text. */
function foldedWords(text: string): string {
  return foldText(text).replace(POSSESSIVE, '').replace(APOSTROPHES, '');
}

/**
 * The text as the full-text index is given it: the words of wordsOf, with
 * ASCII between them left for FTS5's tokenizer to split on, as WORD does.
 * Making an array of every word only to join it again was half the cost of
 * indexing an article.
 */
export function indexedText(text: string): string {
  return foldedWords(text).replace(OTHER_NON_WORD, ' ');
}
