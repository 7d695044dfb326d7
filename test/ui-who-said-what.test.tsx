/**
 * Who said what, in the reader: each quotation's speaker on screen (in the
 * margin when there is room, under the paragraph when not), the footer on
 * ]/[, the quotes panel, and the people view over the archive's index.
 */
import { describe, expect, it } from 'vitest';
import { analyseStore } from '../src/archive/analyse.js';
import { createEnv, currentFrame, initialState, modeOf, panelRows, reduce } from '../src/ui/state.js';
import type { Action, UiState } from '../src/ui/state.js';
import { layoutArticle } from '../src/ui/reader-doc.js';
import { pointedAt } from '../src/ui/app.js';
import { createTheme } from '../src/ui/theme.js';
import { widthOf } from '../src/ui/text.js';
import { KEYS, mountApp } from './helpers/mount-app.js';
import { makeArchive, makeArticle } from './helpers/ui-fixtures.js';

const story = makeArticle({
  id: 'talks',
  headline: 'Ministers meet over fishing rights',
  date: '2024-03-01',
  paragraphs: [
    'Foreign Minister Wang Yi met Sergei Lavrov in Moscow on Tuesday to discuss fishing quotas worth $4.5bn a year.',
    '“We have found common ground,” Wang said. “The talks were useful.”',
    'Lavrov was more cautious. “Nothing has been signed,” he told reporters, adding that 12 issues remained.',
    'Critics called the meeting “theatre”.',
  ],
});
const other = makeArticle({
  id: 'later',
  headline: 'Fishing deal signed',
  date: '2024-04-01',
  paragraphs: ['Sergei Lavrov signed the deal on Monday.', '“It is done,” Lavrov said.'],
});

/** Both articles in a store, analysed as the indexer's worker would (the texts come from the fixtures). */
function indexed() {
  const archive = makeArchive([story, other]);
  analyseStore(archive.db, { maxFileBytes: 1 << 20, read: (row) => archive.readText(archive.get(row.id)!) });
  return archive;
}

describe('speakers in the article', () => {
  const archive = makeArchive([story]);

  it('names each attributed quotation beside the line it ends on when the margin holds a name', () => {
    const doc = layoutArticle(archive, story, { width: 60, notes: 20 });
    const noted = doc.lines.filter((line) => line.note !== undefined).map((line) => line.note);
    expect(noted).toEqual(['Wang Yi', 'Sergei Lavrov']);
    expect(doc.lines.some((line) => line.kind === 'speaker')).toBe(false);
  });

  it('puts the names under the paragraph when there is no margin, never wider than the text', () => {
    const doc = layoutArticle(archive, story, { width: 40, notes: 0 });
    const labels = doc.lines.filter((line) => line.kind === 'speaker').map((line) => line.segments.map((s) => s.text).join(''));
    expect(labels.map((label) => label.trim())).toEqual(['— Wang Yi', '— Sergei Lavrov']);
    for (const label of labels) expect(widthOf(label)).toBeLessThanOrEqual(40);
    // An unattributed quotation ("theatre") says nothing rather than guess.
    expect(labels.join(' ')).not.toMatch(/Critics/);
  });

  it('says in the footer whose quotation ] landed on, and which figure with its sentence', () => {
    const doc = layoutArticle(archive, story, { width: 60, notes: 0 });
    const firstQuote = doc.highlights.find((h) => h.kind === 'quote')!;
    expect(pointedAt(doc, firstQuote.line)).toBe(`quote 1/${doc.quotes} · Wang Yi`);
    const figure = doc.highlights.find((h) => h.kind === 'figure' && h.text === '$4.5bn')!;
    expect(pointedAt(doc, figure.line)).toMatch(/^figure \d+\/\d+ · \$4\.5bn · Foreign Minister Wang Yi met Sergei Lavrov/);
    const theatre = doc.highlights.find((h) => h.text.includes('theatre'))!;
    expect(pointedAt(doc, theatre.line)).toBe(`quote ${doc.quotes}/${doc.quotes} · unattributed`);
  });

  it('draws the names in the margin on a wide screen and under the paragraph on a narrow one, in every theme', async () => {
    for (const theme of [createTheme(false, 'dark'), createTheme(false, 'light'), createTheme(true)]) {
      const wide = mountApp({ archive, theme }, { cols: 120, rows: 30 });
      const screen = await wide.press(KEYS.enter, (s) => s.includes('min read'), 'the article');
      const line = screen.split('\n').find((l) => l.includes('Wang said.'))!;
      expect(line).toMatch(/Wang said\. “The talks were useful\.”\s+— Wang Yi\s*$/);
      for (const l of screen.split('\n')) expect(widthOf(l)).toBeLessThanOrEqual(120);
      wide.instance.unmount();
      const narrow = mountApp({ archive, theme }, { cols: 60, rows: 30 });
      const text = await narrow.press(KEYS.enter, (s) => s.includes('min read'), 'the article');
      expect(text).toMatch(/^\s+— Wang Yi\s*$/m);
      for (const l of text.split('\n')) expect(widthOf(l)).toBeLessThanOrEqual(60);
      narrow.instance.unmount();
    }
  });
});

describe('the quotes panel', () => {
  const archive = makeArchive([story]);
  const env = createEnv(archive);
  const run = (state: UiState, ...actions: Action[]): UiState => actions.reduce((s, a) => reduce(s, a, env), state);

  it('groups quotations by speaker, most quoted first, then the unattributed, then the figures', () => {
    const doc = layoutArticle(archive, story, { width: 60, notes: 0 });
    const rows = panelRows(doc).map((row) => (row.kind === 'heading' ? `# ${row.text}` : row.text));
    expect(rows).toEqual([
      '# Wang Yi · 2',
      '“We have found common ground,”',
      '“The talks were useful.”',
      '# Sergei Lavrov · 1',
      '“Nothing has been signed,”',
      '# Unattributed · 1',
      '“theatre”',
      '# Figures · 2',
      '$4.5bn — Foreign Minister Wang Yi met Sergei Lavrov in Moscow on Tuesday to …',
      '12 issues — “Nothing has been signed,” he told reporters, adding that 12 issues remained.',
    ]);
  });

  it('w opens it over the article, Enter goes to the item in the text and points at it, Esc closes it', () => {
    const reading = run(initialState(80, 24), { type: 'open' });
    const panel = run(reading, { type: 'showPanel' });
    expect(modeOf(panel)).toBe('panel');
    const onLavrov = run(panel, { type: 'move', by: 4 });
    const back = run(onLavrov, { type: 'open' });
    expect(modeOf(back)).toBe('reader');
    const doc = env.doc(story, { width: 78, notes: 0 });
    const lavrov = doc.highlights.find((h) => h.speaker === 'Sergei Lavrov')!;
    expect(currentFrame(back)?.focus).toBe(lavrov.line);
    expect(modeOf(run(panel, { type: 'back' }))).toBe('reader');
  });
});

describe('the people view', () => {
  it('lists everyone quoted with counts, a person’s quotations newest first, and opens the article at the quotation', async () => {
    const archive = indexed();
    const ui = mountApp({ archive }, { cols: 100, rows: 20 });
    const people = await ui.press('P', (s) => s.includes('People ·') && s.includes('Sergei Lavrov'), 'the people view');
    const lines = people.split('\n');
    expect(lines[1]).toMatch(/^ Sergei Lavrov\s+2 quotes · 2 articles/);
    expect(lines[2]).toMatch(/^ Wang Yi\s+2 quotes · 1 article/);
    const quotes = await ui.press(KEYS.enter, (s) => s.includes('newest first') && s.includes('It is done'), 'Lavrov’s quotations');
    expect(quotes.split('\n')[1]).toContain('2024-04-01 “It is done,” · Fishing deal signed');
    expect(quotes.split('\n')[2]).toContain('2024-03-01 “Nothing has been signed,” · Ministers meet');
    await ui.press(KEYS.down, () => /2\/2\s*$/.test(ui.footer()), 'the second quotation');
    const reader = await ui.press(KEYS.enter, (s) => s.includes('min read'), 'the article');
    expect(reader).toContain('Ministers meet over fishing rights');
    expect(ui.footer()).toMatch(/quote \d+\/\d+ · Sergei Lavrov/);
    await ui.press(KEYS.escape, (s) => s.includes('newest first') && ui.footer().includes('Enter open at the quotation'), 'the quotations again');
    await ui.press(KEYS.escape, (s) => s.includes('People ·'), 'the people again');
    await ui.press(KEYS.escape, (s) => s.includes('Broadsheet ·'), 'the list');
  });
});
