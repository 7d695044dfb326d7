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
  const folded = foldText(text).replace(POSSESSIVE, '').replace(APOSTROPHES, '');
  return folded.match(WORD) ?? [];
}
