/**
 * One search service standing in for another that failed: whatever was
 * waiting on the first (the index, a query) carries on with the second, and
 * the user is told once, instead of being left on "indexing…".
 */
import type { SearchService, SearchServiceState } from './service.js';
import type { SearchOutcome } from './types.js';

export function withFallback(primary: SearchService, fallback: () => SearchService, notice: (error: unknown) => string): SearchService {
  return new FallbackSearch(primary, fallback, notice);
}

class FallbackSearch implements SearchService {
  private current: SearchService;
  private closed = false;
  private readonly listeners = new Set<(message: string) => void>();

  constructor(
    private readonly primary: SearchService,
    private readonly fallback: () => SearchService,
    private readonly notice: (error: unknown) => string,
  ) {
    this.current = primary;
  }

  get state(): SearchServiceState {
    return this.current.state;
  }

  whenReady(): Promise<void> {
    const asked = this.current;
    return asked.whenReady().catch((error: unknown) => this.after(asked, error).whenReady());
  }

  search(query: string, limit: number): Promise<SearchOutcome | null> {
    const asked = this.current;
    return asked.search(query, limit).catch((error: unknown) => this.after(asked, error).search(query, limit));
  }

  onNotice(listener: (message: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    this.current.close();
    if (this.current !== this.primary) this.primary.close();
  }

  /** The service to retry on after `asked` failed with `error`, or the error again when there is none. */
  private after(asked: SearchService, error: unknown): SearchService {
    if (this.closed) throw error;
    // Another call already switched.
    if (asked !== this.current) return this.current;
    if (asked !== this.primary || asked.state !== 'failed') throw error;
    this.current = this.fallback();
    const message = this.notice(error);
    for (const listener of this.listeners) listener(message);
    return this.current;
  }
}
