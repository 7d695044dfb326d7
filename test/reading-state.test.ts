/**
 * An archive's reading state: its read marks and positions, kept per archive
 * in a file beside the library. This is the user's data: it survives
 * restarts, stays out of other archives, follows files that move, and a
 * damaged or unwritable file never stops the reader or loses the old file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReadingState, readingStatePath } from '../src/library/reading-state.js';

let configDir: string;
beforeEach(() => {
  configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'broadsheet-reading-'));
});
afterEach(() => {
  fs.rmSync(configDir, { recursive: true, force: true });
});

const open = (root: string): ReadingState => ReadingState.open(readingStatePath(root, configDir));

describe('reading state', () => {
  it('keeps read marks and positions across restarts, apart for each archive', () => {
    const news = open('/archives/news');
    news.markRead('a', 'fp-a');
    news.markRead('b');
    news.markUnread('b');
    news.setPosition('a', { paragraph: 4, offset: 120 }, 'fp-a');
    news.close();

    const again = open('/archives/news');
    expect(again.notice).toBeUndefined();
    expect([...again.readIds()]).toEqual(['a']);
    expect(again.position('a')).toEqual({ paragraph: 4, offset: 120 });
    // Back at the top is no position at all.
    again.setPosition('a', { paragraph: 0, offset: 0 });
    expect(again.position('a')).toBeUndefined();
    again.close();

    const other = open('/archives/other');
    expect(other.isRead('a')).toBe(false);
    expect(other.isEmpty()).toBe(true);
    other.close();
  });

  it('marks all in one go, and undoes it', () => {
    const state = open('/archives/news');
    state.markRead('kept');
    state.markAllRead([{ id: 'x' }, { id: 'y', fingerprint: 'fp-y' }]);
    expect([...state.readIds()].sort()).toEqual(['kept', 'x', 'y']);
    state.markAllUnread(['x', 'y']);
    expect([...state.readIds()]).toEqual(['kept']);
    state.close();
  });

  it('a mark follows its article to a new name by fingerprint; a vanished article keeps its mark', () => {
    const state = open('/archives/news');
    state.markRead('old-name', 'fp-1');
    state.setPosition('old-name', { paragraph: 2, offset: 7 }, 'fp-1');
    state.markRead('gone', 'fp-2');
    const articles = new Map([['new-name', { id: 'new-name', fingerprint: 'fp-1' }]]);
    const lookup = {
      get: (id: string) => articles.get(id),
      withFingerprint: (fingerprint: string) => [...articles.values()].filter((a) => a.fingerprint === fingerprint),
    };
    expect(state.follow(lookup)).toEqual({ read: [['old-name', 'new-name']], positions: 1 });
    expect(state.isRead('new-name')).toBe(true);
    expect(state.position('new-name')).toEqual({ paragraph: 2, offset: 7 });
    expect(state.isRead('gone')).toBe(true);
    state.close();
  });

  it('a damaged file is kept aside with a message, and marks start afresh in a new file', () => {
    const file = readingStatePath('/archives/news', configDir);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const garbage = 'this is not a database '.repeat(200);
    fs.writeFileSync(file, garbage);

    const state = open('/archives/news');
    expect(state.notice).toMatch(/damaged: kept as .*\.damaged-/);
    state.markRead('a');
    state.close();

    const aside = fs.readdirSync(path.dirname(file)).filter((name) => name.includes('.damaged-'));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(path.dirname(file), aside[0]!), 'utf8')).toBe(garbage);
    const again = open('/archives/news');
    expect(again.notice).toBeUndefined();
    expect(again.isRead('a')).toBe(true);
    again.close();
  });

  it('a config folder that cannot be written leaves the marks in memory for the session, with a message', () => {
    const blocked = path.join(configDir, 'not-a-folder');
    fs.writeFileSync(blocked, '');
    const state = ReadingState.open(readingStatePath('/archives/news', blocked));
    expect(state.notice).toMatch(/cannot be saved.*kept until you quit/);
    state.markRead('a');
    expect(state.isRead('a')).toBe(true);
    state.close();
  });
});
