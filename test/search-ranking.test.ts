// Ranking on the real BBC corpus: half-remembered, mistyped queries must
// put the article a person meant in the top three.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ArchiveSearch, type SearchDoc } from '../src/search/index.js';
import { has } from './helpers/needs.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpusRoot = path.resolve(repoRoot, '../shared/corpus');

/** A deliberately simple loader, independent of src/archive: headline, then blank-line paragraphs. */
function loadCorpus(): SearchDoc[] {
  const docs: SearchDoc[] = [];
  for (const section of readdirSync(corpusRoot).sort()) {
    for (const file of readdirSync(path.join(corpusRoot, section)).sort()) {
      const text = readFileSync(path.join(corpusRoot, section, file), 'utf8');
      const lines = text.split('\n');
      const headlineIndex = lines.findIndex((line) => line.trim() !== '');
      const headline = (lines[headlineIndex] ?? '').trim();
      const paragraphs = lines
        .slice(headlineIndex + 1)
        .join('\n')
        .split(/\n\s*\n/)
        .map((paragraph) => paragraph.trim())
        .filter((paragraph) => paragraph !== '');
      docs.push({
        id: `${section}/${file.replace(/\.txt$/, '')}`,
        headline,
        tags: [],
        lead: paragraphs[0] ?? '',
        body: paragraphs.slice(1).join('\n\n'),
        date: '',
      });
    }
  }
  return docs;
}

// [query as a person might type it, the article(s) meant: the corpus has a few exact duplicates]
const CASES: Array<[string, string[]]> = [
  ['pution', ['business/332']],
  ['rusia chna', ['business/077']],
  ['yukos bankrupcy', ['business/025', 'business/192']],
  ['gogle toolbar', ['tech/010']],
  ['chelsea muto', ['sport/199']],
  ['net secruity', ['tech/031', 'tech/316']],
  ['cardinal irak', ['politics/060']],
  ['khodorkovsy', ['business/444']],
  ['deutshe yukos', ['business/358']],
  ['venezuala china oil', ['business/340']],
  ['honda copyrite', ['business/342']],
  ['lenovo profts', ['business/250']],
  ['borusia dortmund bust', ['business/193']],
  ['tobaco factories', ['business/437']],
  ['blunket sheffield', ['politics/046']],
  ['tsunami aid blair', ['politics/135']],
  ['supercomputng', ['tech/141']],
  ['china net cafe', ['tech/002']],
  ['jet airways shars', ['business/169', 'business/186']],
  ['us airways pay cut', ['business/394']],
  ['air china listng', ['business/269']],
  ['mg rover chna', ['business/212']],
  ['snoop dog sued', ['entertainment/115']],
  ['scisor sisters', ['entertainment/253']],
  ['doherty fight', ['entertainment/276']],
  ['hitchiker fry', ['entertainment/299']],
  ['aviator oscar critcs', ['entertainment/368']],
  ['nick grifin', ['politics/074']],
  ['kilroy silk ukip', ['politics/281']],
  ['chirac rebate', ['politics/373']],
  ['guerouj', ['sport/025']],
  ['mladenovic sociedad', ['sport/117']],
  ['hoddle wolves', ['sport/232']],
  ['viotti', ['entertainment/023']],
  ['howl japan cinema', ['entertainment/046']],
  ['top of the pops', ['entertainment/184']],
];

describe.skipIf(!has('corpus'))('ranking on the BBC corpus', () => {
  let search: ArchiveSearch;
  let headlines: Map<string, string>;
  beforeAll(() => {
    const docs = loadCorpus();
    expect(docs.length).toBe(2225);
    search = ArchiveSearch.of(docs);
    headlines = new Map(docs.map((doc) => [doc.id, doc.headline]));
  });

  it.each(CASES)('%s finds %j in the top 3', (query, targets) => {
    const top = search.search(query, 3).map((hit) => hit.id);
    const shown = top.map((id) => `${id}: ${headlines.get(id)}`);
    expect(targets.some((target) => top.includes(target)), `top 3 was ${JSON.stringify(shown)}`).toBe(true);
  });

  it('ranks the Putin headline above "Solutions to net security fears" for `pution`, unlike plain Fuse', () => {
    const ids = search.search('pution', 100).map((hit) => hit.id);
    expect(ids[0]).toBe('business/332');
    const solutions = ids.indexOf('tech/031');
    expect(solutions === -1 || solutions > 0).toBe(true);
  });

  it('says which field matched and highlights the headline word a typo meant', () => {
    const [hit] = search.search('pution', 1);
    expect(hit?.field).toBe('headline');
    const headline = headlines.get('business/332') ?? '';
    expect(hit?.headlineMatches.map(([start, end]) => headline.slice(start, end))).toEqual(['Putin']);
  });

  it('highlights the typed part of an unfinished word', () => {
    const hit = search.search('chelsea mou', 10).find((candidate) => candidate.id === 'sport/159');
    const headline = headlines.get('sport/159') ?? '';
    expect(hit?.headlineMatches.map(([start, end]) => headline.slice(start, end))).toEqual(['Mou', 'Chelsea']);
  });

  it('finds words that occur only in the body, ranked below headline matches', () => {
    const hits = search.search('khodorkovsky', 50);
    expect(hits[0]?.field).toBe('headline');
    expect(hits.some((hit) => hit.field === 'body' || hit.field === 'lead')).toBe(true);
    const firstBody = hits.findIndex((hit) => hit.field !== 'headline');
    expect(hits.slice(firstBody).every((hit) => hit.field !== 'headline')).toBe(true);
  });

  it('narrows as a query grows one keystroke at a time, ending on the same answer as typing it at once', () => {
    const typed = 'yukos bankrupcy';
    let last: string[] = [];
    for (let length = 1; length <= typed.length; length++) last = search.search(typed.slice(0, length), 5).map((hit) => hit.id);
    const fresh = ArchiveSearch.of(loadCorpus()).search(typed, 5).map((hit) => hit.id);
    expect(last).toEqual(fresh);
  });
});
