/**
 * Reading a query: plain words (the common case, fuzzy) or Fuse's extended
 * syntax, recognised by its operators.
 */
import { wordsOf } from './text.js';

export type ExtendedKind = 'fuzzy' | 'include' | 'prefix' | 'suffix' | 'exact';

export interface ExtendedTerm {
  kind: ExtendedKind;
  /** `!term`: the field must not contain it. */
  negated: boolean;
  /** The term without its operators or quotes. */
  text: string;
  /** The term as typed. */
  raw: string;
}

export type ParsedQuery =
  | { kind: 'empty' }
  /** `phrases`: words typed inside double quotes, which must appear together, in order (FTS5 phrases). */
  | { kind: 'fuzzy'; terms: string[]; phrases: string[][] }
  /** Groups are alternatives (`|`); the terms of a group must all match. */
  | { kind: 'extended'; text: string; groups: ExtendedTerm[][] };

// Spaces split terms except inside double quotes, as in Fuse's own parser.
const SPACES_OUTSIDE_QUOTES = / +(?=(?:[^"]*"[^"]*")*[^"]*$)/;
const OPERATOR = /(^|\s)['=!^]|\||\S\$(\s|$)|"/;

const PHRASE = /"([^"]*)"/g;

export function parseQuery(query: string): ParsedQuery {
  const text = query.trim();
  if (text === '') return { kind: 'empty' };
  // "exact phrase" with plain words around it is a phrase search, not Fuse's syntax.
  const outside = text.replace(PHRASE, ' ');
  if (text.includes('"') && !outside.includes('"') && !OPERATOR.test(outside)) {
    const phrases = [...text.matchAll(PHRASE)].map((match) => wordsOf(match[1]!)).filter((words) => words.length > 0);
    const terms = wordsOf(outside);
    if (phrases.length + terms.length === 0) return { kind: 'empty' };
    return { kind: 'fuzzy', terms, phrases };
  }
  if (OPERATOR.test(text)) {
    const groups = text
      .split('|')
      .map((group) => group.trim().split(SPACES_OUTSIDE_QUOTES).filter((item) => item !== '').map(parseTerm))
      .filter((group) => group.length > 0);
    if (groups.length > 0) return { kind: 'extended', text, groups };
    return { kind: 'empty' };
  }
  const terms = wordsOf(text);
  return terms.length === 0 ? { kind: 'empty' } : { kind: 'fuzzy', terms, phrases: [] };
}

function parseTerm(item: string): ExtendedTerm {
  return { ...readTerm(item), raw: item };
}

function readTerm(item: string): Omit<ExtendedTerm, 'raw'> {
  const unquote = (value: string): string => value.replace(/^"(.*)"$/, '$1');
  if (item.startsWith('!^')) return { kind: 'prefix', negated: true, text: unquote(item.slice(2)) };
  if (item.startsWith('!') && item.endsWith('$') && item.length > 2) {
    return { kind: 'suffix', negated: true, text: unquote(item.slice(1, -1)) };
  }
  if (item.startsWith('!')) return { kind: 'include', negated: true, text: unquote(item.slice(1)) };
  if (item.startsWith('^')) return { kind: 'prefix', negated: false, text: unquote(item.slice(1)) };
  if (item.startsWith("'")) return { kind: 'include', negated: false, text: unquote(item.slice(1)) };
  if (item.startsWith('=')) return { kind: 'exact', negated: false, text: unquote(item.slice(1)) };
  if (item.endsWith('$') && item.length > 1) return { kind: 'suffix', negated: false, text: unquote(item.slice(0, -1)) };
  return { kind: 'fuzzy', negated: false, text: unquote(item) };
}
