/**
 * The help lists every key that works, where it works, and nothing that does
 * not: every key a user can press is put through the key map of every
 * screen, and what acts there must be in that screen's help (and what the
 * help lists must act). The README's table is the help's (readme.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { KEY_GROUPS } from '../src/ui/help.js';
import { keyToAction, lineKeyToAction } from '../src/ui/keys.js';
import type { KeyInfo, LineKind } from '../src/ui/keys.js';
import type { Mode } from '../src/ui/state.js';

/** A key as the help writes it, with what Ink reports for it. */
interface Press {
  name: string;
  input: string;
  key: KeyInfo;
}

const SPECIAL: Press[] = [
  { name: 'Enter', input: '\r', key: { return: true } },
  { name: 'Esc', input: '', key: { escape: true } },
  { name: 'Tab', input: '\t', key: { tab: true } },
  { name: 'Backspace', input: '', key: { delete: true } },
  { name: '↓', input: '', key: { downArrow: true } },
  { name: '↑', input: '', key: { upArrow: true } },
  { name: '←', input: '', key: { leftArrow: true } },
  { name: '→', input: '', key: { rightArrow: true } },
  { name: 'PgDn', input: '', key: { pageDown: true } },
  { name: 'PgUp', input: '', key: { pageUp: true } },
  { name: 'Home', input: '', key: { home: true } },
  { name: 'End', input: '', key: { end: true } },
  { name: 'Space', input: ' ', key: {} },
];

/** Every key: the printable ASCII characters, the special keys, and Ctrl with each letter. */
const EVERY_KEY: Press[] = [
  ...Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i)).map((char) => ({ name: char, input: char, key: {} })),
  ...SPECIAL,
  ...'abcdefghijklmnopqrstuvwxyz'.split('').map((letter) => ({ name: `Ctrl-${letter}`, input: letter, key: { ctrl: true } })),
];

/** The help groups that describe each screen. */
const GROUPS_OF: Record<Exclude<Mode, 'search'>, string[]> = {
  list: ['Everywhere', 'Article list'],
  sections: ['Everywhere', 'Sections'],
  reader: ['Everywhere', 'Reader'],
  panel: ['Everywhere', 'Who said what'],
  people: ['Everywhere', 'People'],
  bookmarks: ['Everywhere', 'Bookmarks'],
  help: ['Everywhere', 'Help and report'],
  report: ['Everywhere', 'Help and report'],
  confirm: ['Questions'],
};
const LINE_GROUPS: Record<LineKind, string[]> = {
  search: ['Search line', 'Text lines'],
  find: ['Text lines'],
  note: ['Text lines'],
};

/** The keys documented in these groups, by the names the help writes (`1 – 9` is each digit). */
function documented(groups: readonly string[]): { names: Set<string>; anyKey: boolean } {
  const names = new Set<string>();
  let anyKey = false;
  for (const group of KEY_GROUPS.filter((g) => groups.includes(g.title))) {
    for (const entry of group.keys) {
      if (entry.keys === 'any other key') anyKey = true;
      for (const part of entry.keys.split(' / ')) {
        const range = /^(\d) – (\d)$/.exec(part);
        if (range) for (let d = Number(range[1]); d <= Number(range[2]); d++) names.add(String(d));
        else names.add(part);
      }
    }
  }
  return { names, anyKey };
}

/** What a key does on a screen: undefined when nothing (an unknown key is told so, which is not acting). */
function acts(press: Press, mode: Exclude<Mode, 'search'>): boolean {
  const action = keyToAction(press.input, press.key, mode);
  return action !== undefined && action.type !== 'unknownKey';
}

describe('every key that acts is in the help of the screen it acts on', () => {
  it('has a help group for every screen, and every help group belongs to one', () => {
    const used = new Set([...Object.values(GROUPS_OF).flat(), ...Object.values(LINE_GROUPS).flat()]);
    expect(KEY_GROUPS.map((g) => g.title).filter((title) => !used.has(title))).toEqual([]);
  });

  it.each(Object.keys(GROUPS_OF) as Array<Exclude<Mode, 'search'>>)('%s', (mode) => {
    const { names, anyKey } = documented(GROUPS_OF[mode]);
    const undocumented = EVERY_KEY.filter((press) => acts(press, mode) && !names.has(press.name) && !anyKey).map((press) => press.name);
    expect(undocumented).toEqual([]);
  });

  it.each(Object.keys(LINE_GROUPS) as LineKind[])('the %s line', (line) => {
    const { names } = documented(LINE_GROUPS[line]);
    // Typing a character is what a text line is for; the keys that do something else must be in the help.
    const special = EVERY_KEY.filter((press) => {
      const action = lineKeyToAction(press.input, press.key, line);
      return action !== undefined && !(action.type === 'lineEdit' && action.edit.kind === 'insert');
    });
    expect(special.map((press) => press.name).filter((name) => !names.has(name))).toEqual([]);
  });
});

describe('every key the help lists acts where it says', () => {
  const pressOf = new Map(EVERY_KEY.map((press) => [press.name, press]));

  it.each(Object.keys(GROUPS_OF).filter((mode) => mode !== 'confirm') as Array<Exclude<Mode, 'search'>>)('%s', (mode) => {
    const { names } = documented(GROUPS_OF[mode]);
    const idle = [...names].filter((name) => {
      const press = pressOf.get(name);
      expect(press, `the help names a key the test does not know: ${name}`).toBeDefined();
      return !acts(press!, mode);
    });
    expect(idle).toEqual([]);
  });

  it.each(Object.keys(LINE_GROUPS) as LineKind[])('the %s line', (line) => {
    const { names } = documented(LINE_GROUPS[line]);
    // `?` and the result keys are the search line's own.
    const own = line === 'search' ? names : new Set([...names].filter((name) => !documented(['Search line']).names.has(name) || documented(['Text lines']).names.has(name)));
    const idle = [...own].filter((name) => lineKeyToAction(pressOf.get(name)!.input, pressOf.get(name)!.key, line) === undefined);
    expect(idle).toEqual([]);
  });
});
