/**
 * The reader's view of quotes and figures, from src/analysis. Kept as one
 * re-export so the UI has a single seam to the analysis code.
 */
export { findHighlights, layoutParagraph, warmUpAnalysis } from '../analysis/index.js';
export type { Highlight, Segment, SegmentStyle, StyledLine } from '../analysis/index.js';
