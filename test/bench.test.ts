import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadArchive } from '../src/archive/open.js';
import { idsOf } from './helpers/ui-fixtures.js';
import { parseBenchArgs, BenchUsageError, DEFAULT_SIZES, FULL_SIZES } from '../bench/args.js';
import { rssFeed } from '../bench/feed.js';
import {
  builtInVocabulary,
  FILES_PER_FOLDER,
  generateArticles,
  LONG_READ_BYTES,
  vocabularyFromCorpus,
  writeArchive,
} from '../bench/generate.js';
import { keystrokes, QUERIES } from '../bench/queries.js';
import { resultsMarkdown, type MachineInfo, type SizeResult } from '../bench/report.js';
import { formatMs, summarize } from '../bench/stats.js';
import { textOf } from './helpers/text.js';
import { makeArchive, makeArticle } from './helpers/ui-fixtures.js';

const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-bench-'));
  temps.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const vocab = builtInVocabulary();

describe('the archive generator', () => {
  it('writes the same bytes for the same seed and different ones for another seed', () => {
    const texts = (seed: string) => [...generateArticles(40, seed, vocab)].map((f) => `${f.relPath}\n${f.text}`);
    expect(texts('alpha')).toEqual(texts('alpha'));
    expect(texts('alpha')).not.toEqual(texts('beta'));
  });

  it('writes an archive Broadsheet loads whole, in the stored format, spread over folders', async () => {
    const dir = tempDir();
    const count = 250;
    expect(writeArchive(dir, generateArticles(count, 'load', vocab))).toBe(count);
    const archive = await loadArchive(dir);
    expect(archive.report.skipped).toEqual([]);
    expect(archive.size).toBe(count);

    for (const folder of readdirSync(dir)) expect(readdirSync(join(dir, folder)).length).toBeLessThanOrEqual(FILES_PER_FOLDER);
    const origins = new Set([...archive.all()].map((a) => a.dateOrigin));
    expect(origins).toEqual(new Set(['file-name', 'mtime']));
    const years = new Set([...archive.all()].map((a) => a.date.slice(0, 4)));
    expect(years.size).toBeGreaterThan(5);
    expect([...archive.all()].some((a) => a.source === 'Reuters' || a.source === 'AP')).toBe(true);
    const texts = [...archive.all()].map((a) => textOf(archive, a));
    expect(texts.some((t) => t.related.length > 0 && t.related.every((r) => r.date !== undefined))).toBe(true);
    expect(texts.some((t) => t.paragraphs.some((p) => p.includes('” said')))).toBe(true);
    // Scraping leftovers are dropped by the parser, never shown as paragraphs.
    expect(texts.every((t) => !t.paragraphs.includes('Similar Posts'))).toBe(true);
  });

  it('includes a 100 KB long read that is the last row of the newest-first list', async () => {
    const dir = tempDir();
    writeArchive(dir, generateArticles(120, 'long', vocab));
    const archive = await loadArchive(dir);
    const longRead = [...archive.all()].find((a) => a.headline.startsWith('The long read:'));
    expect(longRead).toBeDefined();
    expect(statSync(longRead!.path).size).toBeGreaterThanOrEqual(LONG_READ_BYTES);
    expect(textOf(archive, longRead).paragraphs[0]).toContain('Zephyrine ledger of the long read');
    const order = idsOf(archive.order('date'));
    expect(order[order.length - 1]).toBe(longRead!.id);
  });

  it('learns headline words and paragraph lengths from a corpus folder', () => {
    const corpus = tempDir();
    mkdirSync(join(corpus, 'business'));
    writeFileSync(join(corpus, 'business', '001.txt'), 'Markets rally on rate hopes\n\nShares in London rose sharply. Traders said it was a good day.\n\nThe Bank of England held rates.\n');
    const learnt = vocabularyFromCorpus(corpus);
    expect(learnt.origin).toBe('corpus');
    expect(learnt.headlineWords).toEqual(['Markets', 'rally', 'on', 'rate', 'hopes']);
    expect(learnt.paragraphsPerArticle).toEqual([2]);
    expect(learnt.wordsPerParagraph).toEqual([12, 6]);
    expect(learnt.names).toContain('London');
    expect(learnt.bodyWords).toContain('said');
    expect(learnt.bodyWords).not.toContain('Traders'); // a sentence's first word is not known to be a name or a common word
  });
});

describe('bench flags', () => {
  it('measures the corpus and 10,000 by default, and 100,000 only with --full', () => {
    expect(parseBenchArgs([]).sizes).toEqual(DEFAULT_SIZES);
    expect(parseBenchArgs(['--full']).sizes).toEqual(FULL_SIZES);
    expect(parseBenchArgs(['--sizes', '2225,10_000', '--runs', '7'])).toMatchObject({ sizes: [2225, 10000], runs: 7 });
    expect(parseBenchArgs(['--generate', '100', '--out', 'x', '--seed', 's'])).toMatchObject({ generate: 100, out: 'x', seed: 's' });
    expect(parseBenchArgs(['--quick'])).toMatchObject({ quick: true, runs: 2 });
  });

  it('rejects what it cannot do', () => {
    expect(() => parseBenchArgs(['--runs', '0'])).toThrow(BenchUsageError);
    expect(() => parseBenchArgs(['--sizes', '10,abc'])).toThrow(/--sizes/);
    expect(() => parseBenchArgs(['--out', 'x'])).toThrow(/--generate/);
    expect(() => parseBenchArgs(['--fast'])).toThrow(/unknown option '--fast'/);
  });
});

describe('measurement helpers', () => {
  it('summarises samples as the median and the worst run', () => {
    expect(summarize([5, 1, 3])).toEqual({ median: 3, max: 5, runs: 3 });
    expect(summarize([4, 1, 3, 2])).toEqual({ median: 2.5, max: 4, runs: 4 });
    expect(summarize([])).toBeUndefined();
    expect([formatMs(3.456), formatMs(45.67), formatMs(456.7), formatMs(4567)]).toEqual(['3.46 ms', '45.7 ms', '457 ms', '4.57 s']);
  });

  it('types each query one character at a time, skipping blank states', () => {
    expect(keystrokes('oil p')).toEqual(['o', 'oi', 'oil', 'oil ', 'oil p']);
    expect(keystrokes(' a')).toEqual([' a']);
    expect(QUERIES).toHaveLength(20);
  });

  it('escapes headlines for the newsboat feed', () => {
    const feed = rssFeed('T', makeArchive([makeArticle({ headline: 'Profits & <losses>', id: 'a/1', date: '2021-04-03', paragraphs: ['Lead \u0007text'] })]));
    expect(feed).toContain('<title>Profits &amp; &lt;losses&gt;</title>');
    expect(feed).toContain('<description>Lead text</description>');
    expect(feed).toContain('<pubDate>Sat, 03 Apr 2021 12:00:00 GMT</pubDate>');
  });
});

describe('the results report', () => {
  const machine: MachineInfo = {
    node: 'v20.0.0', cpu: 'Test CPU', cores: 2, memoryGb: 8, os: 'Linux', date: '2026-01-01', commit: 'abc', peers: ['fzf 0.38'], runs: 5, seed: 's',
  };
  const base: SizeResult = {
    label: 'corpus', articles: 2226, megabytes: 5, firstRowsMs: [150], listedMs: [170, 180, 240], listCompleteMs: [180, 190, 250], analysedMs: [9000], firstRunPeakRssMb: [120], storeMb: [6, 6, 6], storeAtRestMb: [5, 5, 5],
    warmFrameMs: [170], warmKeyMs: [260], warmSearchMs: [400], warmPeakRssMb: [130], keystrokeMs: [10, 30, 12],
    queryMs: [40], e2eSearchMs: { na: 'no query had a top hit' }, openMs: [60], stepMs: [5], pageMs: [6], rssAfterSearchMb: [90],
    newsboatFirstFrameMs: { na: 'newsboat not installed' }, newsboatArticleListMs: { na: 'newsboat not installed' },
    newsboatSearchMs: { na: 'newsboat not installed' }, newsboatRssMb: { na: 'newsboat not installed' }, fzfMs: [4, 4, 4],
  };

  it('prints machine facts, median / max, reasons for missing figures and honest verdicts', () => {
    const md = resultsMarkdown([base], machine);
    expect(md).toContain('Node v20.0.0; CPU Test CPU × 2 cores');
    expect(md).toContain('| First run: spawn → whole list indexed and searchable | 190 ms / 250 ms |');
    expect(md).toContain('| Search end to end in the pty (last key → top hit on screen) | n/a: no query had a top hit |');
    expect(md).toContain('| Broadsheet warm first frame / newsboat first frame | n/a: newsboat not installed |');
    expect(md).toContain('| Broadsheet search keystroke / fzf | 3.0x |');
    expect(md).toContain('| First run: spawn → every article listed | 180 ms / 240 ms |');
    expect(md).toContain('| Cold start ≤ 200 ms at 2,225 to the full list (no index yet) | met (180 ms / 240 ms) |');
    expect(md).toContain('| Every quotation found ≤ 20 s at 2,225 | met (9.00 s / 9.00 s) |');
    expect(md).toContain('| Warm start: spawn → a `j` typed at the first frame answered | 260 ms / 260 ms |');
    expect(md).toContain('| Open a 100 KB article ≤ 50 ms | missed (60.0 ms / 60.0 ms) |');
    expect(md).toContain('| Search within 2x of `fzf --filter` per query | missed (median 3.0x) |');
    expect(md).toContain('| Archive index on disk ≤ 1.5x the archive text | met (1.00x: 5 MB for 5 MB; 1.20x with the WAL while the reader runs) |');
    const steady = resultsMarkdown([{ ...base, keystrokeMs: [7, 8, 9] }], machine);
    expect(steady).toContain('| Search within 2x of `fzf --filter` per query | met (median 2.0x) |');
  });

  it('judges memory at 100,000 on the highest peak of the warm starts', () => {
    const large = { ...base, label: '100,000', articles: 100_000, warmPeakRssMb: [140, 160] };
    expect(resultsMarkdown([large], machine)).toContain('| Peak RSS ≤ 150 MB at 100,000, warm start with a search | missed (peak 160 MB) |');
    expect(resultsMarkdown([{ ...large, warmPeakRssMb: [130, 145] }], machine)).toContain('| met (peak 145 MB) |');
  });

  it('reports the 4 MB article against its targets: first screen 100 ms, a scroll step 30 ms, show 1.5 s', () => {
    const big = { openMs: [80, 90, 400], stepMs: [12, 40, 45], pageMs: [10, 11, 12], endMs: [50], showMs: { na: 'show failed' } };
    const md = resultsMarkdown([base], machine, '', big);
    expect(md).toContain('## A 4.2 MB article');
    expect(md).toContain('| Open (Enter → its first screen) | 90.0 ms / 400 ms | met (90.0 ms / 400 ms) |');
    expect(md).toContain('| Scroll one line (`j` → screen changed) | 40.0 ms / 45.0 ms | missed (40.0 ms / 45.0 ms) |');
    expect(md).toContain('| `broadsheet show ID --width 80` into a pipe (spawn → exit) | n/a: show failed | n/a: show failed |');
    expect(resultsMarkdown([base], machine)).not.toContain('## A 4.2 MB article');
  });
});
