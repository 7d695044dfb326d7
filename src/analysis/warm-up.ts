import { findHighlights } from './highlights.js';
import { layoutParagraph } from './layout.js';

/** A few sentences with every kind of quote, speaker and figure the analysis looks for. */
const SAMPLE = [
  'LONDON (Reuters) - Shares rose 3.5% to £12.40 on Tuesday, 4 March 2025, after the company said profits had doubled to $1.2bn.',
  '“We are very pleased,” said Jane Smith, the chief executive. She added: "The next 12 months will be harder." Analysts at the bank expect 2,500 job cuts.',
  "Mr Smith's rival disagreed. «Nothing has changed», he told reporters, pointing to a 15-mile queue and 40 km of roadworks.",
];

/**
 * Runs the analysis once on a small sample. The first analysis in a process
 * costs ~100 ms of regular-expression compilation and JIT warm-up whatever the
 * text; the reader pays it while idle after start, not when an article opens.
 */
export function warmUpAnalysis(): void {
  const highlights = findHighlights(SAMPLE);
  SAMPLE.forEach((paragraph, index) => layoutParagraph(paragraph, highlights.filter((h) => h.paragraph === index), 40));
}
