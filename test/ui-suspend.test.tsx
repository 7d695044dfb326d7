/**
 * Ctrl-Z through the key map and the App: on every screen, in a text line
 * too, it asks the host to suspend (src/ui/run.tsx does it; see
 * test/e2e-suspend.test.ts for the terminal), and types nothing.
 */
import { describe, expect, it, vi } from 'vitest';
import { keyToAction, lineKeyToAction } from '../src/ui/keys.js';
import type { Mode } from '../src/ui/state.js';
import { KEYS, mountApp } from './helpers/mount-app.js';
import { makeArchive, makeArticle } from './helpers/ui-fixtures.js';

const archive = makeArchive([makeArticle({ id: 'a', headline: 'Alpha story', date: '2023-03-01' })]);
const CTRL_Z = '\u001a';

describe('Ctrl-Z', () => {
  it('is suspend on every screen and in every text line', () => {
    for (const mode of ['list', 'search', 'bookmarks', 'people', 'reader', 'panel', 'help', 'report'] as Mode[]) {
      expect(keyToAction('z', { ctrl: true }, mode), mode).toEqual({ type: 'suspend' });
    }
    for (const line of ['search', 'find', 'note'] as const) expect(lineKeyToAction('z', { ctrl: true }, line)).toEqual({ type: 'suspend' });
  });

  it('asks the host to suspend, from the list and from the search line, and types nothing', async () => {
    const suspend = vi.fn();
    const ui = mountApp({ archive, host: { copy: vi.fn(), suspend } });
    ui.instance.stdin.write(CTRL_Z);
    await vi.waitFor(() => expect(suspend).toHaveBeenCalledTimes(1));
    await ui.press('/', () => ui.footer().includes('/'), 'the search line');
    await ui.type('al');
    ui.instance.stdin.write(CTRL_Z);
    await vi.waitFor(() => expect(suspend).toHaveBeenCalledTimes(2));
    await ui.type('p');
    expect(ui.footer()).toContain('alp');
    expect(ui.footer()).not.toMatch(/alz|alp?z/);
    await ui.press(KEYS.escape, (s) => s.includes('newest first'), 'the list');
  });

  it('says so where there is no terminal to give back', async () => {
    const ui = mountApp({ archive });
    await ui.press(CTRL_Z, (s) => s.includes('Ctrl-Z does nothing here'), 'the message');
  });
});
