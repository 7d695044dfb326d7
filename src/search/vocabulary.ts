/**
 * The index's vocabulary, for what FTS5 cannot do itself: a typo (`pution`
 * for Putin) or a word found inside a longer one. Read once from the store's
 * vocabulary table (a word and a bit per field it occurs in), then scanned
 * with the bounded edit distance per query term.
 */
import type { Db } from '../archive/store.js';
import { boundedDistance } from './edit-distance.js';

/** Field bits of the fts columns. */
export const ALL_FIELDS = 0b11111;
export const ALL_BUT_BODY = 0b01111;
export const TITLE_FIELDS = 0b00111;

/** One vocabulary word a query term matched, and how well. */
export interface WordMatch {
  word: string;
  /** 1 for the exact word, down to ~0.25 for a match inside a word or a typo of a known word. */
  quality: number;
  /**
   * Fields the match counts in. Bodies are long and would match almost any
   * loose pattern, so typo prefixes and inside-word matches skip them.
   */
  fieldMask: number;
  /** The match is the term or a word it starts: FTS finds those with `term*`, no need to list them. */
  prefix: boolean;
}

/**
 * Match quality: the exact word beats a prefix (the word being typed), which
 * beats a whole word with a typo, a prefix with a typo, then the term found
 * inside a longer word.
 */
export const QUALITY = {
  exact: 1,
  prefixBase: 0.75,
  typoWord: 0.7,
  typoPrefix: 0.55,
  perExtraEdit: 0.15,
  inside: 0.4,
  /**
   * A term that is itself a word of the archive probably means that word:
   * `tony` should find Tony before Tory.
   */
  typoOfKnownWord: 0.5,
} as const;

/** Typos tolerated for a term of this length: none for short terms, where one edit changes the word. */
export function allowedEdits(termLength: number): number {
  if (termLength <= 3) return 0;
  if (termLength <= 7) return 1;
  return 2;
}

/** A prefix counts more the more of the word it covers. */
export function prefixQuality(termLength: number, wordLength: number): number {
  if (termLength === wordLength) return QUALITY.exact;
  return QUALITY.prefixBase + 0.2 * (termLength / wordLength);
}

export class Vocabulary {
  /** Sorted (the table's primary key order), for prefix ranges by binary search. */
  readonly #words: string[];
  /** Field bits per word. */
  readonly #fields: Uint8Array;
  /** Indexes of words found outside a body: the only ones typos and inside-word matches are looked for in. */
  readonly #shortFieldWords: Int32Array;
  readonly #known: Set<string>;

  constructor(words: string[], fields: Uint8Array) {
    this.#words = words;
    this.#fields = fields;
    const short: number[] = [];
    fields.forEach((bits, index) => {
      if (bits & ALL_BUT_BODY) short.push(index);
    });
    this.#shortFieldWords = Int32Array.from(short);
    this.#known = new Set(words);
  }

  static read(db: Db): Vocabulary {
    const rows = db.prepare('SELECT term, fields FROM vocabulary').raw().all() as Array<[string, number]>;
    const words = new Array<string>(rows.length);
    const fields = new Uint8Array(rows.length);
    rows.forEach(([term, bits], index) => {
      words[index] = term;
      fields[index] = bits;
    });
    // SQLite's BINARY order of UTF-8 bytes and JavaScript's of UTF-16 units differ above U+FFFF.
    if (!isSorted(words)) {
      const order = words.map((_, index) => index).sort((a, b) => (words[a]! < words[b]! ? -1 : 1));
      return new Vocabulary(
        order.map((index) => words[index]!),
        Uint8Array.from(order, (index) => fields[index]!),
      );
    }
    return new Vocabulary(words, fields);
  }

  get size(): number {
    return this.#words.length;
  }

  has(word: string): boolean {
    return this.#known.has(word);
  }

  /**
   * Vocabulary words matching a folded query term. `within`, when given, is
   * the match list of a term this one extends (`pres` → `presi`): every
   * match of the longer term is in it, so only it is rescanned.
   */
  matchTerm(term: string, within?: readonly WordMatch[]): WordMatch[] {
    const n = term.length;
    if (n === 0) return [];
    const matches: WordMatch[] = [];
    // One or two letters: only the start of a headline, source or tag word.
    // Anything looser matches most of the archive and says nothing yet.
    if (n <= 2) {
      const candidates = within ? within.map((match) => this.#indexOf(match.word)) : this.#prefixRange(term);
      for (const index of candidates) {
        const word = this.#words[index]!;
        if (!word.startsWith(term) || !(this.#fields[index]! & TITLE_FIELDS)) continue;
        matches.push({ word, quality: prefixQuality(n, word.length), fieldMask: TITLE_FIELDS, prefix: true });
      }
      return matches;
    }
    const maxEdits = allowedEdits(n);
    const typoScale = this.#known.has(term) ? QUALITY.typoOfKnownWord : 1;
    const seen = new Set<number>();
    const consider = (index: number, prefixKnown: boolean): void => {
      if (index < 0 || seen.has(index)) return;
      const word = this.#words[index]!;
      if (prefixKnown || word.startsWith(term)) {
        seen.add(index);
        matches.push({ word, quality: prefixQuality(n, word.length), fieldMask: ALL_FIELDS, prefix: true });
        return;
      }
      if (!(this.#fields[index]! & ALL_BUT_BODY)) return;
      if (maxEdits > 0 && word.length >= n - maxEdits) {
        const distance = boundedDistance(term, word, maxEdits);
        if (distance.whole <= maxEdits || distance.prefix <= maxEdits) {
          seen.add(index);
          // A whole word with a typo is a confident correction, so it may count in bodies too.
          const wholeWord = distance.whole <= maxEdits;
          const quality = wholeWord
            ? QUALITY.typoWord - QUALITY.perExtraEdit * (distance.whole - 1)
            : QUALITY.typoPrefix - QUALITY.perExtraEdit * (distance.prefix - 1);
          matches.push({ word, quality: quality * typoScale, fieldMask: wholeWord ? ALL_FIELDS : ALL_BUT_BODY, prefix: false });
          return;
        }
      }
      if (word.includes(term)) {
        seen.add(index);
        matches.push({ word, quality: QUALITY.inside, fieldMask: ALL_BUT_BODY, prefix: false });
      }
    };
    if (within) {
      for (const match of within) consider(this.#indexOf(match.word), false);
    } else {
      for (const index of this.#prefixRange(term)) consider(index, true);
      for (const index of this.#shortFieldWords) consider(index, false);
    }
    return matches;
  }

  /** Words outside bodies that contain `fragment` anywhere, for extended `'include` terms. */
  wordsContaining(fragment: string): WordMatch[] {
    const matches: WordMatch[] = [];
    if (fragment === '') return matches;
    for (const index of this.#shortFieldWords) {
      const word = this.#words[index]!;
      if (word.includes(fragment)) matches.push({ word, quality: QUALITY.inside, fieldMask: ALL_BUT_BODY, prefix: false });
    }
    return matches;
  }

  /** Whether the matches of `previous` contain every match of `next`, so `next` can rescan only them. */
  static canNarrow(previous: string, next: string): boolean {
    return (
      next.startsWith(previous) &&
      previous.length > 0 &&
      (previous.length <= 2) === (next.length <= 2) &&
      allowedEdits(previous.length) === allowedEdits(next.length)
    );
  }

  #indexOf(word: string): number {
    const index = this.#lowerBound(word);
    return this.#words[index] === word ? index : -1;
  }

  #lowerBound(prefix: string): number {
    let low = 0;
    let high = this.#words.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.#words[mid]! < prefix) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Indexes of every word starting with `prefix`. */
  #prefixRange(prefix: string): number[] {
    const indexes: number[] = [];
    for (let i = this.#lowerBound(prefix); i < this.#words.length; i++) {
      if (!this.#words[i]!.startsWith(prefix)) break;
      indexes.push(i);
    }
    return indexes;
  }
}

function isSorted(words: readonly string[]): boolean {
  for (let i = 1; i < words.length; i++) if (words[i - 1]! > words[i]!) return false;
  return true;
}
