/** What a highlight marks: a quotation (with its marks) or a figure (quantity, date, time). */
export type HighlightKind = 'quote' | 'figure';

/**
 * One highlighted span. Offsets are UTF-16 code units into `paragraphs[paragraph]`,
 * `end` exclusive, so `paragraphs[paragraph].slice(start, end) === text`.
 */
export interface Highlight {
  kind: HighlightKind;
  paragraph: number;
  start: number;
  end: number;
  text: string;
  /** Quotes only: the person the text says spoke it, full name when known. */
  speaker?: string;
}

/** A span inside one paragraph, before it becomes a Highlight. */
export interface Span {
  start: number;
  end: number;
}
