/**
 * The reader's archive search as a service over the store: queries are
 * answered on this thread, after the frame that shows the keystroke (a query
 * is a few milliseconds of SQLite and Fuse), one at a time, and only the
 * newest waiting one runs. The vocabulary is read once, just after the first
 * frame, and again after the store changes.
 */
import type { ArchiveSearch } from './archive-search.js';
import { CLOSED_MESSAGE, LatestQuery, noNotices, type SearchService, type SearchServiceState } from './service.js';
import type { SearchOptions, SearchOutcome } from './types.js';

export function storeSearch(search: ArchiveSearch): SearchService {
  return new StoreSearch(search);
}

class StoreSearch implements SearchService {
  #ready = false;
  #failed: unknown;
  #closed = false;
  readonly #queries = new LatestQuery((query, limit, options) =>
    later(() => {
      if (this.#closed) throw new Error(CLOSED_MESSAGE);
      return this.search_.run(query, limit, options);
    }),
  );

  constructor(private readonly search_: ArchiveSearch) {}

  get state(): SearchServiceState {
    return this.#failed !== undefined ? 'failed' : this.#ready ? 'ready' : 'indexing';
  }

  whenReady(): Promise<void> {
    if (this.#ready) return Promise.resolve();
    if (this.#failed !== undefined) return Promise.reject(this.#failed);
    return later(() => {
      try {
        this.search_.prepare();
        this.#ready = true;
      } catch (error) {
        this.#failed = error;
        throw error;
      }
    });
  }

  search(query: string, limit: number, options: SearchOptions = {}): Promise<SearchOutcome | null> {
    if (this.#closed) return Promise.reject(new Error(CLOSED_MESSAGE));
    return this.#queries.submit(query, limit, options);
  }

  invalidate(): void {
    this.search_.invalidate();
  }

  onNotice = noNotices;

  close(): void {
    this.#closed = true;
    this.#queries.reject(new Error(CLOSED_MESSAGE));
  }
}

function later<T>(work: () => T): Promise<T> {
  return new Promise((resolve, reject) => {
    setTimeout(() => {
      try {
        resolve(work());
      } catch (error) {
        reject(error);
      }
    }, 0);
  });
}
