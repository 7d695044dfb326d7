/**
 * Finding quotations. One scan per paragraph: each opening mark is matched to
 * its closing mark of the same family; marks of other families inside it are
 * nested quotes and stay inside the one outer span.
 *
 * The hard part is that ’ and ' are both closing quote and apostrophe, and "
 * and ' are also inch and foot marks. The rules, briefly:
 * - a mark opens only after a space, the paragraph start or opening punctuation,
 *   and only before a word; elisions (’90s, ’n’, ’em) never open;
 * - a single mark closes only after a non-space and before a non-letter, so
 *   Beijing’s and AOL's are apostrophes;
 * - a straight mark right after a digit with nothing open is an inch/foot mark (6'2");
 * - a double mark that opens while the same kind is already open is a quotation
 *   reopened (BBC text flattens multi-paragraph quotes into one paragraph), so
 *   the first span ends before it;
 * - a double quotation never closed ends at its paragraph's end; a single one
 *   never closed is taken for an apostrophe unless the next paragraph reopens it.
 */
import type { Span } from './types.js';

export interface QuoteSpan extends Span {
  paragraph: number;
  /** Continues a quotation begun earlier: reopened in the next paragraph, or after a flattened paragraph break. */
  continued: boolean;
}

/** The longest single-quoted span looked for, in UTF-16 units (a long paragraph of quoted speech). */
const SINGLE_QUOTE_REACH = 3000;

type Family = 'double' | 'single' | 'straightDouble' | 'straightSingle' | 'guillemet' | 'singleGuillemet' | 'low';

const OPENERS: Record<string, Family> = {
  '“': 'double',
  '‘': 'single',
  '"': 'straightDouble',
  "'": 'straightSingle',
  '«': 'guillemet',
  '‹': 'singleGuillemet',
  '„': 'low',
};

const CLOSERS: Record<Family, string> = {
  double: '”',
  single: '’',
  straightDouble: '"',
  straightSingle: "'",
  guillemet: '»',
  singleGuillemet: '›',
  low: '“”',
};

const isSingleFamily = (f: Family): boolean => f === 'single' || f === 'straightSingle';

const WORD_CHAR = /[\p{L}\p{N}]/u;
const isWordChar = (c: string | undefined): boolean => c !== undefined && WORD_CHAR.test(c);
const isSpace = (c: string | undefined): boolean => c === undefined || /\s/.test(c);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const OPEN_CONTEXT = new Set(['(', '[', '{', '—', '–', '-', '/', '“', '‘', '"', "'", '«', '‹', '„', ':']);

/** Text after a leading apostrophe that makes it an elision, not an opening quote. */
const ELISION = /^(?:\d\ds?\b|n['’](?![\p{L}])|em\b|til\b|cause\b|tis\b|twas\b)/iu;

function opensAt(text: string, i: number): Family | undefined {
  const c = text[i];
  if (c === undefined) return undefined;
  const family = OPENERS[c];
  if (family === undefined) return undefined;
  const prev = i > 0 ? text[i - 1] : undefined;
  const next = text[i + 1];
  if (family === 'double' || family === 'guillemet' || family === 'singleGuillemet' || family === 'low') {
    return isSpace(next) && !isSpace(prev) ? undefined : family;
  }
  const afterOpenContext = isSpace(prev) || OPEN_CONTEXT.has(prev ?? '');
  if (!afterOpenContext) return undefined;
  if (family === 'straightDouble') return isSpace(next) ? undefined : family;
  // single marks
  if (!isWordChar(next)) return undefined;
  if (ELISION.test(text.slice(i + 1, i + 6))) return undefined;
  return family;
}

/** A straight mark after a digit and a foot mark or digits: 6'2" or 6'. */
function isMeasureMark(text: string, j: number): boolean {
  if (!isDigit(text[j - 1])) return false;
  if (text[j] === '"') return /\d['′]\s?\d{1,2}$/.test(text.slice(Math.max(0, j - 6), j));
  return isDigit(text[j + 1]) || /^\s?\d{1,2}["″]/.test(text.slice(j + 1, j + 5));
}

/** `’n’` / `'n'` in rock ’n’ roll: the mark after the n is not a closer. */
function isElisionTail(text: string, j: number): boolean {
  return (text[j - 1] === 'n' || text[j - 1] === 'N') && (text[j - 2] === '’' || text[j - 2] === "'") && isSpace(text[j - 3]);
}

function closesSingleAt(text: string, j: number, mark: string): boolean {
  if (text[j] !== mark) return false;
  if (isSpace(text[j - 1]) || isWordChar(text[j + 1])) return false;
  if (isElisionTail(text, j)) return false;
  return true;
}

interface CloseResult {
  /** End of the span (exclusive). */
  end: number;
  /** Where the next span starts when the quotation was reopened before closing. */
  reopenAt?: number;
  closed: boolean;
}

function findClose(text: string, from: number, family: Family): CloseResult {
  const closers = CLOSERS[family];
  if (isSingleFamily(family)) {
    const mark = closers;
    let fallback: number | undefined;
    // Bounded so that a paragraph full of stray marks stays linear.
    const limit = Math.min(text.length, from + SINGLE_QUOTE_REACH);
    for (let j = from; j < limit; j++) {
      if (!closesSingleAt(text, j, mark)) continue;
      if (family === 'straightSingle' && isMeasureMark(text, j)) continue;
      // A plural possessive (the players' union) closes only if nothing later can.
      const pluralPossessive = text[j - 1] === 's' && text[j + 1] === ' ' && /[a-z]/.test(text[j + 2] ?? '');
      if (pluralPossessive) {
        fallback ??= j;
        continue;
      }
      return { end: j + 1, closed: true };
    }
    if (fallback !== undefined) return { end: fallback + 1, closed: true };
    return { end: trimmedEnd(text, text.length), closed: false };
  }
  let depth = 0;
  for (let j = from; j < text.length; j++) {
    const c = text[j]!;
    if (family === 'straightDouble') {
      // Closed by its own mark, or by a curly one (`"we are ready”`: a quotation opened with one mark and closed with another).
      if (c === '”' && !isSpace(text[j - 1])) return { end: j + 1, closed: true };
      if (c !== '"') continue;
      if (isMeasureMark(text, j)) continue;
      if (isSpace(text[j - 1]) && !isSpace(text[j + 1])) {
        // `"He called it "rubbish" and left,"`: a quoted word inside, when the outer quotation closes after it.
        const inner = nestedClose(text, j);
        if (inner !== undefined) {
          j = inner;
          continue;
        }
        const early = closedByNestedSingle(text, from, j);
        if (early !== undefined) return { end: early, closed: true };
        return { end: trimmedEnd(text, j), reopenAt: j, closed: false };
      }
      return { end: j + 1, closed: true };
    }
    if (family === 'guillemet' || family === 'singleGuillemet') {
      const open = family === 'guillemet' ? '«' : '‹';
      if (c === open) depth++;
      else if (closers.includes(c)) {
        if (depth === 0) return { end: j + 1, closed: true };
        depth--;
      }
      continue;
    }
    if (closers.includes(c)) return { end: j + 1, closed: true };
    // `“The plan is dead," she said`: a curly quotation closed by a straight mark.
    if (family === 'double' && c === '"' && !isSpace(text[j - 1]) && !isWordChar(text[j + 1]) && !isMeasureMark(text, j)) return { end: j + 1, closed: true };
    if (family === 'double' && c === '“' && opensAt(text, j) !== undefined) {
      return { end: trimmedEnd(text, j), reopenAt: j, closed: false };
    }
  }
  return { end: trimmedEnd(text, text.length), closed: false };
}

/**
 * Inside an open straight-double quotation, `at` is a mark that looks like an opening one. It is a
 * nested quotation (not a reopened one: those follow a sentence end) when it does not follow a sentence
 * end, its closing mark comes soon, and the outer quotation closes after that. Returns the inner close.
 */
function nestedClose(text: string, at: number): number | undefined {
  let k = at - 1;
  while (k >= 0 && isSpace(text[k])) k--;
  if (k < 0 || /[.!?:;'"’”]/.test(text[k]!)) return undefined;
  const inner = text.indexOf('"', at + 1);
  if (inner === -1 || inner - at > 200 || isSpace(text[inner - 1])) return undefined;
  const outer = text.indexOf('"', inner + 1);
  if (outer === -1 || isSpace(text[outer - 1]) || (outer + 1 < text.length && !isSpace(text[outer + 1]) && !/[.,;:!?)]/.test(text[outer + 1]!))) return undefined;
  return inner;
}

/**
 * `the bill "very much had the feel of a 'work in progress', and urged …`: a double quotation never
 * closed whose nested single quotation is followed by narration (a comma and a lowercase word) ends
 * with that single mark. Returns the end, or undefined.
 */
function closedByNestedSingle(text: string, from: number, to: number): number | undefined {
  for (let k = to - 1; k > from; k--) {
    const c = text[k];
    if ((c === "'" || c === '’') && closesSingleAt(text, k, c) && /^[,;]\s+[a-z]/.test(text.slice(k + 1, k + 5))) {
      const opener = text.lastIndexOf(c === '’' ? '‘' : "'", k - 1);
      if (opener > from && opensAt(text, opener) !== undefined) return k + 1;
    }
  }
  return undefined;
}

function trimmedEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && isSpace(text[e - 1])) e--;
  return e;
}

function firstNonSpace(text: string): number {
  let i = 0;
  while (i < text.length && isSpace(text[i])) i++;
  return i;
}

/** All quotation spans, in paragraph and text order, non-overlapping. */
export function findQuoteSpans(paragraphs: readonly string[]): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let openFamily: Family | undefined; // a quotation left open at the end of the previous paragraph
  paragraphs.forEach((text, paragraph) => {
    const carried = openFamily;
    openFamily = undefined;
    let i = 0;
    let continued = false;
    if (carried !== undefined) {
      const first = firstNonSpace(text);
      continued = opensAt(text, first) === carried;
    }
    while (i < text.length) {
      const family = opensAt(text, i);
      if (family === undefined) {
        i++;
        continue;
      }
      const result = findClose(text, i + 1, family);
      if (!result.closed && result.reopenAt === undefined && isSingleFamily(family)) {
        // Unclosed single mark: a quote only if the next paragraph reopens it.
        const next = paragraphs[paragraph + 1];
        if (next === undefined || opensAt(next, firstNonSpace(next)) !== family) {
          i++;
          continue;
        }
      }
      spans.push({ paragraph, start: i, end: result.end, continued });
      continued = result.reopenAt !== undefined;
      if (!result.closed && result.reopenAt === undefined) openFamily = family;
      i = result.reopenAt ?? result.end;
      if (result.reopenAt === undefined) continued = false;
    }
  });
  return spans;
}
