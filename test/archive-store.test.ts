/**
 * The archive's store: updates read only what changed; a store that is
 * deleted, damaged, from another version, on an unwritable disk or full is
 * rebuilt or kept in memory with a message, never an error; and what two
 * processes or a killed one leave behind is always a sound index.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, truncateSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Catalogue } from '../src/archive/catalogue.js';
import { LIST_FIRST_MAX_BYTES, updateArchive, updateStore } from '../src/archive/indexer.js';
import { openArchive } from '../src/archive/open.js';
import { openStore, SCHEMA_VERSION, storePathFor } from '../src/archive/store.js';
import { ArchiveSearch } from '../src/search/archive-search.js';
import { CLI } from './helpers/paths.js';
import { idsOf } from './helpers/ui-fixtures.js';
import { tempDir } from './helpers/tmp.js';

const MAX = 5 * 1024 * 1024;

function story(headline: string, body = 'The harbour reopened on Monday, officials said.'): string {
  return `${headline}\n\n${body}\n`;
}

function archiveWith(files: Record<string, string>): string {
  const root = tempDir('broadsheet-store-archive-');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

function headlines(archive: Catalogue): string[] {
  return idsOf(archive.order('title')).map((id) => archive.get(id)!.headline);
}

describe('updates', () => {
  it('reads only new and changed files, drops removed ones, and keeps the list and search in step', async () => {
    const root = archiveWith({ 'business/a.txt': story('Alpha rises'), 'business/b.txt': story('Beta falls'), 'sport/c.txt': story('Gamma wins') });
    const storePath = join(tempDir('broadsheet-store-'), 'index.db');
    const first = await openArchive(root, { storePath });
    expect(first.fresh).toBe(true);
    expect(first.summary).toMatchObject({ added: 3, changed: 0, removed: 0, read: 3, articles: 3, first: true });
    expect(headlines(first.archive)).toEqual(['Alpha rises', 'Beta falls', 'Gamma wins']);
    first.archive.db.close();

    const again = await openArchive(root, { storePath });
    expect(again.fresh).toBe(false);
    expect(again.summary).toMatchObject({ added: 0, changed: 0, removed: 0, read: 0, articles: 3 });
    again.archive.db.close();

    writeFileSync(join(root, 'business/a.txt'), story('Alpha rises again', 'A zebrafish was seen in the harbour.'));
    utimesSync(join(root, 'business/a.txt'), new Date(), new Date(Date.now() + 5000));
    unlinkSync(join(root, 'business/b.txt'));
    mkdirSync(join(root, 'tech'));
    writeFileSync(join(root, 'tech/d.txt'), story('Delta launches'));
    const later = await openArchive(root, { storePath });
    expect(later.summary).toMatchObject({ added: 1, changed: 1, removed: 1, read: 2, articles: 3, first: false });
    expect(headlines(later.archive)).toEqual(['Alpha rises again', 'Delta launches', 'Gamma wins']);
    expect(later.archive.get('business/b')).toBeUndefined();
    expect(later.archive.sections()).toEqual([
      { name: 'business', count: 1 },
      { name: 'sport', count: 1 },
      { name: 'tech', count: 1 },
    ]);
    const search = new ArchiveSearch(later.archive.db);
    expect(search.search('zebrafish').map((hit) => hit.id)).toEqual(['business/a']);
    expect(search.search('beta')).toEqual([]);
    later.archive.db.close();
  });

  it("on the reader's first run lists every article before indexing any text, and a stop in between is finished next time", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`s${i % 3}/${String(i).padStart(3, '0')}.txt`] = story(`Harbour story ${i}`, `Zebrafish number ${i} was seen.`);
    const root = archiveWith(files);
    const { db } = openStore(join(tempDir('broadsheet-store-'), 'index.db'));
    const archive = new Catalogue(db, root, MAX);
    const found = (): number => new ArchiveSearch(db).run('zebrafish', 10).total;
    let whenListed: { listed: number; found: number } | undefined;
    let indexing = false;
    await updateArchive(db, root, {
      maxFileBytes: MAX,
      listFirst: LIST_FIRST_MAX_BYTES,
      onProgress: ({ phase, done, total }) => {
        if (phase === 'listing' && done === total) {
          archive.refresh();
          whenListed = { listed: archive.size, found: found() };
        }
        indexing ||= phase === 'indexing';
      },
      // Stopped (as a quit or a kill would) after the first batch of text.
      stop: () => indexing,
    });
    expect(whenListed).toEqual({ listed: 300, found: 0 });
    const partly = found();
    expect(partly).toBeGreaterThan(0);
    expect(partly).toBeLessThan(300);

    const next = await updateArchive(db, root, { maxFileBytes: MAX });
    expect(next).toMatchObject({ added: 0, changed: 0, read: 300 - partly, articles: 300 });
    expect(found()).toBe(300);
    db.close();
  });

  it('indexes as it lists when the files to read are too big to keep their text until the list is whole', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`${String(i).padStart(3, '0')}.txt`] = story(`Harbour story ${i}`, `Zebrafish number ${i} was seen.`);
    const root = archiveWith(files);
    const { db } = openStore(join(tempDir('broadsheet-store-'), 'index.db'));
    const phases = new Set<string>();
    const found = (): number => new ArchiveSearch(db).run('zebrafish', 10).total;
    let foundAfterFirstBatch: number | undefined;
    await updateArchive(db, root, {
      maxFileBytes: MAX,
      // Less than these 300 files hold: each batch goes into the list and the search index together.
      listFirst: 10_000,
      onProgress: ({ phase }) => {
        phases.add(phase);
        foundAfterFirstBatch ??= found();
      },
    });
    expect([...phases]).toEqual(['indexing']);
    expect(foundAfterFirstBatch).toBe(100);
    expect(found()).toBe(300);
    db.close();
  });

  it('lists first when the files it will read fit, leaving out of the count a file too big to be read', async () => {
    const files: Record<string, string> = { 'huge.txt': story('Too big', 'word '.repeat(4_000)) };
    for (let i = 0; i < 150; i++) files[`${String(i).padStart(3, '0')}.txt`] = story(`Story ${i}`);
    const root = archiveWith(files);
    const { db } = openStore(join(tempDir('broadsheet-store-'), 'index.db'));
    const phases = new Set<string>();
    const summary = await updateArchive(db, root, { maxFileBytes: 15_000, listFirst: 15_000, onProgress: ({ phase }) => phases.add(phase) });
    expect([...phases]).toEqual(['listing', 'indexing']);
    expect(summary.articles).toBe(150);
    db.close();
  });

  it('a big first run takes a bigger page cache and goes without the lookup indexes, and both are back when it ends', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 1_000; i++) files[`s${i % 4}/${String(i).padStart(4, '0')}.txt`] = story(`Harbour story ${i}`);
    const root = archiveWith(files);
    const { db } = openStore(join(tempDir('broadsheet-store-'), 'index.db'));
    const usual = db.pragma('cache_size', { simple: true });
    const indexes = (): string[] => db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'files' AND sql IS NOT NULL ORDER BY name").pluck().all() as string[];
    const allIndexes = indexes();
    const archive = new Catalogue(db, root, MAX);
    let during: { cache: unknown; indexes: string[]; inSection: number } | undefined;
    await updateArchive(db, root, {
      maxFileBytes: MAX,
      onProgress: () => {
        archive.refresh();
        during ??= { cache: db.pragma('cache_size', { simple: true }), indexes: indexes(), inSection: archive.order('date', { section: 's0' }).length };
      },
    });
    expect(during!.cache).toBeLessThan(usual as number); // negative sizes are KiB: lower is bigger
    expect(during!.indexes).toEqual(['files_by_date']);
    expect(during!.inSection).toBe(100); // the first batch, all in s0 (the walk goes a folder at a time): found without the index
    expect(db.pragma('cache_size', { simple: true })).toBe(usual);
    expect(indexes()).toEqual(allIndexes);
    db.close();

    // And when the update fails halfway.
    const other = openStore(join(tempDir('broadsheet-store-'), 'index.db')).db;
    const failing = updateArchive(other, root, {
      maxFileBytes: MAX,
      stop: () => {
        throw new Error('disk gone');
      },
    });
    await expect(failing).rejects.toThrow('disk gone');
    expect(other.pragma('cache_size', { simple: true })).toBe(usual);
    other.close();
  });

  it('finishes an update stopped after its last batch (typo search, title ranks) at the next start, though nothing changed', async () => {
    const root = archiveWith({ 'a.txt': story('Zebrafish sighted'), 'b.txt': story('Harbour news', 'A zebrafish again.'), 'c.txt': story('Quiet day') });
    const { db } = openStore(join(tempDir('broadsheet-store-'), 'index.db'));
    const found = (query: string): number => new ArchiveSearch(db).run(query, 10).total;
    let lastBatchIn = false;
    await updateArchive(db, root, { maxFileBytes: MAX, onProgress: ({ done, total }) => (lastBatchIn = done === total), stop: () => lastBatchIn });
    expect(found('zebrafish')).toBe(2);
    expect(found('zebrafsh')).toBe(0); // the vocabulary typos are looked up in is not built yet

    const next = await updateArchive(db, root, { maxFileBytes: MAX });
    expect(next.read).toBe(0);
    expect(found('zebrafsh')).toBe(2);
    db.close();
  });

  it('knows the formats it lists (the reader loads only their parsers), and not while an update changing them is unfinished', async () => {
    const root = archiveWith({ 'a.txt': story('Plain story'), 'b.txt': story('Another plain story') });
    const storePath = join(tempDir('broadsheet-store-'), 'index.db');
    const { db } = openStore(storePath);
    const catalogue = new Catalogue(db, root, MAX);
    // As the reader asks after each update: the catalogue read again first.
    const formats = (): string[] | undefined => (catalogue.refresh(), catalogue.formats());
    expect(formats()).toBeUndefined();
    await updateArchive(db, root, { maxFileBytes: MAX });
    expect(formats()).toEqual(['text']);

    writeFileSync(join(root, 'c.html'), '<title>A saved page</title><p>Its body.</p>');
    writeFileSync(join(root, 'd.md'), '# A Markdown note\n\nIts body.\n');
    // Stopped after its last batch: the new rows are listed, their formats not yet recorded.
    let lastBatchIn = false;
    await updateArchive(db, root, { maxFileBytes: MAX, onProgress: ({ done, total }) => (lastBatchIn = done === total), stop: () => lastBatchIn });
    expect(formats()).toBeUndefined();
    expect(catalogue.size).toBe(4);
    await updateArchive(db, root, { maxFileBytes: MAX });
    expect(formats()).toEqual(['html', 'markdown', 'text']);

    unlinkSync(join(root, 'c.html'));
    unlinkSync(join(root, 'd.md'));
    await updateArchive(db, root, { maxFileBytes: MAX });
    expect(formats()).toEqual(['text']);

    // Rows added or removed by something that did not record the formats (an older Broadsheet): not known.
    const kept = db.prepare("SELECT value FROM meta WHERE key = 'formats'").pluck().get() as string;
    db.prepare("UPDATE meta SET value = ? WHERE key = 'formats'").run(kept.replace('"articles":2', '"articles":3'));
    expect(formats()).toBeUndefined();
    // The next update puts them right, though nothing changed; so does it for a store from before they were kept.
    expect((await updateArchive(db, root, { maxFileBytes: MAX })).read).toBe(0);
    expect(formats()).toEqual(['text']);
    db.prepare("DELETE FROM meta WHERE key = 'formats'").run();
    expect((await updateArchive(db, root, { maxFileBytes: MAX })).read).toBe(0);
    expect(formats()).toEqual(['text']);
    db.close();
  });

  it('lists an article an update has not ranked yet after the ranked ones of its date, and in its place once ranked', async () => {
    const root = archiveWith({ 'b.txt': story('Banana harvest'), 'c.txt': story('Cherry harvest') });
    const sameDay = new Date('2024-05-01T09:00:00Z');
    const stamp = (): void => ['b.txt', 'c.txt', 'a.txt'].forEach((name) => statSync(join(root, name), { throwIfNoEntry: false }) && utimesSync(join(root, name), sameDay, sameDay));
    stamp();
    const { db } = openStore(join(tempDir('broadsheet-store-'), 'index.db'));
    await updateArchive(db, root, { maxFileBytes: MAX });
    writeFileSync(join(root, 'a.txt'), story('Apple harvest'));
    stamp();
    const archive = new Catalogue(db, root, MAX);
    const headlines = (): string[] => {
      archive.refresh();
      const order = archive.order('date');
      return Array.from({ length: order.length }, (_, i) => archive.get(order.idAt(i)!)!.headline);
    };
    let whileUpdating: string[] = [];
    await updateArchive(db, root, { maxFileBytes: MAX, onProgress: () => (whileUpdating = headlines()) });
    expect(whileUpdating).toEqual(['Banana harvest', 'Cherry harvest', 'Apple harvest']);
    expect(headlines()).toEqual(['Apple harvest', 'Banana harvest', 'Cherry harvest']);
    db.close();
  });

  it('gives an unchanged file its new id when another file takes its name (a.txt beside a new a.md)', async () => {
    const root = archiveWith({ 'a.txt': story('Text story') });
    const storePath = join(tempDir('broadsheet-store-'), 'index.db');
    (await openArchive(root, { storePath })).archive.db.close();
    writeFileSync(join(root, 'a.md'), '# Markdown story\n\nBody.\n');
    const { archive } = await openArchive(root, { storePath });
    expect(archive.get('a.txt')?.headline).toBe('Text story');
    expect(archive.get('a.md')?.headline).toBe('Markdown story');
    expect(archive.get('a')).toBeUndefined();
    archive.db.close();
  });

  it('reads a file again when the catalogue is older than the file (changed between update and open)', async () => {
    const root = archiveWith({ 'a.txt': story('Old headline', 'Old body.') });
    const { archive } = await openArchive(root);
    writeFileSync(join(root, 'a.txt'), story('New headline', 'New body.'));
    const text = archive.readText(archive.get('a')!);
    expect(text).toEqual({ ok: true, text: { paragraphs: ['New body.'], related: [] } });
    unlinkSync(join(root, 'a.txt'));
    expect(archive.readText(archive.get('a')!)).toEqual({ ok: false, reason: 'the file is gone (moved or deleted since the archive loaded)' });
  });
});

describe('the space an index takes', () => {
  it('shrinks back when most of the archive is removed, instead of keeping the freed pages', async () => {
    const files: Record<string, string> = {};
    const words = 'harbour council budget striker chip market election ferry tariff quota'.split(' ');
    for (let i = 0; i < 400; i++) {
      const body = Array.from({ length: 300 }, (_, w) => `${words[(i * 7 + w) % words.length]}${(i * 31 + w) % 997}`).join(' ');
      files[`s${i % 4}/${String(i).padStart(3, '0')}.txt`] = story(`Story ${i}`, `${body}.`);
    }
    const root = archiveWith(files);
    const storePath = join(tempDir('broadsheet-store-'), 'index.db');
    (await openArchive(root, { storePath })).archive.db.close();
    const full = statSync(storePath).size;
    for (let i = 0; i < 360; i++) unlinkSync(join(root, `s${i % 4}/${String(i).padStart(3, '0')}.txt`));
    const after = await openArchive(root, { storePath });
    expect(after.summary).toMatchObject({ removed: 360, articles: 40 });
    after.archive.db.close();
    // The WAL is checkpointed into the file on close; what is left is the index of 40 articles.
    expect(statSync(storePath).size).toBeLessThan(full / 2);
  });
});

describe('a store that cannot be used as it is', () => {
  const files = { 'a.txt': story('Alpha rises'), 'b.txt': story('Beta falls') };

  it('is rebuilt, with a message, when its file is garbage or truncated, and the damaged one is kept aside', async () => {
    const root = archiveWith(files);
    const dir = tempDir('broadsheet-store-');
    const storePath = join(dir, 'index.db');
    writeFileSync(storePath, 'this is not a database, just text that a crash or a bad copy left here'.repeat(100));
    const garbage = await openArchive(root, { storePath });
    expect(garbage.notice).toBe('the archive index was damaged (not a database): rebuilding it');
    expect(garbage.archive.size).toBe(2);
    garbage.archive.db.close();
    expect(readdirSync(dir).some((name) => name.startsWith('index.db.damaged-'))).toBe(true);

    truncateSync(storePath, Math.floor(statSync(storePath).size / 2));
    const truncated = await openArchive(root, { storePath });
    expect(truncated.notice).toBe('the archive index was damaged (truncated): rebuilding it');
    expect(headlines(truncated.archive)).toEqual(['Alpha rises', 'Beta falls']);
    truncated.archive.db.close();
  });

  it('is rebuilt when it comes from another schema version', async () => {
    const root = archiveWith(files);
    const storePath = join(tempDir('broadsheet-store-'), 'index.db');
    (await openArchive(root, { storePath })).archive.db.close();
    const db = new Database(storePath);
    db.prepare("UPDATE meta SET value = ? WHERE key = 'schema'").run(String(SCHEMA_VERSION + 1));
    // As an index made before freed pages were given back.
    db.pragma('auto_vacuum = NONE');
    db.exec('VACUUM');
    db.close();
    const reopened = await openArchive(root, { storePath });
    expect(reopened.notice).toBe('the archive index is from another version of Broadsheet: rebuilding it');
    expect(reopened.fresh).toBe(true);
    expect(reopened.archive.size).toBe(2);
    // The rebuilt index gives freed pages back like a new one (see 'the space an index takes').
    expect(reopened.archive.db.pragma('auto_vacuum', { simple: true })).toBe(2);
    reopened.archive.db.close();
  });

  it('is kept in memory, with a message, when the cache folder cannot be written', async () => {
    const root = archiveWith(files);
    const blocker = join(tempDir('broadsheet-store-'), 'a-file');
    writeFileSync(blocker, '');
    const opened = await openArchive(root, { storePath: join(blocker, 'cache', 'index.db') });
    expect(opened.notice).toMatch(/^the cache folder cannot be written \(.*\); the index is kept in memory for this run$/);
    expect(opened.archive.inMemory).toBe(true);
    expect(opened.archive.size).toBe(2);
  });

  it('is kept in memory when the database path cannot be opened as a file', async () => {
    const root = archiveWith(files);
    const storePath = join(tempDir('broadsheet-store-'), 'index.db');
    mkdirSync(storePath);
    const opened = await openArchive(root, { storePath });
    expect(opened.notice).toMatch(/the index is kept in memory for this run$/);
    expect(opened.archive.size).toBe(2);
  });

  it('keeps answering when its file is deleted while in use, and the next start builds a new one', async () => {
    const root = archiveWith(files);
    const dir = tempDir('broadsheet-store-');
    const storePath = join(dir, 'index.db');
    const { archive } = await openArchive(root, { storePath });
    for (const name of readdirSync(dir)) rmSync(join(dir, name));
    expect(archive.refresh()).toBe(false);
    expect(headlines(archive)).toEqual(['Alpha rises', 'Beta falls']);
    expect(new ArchiveSearch(archive.db).search('beta').map((hit) => hit.id)).toEqual(['b']);
    archive.db.close();
    const next = await openArchive(root, { storePath });
    expect(next.fresh).toBe(true);
    expect(next.notice).toBeUndefined();
    expect(next.archive.size).toBe(2);
    next.archive.db.close();
  });

  it('keeps the last index usable when the disk fills up during an update, and the next update finishes the job', () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 1500; i++) many[`s${String(i).padStart(4, '0')}.txt`] = story(`Story ${i}`, `Body ${i} ${'with some words to take room '.repeat(40)}`);
    const root = archiveWith(many);
    const storePath = join(tempDir('broadsheet-store-'), 'index.db');
    const { db } = openStore(storePath);
    // SQLite's own limit on the file's pages stands in for a full disk: the write fails with SQLITE_FULL.
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages + 300}`);
    expect(() => updateStore(db, root, { maxFileBytes: MAX })).toThrow(/full/);
    const partial = new Catalogue(db, root, MAX);
    const kept = partial.size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(1500);
    // What is there is whole: every listed article opens and is found by its own headline.
    const search = new ArchiveSearch(db);
    for (const id of idsOf(partial.order('date')).slice(0, 20)) expect(search.search(partial.get(id)!.headline, 5).map((hit) => hit.id)).toContain(id);
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
    db.pragma('max_page_count = 1073741823');
    const finished = updateStore(db, root, { maxFileBytes: MAX });
    expect(finished).toMatchObject({ read: 1500 - kept, articles: 1500 });
    db.close();
  });
});

describe('processes sharing a store', () => {
  function corpusLike(count: number): string {
    const files: Record<string, string> = {};
    for (let i = 0; i < count; i++) files[`section${i % 5}/${String(i).padStart(5, '0')}.txt`] = story(`Headline number ${i}`, `Paragraph ${i} about harbours and ${i % 7} ships.\n\nMore text ${i}.`);
    return archiveWith(files);
  }

  function cliEnv(cacheDir: string): NodeJS.ProcessEnv {
    return { ...process.env, BROADSHEET_CACHE_DIR: cacheDir, BROADSHEET_CONFIG_DIR: join(cacheDir, 'config') };
  }

  /** The store's catalogue, compared by content: what a fresh index of the folder has. */
  function catalogueOf(storePath: string): unknown {
    const db = new Database(storePath, { readonly: true });
    try {
      expect(db.pragma('quick_check', { simple: true })).toBe('ok');
      return db.prepare('SELECT id, rel, headline, date, section FROM files ORDER BY rel').all();
    } finally {
      db.close();
    }
  }

  it('two processes indexing the same new archive at once both finish, and the index is whole', async () => {
    const root = corpusLike(1200);
    const cacheDir = tempDir('broadsheet-store-cache-');
    const run = () =>
      new Promise<{ code: number | null; stdout: string }>((resolve) => {
        const child = spawn(process.execPath, [CLI, '--archive', root, 'list', '--limit', '1'], { env: cliEnv(cacheDir) });
        let stdout = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.on('close', (code) => resolve({ code, stdout }));
      });
    const [one, two] = await Promise.all([run(), run()]);
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    const storePath = storePathFor(root, cacheDir);
    const fresh = (await openArchive(root)).archive;
    expect((catalogueOf(storePath) as unknown[]).length).toBe(1200);
    expect(catalogueOf(storePath)).toEqual(fresh.db.prepare('SELECT id, rel, headline, date, section FROM files ORDER BY rel').all());
  }, 60_000);

  it('an indexer killed at any point leaves a store the next start completes', async () => {
    const root = corpusLike(3000);
    const cacheDir = tempDir('broadsheet-store-cache-');
    const storePath = storePathFor(root, cacheDir);
    // Killed after the first batches committed, at a few points of the update.
    for (const batches of [1, 2, 4]) {
      const child = spawn(process.execPath, [CLI, '--archive', root, 'list', '--limit', '1'], { env: cliEnv(cacheDir) });
      // Kill once the store holds some of this run's rows: a point inside the update, not before or after it.
      await new Promise<void>((resolve) => {
        const check = setInterval(() => {
          let rows = 0;
          try {
            const db = new Database(storePath, { readonly: true, fileMustExist: true });
            rows = db.prepare('SELECT count(*) FROM files').pluck().get() as number;
            db.close();
          } catch {
            // Not created yet.
          }
          if (rows >= batches * 500 || child.exitCode !== null) {
            clearInterval(check);
            child.kill('SIGKILL');
            resolve();
          }
        }, 5);
      });
      await new Promise((resolve) => child.on('close', resolve));
    }
    const finished = spawnSync(process.execPath, [CLI, '--archive', root, 'list'], { env: cliEnv(cacheDir), encoding: 'utf8' });
    expect(finished.status).toBe(0);
    expect(finished.stdout.trim().split('\n')).toHaveLength(3000);
    const fresh = (await openArchive(root)).archive;
    expect(catalogueOf(storePath)).toEqual(fresh.db.prepare('SELECT id, rel, headline, date, section FROM files ORDER BY rel').all());
  }, 120_000);

  it('never touches the library: its file is byte for byte the same after a rebuild', () => {
    const root = archiveWith({ 'a.txt': story('Alpha rises') });
    const cacheDir = tempDir('broadsheet-store-cache-');
    const env = cliEnv(cacheDir);
    expect(spawnSync(process.execPath, [CLI, '--archive', root, 'bookmark', 'add', 'a', '--note', 'keep me'], { env }).status).toBe(0);
    const library = join(cacheDir, 'config', 'config.json');
    const before = readFileSync(library);
    const storePath = storePathFor(root, cacheDir);
    writeFileSync(storePath, 'garbage'.repeat(1000));
    const listed = spawnSync(process.execPath, [CLI, '--archive', root, 'bookmarks'], { env, encoding: 'utf8' });
    expect(listed.status).toBe(0);
    expect(listed.stderr).toContain('the archive index was damaged (not a database): rebuilding it');
    expect(listed.stdout).toContain('keep me');
    expect(readFileSync(library)).toEqual(before);
    renameSync(storePath, `${storePath}.moved`);
    expect(spawnSync(process.execPath, [CLI, '--archive', root, 'bookmarks'], { env, encoding: 'utf8' }).stdout).toContain('keep me');
    expect(readFileSync(library)).toEqual(before);
  });
});

describe('an index from the previous schema', () => {
  it('is migrated in place, keeping its catalogue, and one-letter searches work', async () => {
    const root = archiveWith({ 'a.txt': story('Harbour reopens'), 'b.txt': story('Storm closes schools') });
    const storePath = join(tempDir('broadsheet-store-cache-'), 'index.db');
    (await openArchive(root, { storePath })).archive.db.close();
    const old = new Database(storePath);
    old.exec("DROP TABLE fts_titles; UPDATE meta SET value = '3' WHERE key = 'schema'");
    old.close();
    const { db, notice, fresh } = openStore(storePath);
    expect(notice).toBeUndefined();
    expect(fresh).toBe(false);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'schema'").pluck().get()).toBe(String(SCHEMA_VERSION));
    expect(new ArchiveSearch(db).search('s').map((hit) => hit.id)).toEqual(['b']);
    db.close();
  });
});
