/**
 * Search on this thread: the index is built from `archive.readText` in
 * slices of a few milliseconds, so keys and frames still get through while
 * it builds (slower than the worker, never frozen). Used by tests, and by
 * the reader when the search worker cannot run.
 */
import type { Archive } from '../archive/article.js';
import { ArchiveSearchBuilder, type ArchiveSearch } from './archive-search.js';
import { toSearchDoc } from './index.js';
import { CLOSED_MESSAGE, LatestQuery, noNotices, type SearchService, type SearchServiceState } from './service.js';
import type { SearchOutcome } from './types.js';

/** How long one slice of indexing may hold the thread. */
const SLICE_MS = 15;

/** One index per archive, however many services ask for it. */
const built = new WeakMap<Archive, ArchiveSearch>();

export function hasLocalIndex(archive: Archive): boolean {
  return built.has(archive);
}

export function localSearch(archive: Archive): SearchService {
  return new LocalSearch(archive);
}

class LocalSearch implements SearchService {
  private index: Promise<ArchiveSearch> | undefined;
  private closed = false;
  private failed = false;
  private readonly queries = new LatestQuery((query, limit) =>
    this.build().then((index) =>
      // After the frame that shows the keystroke: a query can take a good part of a frame.
      later(() => {
        if (this.closed) throw new Error(CLOSED_MESSAGE);
        return index.run(query, limit);
      }),
    ),
  );

  constructor(private readonly archive: Archive) {}

  get state(): SearchServiceState {
    if (built.has(this.archive)) return 'ready';
    return this.failed ? 'failed' : 'indexing';
  }

  whenReady(): Promise<void> {
    return this.build().then(() => undefined);
  }

  search(query: string, limit: number): Promise<SearchOutcome | null> {
    if (this.closed) return Promise.reject(new Error(CLOSED_MESSAGE));
    return this.queries.submit(query, limit);
  }

  onNotice = noNotices;

  close(): void {
    this.closed = true;
    this.queries.reject(new Error(CLOSED_MESSAGE));
  }

  private build(): Promise<ArchiveSearch> {
    const done = built.get(this.archive);
    if (done) return Promise.resolve(done);
    this.index ??= buildInSlices(this.archive, () => this.closed).then(
      (index) => {
        built.set(this.archive, index);
        return index;
      },
      (error: unknown) => {
        this.failed = true;
        throw error;
      },
    );
    return this.index;
  }
}

/** The index of every article, a slice at a time; the first slice after the current frame. */
function buildInSlices(archive: Archive, closed: () => boolean): Promise<ArchiveSearch> {
  const articles = archive.articles;
  const builder = new ArchiveSearchBuilder();
  let next = 0;
  return new Promise((resolve, reject) => {
    const slice = (): void => {
      try {
        if (closed()) throw new Error(CLOSED_MESSAGE);
        const until = performance.now() + SLICE_MS;
        while (next < articles.length && performance.now() < until) {
          const article = articles[next++]!;
          const text = archive.readText(article);
          builder.add(toSearchDoc(article, text.ok ? text.text : undefined));
        }
        if (next < articles.length) setImmediate(slice);
        else resolve(builder.finish());
      } catch (error) {
        reject(error);
      }
    };
    setTimeout(slice, 0);
  });
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
