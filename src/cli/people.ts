/**
 * `broadsheet people` and `broadsheet quotes --speaker NAME`: the people
 * index as text and JSON. Pure formatting over what src/archive/people-index
 * found; the entry prints.
 */
import type { Person, PersonQuote } from '../archive/people-index.js';
import type { Style } from './style.js';

/** `Tony Blair  225 quotes · 75 articles`, most quoted first, names aligned. */
export function peopleText(people: readonly Person[], style: Style, progress?: { done: number; total: number }): string {
  const width = Math.max(0, ...people.map((p) => [...p.name].length));
  const lines = people.map(
    (p) => `${p.name.padEnd(width)}  ${style.dim(`${p.quotes.toLocaleString('en')} quote${p.quotes === 1 ? '' : 's'} · ${p.articles.toLocaleString('en')} article${p.articles === 1 ? '' : 's'}`)}`,
  );
  if (lines.length === 0) lines.push('Nobody is quoted in this archive.');
  if (progress && progress.done < progress.total) lines.push(style.dim(`(${progress.done.toLocaleString('en')} of ${progress.total.toLocaleString('en')} articles analysed so far)`));
  return lines.join('\n');
}

export function peopleJson(people: readonly Person[]): unknown[] {
  return people.map((p) => ({ name: p.name, key: p.key, quotes: p.quotes, articles: p.articles }));
}

/** One quotation a block: `business/100  2005-03-15  ¶4  Tony Blair`, then the quotation indented. */
export function speakerQuotesText(quotes: readonly PersonQuote[], style: Style): string {
  return quotes
    .map((q) => `${style.dim(`${q.id}  ${q.date.slice(0, 10)}  ¶${q.paragraph + 1}`)}  ${q.speaker} · ${q.headline}\n    ${q.text}`)
    .join('\n');
}

/** Paragraphs are 0-based with UTF-16 offsets, as in `show --json`. */
export function speakerQuotesJson(quotes: readonly PersonQuote[]): unknown[] {
  return quotes.map((q) => ({ id: q.id, date: q.date, headline: q.headline, paragraph: q.paragraph, start: q.start, end: q.end, speaker: q.speaker, text: q.text }));
}
