/** Quotations and figures: finding, attributing, wrapping and listing them. Pure functions only. */
export type { Highlight, HighlightKind } from './types.js';
export { findHighlights } from './highlights.js';
export { findQuoteSpans } from './quotes.js';
export { findFigureSpans } from './figures.js';
export {
  layoutParagraph,
  layoutParagraphDetailed,
  textPropsFor,
  legendText,
  LEGEND,
  type Segment,
  type SegmentStyle,
  type StyledLine,
  type LineBreak,
  type ParagraphLayout,
} from './layout.js';
export { formatQuotes, formatFigures, sentenceAt } from './format.js';
export { warmUpAnalysis } from './warm-up.js';
export { personKey, nameMatches } from './people.js';
