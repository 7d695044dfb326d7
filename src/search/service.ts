/**
 * The reader's archive search as a service (store-search.ts): the caller
 * only sees promises, so the UI never waits on a query.
 */
import type { SearchOptions, SearchOutcome } from './types.js';

export type SearchServiceState = 'indexing' | 'ready' | 'failed';

export interface SearchService {
  /** `indexing` until queries can be answered; `failed` when they never will be. */
  readonly state: SearchServiceState;
  /** Starts building the index if nothing has yet; resolves once it can answer, rejects with why it cannot. */
  whenReady(): Promise<void>;
  /**
   * Best first, once the index is ready. Queries run one at a time and only
   * the newest waits its turn: one still waiting when a newer one arrives is
   * never run and resolves to `null`.
   */
  search(query: string, limit: number, options?: SearchOptions): Promise<SearchOutcome | null>;
  /** The archive changed (an update finished): what was read of it is read again. */
  invalidate?(): void;
  /** Calls `listener` with what the user should be told (search fell back to this thread). Returns the unsubscribe. */
  onNotice(listener: (message: string) => void): () => void;
  /** Stops indexing and lets the index go; what is pending rejects. */
  close(): void;
}

interface Waiting {
  query: string;
  limit: number;
  options: SearchOptions;
  resolve: (outcome: SearchOutcome | null) => void;
  reject: (error: unknown) => void;
}

/**
 * One query at a time, and of those waiting only the newest: typing faster
 * than queries are answered costs at most one stale query, never a backlog.
 */
export class LatestQuery {
  private running = false;
  private waiting: Waiting | undefined;

  constructor(private readonly run: (query: string, limit: number, options: SearchOptions) => Promise<SearchOutcome>) {}

  submit(query: string, limit: number, options: SearchOptions = {}): Promise<SearchOutcome | null> {
    return new Promise((resolve, reject) => {
      this.waiting?.resolve(null);
      this.waiting = { query, limit, options, resolve, reject };
      this.next();
    });
  }

  /** The waiting query, if any, rejects with `error`. */
  reject(error: unknown): void {
    this.waiting?.reject(error);
    this.waiting = undefined;
  }

  private next(): void {
    const waiting = this.waiting;
    if (this.running || !waiting) return;
    this.waiting = undefined;
    this.running = true;
    const done = (): void => {
      this.running = false;
      this.next();
    };
    this.run(waiting.query, waiting.limit, waiting.options).then(
      (outcome) => {
        waiting.resolve(outcome);
        done();
      },
      (error: unknown) => {
        waiting.reject(error);
        done();
      },
    );
  }
}

/** What a closed service's pending and later calls reject with. */
export const CLOSED_MESSAGE = 'search was closed';

/** `onNotice` of a service that never has anything to tell. */
export const noNotices = (): (() => void) => () => {};
