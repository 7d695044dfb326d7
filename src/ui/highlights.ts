/**
 * The reader's view of quotes and figures, from src/analysis. Kept as one
 * re-export so the UI has a single seam to the analysis code.
 */
export { findHighlights, layoutParagraph, layoutParagraphDetailed, sentenceAt } from '../analysis/index.js';
import { warmUpAnalysis } from '../analysis/index.js';
import { parseText } from '../archive/parse.js';

const SAMPLE_ARTICLE =
  'Shares rise on profit news\n\nLONDON (Reuters) - Shares rose 3.5% on Tuesday, the company said.\n\n“We are pleased,” said Jane Smith.\n\nSee also:\nMarkets rally (Sept. 8, 2022)\n';

/**
 * The first parse and analysis in a process pay ~100 ms of regular-expression
 * compilation and JIT warm-up whatever the text; the reader pays it on a
 * sample while idle after start, not when the first article opens.
 */
export function warmUp(): void {
  parseText(SAMPLE_ARTICLE);
  warmUpAnalysis();
}
export type { Highlight, Segment, SegmentStyle, StyledLine } from '../analysis/index.js';
