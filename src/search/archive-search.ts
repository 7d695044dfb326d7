/**
 * Ranked search over an archive.
 *
 * Two stages, because Fuse alone scans every document on every keystroke
 * (~205 ms at 100,000 headlines) and cannot afford article bodies at all:
 *
 * 1. A word index finds the candidates: each query word, allowing a typo or
 *    an unfinished word, must occur somewhere in the article. Its match
 *    quality (exact word > prefix > typo > inside a word) and field
 *    (headline > source, tags > lead > body) give a lexical score.
 * 2. Fuse ranks the best few hundred candidates on headline, source, tags
 *    and lead, and gives the headline ranges to highlight.
 *
 * The lexical score leads because Fuse's score alone misleads a person:
 * for `pution` it prefers "Solutions to net security fears" (`lution`, one
 * substitution) to "Putin backs state grab for Yukos". Near-equal scores are
 * then broken by recency.
 */
import Fuse, { type IFuseOptions } from 'fuse.js';
import { parseQuery, type ExtendedTerm } from './query.js';
import { TextStore } from './text-store.js';
import { wordsOf } from './text.js';
import type { SearchDoc, SearchField, SearchHit, SearchOutcome } from './types.js';
import { FIELD, FIELD_NAMES, FIELD_WEIGHTS, LIST, QUALITY, WordIndex, WordIndexBuilder, type List, type WordMatch } from './word-index.js';

const NOT_BODY = ~(1 << FIELD.body) & 0b11111;
/** A headline word as printed, with an inner apostrophe (`Blair's`, `don't`). */
const HEADLINE_TOKEN = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*/gu;

/** How many lexical candidates Fuse re-ranks; fewer keeps a keystroke cheap. */
const FUSE_CANDIDATES = 200;
/** Share of the final score from the lexical stage; the rest is Fuse's. */
const LEXICAL_SHARE = 0.75;
/** Scores within one bucket count as a tie, and the newer article wins. */
const TIE_BUCKET = 0.01;
const TERM_CACHE_SIZE = 64;

const FUSE_RERANK_OPTIONS: IFuseOptions<SearchDoc> = {
  keys: [
    { name: 'headline', weight: 3 },
    { name: 'source', weight: 1.5, getFn: (doc) => [doc.source, doc.dateline].filter((value): value is string => !!value) },
    { name: 'tags', weight: 1.5 },
    { name: 'lead', weight: 1 },
  ],
  includeScore: true,
  // Candidates are few, so matches anywhere in the lead are affordable.
  ignoreLocation: true,
  ignoreDiacritics: true,
  threshold: 0.4,
  // Half the default length penalty: a long headline is not a worse match.
  fieldNormWeight: 0.5,
};

/** Extended queries with `!terms` run over one string per article (see extendedOverWholeText). */
const FUSE_EXTENDED_OPTIONS: IFuseOptions<string> = {
  includeScore: true,
  includeMatches: true,
  ignoreLocation: true,
  ignoreDiacritics: true,
  threshold: 0.4,
  fieldNormWeight: 0.5,
  useExtendedSearch: true,
};

/** Per query word: the documents it matched, best weighted quality and field. */
interface TermHits {
  term: string;
  matches: WordMatch[];
  /** Match quality by word id, built when a headline is highlighted. */
  qualityById?: Map<number, number>;
  docs: Int32Array;
  scores: Float32Array;
  fields: Uint8Array;
}

interface Candidate {
  doc: number;
  lexical: number;
  field: number;
  fuseTotal: number;
  /** Set for extended queries, where Fuse knows what matched; fuzzy ones are highlighted on output. */
  headlineMatches?: Array<[number, number]>;
  score: number;
}

export class ArchiveSearch {
  private readonly docs: readonly SearchDoc[];
  private readonly words: WordIndex;
  private readonly termCache = new Map<string, TermHits>();
  // Scratch buffers reused across keystrokes (one slot per document).
  private readonly bestScore: Float32Array;
  private readonly bestField: Int8Array;
  private readonly termCount: Uint8Array;
  private readonly scoreSum: Float32Array;
  private readonly fieldMin: Uint8Array;

  /** `words`, when given, is the index of `docs` already built (see ArchiveSearchBuilder). */
  constructor(docs: readonly SearchDoc[], words?: WordIndex) {
    this.docs = docs;
    this.words = words ?? WordIndex.of(docs);
    this.bestScore = new Float32Array(docs.length);
    this.bestField = new Int8Array(docs.length).fill(-1);
    this.termCount = new Uint8Array(docs.length);
    this.scoreSum = new Float32Array(docs.length);
    this.fieldMin = new Uint8Array(docs.length);
  }

  get size(): number {
    return this.docs.length;
  }

  /** Best first; an empty query finds nothing (the caller shows its normal list). */
  search(query: string, limit = 50): SearchHit[] {
    return this.run(query, limit).hits;
  }

  /** Like `search`, with the number of matches before the limit and the query mode. */
  run(query: string, limit = 50): SearchOutcome {
    const parsed = parseQuery(query);
    if (parsed.kind === 'empty' || limit <= 0) return { hits: [], total: 0, mode: 'fuzzy' };
    if (parsed.kind === 'extended') return this.runExtended(parsed.text, parsed.groups, limit);
    return this.runFuzzy(parsed.terms, limit);
  }

  private runFuzzy(terms: string[], limit: number): SearchOutcome {
    // A repeated word adds nothing but would be required twice.
    const unique = [...new Set(terms)];
    const perTerm = unique.map((term) => this.termHits(term));
    let candidates = this.combine(perTerm, perTerm.length);
    // Nothing has every word: accept articles missing one, ranked lower.
    if (candidates.length === 0 && perTerm.length >= 2) candidates = this.combine(perTerm, perTerm.length - 1);
    if (candidates.length === 0) return { hits: [], total: 0, mode: 'fuzzy' };

    const total = candidates.length;
    // Only the lexical best go on to Fuse and the final sort: the rest keep
    // Fuse's worst score, which ranks them below (one-letter queries match
    // half a large archive, and sorting all of it would cost a keystroke).
    const reranked = topByLexical(candidates, Math.max(FUSE_CANDIDATES, limit));
    this.addFuseScores(reranked, unique);
    for (const candidate of reranked) {
      const fuseMean = candidate.fuseTotal / unique.length;
      candidate.score = LEXICAL_SHARE * (1 - candidate.lexical) + (1 - LEXICAL_SHARE) * fuseMean;
    }
    const hits = this.rankAndCut(reranked, limit, (doc) => this.highlight((this.docs[doc] as SearchDoc).headline, perTerm));
    return { hits, total, mode: 'fuzzy' };
  }

  /** Documents matching at least `required` of the terms, with their lexical score. */
  private combine(perTerm: TermHits[], required: number): Candidate[] {
    const touched: number[] = [];
    for (const hits of perTerm) {
      for (let i = 0; i < hits.docs.length; i++) {
        const doc = hits.docs[i] as number;
        const field = hits.fields[i] as number;
        if (this.termCount[doc] === 0) {
          touched.push(doc);
          this.fieldMin[doc] = field;
        } else if (field < (this.fieldMin[doc] as number)) {
          this.fieldMin[doc] = field;
        }
        this.termCount[doc] = (this.termCount[doc] as number) + 1;
        this.scoreSum[doc] = (this.scoreSum[doc] as number) + (hits.scores[i] as number);
      }
    }
    const candidates: Candidate[] = [];
    for (const doc of touched) {
      if ((this.termCount[doc] as number) >= required) {
        candidates.push({
          doc,
          lexical: (this.scoreSum[doc] as number) / perTerm.length,
          field: this.fieldMin[doc] as number,
          // Unranked by Fuse counts as Fuse's worst score for every term.
          fuseTotal: perTerm.length,
          score: 1,
        });
      }
      this.termCount[doc] = 0;
      this.scoreSum[doc] = 0;
    }
    return candidates;
  }

  /** Fuse's score per term over the candidates. */
  private addFuseScores(candidates: Candidate[], terms: string[]): void {
    const fuse = new Fuse(
      candidates.map((candidate) => this.docs[candidate.doc] as SearchDoc),
      FUSE_RERANK_OPTIONS,
    );
    for (const term of terms) {
      for (const result of fuse.search(term)) {
        (candidates[result.refIndex] as Candidate).fuseTotal += (result.score ?? 1) - 1;
      }
    }
  }

  /**
   * Half-open ranges of the headline words the query matched: the typed
   * part of a prefix, the whole word for a typo. Computed from the same
   * word matches that ranked the article, because Fuse's own ranges mark
   * scattered letters of a typo (`Ch`+`na` in `China` for `chna`).
   */
  private highlight(headline: string, perTerm: TermHits[]): Array<[number, number]> {
    const ranges: Array<[number, number]> = [];
    const tokens = [...headline.matchAll(HEADLINE_TOKEN)].map((token) => {
      const text = token[0].replace(/['’]s$/iu, '');
      return { start: token.index, text, word: wordsOf(text).join('') };
    });
    for (const hits of perTerm) {
      const term = hits.term;
      hits.qualityById ??= new Map(hits.matches.map((match) => [match.word, match.quality]));
      // Per term, only the headline words it matched best: `blar` marks Blair, not also `blasts`.
      let best: number = QUALITY.inside;
      const marked: Array<{ quality: number; range: [number, number] }> = [];
      for (const { start, text, word } of tokens) {
        const id = word.length > 1 ? this.words.idOf(word) : undefined;
        const quality = word.startsWith(term) ? 1 : id === undefined ? 0 : (hits.qualityById.get(id) ?? 0);
        if (quality < best) continue;
        best = quality;
        // Folding can change the length (combining accents); then mark the whole word.
        const aligned = word.length === text.length;
        const inside = word.indexOf(term);
        const range: [number, number] =
          aligned && inside >= 0 ? [start + inside, start + inside + term.length] : [start, start + text.length];
        marked.push({ quality, range });
      }
      for (const { quality, range } of marked) if (quality >= best) ranges.push(range);
    }
    return mergeRanges(ranges, headline.length);
  }

  /** Query-word hits, from the cache or narrowed from the hits of a word this one extends. */
  private termHits(term: string): TermHits {
    const cached = this.termCache.get(term);
    if (cached) {
      // Refresh its place in the least-recently-used order.
      this.termCache.delete(term);
      this.termCache.set(term, cached);
      return cached;
    }
    let base: WordMatch[] | undefined;
    for (let length = term.length - 1; length > 0 && !base; length--) {
      const shorter = term.slice(0, length);
      const hit = this.termCache.get(shorter);
      if (hit && WordIndex.canNarrow(shorter, term)) base = hit.matches;
    }
    const hits = this.scoreTerm(term, this.words.matchTerm(term, base));
    this.termCache.set(term, hits);
    if (this.termCache.size > TERM_CACHE_SIZE) {
      const oldest = this.termCache.keys().next().value;
      if (oldest !== undefined) this.termCache.delete(oldest);
    }
    return hits;
  }

  /** For each document, the best (quality × field weight) over the words a term matched. */
  private scoreTerm(term: string, matches: WordMatch[]): TermHits {
    const touched: number[] = [];
    const visit = (word: number, list: List, match: WordMatch): void => {
      this.words.forEachPosting(word, list, (doc, fields) => {
        const mask = fields & match.fieldMask;
        if (mask === 0) return;
        // The lowest bit is the most important field the word is in.
        const field = 31 - Math.clz32(mask & -mask);
        const score = match.quality * (FIELD_WEIGHTS[field] ?? 0);
        if (this.bestField[doc] === -1) touched.push(doc);
        if (score > (this.bestScore[doc] as number)) {
          this.bestScore[doc] = score;
          this.bestField[doc] = field;
        }
      });
    };
    for (const match of matches) {
      visit(match.word, LIST.title, match);
      if (match.fieldMask & (1 << FIELD.lead)) visit(match.word, LIST.lead, match);
      if (match.fieldMask & (1 << FIELD.body)) visit(match.word, LIST.body, match);
    }
    const docs = Int32Array.from(touched);
    const scores = new Float32Array(touched.length);
    const fields = new Uint8Array(touched.length);
    touched.forEach((doc, i) => {
      scores[i] = this.bestScore[doc] as number;
      fields[i] = this.bestField[doc] as number;
      this.bestScore[doc] = 0;
      this.bestField[doc] = -1;
    });
    return { term, matches, docs, scores, fields };
  }

  /**
   * Extended syntax goes to Fuse as written, over the articles the word
   * index says could match. It searches headline, source, tags and lead.
   */
  private runExtended(text: string, groups: ExtendedTerm[][], limit: number): SearchOutcome {
    const pool = this.extendedCandidates(groups);
    const hasNegation = groups.some((group) => group.some((term) => term.negated));
    const candidates = hasNegation ? this.extendedOverWholeText(text, groups, pool) : this.extendedByField(text, pool);
    return { hits: this.rankAndCut(candidates, limit), total: candidates.length, mode: 'extended' };
  }

  /** Without `!terms`, Fuse matches each field on its own, so `^x`, `x$` and `=x` mean a field's start, end, or all of it. */
  private extendedByField(text: string, pool: number[]): Candidate[] {
    const fuse = new Fuse(
      pool.map((doc) => this.docs[doc] as SearchDoc),
      { ...FUSE_RERANK_OPTIONS, includeMatches: true, useExtendedSearch: true },
    );
    return fuse.search(text).map((result) => {
      const doc = pool[result.refIndex] as number;
      const ranges = (result.matches ?? [])
        .filter((match) => match.key === 'headline')
        .flatMap((match) => match.indices.map(([start, end]): [number, number] => [start, end + 1]));
      let field: number = FIELD_NAMES.length;
      for (const match of result.matches ?? []) {
        const index = FIELD_NAMES.indexOf((match.key ?? 'headline') as SearchField);
        if (index >= 0 && index < field) field = index;
      }
      return {
        doc,
        lexical: 0,
        field: field === FIELD_NAMES.length ? FIELD.headline : field,
        fuseTotal: 0,
        headlineMatches: mergeRanges(ranges, (this.docs[doc] as SearchDoc).headline.length),
        score: result.score ?? 1,
      };
    });
  }

  /**
   * With `!terms`, each article is one text (headline, source, tags, lead),
   * because Fuse applies the whole query to every key: with separate keys an
   * article without tags could never match `!x`.
   */
  private extendedOverWholeText(text: string, groups: ExtendedTerm[][], pool: number[]): Candidate[] {
    const texts = pool.map((doc) => extendedText(this.docs[doc] as SearchDoc));
    const fuse = new Fuse(
      texts.map((parts) => parts.text),
      FUSE_EXTENDED_OPTIONS,
    );
    const results = fuse.search(text);
    // Fuse merges a held `!term`'s whole-text range into the others, so the
    // positive terms are matched again, alone, to find what to highlight.
    const positive = groups
      .map((group) => group.filter((term) => !term.negated).map((term) => term.raw).join(' '))
      .filter((group) => group !== '')
      .join(' | ');
    const highlighter = positive !== '' ? new Fuse(results.map((result) => result.item), FUSE_EXTENDED_OPTIONS) : undefined;
    const positiveMatches = new Map((highlighter?.search(positive) ?? []).map((match) => [match.refIndex, match.matches ?? []]));
    return results.map((result, index) => {
      const parts = texts[result.refIndex] as ExtendedText;
      const ranges = (positiveMatches.get(index) ?? []).flatMap((match) =>
        match.indices.map(([start, end]): [number, number] => [start, end + 1]),
      );
      const firstStart = ranges.reduce((first, [start]) => Math.min(first, start), Infinity);
      return {
        doc: pool[result.refIndex] as number,
        lexical: 0,
        // Only `!terms`: nothing matched positively; the headline stands for the article.
        field: firstStart === Infinity ? FIELD.headline : parts.fieldAt(firstStart),
        fuseTotal: 0,
        headlineMatches: mergeRanges(ranges, parts.headlineLength),
        score: result.score ?? 1,
      };
    });
  }

  /** Documents containing every positive term of some group; all documents if a group has none. */
  private extendedCandidates(groups: ExtendedTerm[][]): number[] {
    const chosen = new Uint8Array(this.docs.length);
    for (const group of groups) {
      const words = group.filter((term) => !term.negated).flatMap((term) =>
        wordsOf(term.text).map((word) => ({ word, fuzzy: term.kind === 'fuzzy' })),
      );
      if (words.length === 0) return this.docs.map((_, doc) => doc);
      let inGroup: Set<number> | undefined;
      for (const { word, fuzzy } of words) {
        const matches = fuzzy ? this.words.matchTerm(word) : this.words.wordsContaining(word);
        const docs = new Set<number>();
        for (const match of matches) {
          for (const list of [LIST.title, LIST.lead]) {
            this.words.forEachPosting(match.word, list, (doc, fields) => {
              // Extended search does not look in bodies.
              if ((fields & match.fieldMask & NOT_BODY) !== 0) docs.add(doc);
            });
          }
        }
        inGroup = inGroup ? new Set([...inGroup].filter((doc) => docs.has(doc))) : docs;
        if (inGroup.size === 0) break;
      }
      for (const doc of inGroup ?? []) chosen[doc] = 1;
    }
    const pool: number[] = [];
    chosen.forEach((flag, doc) => {
      if (flag) pool.push(doc);
    });
    return pool;
  }

  /** Best first; scores in the same bucket go to the newer article. `highlight` marks the headlines of those kept. */
  private rankAndCut(candidates: Candidate[], limit: number, highlight?: (doc: number) => Array<[number, number]>): SearchHit[] {
    const bucket = (score: number): number => Math.round(score / TIE_BUCKET);
    candidates.sort((a, b) => {
      const byBucket = bucket(a.score) - bucket(b.score);
      if (byBucket !== 0) return byBucket;
      const dateA = (this.docs[a.doc] as SearchDoc).date;
      const dateB = (this.docs[b.doc] as SearchDoc).date;
      if (dateA !== dateB) return dateA < dateB ? 1 : -1;
      return a.score - b.score || a.doc - b.doc;
    });
    return candidates.slice(0, limit).map((candidate) => ({
      id: (this.docs[candidate.doc] as SearchDoc).id,
      score: Math.round(candidate.score * 10_000) / 10_000,
      field: (FIELD_NAMES[candidate.field] ?? 'headline') as SearchField,
      headlineMatches: highlight ? highlight(candidate.doc) : (candidate.headlineMatches ?? []),
    }));
  }
}

/** The `count` candidates with the best lexical score, best first, without sorting them all. */
function topByLexical(candidates: Candidate[], count: number): Candidate[] {
  if (candidates.length > count * 4) {
    // Scores lie in [0, 1]: a histogram finds the cut-off score in one pass.
    const bins = new Uint32Array(1001);
    for (const candidate of candidates) bins[Math.floor(candidate.lexical * 1000)]! += 1;
    let kept = 0;
    let cutoff = 1000;
    while (cutoff > 0 && kept + (bins[cutoff] as number) < count) kept += bins[cutoff--] as number;
    candidates = candidates.filter((candidate) => Math.floor(candidate.lexical * 1000) >= cutoff);
  }
  return candidates.sort((a, b) => b.lexical - a.lexical || a.doc - b.doc).slice(0, count);
}

/** Sorted, merged, and clipped to the headline (Fuse matches on folded text). */
function mergeRanges(ranges: Array<[number, number]>, length: number): Array<[number, number]> {
  const sorted = ranges
    .map(([start, end]): [number, number] => [Math.max(0, start), Math.min(length, end)])
    .filter(([start, end]) => start < end)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

interface ExtendedText {
  text: string;
  headlineLength: number;
  /** The field a position of `text` falls in. */
  fieldAt(position: number): number;
}

/** The fields extended search reads, one per line, and where each starts. */
function extendedText(doc: SearchDoc): ExtendedText {
  const parts: Array<[number, string]> = [
    [FIELD.headline, doc.headline],
    [FIELD.source, [doc.source, doc.dateline].filter(Boolean).join(' ')],
    [FIELD.tags, doc.tags.join(' ')],
    [FIELD.lead, doc.lead],
  ];
  const starts: Array<[number, number]> = [];
  let text = '';
  for (const [field, value] of parts) {
    starts.push([text.length, field]);
    // Newlines keep a `'phrase` from matching across two fields.
    text += value.replace(/\n/g, ' ') + '\n';
  }
  return {
    text,
    headlineLength: doc.headline.length,
    fieldAt(position) {
      let field: number = FIELD.headline;
      for (const [start, value] of starts) if (position >= start) field = value;
      return field;
    },
  };
}

/**
 * Builds an ArchiveSearch one document at a time. Bodies are only indexed,
 * never kept (at 100,000 articles they are 400 MB, the index of them a tenth
 * of that), and leads are kept as bytes (see TextStore).
 */
export class ArchiveSearchBuilder {
  private readonly words = new WordIndexBuilder();
  private readonly leads = new TextStore();
  private readonly docs: SearchDoc[] = [];

  add(doc: SearchDoc): void {
    this.words.add(doc);
    this.docs.push(new KeptDoc(doc, this.leads));
  }

  get size(): number {
    return this.docs.length;
  }

  finish(): ArchiveSearch {
    return new ArchiveSearch(this.docs, this.words.finish());
  }
}

const NO_TAGS: string[] = [];

/** A document as the builder keeps it: its lead read back from the store when asked for (Fuse asks for a few hundred a query). */
class KeptDoc implements SearchDoc {
  readonly id: string;
  readonly headline: string;
  readonly source?: string;
  readonly dateline?: string;
  readonly tags: string[];
  readonly date: string;
  readonly body = '';
  private readonly leadAt: number;

  constructor(
    doc: SearchDoc,
    private readonly leads: TextStore,
  ) {
    this.id = doc.id;
    this.headline = doc.headline;
    if (doc.source !== undefined) this.source = doc.source;
    if (doc.dateline !== undefined) this.dateline = doc.dateline;
    this.tags = doc.tags.length === 0 ? NO_TAGS : doc.tags;
    this.date = doc.date;
    this.leadAt = leads.add(doc.lead);
  }

  get lead(): string {
    return this.leads.get(this.leadAt);
  }
}
