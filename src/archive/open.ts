/**
 * Opening an archive: its store (store.ts), brought up to date with the
 * folder (indexer.ts) here or by the caller in the background, and read
 * through a Catalogue.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Catalogue } from './catalogue.js';
import { updateArchive, type UpdateOptions, type UpdateSummary } from './indexer.js';
import { ArchiveError, DEFAULT_MAX_FILE_BYTES } from './load.js';
import { describeFsError } from './walk.js';
import { openStore } from './store.js';
import { sanitizeLine } from '../sanitize/index.js';

export interface OpenArchiveOptions {
  /** The database file (store.ts storePathFor); without one the store lives in memory. */
  storePath?: string;
  maxFileBytes?: number;
  /** Update the store from the folder before returning (default true); false when a worker will. */
  update?: boolean;
  onProgress?: UpdateOptions['onProgress'];
}

export interface OpenedArchive {
  archive: Catalogue;
  /** Why the store was rebuilt or is in memory, for the user. */
  notice?: string;
  /** The store had no catalogue: the first update reads every file. */
  fresh: boolean;
  /** What the update found, when it ran here. */
  summary?: UpdateSummary;
}

/** Throws ArchiveError when `root` is not a folder we can read. */
export function checkArchiveFolder(root: string): void {
  try {
    if (!statSync(root).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such folder' : code === 'ENOTDIR' ? 'not a folder' : describeFsError(error);
    throw new ArchiveError(`archive not found: ${sanitizeLine(root)} (${why})`);
  }
}

export async function openArchive(root: string, options: OpenArchiveOptions = {}): Promise<OpenedArchive> {
  const absolute = resolve(root);
  checkArchiveFolder(absolute);
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const store = openStore(options.storePath);
  const archive = new Catalogue(store.db, absolute, maxFileBytes);
  const opened: OpenedArchive = { archive, fresh: store.fresh, ...(store.notice ? { notice: store.notice } : {}) };
  if (options.update !== false) {
    opened.summary = await updateArchive(store.db, absolute, { maxFileBytes, ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
    archive.markWritten();
    archive.refresh();
  }
  return opened;
}

/** The archive at `root`, read into an in-memory store: for tests and `--no-cache`. */
export async function loadArchive(root: string, options: { maxFileBytes?: number } = {}): Promise<Catalogue> {
  return (await openArchive(root, options)).archive;
}
