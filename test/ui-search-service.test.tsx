/**
 * The reader's search against a service that answers when it likes:
 * a wait until it is ready, answers shown as they come, and an answer to a
 * query typed past never shown.
 */
import { describe, expect, it } from 'vitest';
import type { Catalogue as Archive } from '../src/archive/catalogue.js';
import { ArchiveSearch } from '../src/search/index.js';
import type { SearchService, SearchServiceState } from '../src/search/service.js';
import type { SearchOutcome } from '../src/search/types.js';
import { mountApp } from './helpers/mount-app.js';
import { makeArchive, makeArticle } from './helpers/ui-fixtures.js';

const putin = makeArticle({ id: 'yukos', headline: 'Putin backs state grab for Yukos', date: '2004-12-10' });
const oil = makeArticle({ id: 'oil', headline: 'Oil prices fall as Putin speaks', date: '2004-11-01' });
const bakery = makeArticle({ id: 'bakery', headline: 'Bakery chain adds forty shops', date: '2004-12-30' });
const archive = makeArchive([putin, oil, bakery]);

/** A search service the test drives: it is ready, and answers each query, when the test says. */
function slowSearch(of: Archive) {
  const index = new ArchiveSearch(of.db);
  let state: SearchServiceState = 'indexing';
  let ready!: () => void;
  const whenReady = new Promise<void>((resolve) => (ready = resolve));
  const asked = new Map<string, (outcome: SearchOutcome | null) => void>();
  const service: SearchService = {
    get state() {
      return state;
    },
    whenReady: () => whenReady,
    search: (query) => new Promise((resolve) => asked.set(query, resolve)),
    onNotice: () => () => {},
    close: () => {},
  };
  return {
    service,
    finishIndexing(): void {
      state = 'ready';
      ready();
    },
    asked: (query: string): boolean => asked.has(query),
    /** Answers `query` as the real index would, or with `hits` of the given ids. */
    answer(query: string, ids?: string[]): void {
      const outcome = index.run(query, 200);
      const hits = ids ? ids.map((id) => ({ id, score: 0, field: 'headline' as const, headlineMatches: [] })) : outcome.hits;
      asked.get(query)?.({ ...outcome, hits, total: hits.length });
    },
  };
}

function mount(search: SearchService) {
  return mountApp({ archive, search }, { cols: 100, rows: 12 });
}

describe('search with a service that takes its time', () => {
  it('says it is opening the index until the service is ready, then shows the results of what was typed meanwhile', async () => {
    const slow = slowSearch(archive);
    const ui = mount(slow.service);
    await ui.press('/', () => ui.footer().includes('opening the index of 3 articles…'), 'the indexing frame');
    await ui.type('putin');
    expect(ui.footer()).toContain('opening the index of 3 articles…');
    slow.finishIndexing();
    await ui.waitFor(() => slow.asked('putin'), 'the query to be asked');
    expect(ui.footer()).toContain('searching…');
    slow.answer('putin');
    const screen = await ui.waitFor(() => ui.footer().endsWith('1/2 matches'), 'the results');
    expect(screen).toContain('Putin backs state grab for Yukos');
    expect(screen).toContain('Oil prices fall as Putin speaks');
  });

  it('never shows the answer to a query the user has typed past, even when it arrives last', async () => {
    const slow = slowSearch(archive);
    slow.finishIndexing();
    const ui = mount(slow.service);
    await ui.press('/', () => ui.footer().includes('/'), 'the search line');
    await ui.type('oi');
    await ui.waitFor(() => slow.asked('oi'), 'the query "oi"');
    await ui.type('l');
    await ui.waitFor(() => slow.asked('oil'), 'the query "oil"');
    slow.answer('oil');
    await ui.waitFor(() => ui.footer().endsWith('1/1 matches'), 'the results for "oil"');
    // The stale answer for "oi" (say, the bakery first) comes in after it.
    slow.answer('oi', ['bakery', 'oil']);
    // A key after it: the frame that echoes it comes after the stale answer was handled.
    await ui.type('s');
    expect(ui.footer()).toContain('/ oils');
    expect(ui.text()).toContain('Oil prices fall as Putin speaks');
    expect(ui.text()).not.toContain('Bakery chain');
  });
});
