/**
 * `|` and `v` in the reader, through the real App: the pager is handed the
 * article as `broadsheet show` prints it at the reader's measure (no colour
 * in the mono theme), the editor the article's file; a changed file is read
 * again at once, and without a terminal to hand over it says so.
 */
import { describe, expect, it, vi } from 'vitest';
import type { ReaderHost } from '../src/ui/session.js';
import { KEYS, mountApp } from './helpers/mount-app.js';
import { makeArchive, makeArticle } from './helpers/ui-fixtures.js';

// Colour on, whatever the terminal running the tests says: the first `|` is in the dark theme's colours.
vi.hoisted(() => {
  delete process.env.NO_COLOR;
});

const story = makeArticle({
  id: 'ferry',
  headline: 'Ferry timetable changes',
  date: '2023-03-02',
  paragraphs: ['The summer timetable starts in May, with two more sailings a day on the island route and a later last boat home.', 'Second paragraph.'],
});
const archive = makeArchive([story]);

describe('the pager and the editor', () => {
  it('| pipes the article to the pager as show prints it, at the measure on screen, in the theme\'s colours; v hands the editor its file', async () => {
    const page = vi.fn<NonNullable<ReaderHost['page']>>(() => undefined);
    const edit = vi.fn<NonNullable<ReaderHost['edit']>>(() => ({ changed: false }));
    const ui = mountApp({ archive, host: { copy: () => {}, page, edit } }, { cols: 60, rows: 12 });
    await ui.press(KEYS.enter, (s) => s.includes('min read'), 'the article');
    await ui.press('|', () => page.mock.calls.length === 1, 'the pager called');
    const coloured = page.mock.calls[0]![0];
    // The theme's colours as show draws them (SGR only): the headline in bold.
    expect(coloured.split('\n')[0]).toBe('\u001b[1mFerry timetable changes\u001b[22m');
    await ui.press('T', (s) => s.includes('Theme: light'), 'light');
    await ui.press('T', (s) => s.includes('Theme: mono'), 'mono');
    await ui.press('|', () => page.mock.calls.length === 2, 'the pager called again');
    const text = page.mock.calls[1]![0];
    // Mono: not one escape code; wrapped at the reader's measure, never wider than the screen.
    expect(text).not.toContain('\u001b');
    expect(text.split('\n')[0]).toBe('Ferry timetable changes');
    const lines = text.split('\n');
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(60);
    expect(lines.filter((line) => line.startsWith('The summer timetable')).length).toBe(1);
    expect(text).toContain('Second paragraph.');
    await ui.press('v', (s) => s.includes('The file did not change'), 'the editor called');
    expect(edit).toHaveBeenCalledWith('/home/reader/news/ferry.txt');
  });

  it('says why the pager could not show it, and where there is no terminal to give', async () => {
    const page = vi.fn<NonNullable<ReaderHost['page']>>(() => 'could not start the pager (most): not found');
    const ui = mountApp({ archive, host: { copy: () => {}, page } }, { cols: 80, rows: 12 });
    await ui.press(KEYS.enter, (s) => s.includes('min read'), 'the article');
    await ui.press('|', (s) => s.includes('Not shown: could not start the pager (most): not found'), 'the failure');
    await ui.press('v', (s) => s.includes('No editor here: no terminal to give it'), 'no editor');
    const bare = mountApp({ archive }, { cols: 80, rows: 12 });
    await bare.press(KEYS.enter, (s) => s.includes('min read'), 'the article');
    await bare.press('|', (s) => s.includes('No pager here: no terminal to give it'), 'no pager');
  });
});
