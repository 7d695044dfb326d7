/**
 * Search on a worker thread (worker.ts). The reader sends headers and file
 * paths; the worker reads, parses and indexes each file itself, then answers
 * queries, so neither indexing (~25 s at 100,000 articles) nor a query ever
 * holds up a key press. If the worker cannot start or dies, search carries on
 * on this thread (local-search.ts) and the status line says so.
 */
import { Worker } from 'node:worker_threads';
import type { Archive, Article } from '../archive/article.js';
import { sanitizeLine } from '../sanitize/index.js';
import { withFallback } from './fallback-search.js';
import { localSearch } from './local-search.js';
import { CLOSED_MESSAGE, LatestQuery, noNotices, type SearchService, type SearchServiceState } from './service.js';
import type { SearchOutcome } from './types.js';
import type { FromWorker, ToWorker, WorkerArticle, WorkerSetup } from './worker-protocol.js';

/** Articles per message: a millisecond or two of copying on this thread, a tenth of a second of indexing there. */
const BATCH = 500;
/**
 * The worker's young generation: reading files makes garbage fast, and V8's
 * default size holds on to RSS for it (50 MB more at 10,000 articles, for a
 * few percent of speed).
 */
const YOUNG_GENERATION_MB = 8;

export interface WorkerSearchOptions {
  /** The worker entry: dist/search-worker.js beside the CLI bundle. */
  workerUrl: URL;
  /** The archive's file size limit (`--max-size`), so search reads what the reader reads. */
  maxFileBytes?: number | undefined;
}

export function workerSearch(archive: Archive, options: WorkerSearchOptions): SearchService {
  return withFallback(
    new WorkerSearch(archive, options),
    () => localSearch(archive),
    (error) => `Search worker failed; indexing in the reader instead (keys may lag): ${describe(error)}`,
  );
}

interface Asked {
  id: number;
  resolve: (outcome: SearchOutcome) => void;
  reject: (error: unknown) => void;
}

/** The worker alone: `failed` for good once it cannot start or stops. */
export class WorkerSearch implements SearchService {
  private current: SearchServiceState = 'indexing';
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private settleReady: { resolve: () => void; reject: (error: unknown) => void } | undefined;
  private failure: unknown;
  private closed = false;
  /** How many of the archive's articles have been sent. */
  private sent = 0;
  private asks = 0;
  private asked: Asked | undefined;
  private readonly queries = new LatestQuery((query, limit) => this.whenReady().then(() => this.ask(query, limit)));

  constructor(
    private readonly archive: Archive,
    private readonly options: WorkerSearchOptions,
  ) {}

  get state(): SearchServiceState {
    return this.current;
  }

  whenReady(): Promise<void> {
    if (this.closed) return Promise.reject(new Error(CLOSED_MESSAGE));
    this.ready ??= new Promise<void>((resolve, reject) => {
      this.settleReady = { resolve, reject };
      this.start();
    });
    return this.ready;
  }

  search(query: string, limit: number): Promise<SearchOutcome | null> {
    if (this.closed) return Promise.reject(new Error(CLOSED_MESSAGE));
    return this.queries.submit(query, limit);
  }

  onNotice = noNotices;

  close(): void {
    if (this.closed) return;
    this.closed = true;
    void this.worker?.terminate();
    this.worker = undefined;
    this.rejectPending(new Error(CLOSED_MESSAGE));
  }

  private start(): void {
    const setup: WorkerSetup = this.options.maxFileBytes === undefined ? {} : { maxFileBytes: this.options.maxFileBytes };
    let worker: Worker;
    try {
      worker = new Worker(this.options.workerUrl, { workerData: setup, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    } catch (error) {
      this.fail(error);
      return;
    }
    this.worker = worker;
    // Quitting must not wait for the index.
    worker.unref();
    worker.on('message', (message: FromWorker) => this.receive(message));
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`it stopped with exit code ${code}`)));
  }

  private receive(message: FromWorker): void {
    if (this.closed || this.current === 'failed') return;
    switch (message.type) {
      case 'more':
        this.sendArticles();
        break;
      case 'ready':
        this.current = 'ready';
        this.settleReady?.resolve();
        break;
      case 'outcome': {
        const asked = this.asked;
        if (asked?.id !== message.id) return;
        this.asked = undefined;
        asked.resolve(message.outcome);
        break;
      }
    }
  }

  private sendArticles(): void {
    const articles = this.archive.articles;
    if (this.sent >= articles.length) {
      this.post({ type: 'done' });
      return;
    }
    const batch = articles.slice(this.sent, this.sent + BATCH).map((article) => this.toWorker(article));
    this.sent += batch.length;
    this.post({ type: 'articles', articles: batch });
  }

  private toWorker(article: Article): WorkerArticle {
    const file = this.archive.fileOf(article);
    const sent: WorkerArticle = {
      id: article.id,
      headline: article.headline,
      tags: article.tags,
      date: article.date,
      relPath: article.relPath,
      // A copy of just the name's bytes: a Buffer from the pool would send the whole pool.
      file: typeof file === 'string' ? file : new Uint8Array(file),
    };
    if (article.source !== undefined) sent.source = article.source;
    if (article.dateline !== undefined) sent.dateline = article.dateline;
    return sent;
  }

  private ask(query: string, limit: number): Promise<SearchOutcome> {
    if (this.closed) return Promise.reject(new Error(CLOSED_MESSAGE));
    if (!this.worker) return Promise.reject(this.failure);
    const id = ++this.asks;
    return new Promise((resolve, reject) => {
      this.asked = { id, resolve, reject };
      this.post({ type: 'search', id, query, limit });
    });
  }

  private post(message: ToWorker): void {
    this.worker?.postMessage(message);
  }

  private fail(error: unknown): void {
    if (this.closed || this.current === 'failed') return;
    this.current = 'failed';
    this.failure = error;
    void this.worker?.terminate();
    this.worker = undefined;
    this.rejectPending(error);
  }

  private rejectPending(error: unknown): void {
    this.settleReady?.reject(error);
    this.asked?.reject(error);
    this.asked = undefined;
    this.queries.reject(error);
  }
}

function describe(error: unknown): string {
  return sanitizeLine(error instanceof Error ? error.message : String(error));
}
