/** The parsed-article cache: reused while files are unchanged, never trusted past a change, never fatal. */
import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadArchive } from '../src/archive/load.js';
import { cacheFor } from '../src/archive/cache.js';
import { tempDir } from './helpers/tmp.js';

describe('the archive cache', () => {
  const root = tempDir();
  const cacheDir = tempDir('broadsheet-cache-');
  writeFileSync(join(root, 'a.txt'), 'First headline\n\nBody one.\n');
  writeFileSync(join(root, 'b.txt'), '');
  const cache = cacheFor(root, cacheDir, 'test-build');

  it('gives the same archive from the cache as from the files', async () => {
    const first = await loadArchive(root, { cache });
    const second = await loadArchive(root, { cache });
    expect(second.articles).toEqual(first.articles);
    expect(second.report).toEqual(first.report);
    expect(second.report.skipped).toEqual([{ relPath: 'b.txt', reason: 'empty file' }]);
  });

  it('serves unchanged files from the cache (the file is not read again)', async () => {
    // Same size and mtime, different bytes: only a cache hit can still show the old headline.
    const path = join(root, 'a.txt');
    const mtime = 1_700_000_000; // whole seconds, so setting it again reproduces it exactly
    utimesSync(path, mtime, mtime);
    await loadArchive(root, { cache });
    const before = readFileSync(path);
    writeFileSync(path, 'Fresh headline\n\nBody one.\n');
    expect(readFileSync(path).length).toBe(before.length);
    utimesSync(path, mtime, mtime);
    const cached = await loadArchive(root, { cache });
    expect(cached.articles[0]!.headline).toBe('First headline');
    const uncached = await loadArchive(root);
    expect(uncached.articles[0]!.headline).toBe('Fresh headline');
  });

  it('re-reads a file whose size or mtime changed', async () => {
    await loadArchive(root, { cache });
    writeFileSync(join(root, 'a.txt'), 'A changed headline\n\nLonger body now.\n');
    expect((await loadArchive(root, { cache })).articles[0]!.headline).toBe('A changed headline');
  });

  it('ignores a cache written by another build', async () => {
    await loadArchive(root, { cache });
    writeFileSync(join(root, 'c.txt'), 'Third\n\nBody.\n');
    const other = cacheFor(root, cacheDir, 'another-build');
    expect((await loadArchive(root, { cache: other })).articles.map((a) => a.headline)).toContain('Third');
  });

  it('treats a corrupt cache file as no cache', async () => {
    writeFileSync(cache.path, 'garbage that is not a v8 serialisation');
    const archive = await loadArchive(root, { cache });
    expect(archive.articles.map((a) => a.id).sort()).toEqual(['a', 'c']);
  });
});
