/**
 * `o` and `y` on an article's source URL, through the real App: a browser
 * that fails says so with the URL in view; `y` hands the URL (and only a
 * safe http(s) URL) to the terminal's clipboard and says it did.
 */
import { describe, expect, it, vi } from 'vitest';
import type { ReaderHost } from '../src/ui/session.js';
import { KEYS, mountApp } from './helpers/mount-app.js';
import { makeArchive, makeArticle } from './helpers/ui-fixtures.js';

const withUrl = makeArticle({ id: 'linked', headline: 'Ferry timetable changes', date: '2023-03-02', url: 'https://example.com/ferry?day=mon' });
const hostile = makeArticle({ id: 'hostile', headline: 'A link that is not one', date: '2023-03-01', url: 'javascript:alert(1)' });
const plain = makeArticle({ id: 'plain', headline: 'No link at all', date: '2023-02-01' });
const archive = makeArchive([withUrl, hostile, plain]);

describe('the source URL', () => {
  it('o: when the browser cannot open it, the status line says why and shows the URL', async () => {
    const openUrl = vi.fn(async () => 'xdg-open: not found');
    const ui = mountApp({ archive, openUrl }, { cols: 120, rows: 12 });
    await ui.press(KEYS.enter, (s) => s.includes('min read'), 'the article');
    await ui.press('o', (s) => s.includes('Could not open https://example.com/ferry?day=mon · xdg-open: not found'), 'the failure with the URL');
    expect(openUrl).toHaveBeenCalledWith('https://example.com/ferry?day=mon');
  });

  it('o: a browser that opened it leaves the status as it was; none at all is said too', async () => {
    const openUrl = vi.fn(async () => undefined);
    const ui = mountApp({ archive, openUrl }, { cols: 120, rows: 12 });
    await ui.press('o', (s) => s.includes('Opening https://example.com/ferry?day=mon'), 'opening');
    await vi.waitFor(() => expect(openUrl).toHaveBeenCalledTimes(1));
    expect(ui.text()).not.toContain('Could not');
    const none = mountApp({ archive }, { cols: 120, rows: 12 });
    await none.press('o', (s) => s.includes('No browser to open it with: https://example.com/ferry?day=mon'), 'no opener');
  });

  it('y copies the URL through the host (OSC 52) and says so, on the list, in the reader and in bookmarks', async () => {
    const copy = vi.fn<ReaderHost['copy']>();
    const ui = mountApp({ archive, host: { copy } }, { cols: 120, rows: 12 });
    await ui.press('y', (s) => s.includes('Copied the URL: https://example.com/ferry?day=mon'), 'copied from the list');
    await vi.waitFor(() => expect(copy).toHaveBeenLastCalledWith('https://example.com/ferry?day=mon'));
    await ui.press(KEYS.enter, (s) => s.includes('min read'), 'the article');
    await ui.press('j', () => true, 'a key to clear the status');
    await ui.press('y', (s) => s.includes('Copied the URL'), 'copied from the reader');
    await vi.waitFor(() => expect(copy).toHaveBeenCalledTimes(2));
    await ui.press('b', (s) => s.includes('Bookmarked'), 'bookmarked');
    await ui.press(KEYS.escape, (s) => s.includes('Ferry timetable') && !s.includes('min read'), 'the list');
    await ui.press('B', (s) => s.includes('1 bookmark'), 'the bookmarks');
    await ui.press('y', (s) => s.includes('Copied the URL'), 'copied from the bookmarks');
    await vi.waitFor(() => expect(copy).toHaveBeenCalledTimes(3));
  });

  it('y refuses anything but an http(s) URL, and says when there is none', async () => {
    const copy = vi.fn<ReaderHost['copy']>();
    const openUrl = vi.fn();
    const ui = mountApp({ archive, host: { copy }, openUrl }, { cols: 120, rows: 12 });
    await ui.press('j', () => ui.footer().includes('2/3'), 'the hostile one');
    await ui.press('y', (s) => s.includes('The source URL is not an http or https link: javascript:alert(1)'), 'refused');
    await ui.press('o', (s) => s.includes('not an http or https link'), 'refused to open too');
    await ui.press('j', () => ui.footer().includes('3/3'), 'the plain one');
    await ui.press('y', (s) => s.includes('This article has no source URL'), 'nothing to copy');
    expect(copy).not.toHaveBeenCalled();
    expect(openUrl).not.toHaveBeenCalled();
    // Without a terminal to write to (a host that cannot copy), it says so rather than pretend.
    const bare = mountApp({ archive }, { cols: 120, rows: 12 });
    await bare.press('y', (s) => s.includes('No terminal to copy with: https://example.com/ferry?day=mon'), 'no host');
  });
});
