/**
 * Bookmarks, read state, reading positions and settings through the real App
 * and a real library in a temp folder: what the user sees, and what is saved.
 */
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReadingState } from '../src/library/reading-state.js';
import { describe, expect, it, vi } from 'vitest';
import { openLibrary } from '../src/library/index.js';
import type { Library } from '../src/library/index.js';
import { widthOf } from '../src/ui/text.js';
import { KEYS, mountApp } from './helpers/mount-app.js';
import { longParagraphs, makeArchive, makeArticle } from './helpers/ui-fixtures.js';
import { tempDir } from './helpers/tmp.js';

const root = tempDir('broadsheet-ui-library-');
let dirs = 0;
function freshLibrary(): Library {
  return openLibrary({ configDir: join(root, `lib-${dirs++}`) }).library;
}


function mount(props: Parameters<typeof mountApp>[0], size = { cols: 100, rows: 14 }) {
  return mountApp(props, size);
}

const newest = makeArticle({ id: 'newest', headline: 'Harbour reopens after storm', date: '2023-03-01' });
const middle = makeArticle({ id: 'middle', headline: 'Bakery chain adds forty shops', date: '2023-02-01' });
const long = makeArticle({ id: 'long', headline: 'A long read about ferries', date: '2023-01-01', paragraphs: longParagraphs(30) });
const archive = makeArchive([newest, middle, long]);
const row = (ui: { lines: () => string[] }, headline: string): string => ui.lines().find((l) => l.includes(headline)) ?? '';

describe('bookmarks', () => {
  it('b bookmarks the selected row with a * mark and says so; b again removes it; both are saved', async () => {
    const library = freshLibrary();
    const ui = mount({ archive, library });
    await ui.press(KEYS.down, () => ui.footer().includes('2/3'), 'second row');
    await ui.press('b', (s) => s.includes('Bookmarked: Bakery chain'), 'feedback');
    expect(row(ui, 'Bakery chain')).toMatch(/^\*N /);
    await vi.waitFor(() => expect(library.isBookmarked('middle')).toBe(true));
    await ui.press('b', (s) => s.includes('Bookmark removed'), 'removed');
    expect(row(ui, 'Bakery chain')).toMatch(/^ N /);
    await vi.waitFor(() => expect(library.isBookmarked('middle')).toBe(false));
  });

  it('b in the reader bookmarks the open article', async () => {
    const library = freshLibrary();
    const ui = mount({ archive, library });
    await ui.press(KEYS.enter, (s) => s.includes('min read'), 'reader');
    await ui.press('b', (s) => s.includes('Bookmarked: Harbour reopens') && s.includes('* bookmarked'), 'feedback and mark');
    await vi.waitFor(() => expect(library.isBookmarked('newest')).toBe(true));
  });

  it('B lists bookmarks newest first with missing ones marked; Enter opens, d removes, e saves a note, Esc cancels one', async () => {
    const library = freshLibrary();
    const gone = makeArticle({ id: 'gone', headline: 'An article since deleted', date: '2022-01-01' });
    library.addBookmark(gone);
    library.addBookmark(long);
    library.addBookmark(newest);
    const ui = mount({ archive, library });
    const view = await ui.press('B', (s) => s.includes('3 bookmarks'), 'the bookmarks view');
    const rows = view.split('\n').slice(1, 4);
    expect(rows[0]).toContain('Harbour reopens');
    expect(rows[1]).toContain('A long read');
    expect(rows[2]).toContain('(missing) An article since deleted');

    // Notes: Enter saves, Esc leaves the note as it was.
    await ui.press('e', () => ui.footer().includes('Note:'), 'the note line');
    await ui.type('read again');
    await ui.press(KEYS.enter, (s) => s.includes('Note saved'), 'saved');
    expect(row(ui, 'Harbour reopens')).toContain('— read again');
    await vi.waitFor(() => expect(library.bookmarks().find((b) => b.id === 'newest')?.note).toBe('read again'));
    await ui.press('a', () => ui.footer().includes('Note:'), 'the note line again');
    await ui.type('x');
    await ui.press(KEYS.escape, (s) => s.includes('Note not changed'), 'cancelled');
    expect(library.bookmarks().find((b) => b.id === 'newest')?.note).toBe('read again');

    // A missing article cannot be opened; it can be removed.
    await ui.press('G', () => ui.footer().includes('3/3'), 'the missing one');
    await ui.press(KEYS.enter, (s) => s.includes('not in this archive any more'), 'refused');
    await ui.press('d', (s) => s.includes('Removed bookmark: An article since deleted') && s.includes('2 bookmarks'), 'removed');
    await vi.waitFor(() => expect(library.isBookmarked('gone')).toBe(false));

    // Enter opens, back returns to the bookmarks view.
    await ui.press('g', () => ui.footer().includes('1/2'), 'the first');
    await ui.press(KEYS.enter, (s) => s.includes('min read') && s.includes('Harbour reopens'), 'the article');
    await ui.press(KEYS.escape, (s) => s.includes('2 bookmarks'), 'the bookmarks again');
    await ui.press('x', (s) => s.includes('Removed bookmark: Harbour') && s.includes('1 bookmark '), 'x removes too');
    await ui.press(KEYS.escape, (s) => s.includes('Broadsheet · news'), 'the list');
    expect(row(ui, 'A long read')).toMatch(/^\*/);
    expect(row(ui, 'Harbour reopens')).not.toMatch(/^\*/);
  });
});

describe('read state', () => {
  it('opening marks read (saved in the archive\'s reading state), u toggles unread on the list and in the reader, and the header counts unread', async () => {
    const library = freshLibrary();
    const reading = ReadingState.open(join(tempDir('broadsheet-reading-'), 'reading.db'));
    const ui = mount({ archive, library, reading });
    expect(ui.lines()[0]).toContain('3 articles · 3 unread');
    await ui.press(KEYS.enter, (s) => s.includes('min read'), 'reader');
    await ui.press(KEYS.escape, (s) => s.includes('2 unread'), 'one read');
    expect(row(ui, 'Harbour reopens')).toMatch(/^ {3}2023/);
    await vi.waitFor(() => expect(reading.isRead('newest')).toBe(true));
    await ui.press('u', (s) => s.includes('Marked as unread') && s.includes('3 unread'), 'unread again');
    expect(row(ui, 'Harbour reopens')).toMatch(/^ N/);
    await vi.waitFor(() => expect(reading.isRead('newest')).toBe(false));
    await ui.press('u', (s) => s.includes('Marked as read') && s.includes('2 unread'), 'read again');
    await ui.press(KEYS.enter, (s) => s.includes('min read'), 'reader');
    await vi.waitFor(() => expect(reading.isRead('newest')).toBe(true));
    await ui.press('u', (s) => s.includes('Marked as unread'), 'unread from the reader');
    await vi.waitFor(() => expect(reading.isRead('newest')).toBe(false));
    // Not in the library file: marking read never rewrites it.
    expect(library.readIds().size).toBe(0);
  });

  it('starts with what the reading state remembers as read', () => {
    const library = freshLibrary();
    const reading = ReadingState.open(undefined);
    reading.markRead('middle');
    const ui = mount({ archive, library, reading });
    expect(ui.lines()[0]).toContain('2 unread');
    expect(row(ui, 'Bakery chain')).toMatch(/^ {3}2023/);
  });
});

describe('reading position and settings', () => {
  it('saves where an article was left, only on leaving, and reopens it there', async () => {
    const library = freshLibrary();
    const reading = ReadingState.open(join(tempDir('broadsheet-reading-'), 'reading.db'));
    const first = mount({ archive, library, reading });
    await first.press('G', () => first.footer().includes('3/3'), 'the long article');
    await first.press(KEYS.enter, (s) => s.includes('A long read'), 'reader');
    // 11 rows of text, a page keeps one: the second page starts at line 11.
    await first.press(KEYS.pageDown, () => first.footer().includes(' 11-21/'), 'a page down');
    await new Promise((r) => setTimeout(r, 50));
    expect(reading.position('long')).toBeUndefined(); // scrolling alone writes nothing
    await first.press(KEYS.escape, (s) => s.includes('Broadsheet'), 'the list');
    await vi.waitFor(() => expect(reading.position('long')).toBeDefined());
    first.instance.unmount();

    const second = mount({ archive, library, reading });
    await second.waitFor(() => second.footer().includes('3/3'), 'the last selected article selected again');
    await second.press(KEYS.enter, (s) => s.includes('Back where you left off'), 'resumed');
    expect(second.footer()).toContain(' 11-21/');
  });

  it('remembers the sort order and the selected article across sessions', async () => {
    const library = freshLibrary();
    const first = mount({ archive, library });
    await first.press('s', (s) => s.includes('title A–Z'), 'title order');
    await vi.waitFor(() => expect(library.get('sort')).toBe('title'));
    // The sort keeps Harbour… selected, now last; one up is Bakery….
    await first.press('k', () => first.footer().includes('2/3'), 'second row');
    first.instance.stdin.write('q');
    await vi.waitFor(() => expect(first.onQuit).toHaveBeenCalledTimes(1));
    expect(library.get('lastSelected')).toBe('middle'); // A long…, Bakery…, Harbour…
    first.instance.unmount();

    const second = mount({ archive, library });
    expect(second.lines()[0]).toContain('title A–Z');
    expect(second.footer()).toContain('2/3');
    expect(second.lines()[2]).toContain('Bakery chain');
  });

  it('uses the maxWidth setting for the reading measure', async () => {
    const library = freshLibrary();
    library.set('maxWidth', 40);
    const ui = mount({ archive, library }, { cols: 120, rows: 14 });
    await ui.press('G', () => ui.footer().includes('3/3'), 'the long article');
    await ui.press(KEYS.enter, (s) => s.includes('Lorem'), 'reader');
    const body = ui.lines().filter((l) => l.includes('Lorem'));
    expect(body.length).toBeGreaterThan(0);
    for (const line of body) expect(widthOf(line.trim())).toBeLessThanOrEqual(40);
  });

  it('shows library warnings in the status line on start', () => {
    const configDir = mkdtempSync(join(tmpdir(), 'broadsheet-ui-corrupt-'));
    writeFileSync(join(configDir, 'config.json'), '{ not json');
    const { library, warnings } = openLibrary({ configDir });
    const ui = mount({ archive, library, notices: warnings });
    expect(ui.footer()).toContain('could not be read');
  });

  it('works without a library, for the session only', async () => {
    const ui = mount({ archive, notices: ['Bookmarks and reading state are off: cannot open the library (EACCES)'] });
    expect(ui.footer()).toContain('Bookmarks and reading state are off');
    await ui.press('b', (s) => s.includes('Bookmarked'), 'bookmarked in memory');
    await ui.press('B', (s) => s.includes('1 bookmark '), 'listed');
  });
});
