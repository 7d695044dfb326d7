/**
 * The people index from the command line: `people` lists everyone quoted,
 * most quoted first; `quotes --speaker NAME` finds a person as they would be
 * typed, across the archive, newest first.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { QUOTE_TEXT_KEPT } from '../src/archive/analyse.js';
import { ARTICLES, CLI, CORPUS } from './helpers/paths.js';
import { has } from './helpers/needs.js';
import { tempDir } from './helpers/tmp.js';

const cacheDir = tempDir('broadsheet-people-cache-');

function run(archive: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [CLI, '--archive', archive, ...args], {
    encoding: 'utf8',
    env: { ...process.env, BROADSHEET_CACHE_DIR: cacheDir, BROADSHEET_CONFIG_DIR: tempDir('broadsheet-people-config-') },
  });
}

describe('people and quotes --speaker', () => {
  it('lists everyone the sample articles quote, most quoted first, and finds Wang Yi however he is typed', () => {
    const people = JSON.parse(run(ARTICLES, ['people', '--json']).stdout).data as Array<{ name: string; quotes: number; articles: number }>;
    expect(people.length).toBeGreaterThan(3);
    for (let i = 1; i < people.length; i++) expect(people[i - 1]!.quotes).toBeGreaterThanOrEqual(people[i]!.quotes);
    const wang = people.find((p) => p.name === 'Wang Yi');
    expect(wang).toMatchObject({ articles: 1 });
    const answers = ['wang', 'Wang Yi', 'wang yi', 'Mr Wang'].map((name) => run(ARTICLES, ['quotes', '--speaker', name, '--json']));
    for (const answer of answers) expect(answer.status, answer.stderr).toBe(0);
    const quotes = JSON.parse(answers[0]!.stdout).data as Array<{ speaker: string; id: string; paragraph: number }>;
    expect(quotes).toHaveLength(wang!.quotes);
    expect(new Set(quotes.map((q) => q.speaker))).toEqual(new Set(['Wang Yi']));
    for (const answer of answers.slice(1)) expect(JSON.parse(answer.stdout).data).toEqual(quotes);
    // As text: the article, its date and the paragraph, then the quotation.
    expect(run(ARTICLES, ['quotes', '--speaker', 'wang']).stdout.split('\n')[0]).toMatch(/^000_e474bb9dcb4c5a3e {2}\d{4}-\d\d-\d\d {2}¶\d+ {2}Wang Yi · China-Russia/);
  });

  it('gives each quotation whole, as the article has it, long ones included', () => {
    const quotes = JSON.parse(run(ARTICLES, ['quotes', '--speaker', 'Imogen Hart-Vasquez', '--json']).stdout).data as Array<{ id: string; paragraph: number; start: number; end: number; text: string }>;
    // Longer than the first words the index keeps of each (analyse.ts QUOTE_TEXT_KEPT).
    expect(quotes.some((q) => q.text.length > QUOTE_TEXT_KEPT)).toBe(true);
    for (const quote of quotes) {
      const { paragraphs } = JSON.parse(run(ARTICLES, ['show', quote.id, '--json']).stdout).data as { paragraphs: string[] };
      expect(quote.text).toBe(paragraphs[quote.paragraph]!.slice(quote.start, quote.end));
    }
  });

  it('says so, exit 1, for a name nobody has; exit 2 for quotes with neither an id nor a name, or with both', () => {
    const nobody = run(ARTICLES, ['quotes', '--speaker', 'Wangs']);
    expect(nobody.status).toBe(1);
    expect(nobody.stderr).toMatch(/^broadsheet: nobody named 'Wangs' is quoted in .* \(see 'broadsheet people'\)\n$/);
    expect(run(ARTICLES, ['quotes']).status).toBe(2);
    expect(run(ARTICLES, ['quotes', '000_e474bb9dcb4c5a3e', '--speaker', 'wang']).status).toBe(2);
  });

  it.skipIf(!has('corpus'))('on the corpus: Tony Blair is the most quoted, and blair, Mr Blair and tony blair are the same person', () => {
    const people = JSON.parse(run(CORPUS, ['people', '--json', '--limit', '3']).stdout).data as Array<{ name: string }>;
    expect(people[0]?.name).toBe('Tony Blair');
    type Quote = { speaker: string; date: string };
    const [blair, mrBlair, tony] = ['blair', 'Mr Blair', 'tony blair'].map((name) => JSON.parse(run(CORPUS, ['quotes', '--speaker', name, '--json']).stdout).data as Quote[]);
    // `blair` and `Mr Blair` are every Blair the archive quotes (Ian Blair too); `tony blair` is Tony Blair alone.
    expect(mrBlair).toEqual(blair);
    expect(new Set(tony!.map((q) => q.speaker))).toEqual(new Set(['Tony Blair']));
    expect(blair!.filter((q) => q.speaker === 'Tony Blair')).toEqual(tony);
    const dates = tony!.map((q) => q.date);
    expect(dates).toEqual([...dates].sort().reverse());
    // The example: every quotation of business/100 is Bernie Ebbers's, none Scott Sullivan's.
    const ebbers = JSON.parse(run(CORPUS, ['quotes', 'business/100', '--json']).stdout).data.quotes as Array<{ speaker?: string }>;
    expect(ebbers.filter((q) => q.speaker === 'Scott Sullivan')).toEqual([]);
  }, 60_000);
});
