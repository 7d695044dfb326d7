/**
 * Ranked search over an archive's store.
 *
 * Three stages, because Fuse alone scans every document on every keystroke
 * (~205 ms at 100,000 headlines) and cannot afford article bodies at all:
 *
 * 1. Each query word becomes a set of index words: itself and the words it
 *    starts (FTS5's `word*`), and from the vocabulary the words one or two
 *    typos away or holding it inside. Every query word must match; FTS5
 *    finds the articles, best first by bm25 with the headline weighted most.
 * 2. The best of those get a lexical score: per query word, the match
 *    quality (exact > prefix > typo > inside) times the weight of the field
 *    it was found in (headline > source, tags > lead > body).
 * 3. Fuse re-ranks the best few hundred on headline, source, tags and lead,
 *    and gives the headline ranges to highlight.
 *
 * The lexical score leads because Fuse's score alone misleads a person:
 * for `pution` it prefers "Solutions to net security fears" (`lution`, one
 * substitution) to "Putin backs state grab for Yukos". Near-equal scores are
 * then broken by recency.
 */
import Fuse, { type IFuseOptions } from 'fuse.js';
import type { Db } from '../archive/store.js';
import { openStore } from '../archive/store.js';
import { FIELD, FIELD_NAMES, indexDocs } from './fts-index.js';
import { parseQuery, type ExtendedTerm } from './query.js';
import { wordsOf } from './text.js';
import type { SearchDoc, SearchField, SearchHit, SearchOptions, SearchOutcome, WordQuery } from './types.js';
import { ALL_BUT_BODY, ALL_FIELDS, QUALITY, Vocabulary, type WordMatch } from './vocabulary.js';

/** How much a match in each field counts, by field. */
const FIELD_WEIGHTS = [1, 0.7, 0.7, 0.5, 0.3] as const;
/** The same weights for FTS5's bm25, per column, in the full index and in the title fields' index. */
const BM25 = 'bm25(fts, 10.0, 7.0, 7.0, 5.0, 3.0)';
const BM25_TITLES = 'bm25(fts_titles, 10.0, 7.0, 7.0)';
/** A headline word as printed, with an inner apostrophe (`Blair's`, `don't`). */
const HEADLINE_TOKEN = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*/gu;

/** How many of FTS5's best get a lexical score; more is slower, fewer may miss an exact match bm25 ranked low. */
const LEXICAL_CANDIDATES = 600;
/** Above this many matches, candidates come from the title fields first (see #candidates). */
const TITLES_FIRST_ABOVE = 5_000;
/** How many lexical candidates Fuse re-ranks; fewer keeps a keystroke cheap. */
const FUSE_CANDIDATES = 200;
/** Share of the final score from the lexical stage; the rest is Fuse's. */
const LEXICAL_SHARE = 0.75;
/** Scores within one bucket count as a tie, and the newer article wins. */
const TIE_BUCKET = 0.01;
const TERM_CACHE_SIZE = 64;
/** Catalogue rows kept between keystrokes (a few KB each). */
const ROW_CACHE_SIZE = 3_000;
/** A query of `!terms` only matches nearly everything: Fuse looks at the newest this many. */
const NEGATION_POOL = 10_000;
/**
 * `a | b`: an article's score (0 best) is its best side's, times this for
 * each further side it matches: both sides beat one side matched as well,
 * but a body match of both never beats a headline match of one.
 */
const MORE_SIDES_FACTOR = 0.7;
/** Typo words listed per query word for marking in the text; prefixes cover the rest. */
const MARKED_TYPOS = 50;

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

/**
 * What to look up in the full-text index: every expression in `text` must
 * match the full index, every one in `titles` the index of title fields.
 */
interface FtsQuery {
  text: string[];
  titles: string[];
}

/**
 * A query word in FTS5's terms: itself and the words it starts, and the
 * whole words a typo away, anywhere (`anywhere`); typos of prefixes and words
 * it is found inside, outside bodies only (`outsideBody`, often hundreds of
 * index words). One or two letters (`short`) are looked up in title fields only.
 */
interface TermLookup {
  short: boolean;
  anywhere: string[];
  outsideBody: string[];
}

/**
 * How wide a query looks: `narrow` leaves out the lookups' `outsideBody`
 * words, `full` has them; `titles` asks the title fields' index alone.
 */
interface Reach {
  tier: 'narrow' | 'full';
  titles: boolean;
}

/** Per query word: the index words it matched, by word. */
interface TermMatches {
  term: string;
  matches: WordMatch[];
  byWord: Map<string, WordMatch>;
  /** The index words it stands for. */
  lookup: TermLookup;
  /** The best quality a body match can have (whole words and prefixes count there). */
  bodyQuality: number;
}

/** Plain words ready to run: their matches, the FTS5 query chosen, and how many articles it finds. */
interface FuzzyPlan {
  unique: string[];
  perTerm: TermMatches[];
  phrases: string[][];
  tier: Reach['tier'];
  query: FtsQuery;
  total: number;
}

/** A row of the catalogue as search reads it. */
interface Row extends SearchDoc {
  n: number;
  /** Its short fields' words as the index has them, once the lexical stage has needed them. */
  words?: ReadonlyArray<readonly [field: number, words: string[]]>;
}

interface Candidate {
  row: Row;
  lexical: number;
  field: number;
  fuseTotal: number;
  /** Set for extended queries, where Fuse knows what matched; fuzzy ones are highlighted on output. */
  headlineMatches?: Array<[number, number]>;
  score: number;
}

export class ArchiveSearch {
  readonly #db: Db;
  #vocabulary: Vocabulary | undefined;
  readonly #termCache = new Map<string, TermMatches>();
  readonly #rowCache = new Map<number, { row: Row; section: string | null }>();
  readonly #rows;
  readonly #newest;
  readonly #newestIn;
  /** The section the query being run is limited to (set by `run` for its duration). */
  #section: string | undefined;

  constructor(db: Db) {
    this.#db = db;
    this.#rows = db.prepare(
      'SELECT n, id, headline, source, dateline, tags, lead, date, section FROM files WHERE n IN (SELECT value FROM json_each(?)) AND id IS NOT NULL',
    );
    this.#newest = db.prepare('SELECT n, id, headline, source, dateline, tags, lead, date FROM files WHERE id IS NOT NULL ORDER BY date DESC LIMIT ?');
    this.#newestIn = db.prepare('SELECT n, id, headline, source, dateline, tags, lead, date FROM files WHERE id IS NOT NULL AND section = ? ORDER BY date DESC LIMIT ?');
  }

  /** A search over documents without files, in a store of its own in memory: for tests and benchmarks. */
  static of(docs: readonly SearchDoc[]): ArchiveSearch {
    const { db } = openStore(undefined);
    indexDocs(db, docs);
    return new ArchiveSearch(db);
  }

  get size(): number {
    return this.#db.prepare('SELECT count(*) FROM files WHERE id IS NOT NULL').pluck().get() as number;
  }

  /** Reads the vocabulary if it has not been read (it is the only thing loaded ahead of a query). */
  prepare(): void {
    this.#vocabulary ??= Vocabulary.read(this.#db);
  }

  /** The store changed (an update finished): the vocabulary and cached matches are read again when next needed. */
  invalidate(): void {
    this.#vocabulary = undefined;
    this.#termCache.clear();
    this.#rowCache.clear();
  }

  /** Best first; an empty query finds nothing (the caller shows its normal list). */
  search(query: string, limit = 50): SearchHit[] {
    return this.run(query, limit).hits;
  }

  /**
   * Like `search`, with the number of matches before the limit, the query
   * mode, the word found nowhere (if that is why nothing matched) and the
   * words to mark in the results' text. `options.section` limits it to one section.
   */
  run(query: string, limit = 50, options: SearchOptions = {}): SearchOutcome {
    const parsed = parseQuery(query);
    if (parsed.kind === 'empty' || limit <= 0) return { hits: [], total: 0, mode: 'fuzzy' };
    this.prepare();
    this.#section = options.section;
    try {
      if (parsed.kind === 'extended') {
        const alternatives = plainAlternatives(parsed.groups);
        if (alternatives) return this.#runAlternatives(alternatives, limit);
        return { ...this.#runExtended(parsed.text, parsed.groups, limit), words: extendedWords(parsed.groups) };
      }
      return this.#runFuzzy(this.#plan(parsed.terms, parsed.phrases), limit);
    } finally {
      this.#section = undefined;
    }
  }

  /** Plain words: each must appear (typos and prefixes allowed), `"phrases"` as written. */
  #runFuzzy(plan: FuzzyPlan, limit: number): SearchOutcome {
    const { unique, perTerm, phrases, total } = plan;
    const words = markedWords(perTerm, phrases);
    if (total === 0) {
      // Every word must appear: say which one appears nowhere, if one does.
      const absent =
        perTerm.find((t) => !phrases.some((p) => p.includes(t.term)) && this.#count(ftsQuery([t], [], FULL)) === 0)?.term ??
        phrases.map((phrase) => `"${phrase.join(' ')}"`).find((phrase) => this.#count({ text: [phrase], titles: [] }) === 0);
      return { hits: [], total: 0, mode: 'fuzzy', words, ...(absent ? { missing: absent } : {}) };
    }
    const best = this.#candidates(plan, Math.max(LEXICAL_CANDIDATES, limit));
    const candidates = this.#readRows(best).map((row) => this.#lexical(row, perTerm));
    // Only the lexical best go on to the final sort, and only the first FUSE_CANDIDATES of them to Fuse:
    // the rest (a further page of results) keep Fuse's worst score, so they rank after those and a page
    // costs the lexical scoring of its rows, not a Fuse pass over all of them.
    const reranked = candidates.sort((a, b) => b.lexical - a.lexical || a.row.n - b.row.n).slice(0, Math.max(FUSE_CANDIDATES, limit));
    this.#addFuseScores(reranked.slice(0, FUSE_CANDIDATES), unique);
    for (const candidate of reranked) {
      const fuseMean = candidate.fuseTotal / unique.length;
      candidate.score = LEXICAL_SHARE * (1 - candidate.lexical) + (1 - LEXICAL_SHARE) * fuseMean;
    }
    const hits = rankAndCut(reranked, limit, (row) => highlight(row.headline, perTerm));
    return { hits, total, mode: 'fuzzy', words };
  }

  /**
   * The query words' matches and the FTS5 query that needs every one of
   * them. Typos of prefixes and words found inside others are looked up
   * only when the words as typed find fewer articles than get ranked: then
   * they may matter; otherwise they would rank below those found, and at
   * 100,000 articles their hundreds of index words cost ~100-400 ms a keystroke.
   */
  #plan(terms: string[], phrases: string[][]): FuzzyPlan {
    // A repeated word adds nothing but would be required twice.
    const unique = [...new Set([...terms, ...phrases.flat()])];
    const perTerm = unique.map((term) => this.#termMatches(term));
    const narrow = ftsQuery(perTerm, phrases, NARROW);
    const narrowTotal = this.#count(narrow);
    const hasMore = perTerm.some((t) => t.lookup.outsideBody.length > 0);
    if (narrowTotal >= LEXICAL_CANDIDATES || !hasMore) return { unique, perTerm, phrases, tier: 'narrow', query: narrow, total: narrowTotal };
    const full = ftsQuery(perTerm, phrases, FULL);
    return { unique, perTerm, phrases, tier: 'full', query: full, total: this.#count(full) };
  }

  /**
   * `oil | gas` with plain words on each side: each side is searched as plain
   * words are (bodies, typos and all), and an article is ranked by its best
   * side, a little higher when it matches more than one. (Fuse's own `|`
   * saw only headlines and leads, and ranked "Melzer shocks Agassi" first for
   * `oil | gas`.)
   */
  #runAlternatives(sides: string[][], limit: number): SearchOutcome {
    const plans = sides.map((terms) => this.#plan(terms, []));
    const outcomes = plans.map((plan) => this.#runFuzzy(plan, Math.max(limit, FUSE_CANDIDATES)));
    const words: WordQuery = { prefixes: [...new Set(outcomes.flatMap((o) => o.words?.prefixes ?? []))], words: [...new Set(outcomes.flatMap((o) => o.words?.words ?? []))] };
    const byId = new Map<string, { hit: SearchHit; sides: number; order: number }>();
    let order = 0;
    for (const outcome of outcomes) {
      for (const hit of outcome.hits) {
        const seen = byId.get(hit.id);
        if (!seen) {
          byId.set(hit.id, { hit, sides: 1, order: order++ });
          continue;
        }
        seen.sides += 1;
        const ranges = mergeRanges([...seen.hit.headlineMatches, ...hit.headlineMatches], Infinity);
        seen.hit = { ...(hit.score < seen.hit.score ? hit : seen.hit), headlineMatches: ranges };
      }
    }
    const ranked = [...byId.values()]
      .map((entry) => ({ ...entry, score: entry.hit.score * MORE_SIDES_FACTOR ** (entry.sides - 1) }))
      .sort((a, b) => a.score - b.score || a.order - b.order);
    const hits = ranked.slice(0, limit).map(({ hit, score }) => ({ ...hit, score: Math.round(score * 10_000) / 10_000 }));
    const total = this.#countAny(plans.map((plan) => plan.query));
    if (total === 0) {
      const missing = outcomes.find((outcome) => outcome.missing !== undefined)?.missing;
      return { hits: [], total: 0, mode: 'fuzzy', words, ...(missing ? { missing } : {}) };
    }
    return { hits, total, mode: 'fuzzy', words };
  }

  /**
   * The rows to rank, best first by bm25. Over many matches bm25 is the
   * slowest step (~55 ms for `cha` at 100,000 articles), and the best are
   * those with every word in a title field: they are asked for first, from
   * the title fields' index, and the full index only if they are too few.
   */
  #candidates(plan: FuzzyPlan, wanted: number): number[] {
    if (plan.total > TITLES_FIRST_ABOVE) {
      const inTitles = this.#matching(ftsQuery(plan.perTerm, plan.phrases, { tier: plan.tier, titles: true }), wanted);
      if (inTitles.length >= wanted) return inTitles;
    }
    return this.#matching(plan.query, wanted);
  }

  /** Rows matching a query (in the section searched), best first by bm25. */
  #matching(query: FtsQuery, limit: number): number[] {
    const { table, sql, params } = this.#where(query);
    return this.#db.prepare(`SELECT rowid ${sql} ORDER BY ${table === 'fts' ? BM25 : BM25_TITLES} LIMIT ?`).pluck().all(...params, limit) as number[];
  }

  #count(query: FtsQuery): number {
    const { sql, params } = this.#where(query);
    return this.#db.prepare(`SELECT count(*) ${sql}`).pluck().get(...params) as number;
  }

  /** Rows matching any of the queries. */
  #countAny(queries: FtsQuery[]): number {
    const parts = queries.map((query) => this.#where(query));
    const union = parts.map((part) => `SELECT rowid ${part.sql}`).join(' UNION ');
    return this.#db.prepare(`SELECT count(*) FROM (${union})`).pluck().get(...parts.flatMap((part) => part.params)) as number;
  }

  /** The FROM and WHERE of a query: the full index when it has text terms, else the title fields' index alone. */
  #where(query: FtsQuery): { table: 'fts' | 'fts_titles'; sql: string; params: unknown[] } {
    const table = query.text.length > 0 ? 'fts' : 'fts_titles';
    const params: unknown[] = [(table === 'fts' ? query.text : query.titles).join(' AND ')];
    let sql = `FROM ${table} WHERE ${table} MATCH ?`;
    // `+rowid`: a plain rowid IN (…) is taken by FTS5 as rowids to look up, running the whole MATCH once
    // for each of them (~2 s for `world c` at 100,000 articles, ~11 ms as a filter).
    if (table === 'fts' && query.titles.length > 0) {
      sql += ' AND +rowid IN (SELECT rowid FROM fts_titles WHERE fts_titles MATCH ?)';
      params.push(query.titles.join(' AND '));
    }
    if (this.#section !== undefined) {
      sql += ' AND +rowid IN (SELECT n FROM files WHERE section = ?)';
      params.push(this.#section);
    }
    return { table, sql, params };
  }

  /**
   * Catalogue rows in the order given (those in the section searched).
   * Kept for the next keystrokes, whose candidates are mostly the same.
   */
  #readRows(ns: readonly number[]): Row[] {
    const missing = ns.filter((n) => !this.#rowCache.has(n));
    if (missing.length > 0) {
      for (const raw of this.#rows.all(JSON.stringify(missing)) as Array<RawRow & { section: string | null }>) {
        this.#rowCache.set(raw.n, { row: toRow(raw), section: raw.section });
      }
    }
    const section = this.#section;
    const rows: Row[] = [];
    for (const n of ns) {
      const cached = this.#rowCache.get(n);
      if (cached && (section === undefined || cached.section === section)) rows.push(cached.row);
    }
    for (const n of this.#rowCache.keys()) {
      if (this.#rowCache.size <= ROW_CACHE_SIZE) break;
      this.#rowCache.delete(n);
    }
    return rows;
  }

  /** Per query word, the best (quality × field weight) over the fields it matched in; their mean. */
  #lexical(row: Row, perTerm: TermMatches[]): Candidate {
    const fields: Array<[number, string | undefined]> = [
      [FIELD.headline, row.headline],
      [FIELD.source, [row.source, row.dateline].filter(Boolean).join(' ')],
      [FIELD.tags, row.tags.join(' ')],
      [FIELD.lead, row.lead],
    ];
    row.words ??= fields.map(([field, text]) => [field, text ? wordsOf(text) : []] as const);
    const words = row.words;
    let sum = 0;
    let bestField: number = FIELD.body;
    for (const term of perTerm) {
      let best = 0;
      let field: number = FIELD.body;
      for (const [f, list] of words) {
        for (const word of list) {
          const match = term.byWord.get(word) ?? (word.startsWith(term.term) && term.term.length > 2 ? PREFIX_OF(term.term, word) : undefined);
          if (!match || !(match.fieldMask & (1 << f))) continue;
          const score = match.quality * FIELD_WEIGHTS[f]!;
          if (score > best) {
            best = score;
            field = f;
          }
        }
      }
      // Not in a short field: FTS5 found it in the body.
      if (best === 0) best = term.bodyQuality * FIELD_WEIGHTS[FIELD.body];
      sum += best;
      if (field < bestField) bestField = field;
    }
    return { row, lexical: sum / perTerm.length, field: bestField, fuseTotal: perTerm.length, score: 1 };
  }

  /** Fuse's score per term over the candidates. */
  #addFuseScores(candidates: Candidate[], terms: string[]): void {
    const fuse = new Fuse(
      candidates.map((candidate) => candidate.row),
      FUSE_RERANK_OPTIONS,
    );
    for (const term of terms) {
      for (const result of fuse.search(term)) {
        candidates[result.refIndex]!.fuseTotal += (result.score ?? 1) - 1;
      }
    }
  }

  /** Query-word matches, from the cache or narrowed from the matches of a word this one extends. */
  #termMatches(term: string): TermMatches {
    const cached = this.#termCache.get(term);
    if (cached) {
      // Refresh its place in the least-recently-used order.
      this.#termCache.delete(term);
      this.#termCache.set(term, cached);
      return cached;
    }
    let base: WordMatch[] | undefined;
    for (let length = term.length - 1; length > 0 && !base; length--) {
      const shorter = term.slice(0, length);
      const hit = this.#termCache.get(shorter);
      if (hit && Vocabulary.canNarrow(shorter, term)) base = hit.matches;
    }
    const matches = this.#vocabulary!.matchTerm(term, base);
    const entry: TermMatches = {
      term,
      matches,
      byWord: new Map(matches.map((match) => [match.word, match])),
      lookup: termLookup(term, matches),
      bodyQuality: matches.reduce((best, match) => (match.fieldMask & (1 << FIELD.body) ? Math.max(best, match.quality) : best), 0),
    };
    this.#termCache.set(term, entry);
    if (this.#termCache.size > TERM_CACHE_SIZE) {
      const oldest = this.#termCache.keys().next().value;
      if (oldest !== undefined) this.#termCache.delete(oldest);
    }
    return entry;
  }

  /**
   * Extended syntax goes to Fuse as written, over the articles the index
   * says could match. It searches headline, source, tags and lead.
   */
  #runExtended(text: string, groups: ExtendedTerm[][], limit: number): SearchOutcome {
    const pool = this.#extendedCandidates(groups);
    const hasNegation = groups.some((group) => group.some((term) => term.negated));
    const candidates = hasNegation ? extendedOverWholeText(text, groups, pool) : extendedByField(text, pool);
    return { hits: rankAndCut(candidates, limit), total: candidates.length, mode: 'extended' };
  }

  /** Rows containing every positive term of some group; the newest of all if a group has none. */
  #extendedCandidates(groups: ExtendedTerm[][]): Row[] {
    const alternatives: string[] = [];
    for (const group of groups) {
      const words = group
        .filter((term) => !term.negated)
        .flatMap((term) => wordsOf(term.text).map((word) => ({ word, fuzzy: term.kind === 'fuzzy' })));
      if (words.length === 0) {
        const newest = this.#section === undefined ? this.#newest.all(NEGATION_POOL) : this.#newestIn.all(this.#section, NEGATION_POOL);
        return (newest as RawRow[]).map(toRow);
      }
      const parts = words.map(({ word, fuzzy }) => {
        const matches = fuzzy ? this.#vocabulary!.matchTerm(word) : this.#vocabulary!.wordsContaining(word);
        // Extended search does not look in bodies.
        const listed = matches.filter((match) => match.fieldMask & ALL_BUT_BODY).map((match) => quote(match.word));
        return listed.length === 0 ? undefined : `{headline source tags lead} : (${listed.join(' OR ')})`;
      });
      if (parts.some((part) => part === undefined)) continue;
      alternatives.push(`(${parts.join(' AND ')})`);
    }
    if (alternatives.length === 0) return [];
    const ns = this.#db.prepare('SELECT rowid FROM fts WHERE fts MATCH ?').pluck().all(alternatives.join(' OR ')) as number[];
    return this.#readRows(ns);
  }
}

/** The sides of `a | b` when every term is a plain word (no operators, no quotes); undefined otherwise. */
function plainAlternatives(groups: ExtendedTerm[][]): string[][] | undefined {
  if (groups.length < 2) return undefined;
  const plain = groups.every((group) => group.every((term) => term.kind === 'fuzzy' && !term.negated && !term.raw.includes('"')));
  if (!plain) return undefined;
  const sides = groups.map((group) => group.flatMap((term) => wordsOf(term.text))).filter((words) => words.length > 0);
  return sides.length >= 2 ? sides : undefined;
}

/** What to mark for plain words: each word as a prefix (as FTS5's `word*`), and the typos the index matched that may be in bodies. */
function markedWords(perTerm: readonly TermMatches[], phrases: readonly string[][]): WordQuery {
  const inPhrase = new Set(phrases.flat());
  const prefixes: string[] = [];
  const words = new Set<string>(inPhrase);
  for (const term of perTerm) {
    if (inPhrase.has(term.term)) continue;
    // One letter would mark half the text.
    if (term.term.length >= 2) prefixes.push(term.term);
    let listed = 0;
    for (const match of term.matches) {
      if (listed >= MARKED_TYPOS) break;
      if (match.prefix || !(match.fieldMask & (1 << FIELD.body))) continue;
      words.add(match.word);
      listed += 1;
    }
  }
  return { prefixes, words: [...words] };
}

/** What to mark for Fuse's syntax: the words of the terms that must be there. */
function extendedWords(groups: readonly ExtendedTerm[][]): WordQuery {
  const prefixes = groups.flatMap((group) => group.filter((term) => !term.negated).flatMap((term) => wordsOf(term.text))).filter((word) => word.length >= 2);
  return { prefixes: [...new Set(prefixes)], words: [] };
}

interface RawRow {
  n: number;
  id: string;
  headline: string;
  source: string | null;
  dateline: string | null;
  tags: string | null;
  lead: string | null;
  date: string;
}

function toRow(raw: RawRow): Row {
  const row: Row = { n: raw.n, id: raw.id, headline: raw.headline, tags: raw.tags ? raw.tags.split('\n') : [], lead: raw.lead ?? '', body: '', date: raw.date };
  if (raw.source !== null) row.source = raw.source;
  if (raw.dateline !== null) row.dateline = raw.dateline;
  return row;
}

/** A word the vocabulary did not list (the vocabulary is from the last finished update) but FTS5's `term*` found. */
function PREFIX_OF(term: string, word: string): WordMatch {
  return { word, quality: QUALITY.prefixBase + 0.2 * (term.length / word.length), fieldMask: ALL_FIELDS, prefix: true };
}

function quote(word: string): string {
  return `"${word.replace(/"/g, '""')}"`;
}

/** The index words a query word stands for (see TermLookup). */
function termLookup(term: string, matches: readonly WordMatch[]): TermLookup {
  const anywhere = [`${quote(term)}*`];
  const outsideBody: string[] = [];
  if (term.length <= 2) return { short: true, anywhere, outsideBody };
  for (const match of matches) {
    if (match.prefix) continue;
    if (match.fieldMask === ALL_FIELDS) anywhere.push(quote(match.word));
    else if (match.fieldMask & ALL_BUT_BODY) outsideBody.push(quote(match.word));
  }
  return { short: false, anywhere, outsideBody };
}

const NARROW: Reach = { tier: 'narrow', titles: false };
const FULL: Reach = { tier: 'full', titles: false };

/** The FTS5 query that needs every term (and phrase), as wide as `reach` says. */
function ftsQuery(perTerm: readonly TermMatches[], phrases: readonly string[][], reach: Reach): FtsQuery {
  const query: FtsQuery = { text: [], titles: [] };
  for (const { term, lookup } of perTerm) {
    if (phrases.some((phrase) => phrase.includes(term))) continue;
    const words = lookup.anywhere.join(' OR ');
    const more = reach.tier === 'full' ? lookup.outsideBody.join(' OR ') : '';
    if (lookup.short || reach.titles) query.titles.push(`(${more ? `${words} OR ${more}` : words})`);
    else query.text.push(`(${more ? `${words} OR {headline source tags lead} : (${more})` : words})`);
  }
  for (const phrase of phrases) (reach.titles ? query.titles : query.text).push(`"${phrase.join(' ')}"`);
  return query;
}

/**
 * Half-open ranges of the headline words the query matched: the typed
 * part of a prefix, the whole word for a typo. Computed from the same
 * word matches that ranked the article, because Fuse's own ranges mark
 * scattered letters of a typo (`Ch`+`na` in `China` for `chna`).
 */
function highlight(headline: string, perTerm: TermMatches[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const tokens = [...headline.matchAll(HEADLINE_TOKEN)].map((token) => {
    const text = token[0].replace(/['’]s$/iu, '');
    return { start: token.index, text, word: wordsOf(text).join('') };
  });
  for (const hits of perTerm) {
    const term = hits.term;
    // Per term, only the headline words it matched best: `blar` marks Blair, not also `blasts`.
    let best: number = QUALITY.inside;
    const marked: Array<{ quality: number; range: [number, number] }> = [];
    for (const { start, text, word } of tokens) {
      const quality = word.startsWith(term) ? 1 : word.length > 1 ? (hits.byWord.get(word)?.quality ?? 0) : 0;
      if (quality < best) continue;
      best = quality;
      // Folding can change the length (combining accents); then mark the whole word.
      const aligned = word.length === text.length;
      const inside = word.indexOf(term);
      const range: [number, number] = aligned && inside >= 0 ? [start + inside, start + inside + term.length] : [start, start + text.length];
      marked.push({ quality, range });
    }
    for (const { quality, range } of marked) if (quality >= best) ranges.push(range);
  }
  return mergeRanges(ranges, headline.length);
}

/** Without `!terms`, Fuse matches each field on its own, so `^x`, `x$` and `=x` mean a field's start, end, or all of it. */
function extendedByField(text: string, pool: Row[]): Candidate[] {
  const fuse = new Fuse(pool, { ...FUSE_RERANK_OPTIONS, includeMatches: true, useExtendedSearch: true });
  return fuse.search(text).map((result) => {
    const row = pool[result.refIndex]!;
    const ranges = (result.matches ?? [])
      .filter((match) => match.key === 'headline')
      .flatMap((match) => match.indices.map(([start, end]): [number, number] => [start, end + 1]));
    let field: number = FIELD_NAMES.length;
    for (const match of result.matches ?? []) {
      const index = FIELD_NAMES.indexOf((match.key ?? 'headline') as SearchField);
      if (index >= 0 && index < field) field = index;
    }
    return {
      row,
      lexical: 0,
      field: field === FIELD_NAMES.length ? FIELD.headline : field,
      fuseTotal: 0,
      headlineMatches: mergeRanges(ranges, row.headline.length),
      score: result.score ?? 1,
    };
  });
}

/**
 * With `!terms`, each article is one text (headline, source, tags, lead),
 * because Fuse applies the whole query to every key: with separate keys an
 * article without tags could never match `!x`.
 */
function extendedOverWholeText(text: string, groups: ExtendedTerm[][], pool: Row[]): Candidate[] {
  const texts = pool.map(extendedText);
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
    const parts = texts[result.refIndex]!;
    const ranges = (positiveMatches.get(index) ?? []).flatMap((match) => match.indices.map(([start, end]): [number, number] => [start, end + 1]));
    const firstStart = ranges.reduce((first, [start]) => Math.min(first, start), Infinity);
    return {
      row: pool[result.refIndex]!,
      lexical: 0,
      // Only `!terms`: nothing matched positively; the headline stands for the article.
      field: firstStart === Infinity ? FIELD.headline : parts.fieldAt(firstStart),
      fuseTotal: 0,
      headlineMatches: mergeRanges(ranges, parts.headlineLength),
      score: result.score ?? 1,
    };
  });
}

/** Best first; scores in the same bucket go to the newer article. `mark` gives the headline ranges of those kept. */
function rankAndCut(candidates: Candidate[], limit: number, mark?: (row: Row) => Array<[number, number]>): SearchHit[] {
  const bucket = (score: number): number => Math.round(score / TIE_BUCKET);
  candidates.sort((a, b) => {
    const byBucket = bucket(a.score) - bucket(b.score);
    if (byBucket !== 0) return byBucket;
    if (a.row.date !== b.row.date) return a.row.date < b.row.date ? 1 : -1;
    return a.score - b.score || a.row.n - b.row.n;
  });
  return candidates.slice(0, limit).map((candidate) => ({
    id: candidate.row.id,
    score: Math.round(candidate.score * 10_000) / 10_000,
    field: (FIELD_NAMES[candidate.field] ?? 'headline') as SearchField,
    headlineMatches: mark ? mark(candidate.row) : (candidate.headlineMatches ?? []),
  }));
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

