/**
 * The in-process half of the benchmark, run as its own `node --expose-gc`
 * process (bundled by scripts/bench.mjs) so its memory figures are its own:
 *
 *   prepare DIR PREFIX STORE   bring the archive's index at STORE up to date;
 *                              write PREFIX.headlines.txt (for fzf) and
 *                              PREFIX.feed.xml (for newsboat); print what the
 *                              UI will show first
 *   search DIR RUNS STORE      time ArchiveSearch per keystroke over the 20
 *                              queries on that index, and the RSS after
 *
 * Output is one JSON object on stdout.
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { openArchive } from '../src/archive/open.js';
import type { Catalogue as Archive } from '../src/archive/catalogue.js';
import { ArchiveSearch } from '../src/search/index.js';
import { rssFeed } from './feed.js';
import { keystrokes, QUERIES } from './queries.js';

const mb = (bytes: number): number => bytes / 1024 / 1024;

function rssAfterGc(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return mb(process.memoryUsage().rss);
}

async function load(dir: string, storePath: string): Promise<{ archive: Archive; loadMs: number }> {
  const start = performance.now();
  const { archive } = await openArchive(dir, { storePath });
  return { archive, loadMs: performance.now() - start };
}

async function prepare(dir: string, prefix: string, storePath: string): Promise<object> {
  const { archive, loadMs } = await load(dir, storePath);
  const byDate = archive.order('date');
  const first = archive.get(byDate.idAt(0)!)!;
  const last = archive.get(byDate.idAt(byDate.length - 1)!)!;
  const articles = [...archive.all()];
  writeFileSync(`${prefix}.headlines.txt`, articles.map((a) => a.headline).join('\n') + '\n');
  writeFileSync(`${prefix}.feed.xml`, rssFeed(`Broadsheet bench ${archive.size}`, archive));
  return {
    loaded: archive.report.loaded,
    skipped: archive.report.skipped.length,
    bytes: articles.reduce((sum, a) => sum + a.size, 0),
    firstHeadline: first.headline,
    lastHeadline: last.headline,
    lastId: last.id,
    loadMs,
  };
}

async function search(dir: string, runs: number, storePath: string): Promise<object> {
  const { archive, loadMs } = await load(dir, storePath);
  const keystrokeMs: number[] = [];
  const queryMs: number[] = [];
  let hits = 0;
  // Run 0 is the warm-up. A fresh index each run, so its term cache never answers a query it has seen.
  for (let run = 0; run <= runs; run++) {
    const started = performance.now();
    const index = new ArchiveSearch(archive.db);
    index.prepare();
    for (const query of QUERIES) {
      let total = 0;
      for (const typed of keystrokes(query)) {
        const t0 = performance.now();
        const results = index.search(typed);
        const took = performance.now() - t0;
        total += took;
        if (run > 0) keystrokeMs.push(took);
        if (typed === query) hits += results.length;
      }
      if (run > 0) queryMs.push(total);
    }
    process.stderr.write(`bench: search run ${run === 0 ? 'warm-up' : `${run}/${runs}`} done (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
  }
  // What each query's results show first, for the end-to-end probe to wait for.
  const topHeadlines = Object.fromEntries(
    QUERIES.map((query) => {
      const top = new ArchiveSearch(archive.db).search(query, 1)[0];
      return [query, top ? (archive.get(top.id)?.headline ?? null) : null];
    }),
  );
  return {
    articles: archive.size,
    loadMs,
    topHeadlines,
    keystrokeMs,
    queryMs,
    hitsPerRun: hits / (runs + 1),
    rssAfterSearchMb: rssAfterGc(),
  };
}

const [command, dir, extra, storePath] = process.argv.slice(2);
if (!dir || !storePath || (command !== 'prepare' && command !== 'search')) {
  process.stderr.write('usage: archive-tool prepare DIR PREFIX STORE | search DIR RUNS STORE\n');
  process.exit(2);
}
const result = command === 'prepare' ? await prepare(dir, extra ?? 'archive', storePath) : await search(dir, Number(extra ?? 5), storePath);
process.stdout.write(`${JSON.stringify(result)}\n`);
