/**
 * Matching people across the archive. Within an article the analysis already
 * gives each speaker the fullest name the article has (`Tony Blair` for `Mr
 * Blair`); across articles the same full name is the same person, whatever its
 * case, accents or title. Pure functions, no state.
 */

/** Honorifics and titles that are not part of a name (compared without a trailing full stop). */
const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'sir', 'dame', 'lord', 'lady', 'prof', 'professor', 'rev', 'revd', 'reverend', 'hon', 'rt']);

/** Lowercased words of a name without diacritics, apostrophes or titles: `Mr O’Neill-Ré` → [oneill, re]. */
function nameWords(name: string): string[] {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0 && !TITLES.has(w));
}

/** The same full name gives the same key: `Tony Blair`, `TONY BLAIR`, `Mr Tony Blair` → `tony blair`; `José` and `Jose` agree. */
export function personKey(name: string): string {
  return nameWords(name).join(' ');
}

/**
 * Whether a name as a person types it (`blair`, `Mr Blair`, `tony blair`, `tony`) names the speaker:
 * every word of the query is a whole word of the speaker's name (`Blairs` is not `Blair`).
 */
export function nameMatches(query: string, speaker: string): boolean {
  const wanted = nameWords(query);
  if (wanted.length === 0) return false;
  const words = new Set(nameWords(speaker));
  return wanted.every((w) => words.has(w));
}
