import { attributeQuotes } from './attribution.js';
import { findFigureSpans } from './figures.js';
import { findQuoteSpans } from './quotes.js';
import type { Highlight } from './types.js';

/**
 * Quotations and figures in an article's paragraphs, sorted by paragraph then
 * start (a figure inside a quotation comes after the quotation that holds it).
 * Spans of one kind never overlap.
 */
export function findHighlights(paragraphs: readonly string[]): Highlight[] {
  const quotes = findQuoteSpans(paragraphs);
  const speakers = attributeQuotes(paragraphs, quotes);
  const highlights: Highlight[] = quotes.map((q, i) => {
    const text = paragraphs[q.paragraph]!.slice(q.start, q.end);
    const speaker = speakers[i];
    return speaker === undefined
      ? { kind: 'quote', paragraph: q.paragraph, start: q.start, end: q.end, text }
      : { kind: 'quote', paragraph: q.paragraph, start: q.start, end: q.end, text, speaker };
  });
  paragraphs.forEach((text, paragraph) => {
    for (const f of findFigureSpans(text)) {
      highlights.push({ kind: 'figure', paragraph, start: f.start, end: f.end, text: text.slice(f.start, f.end) });
    }
  });
  return highlights.sort(
    (a, b) => a.paragraph - b.paragraph || a.start - b.start || (a.kind === b.kind ? 0 : a.kind === 'quote' ? -1 : 1),
  );
}
