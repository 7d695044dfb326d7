/**
 * The search services: the worker (the built dist/search-worker.js, as the
 * CLI runs it) answers exactly as search on this thread does, reads files
 * whose names are not UTF-8, and when it cannot start, search carries on
 * here and says so. Also the one-query-at-a-time rule both follow.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../src/archive/article.js';
import { loadArchive } from '../src/archive/load.js';
import { localSearch } from '../src/search/local-search.js';
import { LatestQuery, type SearchService } from '../src/search/service.js';
import type { SearchOutcome } from '../src/search/types.js';
import { workerSearch } from '../src/search/worker-search.js';
import { tempDir } from './helpers/tmp.js';

const WORKER = new URL('../dist/search-worker.js', import.meta.url);

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

describe('search on the worker thread', () => {
  const root = tempDir();
  let archive: Archive;
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
    expect(archive.articles).toHaveLength(ARTICLES.length + 1);
  });

  async function answers(service: SearchService): Promise<Array<SearchOutcome | null>> {
    await service.whenReady();
    const outcomes: Array<SearchOutcome | null> = [];
    // One at a time: a query sent while another waits would be dropped as stale.
    for (const query of QUERIES) outcomes.push(await service.search(query, 20));
    return outcomes;
  }

  it('finds what search on this thread finds, typos included, and reads a file whose name is not UTF-8', async () => {
    const worker = open(workerSearch(archive, { workerUrl: WORKER }));
    const notices: string[] = [];
    worker.onNotice((message) => notices.push(message));
    expect(worker.state).toBe('indexing');
    const fromWorker = await answers(worker);
    expect(worker.state).toBe('ready');
    expect(notices).toEqual([]);
    expect(fromWorker).toEqual(await answers(open(localSearch(archive))));

    const [rusiaChna, , , zebrafish] = fromWorker;
    expect(rusiaChna?.hits[0]?.id).toBe('russia-china');
    // Only in the body of café.txt: the worker opened it by its raw name.
    expect(zebrafish?.hits.map((hit) => hit.id)).toEqual([archive.articles.find((a) => a.headline === 'Cafe society returns')?.id]);
    expect(zebrafish?.hits[0]?.field).toBe('body');
  });

  it('falls back to this thread when the worker cannot start, and says why', async () => {
    const missing = new URL('./no-such-search-worker.js', WORKER);
    const service = open(workerSearch(archive, { workerUrl: missing }));
    const notices: string[] = [];
    service.onNotice((message) => notices.push(message));
    const outcomes = await answers(service);
    expect(service.state).toBe('ready');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^Search worker failed; indexing in the reader instead .*Cannot find module .*no-such-search-worker\.js/);
    expect(outcomes).toEqual(await answers(open(localSearch(archive))));
  });

  it('rejects what is pending once closed, and quitting does not wait for the worker', async () => {
    const service = workerSearch(archive, { workerUrl: WORKER });
    const ready = service.whenReady();
    service.close();
    await expect(ready).rejects.toThrow('closed');
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
