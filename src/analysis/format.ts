/**
 * Plain-text listings for the CLI (`quotes`, `figures`). No ANSI: the CLI may
 * pipe them. Paragraphs are numbered from 1 as `¶N`.
 */
import type { Highlight } from './types.js';

/** One line per quotation: `¶3  “…” — Wang Yi`, or `(unattributed)`. */
export function formatQuotes(highlights: readonly Highlight[]): string {
  return highlights
    .filter((h) => h.kind === 'quote')
    .map((h) => `¶${h.paragraph + 1}  ${h.text} — ${h.speaker ?? '(unattributed)'}`)
    .join('\n');
}

/** The sentence of `text` that holds offsets [start, end). */
export function sentenceAt(text: string, start: number, end: number): string {
  // A sentence ends at . ! ? (optionally followed by a closing mark) and a space before a capital or opening mark.
  const boundary = /[.!?]['"’”»)]*\s+(?=[\p{Lu}\p{N}"“‘'«(])/gu;
  let from = 0;
  let to = text.length;
  for (const m of text.matchAll(boundary)) {
    const after = m.index + m[0].length;
    if (after <= start) from = after;
    else if (m.index >= end - 1) {
      to = m.index + m[0].trimEnd().length;
      break;
    }
  }
  return text.slice(from, to).trim();
}

/** One entry per figure: the figure, then the sentence it stands in. */
export function formatFigures(paragraphs: readonly string[], highlights: readonly Highlight[]): string {
  return highlights
    .filter((h) => h.kind === 'figure')
    .map((h) => `¶${h.paragraph + 1}  ${h.text}\n      ${sentenceAt(paragraphs[h.paragraph] ?? '', h.start, h.end)}`)
    .join('\n');
}
