/** The parsed-article cache: reused while files are unchanged, never trusted past a change, never fatal. */
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_FILE_BYTES, loadArchive, readArticleText } from '../src/archive/load.js';
import { refreshInWorker } from '../src/archive/refresh.js';
import { folderStamp } from '../src/archive/stamp.js';
import { walkArchive } from '../src/archive/walk.js';
import type { Archive, Article } from '../src/archive/article.js';
import { readSnapshot, snapshotPath } from '../src/archive/snapshot.js';
import { COMPARATORS, sortArticles } from '../src/archive/sort.js';
import fc from 'fast-check';
import { sortedIds } from '../src/ui/sort.js';
import { describeChange, sameArchive } from '../src/archive/compare.js';
import { textOf } from './helpers/text.js';
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

describe('the list snapshot the reader starts from', () => {
  const setup = () => {
    const root = tempDir();
    const cache = cacheFor(root, tempDir('broadsheet-cache-'), 'test-build');
    writeFileSync(join(root, 'old.txt'), 'Older story\n\nLONDON (Reuters) - Body of the older story.\n');
    writeFileSync(join(root, '2024-05-01-new.md'), '---\ntitle: Newer story\nauthor: A. Writer\ntags: [energy, oil]\n---\n\nBody.\n');
    writeFileSync(join(root, 'broken.txt'), '');
    writeFileSync(join(root, Buffer.from([0x6c, 0x61, 0x74, 0x69, 0x6e, 0xe9, 0x2e, 0x74, 0x78, 0x74]).toString('latin1')), 'Latin name\n\nBody.\n');
    return { root, cache };
  };

  it('gives back the same headers, skipped files and readable texts as the load that wrote it', async () => {
    const { root, cache } = setup();
    // A name that is not UTF-8: only the walk's raw bytes open it.
    writeFileSync(Buffer.concat([Buffer.from(`${root}/raw-`), Buffer.from([0xff]), Buffer.from('.txt')]), 'Raw bytes\n\nRaw body.\n');
    const loaded = await loadArchive(root, { cache, snapshot: 'always' });
    const snapshot = readSnapshot(cache, root, (path, relPath) => readArticleText(path, relPath))!;
    expect(snapshot).toBeDefined();
    const byId = (archive: Archive) => [...archive.articles].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(byId(snapshot)).toEqual(byId(loaded));
    expect(snapshot.report).toEqual(loaded.report);
    for (const article of snapshot.articles) expect(snapshot.readText(article)).toEqual(loaded.readText(article));
    expect(textOf(snapshot, snapshot.articles.find((a) => a.headline === 'Raw bytes')).paragraphs).toEqual(['Raw body.']);
    // The reader's date order is the snapshot's own order, and the same as sorting the load.
    expect(snapshot.inDateOrder).toBe(true);
    expect(sortedIds(snapshot, 'date')).toEqual(sortArticles(loaded.articles, 'date').map((a) => a.id));
    expect(sortedIds(snapshot, 'title')).toEqual(sortArticles(loaded.articles, 'title').map((a) => a.id));
  });

  it('is not used by another build, for another folder, or when it is damaged', async () => {
    const { root, cache } = setup();
    await loadArchive(root, { cache, snapshot: 'always' });
    const read = (c: typeof cache, r = root) => readSnapshot(c, r, (path, relPath) => readArticleText(path, relPath));
    expect(read(cache)).toBeDefined();
    expect(read({ ...cache, salt: 'other-build' })).toBeUndefined();
    expect(read(cache, `${root}-elsewhere`)).toBeUndefined();
    writeFileSync(snapshotPath(cache), 'not a snapshot');
    expect(read(cache)).toBeUndefined();
  });

  it('tells a changed folder from an unchanged one, and says what changed', async () => {
    const { root, cache } = setup();
    const before = await loadArchive(root, { cache, snapshot: 'always' });
    expect(sameArchive(before, await loadArchive(root, { cache, snapshot: 'if-changed' }))).toBe(true);
    writeFileSync(join(root, 'added.txt'), 'Added story\n\nBody.\n');
    writeFileSync(join(root, 'old.txt'), 'Older story, corrected\n\nBody of the older story, now longer.\n');
    rmSync(join(root, '2024-05-01-new.md'));
    const after = await loadArchive(root, { cache, snapshot: 'if-changed' });
    expect(sameArchive(before, after)).toBe(false);
    expect(describeChange(before, after)).toBe('Archive updated: 1 new, 1 changed, 1 removed');
    // The snapshot was rewritten with the change: the next start shows it at once.
    expect(readSnapshot(cache, root, (path, relPath) => readArticleText(path, relPath))!.articles.map((a) => a.headline)).toContain('Added story');
  });

  it('hands the archive over before writing the caches (the reader draws its first frame there)', async () => {
    const { root, cache } = setup();
    let seen: { articles: number; cacheWritten: boolean; snapshotWritten: boolean } | undefined;
    const archive = await loadArchive(root, {
      cache,
      snapshot: 'always',
      loaded: (loaded) => {
        seen = { articles: loaded.articles.length, cacheWritten: existsSync(cache.path), snapshotWritten: existsSync(snapshotPath(cache)) };
      },
    });
    expect(seen).toEqual({ articles: archive.articles.length, cacheWritten: false, snapshotWritten: false });
    expect(existsSync(cache.path) && existsSync(snapshotPath(cache))).toBe(true);
  });

  it('is checked against the folder on a worker: kept as is while nothing changed, replaced when a file did', async () => {
    const { root, cache } = setup();
    await loadArchive(root, { cache, snapshot: 'always' });
    const worker = new URL('../dist/archive-refresh.js', import.meta.url);
    const request = { root, cache, maxFileBytes: DEFAULT_MAX_FILE_BYTES };
    const read = () => readSnapshot(cache, root, (path, relPath) => readArticleText(path, relPath))!;
    const snapshot = read();
    expect(snapshot.folderStamp).toMatch(/^[0-9a-f]{64}$/);
    // Unchanged: the very archive the reader shows comes back (no header cache read, nothing to swap).
    expect(await refreshInWorker(worker, { ...request, stamp: snapshot.folderStamp! }, snapshot)).toBe(snapshot);
    // A touched file (same bytes, new time) is a change the stamp sees.
    utimesSync(join(root, 'old.txt'), new Date('2021-02-02'), new Date('2021-02-02'));
    writeFileSync(join(root, 'late.txt'), 'A late story\n\nBody.\n');
    const next = await refreshInWorker(worker, { ...request, stamp: snapshot.folderStamp! }, snapshot);
    expect(next).not.toBe(snapshot);
    expect(next.articles.map((a) => a.headline)).toContain('A late story');
    // The snapshot was rewritten with the folder's new stamp: the next check finds nothing to do.
    const rewritten = read();
    expect(rewritten.folderStamp).not.toBe(snapshot.folderStamp);
    expect(await refreshInWorker(worker, { ...request, stamp: rewritten.folderStamp! }, rewritten)).toBe(rewritten);
  });
});

describe('the folder stamp', () => {
  it('changes when a file is added, removed, rewritten or touched, or the size limit changes, and only then', () => {
    const root = tempDir();
    writeFileSync(join(root, 'a.txt'), 'A\n\nBody.\n');
    writeFileSync(join(root, 'b.txt'), 'B\n\nBody.\n');
    const stamp = (limit = 1000) => {
      const walk = walkArchive(root);
      return folderStamp(walk.files, walk.problems, limit);
    };
    const first = stamp();
    expect(stamp()).toBe(first);
    expect(stamp(2000)).not.toBe(first);
    writeFileSync(join(root, 'c.txt'), 'C\n\nBody.\n');
    const added = stamp();
    expect(added).not.toBe(first);
    rmSync(join(root, 'c.txt'));
    expect(stamp()).toBe(first); // the folder is as it was
    writeFileSync(join(root, 'a.txt'), 'A, longer now\n\nBody.\n');
    const rewritten = stamp();
    utimesSync(join(root, 'b.txt'), new Date('2020-01-01'), new Date('2020-01-01'));
    const touched = stamp();
    chmodSync(join(root, 'b.txt'), 0o600);
    const chmodded = stamp();
    expect(new Set([first, added, rewritten, touched, chmodded]).size).toBe(5);
  });

  it('tells apart two names that are not UTF-8 and decode alike', () => {
    const root = tempDir();
    const name = (byte: number) => Buffer.concat([Buffer.from(`${root}/caf`), Buffer.from([byte]), Buffer.from('.txt')]);
    writeFileSync(name(0xe9), 'Cafe\n\nBody.\n');
    const stamp = () => {
      const walk = walkArchive(root);
      return folderStamp(walk.files, walk.problems, 1000);
    };
    const before = stamp();
    renameSync(name(0xe9), name(0xe8));
    expect(walkArchive(root).files[0]!.relPath).toBe('caf\uFFFD.txt');
    expect(stamp()).not.toBe(before);
  });
});

describe('sorting articles', () => {
  it('sorts by the comparators: newest first or by title, every tie broken the same way', () => {
    const article = fc.record({
      id: fc.string({ minLength: 1, maxLength: 6 }),
      headline: fc.constantFrom('Alpha', 'alpha', 'Beta', 'Item 10', 'Item 9', 'Éclair', 'eclair', ''),
      date: fc.constantFrom('2024-01-01', '2024-01-02', '2023-12-31T10:00:00Z', ''),
    });
    fc.assert(
      fc.property(fc.array(article, { maxLength: 40 }), (fields) => {
        const articles = fields.map((f, i) => ({ ...f, id: `${f.id}-${i}` }) as unknown as Article);
        for (const key of ['date', 'title'] as const) {
          expect(sortArticles(articles, key)).toEqual([...articles].sort(COMPARATORS[key]));
        }
      }),
    );
  });
});
