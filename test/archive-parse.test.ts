import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countWords } from '../src/archive/load.js';
import { loadArchive } from '../src/archive/open.js';
import { findDateline, parseRelated, parseText } from '../src/archive/parse.js';
import { parseMarkdown } from '../src/archive/markdown.js';
import { findDate } from '../src/archive/dates.js';
import { articleId, uniqueIds } from '../src/archive/id.js';
import { CORPUS, SEED, SHARED_SEED } from './helpers/paths.js';
import { has } from './helpers/needs.js';
import { textOf } from './helpers/text.js';

describe('the seed article', () => {
  const parsed = parseText(readFileSync(SEED, 'utf8'));

  it('keeps the headline with its curly quotes and apostrophes', () => {
    expect(parsed.headline).toBe('China-Russia Relations Are ‘Rock Solid,’ says Beijing’s Foreign Minister');
  });

  it('separates the scraped dateline from the first paragraph', () => {
    expect(parsed.dateline).toBe('Moscow');
    expect(parsed.paragraphs[0]).toMatch(/^Chinese Foreign Minister Wang Yi has described/);
  });

  it('keeps the See also list as three headlines with dates', () => {
    expect(parsed.related).toEqual([
      { headline: 'Putin, Xi to Meet Again, As Russian Experts Envision ‘Rise of a New World Order’', date: '2022-09-08', dateText: 'Sept. 8, 2022' },
      { headline: 'Kremlin: Xi Backs Putin’s Invasion of Ukraine, Noting ‘Legitimacy of\u00a0Russia’s Actions’', date: '2022-06-16', dateText: 'Jun. 16, 2022' },
      { headline: 'Blinken: ‘I Would Imagine’ That Xi Raised Concerns With Putin About Threats to Ukraine’s Sovereignty', date: '2022-02-11', dateText: 'Feb. 11, 2022' },
    ]);
  });

  it('drops the scraping leftovers and keeps the body whole', () => {
    const body = parsed.paragraphs.join('\n');
    expect(body).not.toMatch(/See also|Similar Posts|Some media, including videos/);
    expect(parsed.paragraphs).toHaveLength(16);
    expect(parsed.paragraphs.at(-1)).toMatch(/^“We’ve seen them share hybrid tactics,” she said\./);
  });
});

describe('datelines', () => {
  it.each([
    ['Moscow ( – Chinese officials said', { place: 'Moscow' }, 'Chinese officials said'],
    ['LONDON (Reuters) - Shares fell', { place: 'LONDON', source: 'Reuters' }, 'Shares fell'],
    ['WASHINGTON — The Senate voted', { place: 'WASHINGTON' }, 'The Senate voted'],
    ['NAIROBI, Kenya — Rain came', { place: 'NAIROBI, Kenya' }, 'Rain came'],
    ['SÃO PAULO (AP) — Traffic', { place: 'SÃO PAULO', source: 'AP' }, 'Traffic'],
    ['WASHINGTON, Sept. 8, 2022 — Talks', { place: 'WASHINGTON', date: '2022-09-08' }, 'Talks'],
  ])('%s', (text, expected, rest) => {
    const dateline = findDateline(text);
    expect(dateline).toMatchObject(expected);
    expect(text.slice(dateline!.length)).toBe(rest);
  });

  it.each(['Putin — who has ruled since 2000 — said', 'The firm (founded 1990) - said', 'Shares rose 3% - a record'])(
    'is not found in ordinary prose: %s',
    (text) => expect(findDateline(text)).toBeUndefined(),
  );
});

describe('dates', () => {
  it.each([
    ['Sept. 8, 2022', '2022-09-08'],
    ['December 14, 2022', '2022-12-14'],
    ['14 December 2022', '2022-12-14'],
    ['14/12/2022', '2022-12-14'],
    ['2022-12-14-rate.txt', '2022-12-14'],
    ['20221214_story.txt', '2022-12-14'],
  ])('%s -> %s', (text, iso) => expect(findDate(text)?.iso).toBe(iso));

  it('refuses impossible dates and dates without a year', () => {
    expect(findDate('2022-02-30')).toBeUndefined();
    expect(findDate('December 14')).toBeUndefined();
    expect(findDate('001.txt')).toBeUndefined();
  });

  it('keeps a related line without a date as a headline only', () => {
    expect(parseRelated('Markets rally (again)')).toEqual({ headline: 'Markets rally (again)' });
  });
});

describe('Markdown articles', () => {
  it('reads YAML front matter', () => {
    const parsed = parseMarkdown(
      '---\ntitle: "Rates held at 4.5%"\ndate: 2023-03-14\nsource: The Ledger\nurl: https://example.com/a\nauthor: Zoë Ng\ntags: [rates, banks]\n---\n\nFirst **bold** paragraph with a [link](https://x.y).\n\nSecond.\n',
    );
    expect(parsed).toMatchObject({
      format: 'markdown',
      headline: 'Rates held at 4.5%',
      source: 'The Ledger',
      url: 'https://example.com/a',
      author: 'Zoë Ng',
      tags: ['rates', 'banks'],
      date: { iso: '2023-03-14', origin: 'front-matter' },
      paragraphs: ['First bold paragraph with a link.', 'Second.'],
    });
  });

  it('takes the first # heading as the headline without front matter', () => {
    const parsed = parseMarkdown('Intro line that is not a heading\n\n# The Real Headline\n\nBody text.\n');
    expect(parsed.headline).toBe('The Real Headline');
    expect(parsed.paragraphs).toEqual(['Intro line that is not a heading', 'Body text.']);
  });

  it('ignores broken front matter with a note instead of failing', () => {
    const parsed = parseMarkdown('---\ntitle: [unclosed\n---\n# Headline\n\nBody.\n');
    expect(parsed.headline).toBe('Headline');
    expect(parsed.notes.join()).toMatch(/front matter ignored/);
  });

  it('refuses a YAML alias bomb instead of expanding it', () => {
    const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const next = String.fromCharCode(97 + i);
      bomb.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const parsed = parseMarkdown(`---\n${bomb.join('\n')}\ntitle: Boom\n---\nBody.\n`);
    expect(parsed.notes.join()).toMatch(/front matter ignored/);
    expect(parsed.headline).toBe('Body.');
  });
});

describe('ids', () => {
  it('is the path without extension when that is shell-safe', () => {
    expect(articleId('business/001.txt')).toBe('business/001');
  });

  it('replaces characters a shell would trip on and keeps names apart with a hash', () => {
    const a = articleId('world/a b.txt');
    const b = articleId('world/a_b.txt');
    expect(a).toMatch(/^world\/a_b-[0-9a-f]{6}$/);
    expect(a).not.toBe(b);
    expect(articleId('-rf.txt')).toMatch(/^_rf-/);
    expect(articleId('東京/記事.md')).toMatch(/^[A-Za-z0-9._/-]+$/);
  });

  it('makes a .txt and a .md of the same name distinct', () => {
    expect(uniqueIds(['a.txt', 'a.md', 'b.txt'])).toEqual(['a.txt', 'a.md', 'b']);
  });
});

describe.skipIf(!has('corpus'))('the BBC corpus', () => {
  // Listed while tests are collected, which happens for a skipped suite too.
  const sections = has('corpus') ? readdirSync(CORPUS).sort() : [];
  const sample = sections.flatMap((section) =>
    readdirSync(join(CORPUS, section)).sort().filter((_, i) => i % 40 === 0).map((name) => `${section}/${name}`),
  );

  it('has the seed article bundled in articles/ byte for byte', () => {
    expect(readFileSync(SEED).equals(readFileSync(SHARED_SEED))).toBe(true);
  });

  it('has a sample of at least 50 files', () => expect(sample.length).toBeGreaterThanOrEqual(50));

  it.each(sample)('%s parses: headline is the first line, every paragraph kept', (rel) => {
    const text = readFileSync(join(CORPUS, rel), 'latin1').includes('\u0000') ? '' : readFileSync(join(CORPUS, rel), 'utf8');
    const parsed = parseText(text);
    const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
    expect(parsed.headline).toBe(lines[0]);
    expect(parsed.paragraphs.length).toBeGreaterThan(0);
    // Corpus files carry no datelines or scraper tails: nothing may be lost.
    expect(parsed.paragraphs.join(' ').split(/\s+/).length).toBe(lines.slice(1).join(' ').split(/\s+/).length);
  });

  it('loads all 2,225 articles, decoding the Latin-1 pound sign in sport/199', async () => {
    const archive = await loadArchive(CORPUS);
    expect([...archive.all()]).toHaveLength(2225);
    expect(archive.report.skipped).toEqual([]);
    const sport199 = archive.get('sport/199')!;
    expect(textOf(archive, sport199).paragraphs.join(' ')).toContain('£');
    expect(textOf(archive, sport199).paragraphs.join(' ')).not.toContain('\uFFFD');
    expect(archive.report.notes).toEqual([{ relPath: 'sport/199.txt', note: '1 byte not valid UTF-8, read as Windows-1252' }]);
  }, 60_000);
});

describe('word count', () => {
  it.each([
    ['', 0],
    ['one two  three', 3],
    ['ties – partially $172.4 billion', 4],
    ['  leading and trailing  ', 3],
    ['東京 Zoë\u00a0Łódź 🙂', 3],
    ['a—b — c', 2],
  ])('%j has %i words', (text, words) => expect(countWords(text)).toBe(words));
});
