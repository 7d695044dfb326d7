/** Ctrl+letter is not the letter: only the Ctrl keys the help lists do anything. */
import { describe, expect, it, vi } from 'vitest';
import { KEY_GROUPS } from '../src/ui/help.js';
import { keyToAction } from '../src/ui/keys.js';
import type { Mode } from '../src/ui/state.js';
import { mountApp } from './helpers/mount-app.js';
import { makeArchive, makeArticle } from './helpers/ui-fixtures.js';

/** The Ctrl keys the help lists for every screen (`Ctrl-f`…), by letter. */
const listedEverywhere = new Set(
  KEY_GROUPS.filter((g) => g.title === 'Everywhere').flatMap((g) => g.keys.flatMap((k) => [...k.keys.matchAll(/Ctrl-([a-z])/g)].map((m) => m[1]!))),
);
const LETTERS = [...'abcdefghijklmnopqrstuvwxyz'];
const MODES: Mode[] = ['list', 'reader', 'bookmarks', 'help', 'report'];

describe('the key map', () => {
  it('gives an action to a Ctrl+letter only when the help lists it', () => {
    expect([...listedEverywhere].sort()).toEqual(['b', 'c', 'd', 'f', 'u', 'z']);
    for (const mode of MODES) {
      const acting = LETTERS.filter((letter) => keyToAction(letter, { ctrl: true }, mode) !== undefined);
      expect(acting, mode).toEqual(LETTERS.filter((letter) => listedEverywhere.has(letter)));
    }
  });
});

describe('in the reader', () => {
  const articles = [
    makeArticle({ id: 'a', headline: 'Alpha story', date: '2023-03-01', url: 'https://example.com/a' }),
    makeArticle({ id: 'b', headline: 'Beta story', date: '2023-02-01' }),
  ];
  const archive = makeArchive(articles);

  it('Ctrl-Q does not quit, Ctrl-S does not sort, Ctrl-O opens nothing, Ctrl-B does not bookmark', async () => {
    const openUrl = vi.fn();
    const ui = mountApp({ archive, openUrl });
    for (const key of ['\u0011', '\u0013', '\u000f', '\u0002', '\u0015']) ui.instance.stdin.write(key);
    // Keys are handled in order: once j has moved the cursor, every Ctrl key before it was handled.
    await ui.press('j', (s) => s.includes('2/2'), 'j to move');
    expect(ui.onQuit).not.toHaveBeenCalled();
    expect(openUrl).not.toHaveBeenCalled();
    expect(ui.text()).toContain('newest first');
    expect(ui.text()).not.toMatch(/Bookmarked|Marked as/);
  });

  it('Ctrl-N and Ctrl-Q in an article neither move to the next article nor go back', async () => {
    const ui = mountApp({ archive });
    await ui.press('\r', (s) => s.includes('min read'), 'the article');
    ui.instance.stdin.write('\u000e');
    ui.instance.stdin.write('\u0011');
    await ui.press('?', (s) => s.includes('Keys'), 'the help');
    await ui.press('\u001b', (s) => s.includes('min read'), 'back in the article');
    expect(ui.text()).toContain('Alpha story');
  });
});
