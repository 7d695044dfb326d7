import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  LockTimeoutError,
  MAX_NOTE_LENGTH,
  MAX_POSITIONS,
  STORE_VERSION,
  acquireLock,
  bookmarkCommand,
  bookmarksToJson,
  bookmarksToMarkdown,
  configCommand,
  defaultConfigDir,
  formatBookmarkList,
  lookupOf,
  openLibrary,
  resolveBookmarks,
} from '../src/library/index.js';
import type { BookmarkableArticle, Library } from '../src/library/index.js';
import { stateFromStore, storeFromState } from '../src/library/schema.js';
import { articleFingerprint } from '../src/archive/fingerprint.js';

let configDir: string;
let configFile: string;

beforeEach(() => {
  configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'broadsheet-library-'));
  configFile = path.join(configDir, 'config.json');
});
afterEach(() => {
  fs.rmSync(configDir, { recursive: true, force: true });
});

function article(id: string, headline = `Headline of ${id}`, body = `First paragraph of ${id}.`): BookmarkableArticle {
  return { id, relPath: `${id}.txt`, headline, date: '2005-03-01', fingerprint: articleFingerprint(headline, body) };
}

function open(): Library {
  const { library, warnings } = openLibrary({ configDir });
  expect(warnings).toEqual([]);
  return library;
}

function fileJson(): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(configFile, 'utf8')) as Record<string, unknown>;
}

function corruptFiles(): string[] {
  return fs.readdirSync(configDir).filter((name) => name.startsWith('config.json.corrupt-'));
}

const ESC = '\u001b';

describe('bookmarks', () => {
  it('toggles, lists newest first, removes and keeps a note', () => {
    let now = Date.parse('2024-01-01T00:00:00Z');
    const library = openLibrary({ configDir, now: () => new Date((now += 1000)) }).library;
    expect(library.toggleBookmark(article('business/001'))).toBe(true);
    library.addBookmark(article('sport/002'), 'read on the train');
    library.addBookmark(article('tech/003'));
    expect(library.bookmarks().map((b) => b.id)).toEqual(['tech/003', 'sport/002', 'business/001']);
    expect(library.bookmarks()[1]).toMatchObject({ headline: 'Headline of sport/002', note: 'read on the train', relPath: 'sport/002.txt' });

    expect(library.toggleBookmark(article('business/001'))).toBe(false);
    expect(library.isBookmarked('business/001')).toBe(false);
    expect(library.removeBookmark('tech/003')).toBe(true);
    expect(library.removeBookmark('tech/003')).toBe(false);
    expect(library.setNote('sport/002', 'changed')).toBe(true);
    expect(library.setNote('nope', 'x')).toBe(false);

    const reopened = open();
    expect(reopened.bookmarks().map((b) => [b.id, b.note])).toEqual([['sport/002', 'changed']]);
    reopened.setNote('sport/002', '');
    expect(reopened.bookmarks()[0]?.note).toBeUndefined();
  });

  it('adding an existing bookmark keeps its place and only updates the note', () => {
    const library = open();
    library.addBookmark(article('a'));
    library.addBookmark(article('b'));
    library.addBookmark(article('a'), 'later');
    expect(library.bookmarks().map((b) => [b.id, b.note])).toEqual([
      ['b', undefined],
      ['a', 'later'],
    ]);
  });

  it('rejects an over-long note with a message and changes nothing', () => {
    const library = open();
    expect(() => library.addBookmark(article('a'), 'x'.repeat(MAX_NOTE_LENGTH + 1))).toThrow(/at most 500 characters/);
    expect(library.bookmarks()).toEqual([]);
  });
});

describe('read state, positions and settings', () => {
  it('remembers read articles, the line reached, the sort, the selection and the settings', () => {
    const library = open();
    library.markRead('business/001');
    expect(library.toggleRead('sport/002')).toBe(true);
    expect(library.toggleRead('business/001')).toBe(false);
    library.setPosition('sport/002', 42);
    library.set('sort', 'title');
    library.set('lastSelected', 'sport/002');
    library.set('archivePath', '/home/me/news');
    library.set('theme', 'light');
    library.set('maxWidth', 72);

    const reopened = open();
    expect(reopened.isRead('business/001')).toBe(false);
    expect(reopened.isRead('sport/002')).toBe(true);
    expect([...reopened.readIds()]).toEqual(['sport/002']);
    expect(reopened.position('sport/002')).toBe(42);
    expect(reopened.position('never-opened')).toBe(0);
    expect(reopened.settings()).toEqual({
      sort: 'title',
      lastSelected: 'sport/002',
      archivePath: '/home/me/news',
      theme: 'light',
      maxWidth: 72,
    });
    reopened.set('archivePath', undefined);
    expect(open().get('archivePath')).toBeUndefined();
  });

  it('starts with defaults and refuses invalid settings with a message', () => {
    const library = open();
    expect(library.settings()).toEqual({ sort: 'date', theme: 'dark', maxWidth: 80 });
    expect(() => library.set('maxWidth', 5)).toThrow(/whole number from 20 to 1000/);
    expect(() => library.set('theme', 'neon' as never)).toThrow(/dark, light, mono/);
    expect(() => library.set('sort', undefined)).toThrow(/expected a value/);
    expect(() => library.setPosition('a', -1)).toThrow(/whole number/);
    expect(open().settings().maxWidth).toBe(80);
  });
});

describe('hostile article ids', () => {
  const ids = ['__proto__', 'constructor', 'a.b.c', '日本/記事', 'x y', 'prototype', '__internal__'];

  it('round-trip through every part of the store without corrupting it', () => {
    const library = open();
    for (const [index, id] of ids.entries()) {
      library.addBookmark(article(id), `note for ${id}`);
      library.markRead(id);
      library.setPosition(id, index + 1);
    }
    library.set('lastSelected', 'a.b.c');

    const reopened = open();
    expect(reopened.bookmarks().map((b) => b.id)).toEqual([...ids].reverse());
    for (const [index, id] of ids.entries()) {
      expect(reopened.isBookmarked(id)).toBe(true);
      expect(reopened.isRead(id)).toBe(true);
      expect(reopened.position(id)).toBe(index + 1);
    }
    expect(reopened.get('lastSelected')).toBe('a.b.c');
    expect(reopened.isBookmarked('a')).toBe(false);
    expect(reopened.isRead('toString')).toBe(false);
    expect(reopened.position('hasOwnProperty')).toBe(0);

    const stored = fileJson();
    // No id became a key: the top level is exactly the store's own keys.
    expect(Object.keys(stored).sort()).toEqual(['__internal__', 'bookmarks', 'positions', 'read', 'settings']);
    expect(({} as Record<string, unknown>).note).toBeUndefined();

    reopened.removeBookmark('__proto__');
    expect(open().bookmarks().map((b) => b.id)).not.toContain('__proto__');
  });
});

describe('two readers in one process', () => {
  it('merge their changes and see each other’s without reopening', () => {
    const first = open();
    const second = open();
    expect(first.isBookmarked('a')).toBe(false);
    first.addBookmark(article('a'));
    second.addBookmark(article('b'));
    first.markRead('x');
    second.setPosition('y', 9);
    for (const reader of [first, second]) {
      expect(reader.bookmarks().map((b) => b.id).sort()).toEqual(['a', 'b']);
      expect(reader.isRead('x')).toBe(true);
      expect(reader.position('y')).toBe(9);
    }
    // A toggle acts on the file as it is now, not on a stale copy.
    expect(second.toggleBookmark(article('a'))).toBe(false);
    expect(first.isBookmarked('a')).toBe(false);
  });
});

describe('moved and vanished articles', () => {
  it('follows a moved article by content, keeps a vanished one marked missing, and saves the new id', () => {
    const library = open();
    library.addBookmark(article('business/001'), 'follow me');
    library.addBookmark(article('sport/002'));
    library.addBookmark(article('tech/003'));

    const movedCopy = { ...article('business/001'), id: '2005/business-001', relPath: '2005/business-001.txt' };
    const archiveNow = [movedCopy, article('sport/002')];
    const resolved = library.reconcile(lookupOf(archiveNow));
    expect(resolved.map((r) => [r.status, r.bookmark.id, r.previousId])).toEqual([
      ['missing', 'tech/003', undefined],
      ['found', 'sport/002', undefined],
      ['moved', '2005/business-001', 'business/001'],
    ]);

    const reopened = open();
    expect(reopened.isBookmarked('2005/business-001')).toBe(true);
    expect(reopened.isBookmarked('business/001')).toBe(false);
    expect(reopened.bookmarks().find((b) => b.id === '2005/business-001')).toMatchObject({
      note: 'follow me',
      relPath: '2005/business-001.txt',
    });
    // The vanished article's bookmark is still there, with what we knew about it.
    expect(reopened.bookmarks().find((b) => b.id === 'tech/003')).toMatchObject({ headline: 'Headline of tech/003' });
  });

  it('prefers the content over the id when another file took the old name', () => {
    const original = article('a', 'Original story', 'Original body.');
    const bookmark = { id: 'a', fingerprint: original.fingerprint, headline: 'Original story', date: '', relPath: 'a.txt', addedAt: '' };
    const impostor = article('a', 'Different story', 'Different body.');
    const renamed = { ...original, id: 'b', relPath: 'b.txt' };
    expect(resolveBookmarks([bookmark], lookupOf([impostor, renamed]))[0]).toMatchObject({ status: 'moved', bookmark: { id: 'b' } });
    // With no copy anywhere, an article edited in place keeps its bookmark.
    expect(resolveBookmarks([bookmark], lookupOf([impostor]))[0]).toMatchObject({ status: 'found', bookmark: { id: 'a', headline: 'Different story' } });
  });

  it('does not merge a moved bookmark into another bookmark of the same article', () => {
    const story = article('new');
    const fingerprint = story.fingerprint;
    const both = [
      { id: 'old', fingerprint, headline: 'h', date: '', relPath: '', addedAt: '' },
      { id: 'new', fingerprint, headline: 'h', date: '', relPath: '', addedAt: '' },
    ];
    expect(resolveBookmarks(both, lookupOf([story])).map((r) => [r.status, r.bookmark.id])).toEqual([
      ['missing', 'old'],
      ['found', 'new'],
    ]);
  });

  it('fingerprints ignore how the text is wrapped', () => {
    expect(articleFingerprint('A  headline', 'one\ntwo')).toBe(articleFingerprint('A headline', 'one two'));
    expect(articleFingerprint('A headline', 'one')).not.toBe(articleFingerprint('A headline', 'two'));
  });
});

describe('a write based on a version that changed meanwhile', () => {
  it('is applied again to the new version, keeping what was written in between', () => {
    const library = open();
    library.addBookmark(article('first'));
    let edited = false;
    library.update((state) => {
      if (!edited) {
        // While this change is being made, the file is replaced behind the lock (an older Broadsheet, an editor).
        edited = true;
        const stored = fileJson() as { bookmarks: unknown[] };
        stored.bookmarks.push({ id: 'in-between', headline: 'H', date: '', relPath: 'in-between.txt', addedAt: '2024-01-01T00:00:00.000Z' });
        fs.writeFileSync(`${configFile}.edit`, JSON.stringify(stored));
        fs.renameSync(`${configFile}.edit`, configFile);
      }
      state.read.add('mine');
    });
    const reopened = open();
    expect(reopened.bookmarks().map((b) => b.id).sort()).toEqual(['first', 'in-between']);
    expect(reopened.isRead('mine')).toBe(true);
  });
});

describe('migration', () => {
  it('turns a version-1 file (ids as bookmarks, positions keyed by id, flat settings) into the current shape', () => {
    // Written as text so `__proto__` is a real key, as it would be in a user's file.
    fs.writeFileSync(
      configFile,
      `{
        "__internal__": { "migrations": { "version": "1.0.0" } },
        "bookmarks": ["business/001", "a.b.c", "__proto__"],
        "read": ["business/001", "sport/002"],
        "positions": { "business/001": 12, "__proto__": 7 },
        "sort": "title",
        "theme": "light",
        "maxWidth": 100,
        "archivePath": "/srv/news"
      }`,
    );
    const library = open();
    expect(library.bookmarks().map((b) => b.id)).toEqual(['__proto__', 'a.b.c', 'business/001']);
    expect(library.isRead('sport/002')).toBe(true);
    expect(library.position('business/001')).toBe(12);
    expect(library.position('__proto__')).toBe(7);
    expect(library.settings()).toEqual({ sort: 'title', theme: 'light', maxWidth: 100, archivePath: '/srv/news' });

    const stored = fileJson();
    expect(stored.__internal__).toEqual({ migrations: { version: STORE_VERSION } });
    expect(stored.sort).toBeUndefined();
    expect(corruptFiles()).toEqual([]);

    // Version 1 knew no headlines: the first reconcile fills them in and adds fingerprints.
    const resolved = library.reconcile(lookupOf([article('business/001', 'Ad sales boost Time Warner profit')]));
    expect(resolved.find((r) => r.bookmark.id === 'business/001')).toMatchObject({
      status: 'found',
      bookmark: { headline: 'Ad sales boost Time Warner profit', relPath: 'business/001.txt' },
    });
    expect(open().bookmarks().find((b) => b.id === 'business/001')?.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('migration of files already in the current shape', () => {
  it('leaves a hand-written current file without a version marker as it is', () => {
    const bookmark = { id: 'a.b', headline: 'H', date: '2005-03-01', relPath: 'a.b.txt', addedAt: '2024-01-01T00:00:00.000Z' };
    fs.writeFileSync(
      configFile,
      JSON.stringify({ bookmarks: [bookmark], read: ['a.b'], positions: [{ id: 'a.b', line: 3 }], settings: { theme: 'mono' } }),
    );
    const library = open();
    expect(library.bookmarks()).toEqual([bookmark]);
    expect(library.position('a.b')).toBe(3);
    expect(library.get('theme')).toBe('mono');
  });
});

describe('reading positions', () => {
  it('keeps only the most recent positions once there are more than the cap', () => {
    const state = stateFromStore({});
    for (let i = 0; i <= MAX_POSITIONS; i += 1) state.positions.set(`article-${i}`, i + 1);
    state.positions.delete('article-0');
    state.positions.set('article-0', 1); // re-read just now: the most recent
    const kept = stateFromStore(storeFromState(state, {})).positions;
    expect(kept.size).toBe(MAX_POSITIONS);
    expect(kept.get('article-0')).toBe(1);
    expect(kept.has('article-1')).toBe(false);
    expect(kept.get(`article-${MAX_POSITIONS}`)).toBe(MAX_POSITIONS + 1);
  });
});

describe('damaged library file', () => {
  function expectMovedAside(original: string, warnings: string[]): void {
    expect(warnings).toHaveLength(1);
    const [aside] = corruptFiles();
    expect(aside).toBeDefined();
    expect(warnings[0]).toContain(`moved to ${path.join(configDir, aside!)}`);
    expect(fs.readFileSync(path.join(configDir, aside!), 'utf8')).toBe(original);
  }

  it('moves a file that is not JSON aside, says so, and starts empty', () => {
    const original = '{"bookmarks": [{"id": "business/001"';
    fs.writeFileSync(configFile, original);
    const { library, warnings } = openLibrary({ configDir });
    expectMovedAside(original, warnings);
    expect(warnings[0]).toContain('not valid JSON');
    expect(library.bookmarks()).toEqual([]);
    library.addBookmark(article('a'));
    expect(open().isBookmarked('a')).toBe(true);
  });

  it('moves a file that is JSON but not an object aside, byte for byte', () => {
    for (const original of ['[1, 2, 3]', '"text"', 'null']) {
      fs.rmSync(configDir, { recursive: true, force: true });
      fs.mkdirSync(configDir);
      fs.writeFileSync(configFile, original);
      const { library, warnings } = openLibrary({ configDir });
      expectMovedAside(original, warnings);
      expect(warnings[0]).toContain('not a JSON object');
      expect(library.settings().maxWidth).toBe(80);
    }
  });

  it('keeps every valid entry, repairs or leaves out only the bad ones, backs the file up and says what it left out', () => {
    const good = { id: 'business/001', headline: 'Kept', date: '2005-03-01', relPath: 'business/001.txt', addedAt: '2024-01-01T00:00:00.000Z' };
    const original = JSON.stringify({
      __internal__: { migrations: { version: '2.0.0' } },
      bookmarks: [good, { ...good, id: 'long-note', note: 'n'.repeat(600) }, { id: 5 }, { ...good, id: 'odd-print', fingerprint: 'xyz' }],
      read: ['business/001', 1],
      positions: [{ id: 'business/001', line: 7 }, { id: 'b', line: -1 }],
      settings: { sort: 'title', maxWidth: 10, theme: 'solarized', future: 'kept' },
      future: { kept: true },
    });
    fs.writeFileSync(configFile, original);
    const { library, warnings } = openLibrary({ configDir });
    expect(warnings).toHaveLength(1);
    for (const said of ['"long-note": its note had 600 characters (cut to 500)', 'bookmark 3 (it names no article)', '"odd-print": its fingerprint', '1 read mark', '1 reading position', 'setting maxWidth (10', 'setting theme ("solarized"']) {
      expect(warnings[0]).toContain(said);
    }
    const backups = fs.readdirSync(configDir).filter((name) => name.startsWith('config.json.backup-'));
    expect(backups).toHaveLength(1);
    expect(fs.readFileSync(path.join(configDir, backups[0]!), 'utf8')).toBe(original);
    expect(warnings[0]).toContain(path.join(configDir, backups[0]!));
    expect(corruptFiles()).toEqual([]);

    expect(library.bookmarks().map((b) => b.id)).toEqual(['odd-print', 'long-note', 'business/001']);
    expect(library.bookmarks().find((b) => b.id === 'long-note')?.note).toHaveLength(MAX_NOTE_LENGTH);
    expect(library.isRead('business/001')).toBe(true);
    expect(library.position('business/001')).toBe(7);
    expect(library.settings()).toMatchObject({ sort: 'title', maxWidth: 80, theme: 'dark' });
    // What this version does not know is left in the file for the one that wrote it.
    const stored = fileJson() as { future: unknown; settings: Record<string, unknown> };
    expect(stored.future).toEqual({ kept: true });
    expect(stored.settings.future).toBe('kept');
    // Repaired on disk: the next start has nothing to say.
    expect(openLibrary({ configDir }).warnings).toEqual([]);
  });

  it('repairs a file another program damaged while the reader was open, keeping the rest, and says so once', () => {
    const library = open();
    library.addBookmark(article('a'));
    library.addBookmark(article('b'));
    const stored = fileJson() as { bookmarks: Array<Record<string, unknown>> };
    stored.bookmarks[0]!.note = 7;
    fs.writeFileSync(configFile, JSON.stringify(stored));
    expect(library.bookmarks().map((b) => b.id)).toEqual(['b', 'a']);
    expect(library.takeWarnings().join(' ')).toContain('"a": its note was not text');
    expect(library.takeWarnings()).toEqual([]);
    library.addBookmark(article('c'));
    expect(open().bookmarks().map((b) => b.id)).toEqual(['c', 'b', 'a']);
  });

  it('notices a file damaged while the reader is open, keeps it, and carries on', () => {
    const library = open();
    library.addBookmark(article('a'));
    fs.writeFileSync(configFile, 'garbage');
    expect(library.isBookmarked('a')).toBe(false);
    const warnings = library.takeWarnings();
    expect(warnings[0]).toMatch(/could not be read \(it is not valid JSON\)/);
    expect(library.takeWarnings()).toEqual([]);
    library.addBookmark(article('b'));
    expect(open().bookmarks().map((b) => b.id)).toEqual(['b']);
  });
});

describe('untrusted text in the file', () => {
  it('strips escape sequences a hand-edited file puts in notes and headlines', () => {
    const library = open();
    library.addBookmark(article('a'));
    const stored = fileJson() as { bookmarks: Array<Record<string, string>> };
    stored.bookmarks[0]!.note = `${ESC}]0;pwned${ESC}\\${ESC}[31mred`;
    stored.bookmarks[0]!.headline = `Head${ESC}[2Jline`;
    stored.bookmarks[0]!.relPath = `a${ESC}[1m.txt`;
    fs.writeFileSync(configFile, JSON.stringify(stored));

    const [bookmark] = library.bookmarks();
    expect(bookmark?.note).not.toContain(ESC);
    expect(bookmark?.headline).not.toContain(ESC);
    const resolved = resolveBookmarks(library.bookmarks(), lookupOf([]));
    for (const output of [formatBookmarkList(resolved), bookmarksToMarkdown(resolved), JSON.stringify(bookmarksToJson(resolved))]) {
      expect(output).not.toContain(ESC);
      expect(output).toContain('red');
    }
  });
});

describe('export', () => {
  const resolved = resolveBookmarks(
    [
      { id: 'tech/9', headline: 'Gone *for* good', date: '2004-12-01', relPath: 'tech/9.txt', addedAt: '2024-01-02T00:00:00.000Z' },
      {
        id: 'business/001',
        headline: 'Ad sales [boost] Time_Warner',
        date: '2005-03-01',
        relPath: 'business/odd`name.txt',
        note: 'check <figures>',
        addedAt: '2024-01-01T00:00:00.000Z',
      },
    ],
    lookupOf([{ ...article('business/001', 'Ad sales [boost] Time_Warner'), relPath: 'business/odd`name.txt' }]),
  );

  it('writes a Markdown reading list with headlines, dates, paths and notes, escaped', () => {
    expect(bookmarksToMarkdown(resolved)).toBe(
      [
        '# Reading list',
        '',
        '2 articles, newest bookmark first.',
        '',
        '- **Gone \\*for\\* good** (2004-12-01)',
        '  - Path: `tech/9.txt`',
        '  - Not found in the archive any more',
        '- **Ad sales \\[boost\\] Time\\_Warner** (2005-03-01)',
        '  - Path: ``business/odd`name.txt``',
        '  - Note: check \\<figures\\>',
        '',
      ].join('\n'),
    );
    expect(bookmarksToMarkdown(resolved, { archiveRoot: '/srv/news' })).toContain('`/srv/news/tech/9.txt`');
    expect(bookmarksToMarkdown([])).toBe('# Reading list\n\nNo bookmarks yet.\n');
  });

  it('gives JSON-able records with status', () => {
    expect(bookmarksToJson(resolved)).toEqual([
      { id: 'tech/9', headline: 'Gone *for* good', date: '2004-12-01', path: 'tech/9.txt', addedAt: '2024-01-02T00:00:00.000Z', status: 'missing' },
      {
        id: 'business/001',
        headline: 'Ad sales [boost] Time_Warner',
        date: '2005-03-01',
        path: 'business/odd`name.txt',
        note: 'check <figures>',
        addedAt: '2024-01-01T00:00:00.000Z',
        status: 'found',
      },
    ]);
  });

  it('lists bookmarks as text for the terminal', () => {
    expect(formatBookmarkList(resolved)).toBe(
      '2004-12-01  tech/9  Gone *for* good  [missing from archive]\n' +
        '2005-03-01  business/001  Ad sales [boost] Time_Warner\n' +
        '            note: check <figures>\n',
    );
    expect(formatBookmarkList([])).toMatch(/^No bookmarks yet/);
  });
});

describe('commands', () => {
  it('config path, get, set and unset', () => {
    const library = open();
    expect(configCommand(library, ['path'])).toEqual({ ok: true, text: `${configFile}\n` });
    expect(configCommand(library, ['set', 'maxWidth', '120'])).toEqual({ ok: true, text: 'maxWidth = 120\n' });
    expect(configCommand(library, ['get', 'maxWidth'])).toEqual({ ok: true, text: '120\n' });
    expect(configCommand(library, ['set', 'archivePath', '/srv/my', 'news'])).toMatchObject({ ok: true });
    expect(configCommand(library, ['get']).text).toBe(
      'sort = date\nlastSelected = \narchivePath = /srv/my news\ntheme = dark\nmaxWidth = 120\n',
    );
    expect(configCommand(library, ['unset', 'archivePath'])).toMatchObject({ ok: true });
    expect(open().get('archivePath')).toBeUndefined();

    // Bad keys, values and actions are usage errors (exit 2), not failures.
    expect(configCommand(library, ['set', 'maxWidth', 'wide'])).toEqual({
      ok: false,
      text: 'Invalid value for maxWidth: expected a whole number from 20 to 1000.\n',
      usage: true,
    });
    expect(configCommand(library, ['set', 'theme', 'purple'])).toMatchObject({ ok: false, usage: true, text: expect.stringContaining('dark') });
    expect(configCommand(library, ['get', 'colour'])).toMatchObject({ ok: false, usage: true, text: expect.stringContaining('Settings: sort,') });
    expect(configCommand(library, ['frobnicate'])).toMatchObject({ ok: false, usage: true, text: expect.stringContaining('usage:') });
  });

  it('bookmark add and remove by id', () => {
    const library = open();
    const byId = new Map([['business/001', article('business/001', 'Ad sales boost Time Warner profit')]]);
    expect(bookmarkCommand(library, byId, 'add', 'business/001', 'good')).toEqual({
      ok: true,
      text: 'Bookmarked business/001: Ad sales boost Time Warner profit\n',
    });
    expect(bookmarkCommand(library, byId, 'add', 'business/001', 'better').text).toBe('Updated the note on business/001.\n');
    const missing = bookmarkCommand(library, byId, 'add', 'nope/1');
    expect(missing).toMatchObject({ ok: false, text: expect.stringContaining('No article with id nope/1') });
    expect(missing.usage).toBeUndefined();
    expect(bookmarkCommand(library, byId, 'add', 'business/001', 'x'.repeat(600))).toMatchObject({ ok: false, usage: true });
    expect(bookmarkCommand(library, byId, 'remove', 'business/001')).toEqual({ ok: true, text: 'Removed bookmark business/001.\n' });
    expect(bookmarkCommand(library, byId, 'remove', 'business/001')).toMatchObject({ ok: false });
  });
});

describe('location', () => {
  it('uses BROADSHEET_CONFIG_DIR, else the XDG config directory', () => {
    const { library } = openLibrary({ env: { BROADSHEET_CONFIG_DIR: configDir } });
    expect(library.path).toBe(configFile);
    expect(defaultConfigDir({ XDG_CONFIG_HOME: '/xdg' }, 'linux')).toBe('/xdg/broadsheet');
    expect(defaultConfigDir({}, 'linux')).toBe(path.join(os.homedir(), '.config', 'broadsheet'));
  });
});

/** The pid of a process that has exited. */
function deadPid(): string {
  return spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
}

describe('what killed writers leave behind', () => {
  const lockPath = (): string => path.join(configDir, 'config.json.lock');
  const aMinuteAgo = new Date(Date.now() - 60_000);

  it('temp files of the library and of its lock are removed at the next start; everything else is kept', () => {
    const leftovers = ['config.json.tmp-17328470000001a2b3c', 'config.json.tmp-4242-deadbeef', 'config.json.lock.new-0123456789abcdef', 'config.json.lock.stale-77-beef'];
    const kept = ['config.json.backup-2024-01-01T00-00-00-000Z', 'notes.txt'];
    for (const name of [...leftovers, ...kept]) {
      fs.writeFileSync(path.join(configDir, name), 'x'.repeat(1000));
      fs.utimesSync(path.join(configDir, name), aMinuteAgo, aMinuteAgo);
    }
    // A lock temp file made this instant belongs to a Broadsheet taking the lock right now,
    // unless its name says the process that made it is dead.
    const live = `config.json.lock.new-${process.pid}-fresh`;
    fs.writeFileSync(path.join(configDir, live), '');
    fs.writeFileSync(path.join(configDir, 'config.json.lock.new-fresh'), 'x');
    fs.writeFileSync(path.join(configDir, `config.json.lock.new-${deadPid()}-fresh`), '');
    openLibrary({ configDir });
    expect(fs.readdirSync(configDir).sort()).toEqual([...kept, live, 'config.json.lock.new-fresh'].sort());
  });

  it('an empty lock file (a full disk) is removed at the next start, and writes go on', () => {
    fs.writeFileSync(lockPath(), '');
    fs.utimesSync(lockPath(), aMinuteAgo, aMinuteAgo);
    const { library } = openLibrary({ configDir, lock: { timeoutMs: 500 } });
    expect(fs.existsSync(lockPath())).toBe(false);
    library.addBookmark(article('a'));
    expect(open().isBookmarked('a')).toBe(true);
  });

  it('a full disk while taking the lock leaves no lock file behind', () => {
    const full = (): never => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    };
    const spies = [vi.spyOn(fs, 'writeSync').mockImplementation(full), vi.spyOn(fs, 'writeFileSync').mockImplementation(full)];
    try {
      expect(() => acquireLock(lockPath(), { timeoutMs: 100 })).toThrow(/ENOSPC/);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(fs.readdirSync(configDir)).toEqual([]);
  });
});

describe('lock file', () => {
  const lockPath = (): string => path.join(configDir, 'config.json.lock');

  it('is taken over from a process that died holding it', () => {
    fs.writeFileSync(lockPath(), `${deadPid()} ${os.hostname()} ${Date.now()} deadbeef`);
    const { library } = openLibrary({ configDir, lock: { timeoutMs: 2_000 } });
    library.addBookmark(article('a'));
    expect(library.isBookmarked('a')).toBe(true);
    expect(fs.existsSync(lockPath())).toBe(false);
  });

  it('is never taken over from a live process, however old the lock is', () => {
    // The parent of this test process is alive; its lock file is a minute old (the stale age used to be 10 s).
    const held = `${process.ppid} ${os.hostname()} 0 cafe`;
    fs.writeFileSync(lockPath(), held);
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lockPath(), old, old);
    expect(() => acquireLock(lockPath(), { staleMs: 10_000, timeoutMs: 300 })).toThrow(LockTimeoutError);
    expect(fs.readFileSync(lockPath(), 'utf8')).toBe(held);
    fs.rmSync(lockPath());
  });

  it('is taken over when its pid now belongs to a process started later than the holder', () => {
    // This process's pid, with a start time it does not have: the holder that wrote it is gone.
    fs.writeFileSync(lockPath(), `${process.pid} ${os.hostname()} 0 cafe 1`);
    const release = acquireLock(lockPath(), { timeoutMs: 2_000 });
    expect(fs.readFileSync(lockPath(), 'utf8')).not.toContain('cafe');
    release();
    expect(fs.existsSync(lockPath())).toBe(false);
  });

  it('is waited for while a live process holds it, then the wait gives up with a message', () => {
    const release = acquireLock(lockPath());
    try {
      expect(() => acquireLock(lockPath(), { timeoutMs: 50 })).toThrow(LockTimeoutError);
      expect(() => acquireLock(lockPath(), { timeoutMs: 50 })).toThrow(new RegExp(`process ${process.pid}`));
    } finally {
      release();
    }
    acquireLock(lockPath(), { timeoutMs: 50 })();
  });

  it('is not waited for when opening: reading needs no lock, and a write waits for it', () => {
    open().addBookmark(article('a'));
    const release = acquireLock(lockPath());
    try {
      // Were the lock waited for, this would give up and throw.
      const { library } = openLibrary({ configDir, lock: { timeoutMs: 100 } });
      expect(library.isBookmarked('a')).toBe(true);
      expect(() => library.addBookmark(article('b'))).toThrow(/locked by another Broadsheet \(process \d+\)/);
      expect(library.isBookmarked('b')).toBe(false);
    } finally {
      release();
    }
  });

});
