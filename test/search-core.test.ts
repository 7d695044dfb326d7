import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { indexedText, wordsOf } from '../src/search/text.js';
import type { Article } from '../src/archive/article.js';
import {
  ArchiveSearch,
  SEARCH_SYNTAX_HELP,
  findInText,
  findWordsInText,
  formatSearchCommand,
  opening,
  snippetAround,
  runSearchCommand,
  toSearchDoc,
  type SearchDoc,
} from '../src/search/index.js';

function doc(id: string, headline: string, extra: Partial<SearchDoc> = {}): SearchDoc {
  return { id, headline, tags: [], lead: '', body: '', date: '2024-01-01', ...extra };
}

const ids = (search: ArchiveSearch, query: string): string[] => search.search(query).map((hit) => hit.id);

describe('ArchiveSearch ranking rules', () => {
  it('puts the whole word first, then a word it starts, then a word it is inside', () => {
    const search = ArchiveSearch.of([
      doc('inside', 'New airport opens'),
      doc('prefix', 'Portugal wins'),
      doc('whole', 'Port workers strike over pay and conditions in the north'),
    ]);
    expect(ids(search, 'port')).toEqual(['whole', 'prefix', 'inside']);
  });

  it('prefers the word as typed over a one-letter neighbour when the word exists', () => {
    const search = ArchiveSearch.of([doc('tory', 'Tory leader urges apology'), doc('tony', 'Tony Benn dies aged 88 at home in London')]);
    expect(ids(search, 'tony')[0]).toBe('tony');
  });

  it('breaks ties by date, newest first', () => {
    const search = ArchiveSearch.of([
      doc('old', 'Oil price rises', { date: '2020-05-01' }),
      doc('new', 'Oil price rises', { date: '2023-05-01' }),
      doc('mid', 'Oil price rises', { date: '2021-05-01' }),
    ]);
    expect(ids(search, 'oil price')).toEqual(['new', 'mid', 'old']);
  });

  it('weighs headline over source, tags and lead, and those over the body', () => {
    const search = ArchiveSearch.of([
      doc('body', 'Markets today', { body: 'Analysts in Kyiv said little.' }),
      doc('lead', 'Markets today', { lead: 'Kyiv traders were cautious.' }),
      doc('tag', 'Markets today', { tags: ['Kyiv'] }),
      doc('headline', 'Kyiv markets today'),
    ]);
    const hits = search.search('kyiv');
    expect(hits.map((hit) => hit.id)).toEqual(['headline', 'tag', 'lead', 'body']);
    expect(hits.map((hit) => hit.field)).toEqual(['headline', 'tags', 'lead', 'body']);
  });

  it('matches source and dateline, reported as the source field', () => {
    const search = ArchiveSearch.of([doc('a', 'Talks resume', { source: 'Reuters', dateline: 'Moscow' })]);
    expect(search.search('moscow')[0]?.field).toBe('source');
    expect(search.search('reuters')[0]?.field).toBe('source');
  });

  it('ignores case and accents', () => {
    const search = ArchiveSearch.of([doc('cafe', 'Café society returns')]);
    expect(ids(search, 'CAFE')).toEqual(['cafe']);
  });

  it('requires every word, and says which word is found nowhere', () => {
    const search = ArchiveSearch.of([doc('both', 'Putin meets Xi'), doc('one', 'Putin speaks')]);
    expect(ids(search, 'putin xi')).toEqual(['both']);
    expect(search.run('putin zzzz')).toMatchObject({ hits: [], total: 0, mode: 'fuzzy', missing: 'zzzz' });
    // Each word is somewhere, but never together: no results, and no word to blame.
    expect(search.run('xi speaks')).toMatchObject({ hits: [], total: 0, mode: 'fuzzy' });
    expect(search.run('xi speaks').missing).toBeUndefined();
  });

  it('finds an "exact phrase" anywhere, the body included, and not the same words apart', () => {
    const search = ArchiveSearch.of([
      doc('phrase', 'Markets today', { body: 'Analysts said the oil price would rise.' }),
      doc('apart', 'Oil news', { body: 'The price of bread rose.' }),
    ]);
    expect(ids(search, '"oil price"')).toEqual(['phrase']);
    expect(ids(search, 'oil price').sort()).toEqual(['apart', 'phrase']);
    expect(search.run('"price oil"')).toMatchObject({ total: 0, missing: '"price oil"' });
  });

  it('returns nothing for an empty or blank query', () => {
    const search = ArchiveSearch.of([doc('a', 'Anything')]);
    expect(search.search('')).toEqual([]);
    expect(search.search('   ')).toEqual([]);
  });

  it('gives half-open UTF-16 ranges that slice out the matched words', () => {
    const headline = '🇺🇦 Kyiv’s mayor meets Putin';
    const search = ArchiveSearch.of([doc('a', headline)]);
    const [hit] = search.search('kyiv putin');
    expect(hit?.headlineMatches.map(([start, end]) => headline.slice(start, end))).toEqual(['Kyiv', 'Putin']);
  });

  it('honours the limit and reports the total', () => {
    const search = ArchiveSearch.of(Array.from({ length: 30 }, (_, i) => doc(`d${i}`, `Budget story ${i}`)));
    const outcome = search.run('budget', 5);
    expect(outcome.hits).toHaveLength(5);
    expect(outcome.total).toBe(30);
  });
});

describe('extended syntax', () => {
  const search = ArchiveSearch.of([
    doc('yukos', 'Putin backs state grab for Yukos'),
    doc('oil', 'Oil prices rise again'),
    doc('china-oil', 'China signs oil deal', { lead: 'Beijing agreed terms.' }),
    doc('spoil', 'Rain may spoil the harvest'),
  ]);

  it("'word matches exactly, no typos", () => {
    expect(ids(search, "'oil").sort()).toEqual(['china-oil', 'oil', 'spoil']);
    expect(ids(search, "'oyl")).toEqual([]);
  });

  it('^prefix matches the start of a field', () => {
    expect(ids(search, '^china')).toEqual(['china-oil']);
  });

  it('!word excludes articles containing it', () => {
    expect(ids(search, "'oil !china").sort()).toEqual(['oil', 'spoil']);
  });

  it('| matches either side', () => {
    expect(ids(search, '^putin | ^rain').sort()).toEqual(['spoil', 'yukos']);
  });

  it('suffix$ matches the end of a field and =exact the whole field', () => {
    expect(ids(search, 'harvest$')).toEqual(['spoil']);
    expect(ids(search, '="Oil prices rise again"')).toEqual(['oil']);
  });

  it('reports extended mode and highlights only the positive terms', () => {
    const outcome = search.run("'oil !china");
    expect(outcome.mode).toBe('extended');
    const hit = outcome.hits.find((candidate) => candidate.id === 'oil');
    expect(hit?.headlineMatches).toEqual([[0, 3]]);
  });

  it('has a help text naming every operator', () => {
    for (const operator of ["'", '^', '$', '=', '!', '|']) expect(SEARCH_SYNTAX_HELP).toContain(operator);
  });
});

describe('findInText', () => {
  it('finds every case-insensitive occurrence, paragraph by paragraph', () => {
    expect(findInText(['The Kremlin said', 'kremlin, KREMLIN'], 'kremlin')).toEqual([
      { paragraph: 0, start: 4, end: 11 },
      { paragraph: 1, start: 0, end: 7 },
      { paragraph: 1, start: 9, end: 16 },
    ]);
  });

  it('does not overlap matches', () => {
    expect(findInText(['aaaa'], 'aa')).toEqual([
      { paragraph: 0, start: 0, end: 2 },
      { paragraph: 0, start: 2, end: 4 },
    ]);
  });

  it('matches the query literally, punctuation and spaces included', () => {
    expect(findInText(['Price: $1.13bn (up)'], '$1.13bn (')).toEqual([{ paragraph: 0, start: 7, end: 16 }]);
    expect(findInText(['abc'], 'a.c')).toEqual([]);
  });

  it('returns nothing for an empty query', () => {
    expect(findInText(['text'], '')).toEqual([]);
  });

  it('keeps offsets in the original text when lower-casing changes a length', () => {
    const paragraph = 'İstanbul and Ankara';
    const [match] = findInText([paragraph], 'ankara');
    expect(match && paragraph.slice(match.start, match.end)).toBe('Ankara');
  });
});

describe('toSearchDoc and the search command', () => {
  const article: Article = {
    id: 'world/001',
    relPath: 'world/001.txt',
    path: '/archive/world/001.txt',
    format: 'text',
    headline: 'China-Russia relations are rock solid',
    dateline: 'Moscow',
    source: 'Reuters',
    tags: ['diplomacy'],
    date: '2022-12-26',
    dateOrigin: 'file-name',
    wordCount: 10,
    readingMinutes: 1,
    size: 100,
    mtimeMs: 0,
    fingerprint: 'f',
  };
  const text = { paragraphs: ['Lead paragraph.', 'Second.', 'Third.'], related: [] };

  it('takes the first paragraph as lead and the rest as body', () => {
    expect(toSearchDoc(article, text)).toEqual({
      id: 'world/001',
      headline: 'China-Russia relations are rock solid',
      source: 'Reuters',
      dateline: 'Moscow',
      tags: ['diplomacy'],
      lead: 'Lead paragraph.',
      body: 'Second.\n\nThird.',
      date: '2022-12-26',
    });
  });

  it('finds China-Russia from a mistyped "rusia chna" and prints JSON with scores and fields', () => {
    const search = ArchiveSearch.of([toSearchDoc(article, text)]);
    const output = runSearchCommand(search, new Map([[article.id, article]]), 'rusia chna', 10);
    expect(output).toMatchObject({ query: 'rusia chna', mode: 'fuzzy', total: 1 });
    expect(output.results[0]).toMatchObject({ rank: 1, id: 'world/001', field: 'headline', date: '2022-12-26' });
    expect(output.results[0]?.headlineMatches).toEqual([
      [0, 5],
      [6, 12],
    ]);
    expect(JSON.parse(JSON.stringify(output))).toEqual(output);
    expect(formatSearchCommand(output)).toContain('China-Russia relations are rock solid');
  });
});

describe('what the full-text index is given', () => {
  it('finds words beside emoji, private-use characters and curly possessives in the body', () => {
    const search = ArchiveSearch.of([
      doc('emoji', 'One', { body: 'Fans🙂cheered the result' }),
      doc('private', 'Two', { body: 'An odd\uE000marker here' }),
      doc('possessive', 'Three', { body: 'China’s growth slowed' }),
    ]);
    expect(ids(search, 'cheered')).toEqual(['emoji']);
    expect(ids(search, 'marker')).toEqual(['private']);
    expect(ids(search, 'china')).toEqual(['possessive']);
  });

  it('indexes the words the query side splits a text into, whatever the script', () => {
    // FTS5's tokenizer splits the indexed text itself: it must find wordsOf's words, as it does in them joined.
    const db = new Database(':memory:');
    const tokens = (texts: string[]): string[][] => {
      db.exec("DROP TABLE IF EXISTS t; DROP TABLE IF EXISTS v; CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 2'); CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance');");
      const insert = db.prepare('INSERT INTO t (rowid, x) VALUES (?, ?)');
      texts.forEach((text, i) => insert.run(i + 1, text));
      const words = texts.map((): string[] => []);
      for (const [term, row] of db.prepare('SELECT term, doc FROM v ORDER BY doc, offset').raw().iterate() as Iterable<[string, number]>) words[row - 1]!.push(term);
      return words;
    };
    const ranges = [[0x20, 0x7e], [0xa0, 0x24f], [0x300, 0x36f], [0x370, 0x3ff], [0x590, 0x6ff], [0x2000, 0x2bff], [0x3000, 0x30ff], [0xe000, 0xe0ff], [0xfb00, 0xffff], [0x1d400, 0x1d4ff], [0x1f300, 0x1faff], [0xf0000, 0xf00ff]] as const;
    let seed = 7;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const texts = ['Café déjà-vu naïve', "China's rock'n'roll don’t", 'Fans🙂cheered', 'odd\uE000marker', '١٢٣ ½ ² Ⅻ 日本語テキスト'];
    for (let k = 0; k < 2000; k++) {
      let text = '';
      for (let j = 0; j < 1 + random() * 12; j++) {
        const [from, to] = ranges[Math.floor(random() * ranges.length)]!;
        text += String.fromCodePoint(from + Math.floor(random() * (to - from + 1))) + (random() < 0.3 ? ' ' : '');
      }
      texts.push(text);
    }
    const indexed = tokens(texts.map(indexedText));
    expect(indexed.slice(0, 5)).toEqual([['cafe', 'deja', 'vu', 'naive'], ['china', 'rocknroll', 'dont'], ['fans', 'cheered'], ['odd', 'marker'], ['١٢٣', '½', '²', 'ⅻ', '日本語テキスト']]);
    expect(indexed).toEqual(tokens(texts.map((text) => wordsOf(text).join(' '))));
  });
});

describe('a | b between plain words', () => {
  const search = ArchiveSearch.of([
    doc('agassi', 'Melzer shocks Agassi in San Jose', { date: '2024-06-01' }),
    doc('madagascar', 'Madagascar completes currency switch', { date: '2024-06-01' }),
    doc('gas', 'Gas deal signed with Turkmenistan', { date: '2024-01-01' }),
    doc('oil', 'Oil output falls in the North Sea', { date: '2024-01-01' }),
    doc('both', 'Oil and gas firms merge', { date: '2023-01-01' }),
    doc('body', 'Shipping costs climb', { body: 'Tankers carrying crude oil were delayed.', date: '2024-06-01' }),
    doc('neither', 'Bakery chain adds shops', { date: '2024-06-01' }),
  ]);

  it('finds either side like plain words, bodies included, and ranks an article with both sides first', () => {
    const found = ids(search, 'oil | gas');
    expect(found[0]).toBe('both');
    // Headline matches of a side come before a match in the body and before a word merely containing "gas".
    expect(found.slice(1, 3).sort()).toEqual(['gas', 'oil']);
    expect(found).toContain('body');
    expect(found.indexOf('body')).toBeGreaterThan(found.indexOf('oil'));
    for (const loose of ['agassi', 'madagascar']) if (found.includes(loose)) expect(found.indexOf(loose)).toBeGreaterThan(found.indexOf('gas'));
    expect(found).not.toContain('neither');
    expect(search.run('oil | gas')).toMatchObject({ mode: 'fuzzy', total: found.length });
  });

  it('highlights each side in headlines and gives the words of both sides to mark in the text', () => {
    const outcome = search.run('oil | gas');
    const both = outcome.hits.find((hit) => hit.id === 'both')!;
    expect(both.headlineMatches).toEqual([[0, 3], [8, 11]]);
    expect(outcome.words?.prefixes.sort()).toEqual(['gas', 'oil']);
  });

  it('names a word found nowhere when neither side matches', () => {
    expect(search.run('zzqq | xxjj')).toMatchObject({ total: 0, hits: [], missing: 'zzqq' });
  });
});

describe('searching one section', () => {
  const search = ArchiveSearch.of([
    doc('sport/1', 'Putin watches judo final'),
    doc('business/1', 'Putin backs state grab for Yukos'),
    doc('business/2', 'Yukos sale goes ahead', { body: 'Putin said the sale was legal.' }),
  ]);

  it('finds only the section asked for, and counts only there', () => {
    expect(search.run('putin', 20, { section: 'business' }).hits.map((hit) => hit.id).sort()).toEqual(['business/1', 'business/2']);
    expect(search.run('putin', 20, { section: 'sport' })).toMatchObject({ total: 1, hits: [{ id: 'sport/1' }] });
    expect(search.run('putin', 20).total).toBe(3);
  });

  it('says a word is found nowhere when it is only in other sections', () => {
    expect(search.run('yukos', 20, { section: 'sport' })).toMatchObject({ total: 0, missing: 'yukos' });
  });

  it('limits Fuse syntax to the section too', () => {
    expect(search.run("'putin", 20, { section: 'sport' }).hits.map((hit) => hit.id)).toEqual(['sport/1']);
    expect(search.run('!zzz', 20, { section: 'sport' }).hits.map((hit) => hit.id)).toEqual(['sport/1']);
  });
});

describe('the words a query marks in the text', () => {
  it('are the typed words as prefixes and the typos the index matched, not one-letter words', () => {
    const search = ArchiveSearch.of([doc('yukos', 'Putin backs state grab for Yukos', { body: 'Putin spoke.' })]);
    const outcome = search.run('pution a');
    expect(outcome.words?.prefixes).toEqual(['pution']);
    expect(outcome.words?.words).toContain('putin');
  });

  it('are the words of a phrase, whole', () => {
    const search = ArchiveSearch.of([doc('p', 'Markets', { body: 'the oil price rose' })]);
    expect(search.run('"oil price"').words).toEqual({ prefixes: [], words: ['oil', 'price'] });
  });
});

describe("a result's line of context", () => {
  const words = { prefixes: ['harb'], words: ['ferrys'] };

  it('starts at the paragraph when the word is near its start, else a few words before it after an ellipsis', () => {
    expect(snippetAround(['Nothing here.', 'The old harbour reopened.'], words)).toEqual({ text: 'The old harbour reopened.', matches: [[8, 15]] });
    const far = `${'Words before the place. '.repeat(5)}Then the harbour, and more harbours.`;
    const snippet = snippetAround([far], words)!;
    expect(snippet.text.startsWith('… ')).toBe(true);
    expect(snippet.text).toContain('Then the harbour, and more harbours.');
    expect(snippet.matches.map(([start, end]) => snippet.text.slice(start, end))).toEqual(['harbour', 'harbours']);
  });

  it('marks typos the index matched, whole words only, and is undefined without a match', () => {
    const snippet = snippetAround(['Two ferrys left; ferry services resumed.'], words)!;
    expect(snippet.matches.map(([start, end]) => snippet.text.slice(start, end))).toEqual(['ferrys']);
    expect(snippetAround(['No match at all.'], words)).toBeUndefined();
    expect(opening(['', 'First words of the article.'])).toEqual({ text: 'First words of the article.', matches: [] });
  });

  it('finds the words with accents and case folded, as the index does', () => {
    expect(findWordsInText(['CAFÉ owners and Café’s rivals'], { prefixes: ['cafe'], words: [] }).map((m) => [m.start, m.end])).toEqual([
      [0, 4],
      [16, 22],
    ]);
  });
});

describe('ArchiveSearch over many matches', () => {
  // Over 5,000 matches the candidates come from the title fields' index first: the headline matches
  // must still lead, and the count must still be every article holding the word.
  const bodyOnly = Array.from({ length: 5_600 }, (_, i) => doc(`body/${i}`, `Market report ${i}`, { body: 'the economy grew slowly' }));
  const inHeadline = Array.from({ length: 700 }, (_, i) => doc(`head/${i}`, `Economy news ${i}`));
  const search = ArchiveSearch.of([...bodyOnly, ...inHeadline]);

  it('ranks headline matches above thousands of body matches and counts them all', () => {
    const outcome = search.run('econ', 50);
    expect(outcome.total).toBe(6_300);
    expect(outcome.hits.every((hit) => hit.id.startsWith('head/'))).toBe(true);
  });

  it('answers one letter from the title fields, with a word of the query in the body', () => {
    const outcome = search.run('economy n', 20);
    expect(outcome.total).toBe(700);
    expect(outcome.hits.length).toBe(20);
    expect(search.run('grew m', 20).total).toBe(5_600);
  });
});
