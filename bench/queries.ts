/**
 * The fixed search workload: 20 queries a reader of a news archive types,
 * including a typo (`pution`), an unfinished word and multi-word queries.
 * Words come from the BBC corpus, which the generator's vocabulary samples.
 */
export const QUERIES: readonly string[] = [
  'oil prices',
  'election',
  'pution',
  'champions league',
  'mobile phone',
  'film award',
  'tax',
  'world cup',
  'economy growth',
  'microsoft',
  'music',
  'blair',
  'court ruling',
  'euro',
  'chelsea',
  'broadband',
  'labour party',
  'video game',
  'shares fell',
  'gover',
];

/** What the search box holds after each keystroke: `t`, `ta`, `tax`. Blank states are not searches. */
export function keystrokes(query: string): string[] {
  const states: string[] = [];
  for (let i = 1; i <= query.length; i++) {
    const typed = query.slice(0, i);
    if (typed.trim()) states.push(typed);
  }
  return states;
}
