/**
 * Edit distance (optimal string alignment: insert, delete, substitute,
 * swap two neighbours) from a typed term to a word, bounded by `maxEdits`.
 *
 * `prefix` is the distance to the closest prefix of the word, so a term
 * still being typed (`pres`) matches `president`; `whole` is the distance
 * to the whole word. Either is `Infinity` when it exceeds `maxEdits`.
 */
export interface TermDistance {
  prefix: number;
  whole: number;
}

/**
 * The three columns, reused: a keystroke measures the term against tens of
 * thousands of words, and fresh arrays for each were ~8 MB of garbage per
 * keystroke at 100,000 articles (the heap grew to hold it).
 */
let columns = [new Int32Array(32), new Int32Array(32), new Int32Array(32)] as const;

export function boundedDistance(term: string, word: string, maxEdits: number): TermDistance {
  const n = term.length;
  const m = word.length;
  // A prefix longer than n + maxEdits cannot be closer than maxEdits.
  const lastColumn = Math.min(m, n + maxEdits);
  if (columns[0].length <= n) columns = [new Int32Array(n + 1), new Int32Array(n + 1), new Int32Array(n + 1)];
  let [before, previous, current] = columns;
  before.fill(0, 0, n + 1);
  for (let i = 0; i <= n; i++) previous[i] = i;
  let prefix = n;
  let whole = m === 0 ? n : Infinity;
  let previousMin = 0;
  for (let j = 1; j <= lastColumn; j++) {
    current[0] = j;
    let columnMin = j;
    const wordChar = word.charCodeAt(j - 1);
    for (let i = 1; i <= n; i++) {
      const termChar = term.charCodeAt(i - 1);
      let best = Math.min(
        (previous[i] as number) + 1,
        (current[i - 1] as number) + 1,
        (previous[i - 1] as number) + (termChar === wordChar ? 0 : 1),
      );
      if (i > 1 && j > 1 && termChar === word.charCodeAt(j - 2) && term.charCodeAt(i - 2) === wordChar) {
        best = Math.min(best, (before[i - 2] as number) + 1);
      }
      current[i] = best;
      if (best < columnMin) columnMin = best;
    }
    const atEnd = current[n] as number;
    if (atEnd < prefix) prefix = atEnd;
    if (j === m) whole = atEnd;
    // Later columns build on this one (+0) or the one before (+1 for a swap).
    if (columnMin > maxEdits && previousMin >= maxEdits) break;
    previousMin = columnMin;
    const spare = before;
    before = previous;
    previous = current;
    current = spare;
  }
  return {
    prefix: prefix <= maxEdits ? prefix : Infinity,
    whole: whole <= maxEdits ? whole : Infinity,
  };
}
