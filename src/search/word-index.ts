/**
 * A word index over every field: which documents contain which words, and
 * in which fields. It narrows a query to a few candidates in milliseconds,
 * where Fuse alone would scan every document (and every body) per keystroke.
 */
import { boundedDistance } from './edit-distance.js';
import { wordsOf } from './text.js';
import { LIST, PackedPostings, PostingsBuilder, type List } from './postings.js';
import type { SearchDoc } from './types.js';

export { LIST, type List } from './postings.js';

/** Field bits, in order of importance. */
export const FIELD = { headline: 0, source: 1, tags: 2, lead: 3, body: 4 } as const;
export const FIELD_NAMES = ['headline', 'source', 'tags', 'lead', 'body'] as const;
/** How much a match in each field counts, by bit. */
export const FIELD_WEIGHTS = [1, 0.7, 0.7, 0.5, 0.3] as const;

const ALL_FIELDS = 0b11111;
const ALL_BUT_BODY = 0b01111;
const TITLE_FIELDS = (1 << FIELD.headline) | (1 << FIELD.source) | (1 << FIELD.tags);

/** One vocabulary word a query term matched, and how well. */
export interface WordMatch {
  word: number;
  /** 1 for the exact word, down to ~0.25 for a match inside a word or a typo of a known word. */
  quality: number;
  /**
   * Fields the match counts in. Bodies are long and would match almost any
   * loose pattern, so typo prefixes and inside-word matches skip them.
   */
  fieldMask: number;
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

/**
 * Collects the words of documents added one at a time. Only the packed
 * postings and the vocabulary are kept: a document's text can be dropped as
 * soon as it is added.
 */
export class WordIndexBuilder {
  private readonly ids = new Map<string, number>();
  private readonly postings = new PostingsBuilder();
  /** Word id → field bits, for the document being added. */
  private readonly perDoc = new Map<number, number>();

  add(doc: SearchDoc): void {
    const perDoc = this.perDoc;
    perDoc.clear();
    const add = (text: string | undefined, bit: number): void => {
      if (!text) return;
      for (const word of wordsOf(text)) {
        if (word.length < 2) continue;
        let id = this.ids.get(word);
        if (id === undefined) {
          id = this.ids.size;
          this.ids.set(word, id);
        }
        perDoc.set(id, (perDoc.get(id) ?? 0) | (1 << bit));
      }
    };
    add(doc.headline, FIELD.headline);
    add(doc.source, FIELD.source);
    add(doc.dateline, FIELD.source);
    for (const tag of doc.tags) add(tag, FIELD.tags);
    add(doc.lead, FIELD.lead);
    add(doc.body, FIELD.body);
    this.postings.addDocument(perDoc, this.ids.size);
  }

  finish(): WordIndex {
    return new WordIndex(this.postings.documents, this.ids, this.postings.finish(this.ids.size));
  }
}

export class WordIndex {
  readonly docCount: number;
  /** All words, sorted, for prefix ranges by binary search. */
  private readonly sortedWords: string[];
  /** Word id → word. */
  private readonly words: string[];
  /** Ids of words that occur outside a body: the only words typos and inside-word matches are looked for in. */
  private readonly shortFieldWords: Int32Array;
  /** Per word id, 1 when it occurs outside a body. */
  private readonly outsideBody: Uint8Array;
  /**
   * Per word id, three lists: occurrences in headline, source or tags (short
   * terms look only here); in the lead (and maybe body) but no title field;
   * in the body only (loose matches never read these).
   */
  private readonly postings: PackedPostings;
  private readonly ids: ReadonlyMap<string, number>;
  /** Word ids in `sortedWords` order. */
  private readonly sortedIds: Int32Array;

  /** All at once; WordIndexBuilder adds documents one at a time. */
  static of(docs: readonly SearchDoc[]): WordIndex {
    const builder = new WordIndexBuilder();
    for (const doc of docs) builder.add(doc);
    return builder.finish();
  }

  constructor(docCount: number, ids: ReadonlyMap<string, number>, postings: PackedPostings) {
    this.docCount = docCount;
    this.ids = ids;
    this.postings = postings;
    this.words = [...ids.keys()];
    const order = this.words.map((_, id) => id).sort((a, b) => {
      const wa = this.words[a] as string;
      const wb = this.words[b] as string;
      return wa < wb ? -1 : wa > wb ? 1 : 0;
    });
    this.sortedIds = Int32Array.from(order);
    this.sortedWords = order.map((id) => this.words[id] as string);
    this.outsideBody = Uint8Array.from(this.words, (_, id) => (postings.has(id, LIST.title) || postings.has(id, LIST.lead) ? 1 : 0));
    this.shortFieldWords = Int32Array.from(
      this.words.map((_, id) => id).filter((id) => this.outsideBody[id] === 1),
    );
  }

  get vocabularySize(): number {
    return this.words.length;
  }

  wordAt(id: number): string {
    return this.words[id] ?? '';
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
      const candidates = within ? within.map((match) => match.word) : this.prefixRange(term);
      for (const id of candidates) {
        const word = this.words[id] as string;
        if (!word.startsWith(term) || !this.postings.has(id, LIST.title)) continue;
        matches.push({ word: id, quality: prefixQuality(n, word.length), fieldMask: TITLE_FIELDS });
      }
      return matches;
    }
    const maxEdits = allowedEdits(n);
    const typoScale = this.ids.has(term) ? QUALITY.typoOfKnownWord : 1;
    const seen = new Set<number>();
    const consider = (id: number, prefixKnown: boolean): void => {
      if (seen.has(id)) return;
      const word = this.words[id] as string;
      if (prefixKnown || word.startsWith(term)) {
        seen.add(id);
        matches.push({ word: id, quality: prefixQuality(n, word.length), fieldMask: ALL_FIELDS });
        return;
      }
      if (this.outsideBody[id] !== 1) return;
      if (maxEdits > 0 && word.length >= n - maxEdits) {
        const distance = boundedDistance(term, word, maxEdits);
        if (distance.whole <= maxEdits || distance.prefix <= maxEdits) {
          seen.add(id);
          // A whole word with a typo is a confident correction, so it may count in bodies too.
          const wholeWord = distance.whole <= maxEdits;
          const quality = wholeWord
            ? QUALITY.typoWord - QUALITY.perExtraEdit * (distance.whole - 1)
            : QUALITY.typoPrefix - QUALITY.perExtraEdit * (distance.prefix - 1);
          matches.push({ word: id, quality: quality * typoScale, fieldMask: wholeWord ? ALL_FIELDS : ALL_BUT_BODY });
          return;
        }
      }
      if (word.includes(term)) {
        seen.add(id);
        matches.push({ word: id, quality: QUALITY.inside, fieldMask: ALL_BUT_BODY });
      }
    };
    if (within) {
      for (const match of within) consider(match.word, false);
    } else {
      for (const id of this.prefixRange(term)) consider(id, true);
      for (const id of this.shortFieldWords) consider(id, false);
    }
    return matches;
  }

  /** Words outside bodies that contain `fragment` anywhere, for extended `'include` terms. */
  wordsContaining(fragment: string): WordMatch[] {
    const matches: WordMatch[] = [];
    if (fragment === '') return matches;
    for (const id of this.shortFieldWords) {
      if ((this.words[id] as string).includes(fragment)) {
        matches.push({ word: id, quality: QUALITY.inside, fieldMask: ALL_BUT_BODY });
      }
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

  /**
   * Calls `visit` for each document the word occurs in, in document order,
   * from one of three disjoint lists: with a title field (headline, source,
   * tags), else with the lead, else in the body only.
   */
  forEachPosting(word: number, list: List, visit: (doc: number, mask: number) => void): void {
    this.postings.forEach(word, list, visit);
  }

  idOf(word: string): number | undefined {
    return this.ids.get(word);
  }

  /** Ids of every word starting with `prefix`. */
  private prefixRange(prefix: string): number[] {
    let low = 0;
    let high = this.sortedWords.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((this.sortedWords[mid] as string) < prefix) low = mid + 1;
      else high = mid;
    }
    const ids: number[] = [];
    for (let i = low; i < this.sortedWords.length; i++) {
      if (!(this.sortedWords[i] as string).startsWith(prefix)) break;
      ids.push(this.sortedIds[i] as number);
    }
    return ids;
  }
}

/** A prefix counts more the more of the word it covers. */
function prefixQuality(termLength: number, wordLength: number): number {
  if (termLength === wordLength) return QUALITY.exact;
  return QUALITY.prefixBase + 0.2 * (termLength / wordLength);
}

