/**
 * The reader's search service over an archive's store: it answers exactly
 * as the search itself does, finds words only in the body of a file whose
 * name is not UTF-8 (the indexer opened it by its raw name), and follows the
 * one-query-at-a-time rule.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../src/archive/catalogue.js';
import { loadArchive } from '../src/archive/open.js';
import { ArchiveSearch } from '../src/search/archive-search.js';
import { LatestQuery, type SearchService } from '../src/search/service.js';
import { storeSearch } from '../src/search/store-search.js';
import type { SearchOutcome } from '../src/search/types.js';
import { tempDir } from './helpers/tmp.js';

const ARTICLES: Array<[string, string]> = [
  ['russia-china.txt', 'Russia and China sign gas deal\n\nMOSCOW (Reuters) - The two countries agreed a pipeline.\n\nMore on the gas deal.\n'],
  ['putin.txt', 'Putin backs state grab for Yukos\n\nThe Kremlin leader said the sale was legal.\n\nYukos shares fell.\n'],
  ['security.txt', 'Solutions to net security fears\n\nExperts met in London.\n\nNothing about Russia here.\n'],
  ['oil.txt', 'Oil prices fall as China slows\n\nTraders watched Beijing.\n\nThe harbour was quiet.\n'],
  ['bakery.md', '---\ntitle: Bakery chain adds forty shops\ntags: [business, food]\n---\n\nThe chain said bread sales rose.\n'],
];
/** A name that is not UTF-8 (Latin-1 `café`): only the raw bytes open it. */
const LATIN1_NAME = Buffer.from('caf\xe9.txt', 'latin1');
const LATIN1_TEXT = 'Cafe society returns\n\nThe terrace reopened.\n\nA zebrafish exhibit opened next door.\n';

const QUERIES = ['rusia chna', 'pution', 'harbour', 'zebrafish', 'bakery food', "'oil !china", 'gas'];

describe('search over the store', () => {
  const root = tempDir();
  let archive: Catalogue;
  const opened: SearchService[] = [];
  const open = (service: SearchService): SearchService => {
    opened.push(service);
    return service;
  };
  afterEach(() => {
    for (const service of opened.splice(0)) service.close();
  });

  beforeAll(async () => {
    for (const [name, text] of ARTICLES) writeFileSync(join(root, name), text);
    writeFileSync(Buffer.concat([Buffer.from(`${root}/`), LATIN1_NAME]), LATIN1_TEXT);
    archive = await loadArchive(root);
    expect(archive.size).toBe(ARTICLES.length + 1);
  });

  async function answers(service: SearchService): Promise<Array<SearchOutcome | null>> {
    await service.whenReady();
    const outcomes: Array<SearchOutcome | null> = [];
    // One at a time: a query sent while another waits would be dropped as stale.
    for (const query of QUERIES) outcomes.push(await service.search(query, 20));
    return outcomes;
  }

  it('answers as the search does, typos included, and finds a word only in the body of a file whose name is not UTF-8', async () => {
    const service = open(storeSearch(new ArchiveSearch(archive.db)));
    expect(service.state).toBe('indexing');
    const outcomes = await answers(service);
    expect(service.state).toBe('ready');
    const direct = new ArchiveSearch(archive.db);
    expect(outcomes).toEqual(QUERIES.map((query) => direct.run(query, 20)));

    const [rusiaChna, , , zebrafish] = outcomes;
    expect(rusiaChna?.hits[0]?.id).toBe('russia-china');
    expect(zebrafish?.hits.map((hit) => hit.id)).toEqual([[...archive.all()].find((a) => a.headline === 'Cafe society returns')?.id]);
    expect(zebrafish?.hits[0]?.field).toBe('body');
  });

  it('rejects what is pending once closed', async () => {
    const service = storeSearch(new ArchiveSearch(archive.db));
    service.close();
    await expect(service.search('gas', 5)).rejects.toThrow('closed');
  });
});

describe('LatestQuery', () => {
  it('runs one query at a time; of those waiting only the newest runs, the others answer null', async () => {
    const ran: string[] = [];
    const finish: Array<() => void> = [];
    const queue = new LatestQuery((query) => {
      ran.push(query);
      return new Promise<SearchOutcome>((resolve) => finish.push(() => resolve({ hits: [], total: query.length, mode: 'fuzzy' })));
    });
    const p = queue.submit('p', 10);
    const pu = queue.submit('pu', 10);
    const put = queue.submit('put', 10);
    const puti = queue.submit('puti', 10);
    expect(ran).toEqual(['p']);
    await expect(pu).resolves.toBeNull();
    await expect(put).resolves.toBeNull();
    finish.shift()?.();
    await expect(p).resolves.toMatchObject({ total: 1 });
    expect(ran).toEqual(['p', 'puti']);
    finish.shift()?.();
    await expect(puti).resolves.toMatchObject({ total: 4 });
  });
});
