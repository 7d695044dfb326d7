/**
 * End to end, the built CLI in a pseudo-terminal over the bundled sample
 * archive: the seed article shows who spoke each quotation, `w` lists them by
 * speaker and goes to one, and `P` finds the same person across the archive
 * and opens the article at the quotation.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawnCli, waitForExit } from './helpers/pty.js';
import type { PtySession } from './helpers/pty.js';
import { ARTICLES } from './helpers/paths.js';

const sessions: PtySession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.dispose();
});

const onScreen = (text: string) => (lines: string[]) => lines.some((line) => line.includes(text));
/** The list, every article indexed (a first run: the index is built behind it). */
const indexed = (lines: string[]): boolean => / [1-9][\d,]* articles · /.test(lines[0] ?? '') && !/listing|indexing/.test(lines[0] ?? '');
/** The footer: the UI is one row shorter than the terminal, so it is the last line drawn. */
const footerOf = (lines: string[]): string => lines.filter((line) => line.trim() !== '').at(-1) ?? '';

describe('who said what, in a terminal', () => {
  it('names the speakers in the seed article, lists them with w, and finds Wang Yi across the archive with P', async () => {
    const s = spawnCli(['--archive', ARTICLES], { cols: 120, rows: 30 });
    sessions.push(s);
    await s.waitFor(indexed, 'the list, indexed');
    // The quotations are found behind the list; the people view lists what is done.
    s.write('P');
    const people = await s.waitFor((l) => onScreen('People ·')(l) && onScreen('Wang Yi')(l) && !onScreen('read so far')(l), 'the people view, every article analysed', 20_000);
    const wang = people.findIndex((line) => line.includes('Wang Yi'));
    expect(people[wang]).toMatch(/Wang Yi\s+\d+ quotes · 1 article/);
    for (let i = 1; i < wang; i++) s.write('j');
    await s.waitFor((l) => footerOf(l).trim().startsWith('Enter their quotations') && footerOf(l).includes(` ${wang}/`), 'Wang Yi selected');
    s.write('\r');
    const quotes = await s.waitFor(onScreen('Enter open at the quotation'), 'Wang Yi’s quotations');
    expect(quotes[0]).toMatch(/^ (Wang Yi|.*) · articles/);
    s.write('\r');
    const article = await s.waitFor((l) => onScreen('min read')(l) && /quote 1\/\d+ · Wang Yi/.test(footerOf(l)), 'the seed article at the quotation');
    expect(article.join('\n')).toContain('Rock Solid');
    // The speaker beside the quotation, and the footer naming it.
    expect(article.some((line) => /”\s+— Wang Yi$/.test(line) || /\s— Wang Yi$/.test(line))).toBe(true);
    expect(footerOf(article)).toMatch(/quote 1\/\d+ · Wang Yi/);
    s.write('w');
    const panel = await s.waitFor(onScreen('Who said what ·'), 'the quotes panel');
    expect(panel[1]).toMatch(/^ Wang Yi · \d+/);
    expect(panel.some((line) => /^ Figures · \d+/.test(line))).toBe(true);
    s.write('j');
    s.write('j');
    s.write('\r');
    const back = await s.waitFor((l) => onScreen('min read')(l) && /quote 2\/\d+ · Wang Yi/.test(footerOf(l)), 'the second quotation');
    expect(back.some((line) => line.includes('>'))).toBe(true);
    s.write('\u0003');
    expect((await waitForExit(s)).exitCode).toBe(0);
  }, 40_000);

  it('puts the names under the paragraph in a narrow terminal, never past its width', async () => {
    const s = spawnCli(['--archive', ARTICLES], { cols: 60, rows: 30 });
    sessions.push(s);
    await s.waitFor(indexed, 'the list, indexed');
    s.write('/');
    for (const char of 'rock solid') s.write(char);
    await s.waitFor(onScreen('China-Russia Relations'), 'the seed in the results');
    s.write('\r');
    const article = await s.waitFor(onScreen('min read'), 'the seed article');
    const label = article.find((line) => /^\s+— Wang Yi$/.test(line));
    expect(label).toBeDefined();
    s.write('\u0003');
    expect((await waitForExit(s)).exitCode).toBe(0);
  });
});
