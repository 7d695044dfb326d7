/**
 * Who was quoted where, across the archive: queries over the quotations the
 * analysis stored (analyse.ts). A person is a full name: the same name in
 * two articles is the same person (analysis/people.ts personKey), and a
 * name is looked up as a person would type it (`blair`, `Mr Blair`).
 */
import { nameMatches } from '../analysis/people.js';
import type { TextResult } from './article.js';
import type { Db } from './store.js';

export interface Person {
  /** The matching key (analysis/people.ts personKey). */
  key: string;
  /** The name as articles write it most often. */
  name: string;
  quotes: number;
  articles: number;
}

export interface PersonQuote {
  /** The article's id, headline and date. */
  id: string;
  headline: string;
  date: string;
  /** 0-based paragraph and UTF-16 offsets into it, as `show --json` gives paragraphs. */
  paragraph: number;
  start: number;
  end: number;
  /** Its first words (analyse.ts QUOTE_TEXT_KEPT), ending in `…` when there is more; whole after wholeQuotes. */
  text: string;
  speaker: string;
}

/** How far the analysis has got: articles analysed, of all. */
export function analysisProgress(db: Db): { done: number; total: number } {
  const row = db.prepare('SELECT count(*) AS total, coalesce(sum(analysed <> 0), 0) AS done FROM files WHERE id IS NOT NULL').get() as { total: number; done: number };
  return { done: row.done, total: row.total };
}

/** Everyone quoted, most quoted first (then by name). */
export function people(db: Db): Person[] {
  const counts = db
    .prepare('SELECT person AS key, count(*) AS quotes, count(DISTINCT file) AS articles FROM quotes WHERE person IS NOT NULL GROUP BY person')
    .all() as Array<Omit<Person, 'name'>>;
  // The spelling used most for each person (`Tony Blair`, not `TONY BLAIR` from one headline).
  const names = new Map<string, { name: string; uses: number }>();
  for (const row of db.prepare('SELECT person AS key, speaker AS name, count(*) AS uses FROM quotes WHERE person IS NOT NULL GROUP BY person, speaker').iterate() as Iterable<{ key: string; name: string; uses: number }>) {
    const best = names.get(row.key);
    if (!best || row.uses > best.uses || (row.uses === best.uses && row.name < best.name)) names.set(row.key, { name: row.name, uses: row.uses });
  }
  return counts
    .map((row) => ({ ...row, name: names.get(row.key)?.name ?? row.key }))
    .sort((a, b) => b.quotes - a.quotes || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The people whose name `query` names (see nameMatches), most quoted first. */
export function findPeople(db: Db, query: string): Person[] {
  return people(db).filter((person) => nameMatches(query, person.name));
}

/** A person's quotations across the archive, newest article first, then in reading order. */
export function quotesOf(db: Db, keys: readonly string[]): PersonQuote[] {
  return db
    .prepare(
      `SELECT f.id, f.headline, f.date, q.paragraph, q.start, q.end, q.text, q.speaker
       FROM quotes q JOIN files f ON f.n = q.file
       WHERE q.person IN (SELECT value FROM json_each(?)) AND f.id IS NOT NULL
       ORDER BY f.date DESC, f.id, q.paragraph, q.start`,
    )
    .all(JSON.stringify(keys)) as PersonQuote[];
}

/**
 * The quotations whole, from their articles' text (each article read once),
 * for the command line's `quotes --speaker`. One whose article cannot be
 * read, or no longer has it where it was, keeps its first words.
 */
export function wholeQuotes(quotes: readonly PersonQuote[], read: (id: string) => TextResult | undefined): PersonQuote[] {
  const texts = new Map<string, TextResult | undefined>();
  return quotes.map((quote) => {
    if (quote.text.length === quote.end - quote.start) return quote;
    if (!texts.has(quote.id)) texts.set(quote.id, read(quote.id));
    const result = texts.get(quote.id);
    const whole = result?.ok ? result.text.paragraphs[quote.paragraph]?.slice(quote.start, quote.end) : undefined;
    return whole !== undefined && whole.startsWith(quote.text.slice(0, -1)) ? { ...quote, text: whole } : quote;
  });
}
