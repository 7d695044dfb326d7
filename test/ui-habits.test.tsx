/**
 * Sections, unread and file dates through the real App (ink-testing-library)
 * and, for marking read, a real reading state on disk: what the user sees and what is saved.
 */
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ReadingState } from '../src/library/reading-state.js';
import { KEYS, mountApp } from './helpers/mount-app.js';
import { makeArchive, makeArticle } from './helpers/ui-fixtures.js';
import { tempDir } from './helpers/tmp.js';

const root = tempDir('broadsheet-ui-habits-');

const article = (section: string, n: number, date: string, headline: string) =>
  makeArticle({ id: `${section}/${n}`, relPath: `${section}/${n}.txt`, headline, date, paragraphs: [`${headline}: the lead.`, 'More.'] });

const archive = makeArchive([
  article('sport', 1, '2023-03-05', 'Marathon start moved'),
  article('business', 1, '2023-03-04', 'Grocers report busy season'),
  article('sport', 2, '2023-03-03', 'Junior sprint record falls'),
  article('world', 1, '2023-03-02', 'Ferry strike ends'),
  makeArticle({ id: 'undated', relPath: 'undated.txt', headline: 'A file with no date of its own', date: '2026-11-30', dateOrigin: 'mtime' }),
]);
const row = (ui: { lines: () => string[] }, text: string): string => ui.lines().find((line) => line.includes(text)) ?? '';

describe('sections on screen', () => {
  it('c lists the sections with their counts; Enter shows one; / then searches only there', async () => {
    const ui = mountApp({ archive }, { cols: 90, rows: 14 });
    const picker = await ui.press('c', (s) => s.includes('Sections · news'), 'the section picker');
    expect(picker).toMatch(/All sections +5 articles/);
    expect(picker).toMatch(/business +1 article\b/);
    expect(picker).toMatch(/sport +2 articles/);
    expect(picker).toContain('· 1 at the top');
    await ui.press('j', () => ui.footer().includes('2/4'), 'business');
    await ui.press('j', () => ui.footer().includes('3/4'), 'sport');
    const list = await ui.press(KEYS.enter, (s) => s.includes('Broadsheet · news › sport'), 'the sport list');
    expect(list).toContain('2 articles · 2 unread');
    expect(list).toContain('Marathon start moved');
    expect(list).not.toContain('Grocers');
    await ui.press('/', (s) => s.includes('Search · news › sport'), 'the search in sport');
    await ui.type('lead');
    await ui.waitFor(() => ui.footer().includes('1/2 matches'), 'the sport results only');
    expect(ui.text()).not.toContain('Grocers');
  });
});

describe('unread on screen', () => {
  it('Tab selects the next unread row, U hides the read ones, A asks and marks the rest read in the reading state', async () => {
    const reading = ReadingState.open(join(root, 'reading.db'));
    reading.markRead('business/1');
    const ui = mountApp({ archive, reading }, { cols: 90, rows: 14 });
    await ui.waitFor((s) => s.includes('5 articles · 4 unread'), 'the list');
    // Tab twice: past the read Grocers row.
    await ui.press('\t', () => ui.footer().includes('2/5'), 'the next unread');
    await ui.press('\t', () => ui.footer().includes('4/5'), 'the unread after it, past the read row');
    await ui.press('U', (s) => s.includes('only unread'), 'only unread');
    expect(ui.text()).not.toContain('Grocers');
    expect(row(ui, 'Junior sprint')).toMatch(/^ N /);
    const many = vi.spyOn(reading, 'markAllRead');
    const one = vi.spyOn(reading, 'markRead');
    await ui.press('A', () => ui.footer().includes('Mark 4 unread articles as read? y/n'), 'the question');
    await ui.press('y', (s) => s.includes('Marked 4 articles as read') && s.includes('No unread articles here'), 'marked');
    await vi.waitFor(() => expect(reading.isRead('undated')).toBe(true));
    expect([...reading.readIds()].sort()).toEqual(['business/1', 'sport/1', 'sport/2', 'undated', 'world/1']);
    // One transaction for all four, none one by one.
    expect(many).toHaveBeenCalledTimes(1);
    expect(one).not.toHaveBeenCalled();
    // Saved: a new session over the same file starts with them read.
    const again = ReadingState.open(join(root, 'reading.db'));
    expect(again.readIds().size).toBe(5);
    again.close();
    await ui.press('U', (s) => s.includes('5 articles · 0 unread'), 'every article again');
  });
});

describe('dates from a file\'s time on screen', () => {
  it('are marked ~ before the date; S sorts them last', async () => {
    const ui = mountApp({ archive }, { cols: 90, rows: 14 });
    await ui.waitFor((s) => s.includes('A file with no date'), 'the list');
    expect(row(ui, 'A file with no date')).toMatch(/^ N~2026-11-30 /);
    expect(row(ui, 'Marathon start moved')).toMatch(/^ N 2023-03-05 /);
    expect(ui.lines()[1]).toContain('A file with no date');
    await ui.press('S', (s) => s.includes('newest first, file dates last'), 'the order with file dates last');
    expect(ui.lines()[1]).toContain('Marathon start moved');
    expect(ui.lines()[5]).toContain('A file with no date');
  });
});
