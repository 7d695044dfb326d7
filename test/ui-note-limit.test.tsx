/**
 * A bookmark's note is never thrown away for being too long: the note line
 * says how much room is left and stops taking text at the library's limit,
 * so what Enter saves is what the line shows.
 */
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openLibrary } from '../src/library/index.js';
import { MAX_NOTE_LENGTH } from '../src/library/schema.js';
import { applyLineEdit, lineOf, roomLeft } from '../src/ui/line-edit.js';
import { KEYS, mountApp } from './helpers/mount-app.js';
import { makeArchive, makeArticle } from './helpers/ui-fixtures.js';
import { tempDir } from './helpers/tmp.js';

describe('a line with a limit', () => {
  it('takes what fits of a paste, cut between characters, and nothing once full', () => {
    const line = lineOf('ab', 6);
    expect(roomLeft(line)).toBe(4);
    // 👍🏽 is four UTF-16 units: after "cd" there is room for two, so it is left out whole.
    const typed = applyLineEdit(line, { kind: 'insert', text: 'cd👍🏽ef' });
    expect(typed).toEqual({ value: 'abcd', cursor: 4, max: 6 });
    const full = applyLineEdit(typed, { kind: 'insert', text: 'efgh' });
    expect(full.value).toBe('abcdef');
    expect(roomLeft(full)).toBe(0);
    expect(applyLineEdit(full, { kind: 'insert', text: 'x' })).toBe(full);
    // Deleting makes room again, and the limit stays with the line.
    const deleted = applyLineEdit(full, { kind: 'deleteBack' });
    expect(roomLeft(deleted)).toBe(1);
    expect(applyLineEdit(deleted, { kind: 'insert', text: 'xyz' }).value).toBe('abcdex');
    // Without a limit nothing is cut.
    expect(applyLineEdit(lineOf(''), { kind: 'insert', text: 'x'.repeat(2000) }).value).toHaveLength(2000);
  });
});

describe('the note line in the bookmarks view', () => {
  it('counts down, stops at the limit, and saves the whole note it shows', async () => {
    const article = makeArticle({ id: 'kept', headline: 'A story worth a long note', date: '2023-03-01' });
    const archive = makeArchive([article]);
    const { library } = openLibrary({ configDir: join(tempDir('broadsheet-note-'), 'lib') });
    library.addBookmark(article);
    const ui = mountApp({ archive, library }, { cols: 100, rows: 12 });
    await ui.press('B', (s) => s.includes('1 bookmark'), 'the bookmarks view');
    await ui.press('e', () => ui.footer().includes(`${MAX_NOTE_LENGTH} left`), 'the note line with its room');
    await ui.type('abc');
    expect(ui.footer()).toContain(`${MAX_NOTE_LENGTH - 3} left`);
    // A paste longer than the room: the line takes what fits and says it is full.
    const paste = 'word '.repeat(200);
    await ui.press(paste, () => ui.footer().includes(`full: ${MAX_NOTE_LENGTH} characters`), 'the line full');
    await ui.press('zzz', () => true, 'more typing');
    await ui.press(KEYS.enter, (s) => s.includes('Note saved'), 'saved');
    const expected = `abc${paste}`.slice(0, MAX_NOTE_LENGTH).trim();
    await vi.waitFor(() => expect(library.bookmarks()[0]?.note).toBe(expected));
    expect(ui.text()).not.toContain('Not saved');
  });
});
