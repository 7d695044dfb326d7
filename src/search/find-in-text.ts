/**
 * The reader's `/` search: plain, case-insensitive occurrences of the query
 * in an article's paragraphs, in reading order.
 */

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
