/**
 * Per-keystroke search latency: each query typed one character at a time
 * on the sample corpus (2,225 BBC articles) and on 100,000 synthetic
 * articles recombined from its words. Run: node scripts/bench-search.mjs
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ArchiveSearch, type SearchDoc } from './index.js';

const QUERIES = [
  'pution', 'rusia chna', 'tony blar', 'yukos bankrupcy', 'chelsea mourinho', 'gogle', 'iraq war',
  'net secruity', 'oil price', 'micro soft', 'elctions', 'brown budget', 'oscar nominations',
  'football', 'broadband', 'mobile phone', 'tsunami aid', 'euro zone', 'arsenal', 'lord of the rings',
];

function loadCorpus(root: string): SearchDoc[] {
  const docs: SearchDoc[] = [];
  for (const section of readdirSync(root).sort()) {
    for (const file of readdirSync(path.join(root, section)).sort()) {
      const paragraphs = readFileSync(path.join(root, section, file), 'utf8')
        .split(/\n\s*\n/)
        .map((paragraph) => paragraph.trim())
        .filter((paragraph) => paragraph !== '');
      const [headline = '', lead = '', ...rest] = paragraphs;
      docs.push({ id: `${section}/${file.replace(/\.txt$/, '')}`, headline, tags: [section], lead, body: rest.join('\n\n'), date: '2005-01-01' });
    }
  }
  return docs;
}

/** Deterministic pseudo-random numbers (mulberry32), so every run sees the same archive. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function synthetic(corpus: SearchDoc[], count: number): SearchDoc[] {
  const next = random(42);
  const headlineWords = corpus.flatMap((doc) => doc.headline.split(/\s+/));
  const leadWords = corpus.flatMap((doc) => doc.lead.split(/\s+/));
  const pick = (words: string[], n: number): string =>
    Array.from({ length: n }, () => words[Math.floor(next() * words.length)]).join(' ');
  const docs: SearchDoc[] = [];
  for (let i = 0; i < count; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    docs.push({
      id: `synthetic/${i}`,
      headline: pick(headlineWords, 4 + Math.floor(next() * 5)),
      tags: [],
      lead: pick(leadWords, 25 + Math.floor(next() * 15)),
      body: pick(leadWords, 60 + Math.floor(next() * 60)),
      date: `2005-${String(1 + (i % 12)).padStart(2, '0')}-${day}`,
    });
  }
  return docs;
}

function measure(label: string, docs: SearchDoc[]): void {
  const heapBefore = process.memoryUsage().heapUsed;
  let started = performance.now();
  const search = ArchiveSearch.of(docs);
  const buildMs = performance.now() - started;
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
  // Warm the JIT on an unrelated query so the first measured keystroke is not a compile.
  for (const prefix of ['w', 'wa', 'war']) search.search(prefix);
  const times: number[] = [];
  for (const query of QUERIES) {
    for (let length = 1; length <= query.length; length++) {
      started = performance.now();
      search.search(query.slice(0, length), 50);
      const elapsed = performance.now() - started;
      times.push(elapsed);
      if (process.env.BENCH_VERBOSE && elapsed > 30) console.log(`  slow: "${query.slice(0, length)}" ${elapsed.toFixed(1)} ms`);
    }
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  const p95 = times[Math.floor(times.length * 0.95)] ?? 0;
  const max = times[times.length - 1] ?? 0;
  console.log(
    `${label}: ${docs.length} docs, build ${buildMs.toFixed(0)} ms (+${heapMb.toFixed(0)} MB heap), ` +
      `${times.length} keystrokes: median ${median.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, max ${max.toFixed(2)} ms`,
  );
}

function fzfComparison(docs: SearchDoc[]): void {
  try {
    execFileSync('fzf', ['--version'], { stdio: 'ignore' });
  } catch {
    console.log('fzf: not installed, comparison skipped');
    return;
  }
  const file = '/tmp/bench-search-headlines.txt';
  writeFileSync(file, docs.map((doc) => doc.headline).join('\n'));
  const times: number[] = [];
  for (const query of QUERIES) {
    const started = performance.now();
    try {
      execFileSync('sh', ['-c', `fzf --filter "$1" < ${file} > /dev/null`, 'sh', query]);
    } catch {
      // fzf exits 1 when nothing matches.
    }
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(
    `fzf --filter (whole process, headlines only, full queries): median ${(times[Math.floor(times.length / 2)] ?? 0).toFixed(1)} ms, max ${(times[times.length - 1] ?? 0).toFixed(1)} ms`,
  );
}

const corpusRoot = process.argv[2] ?? path.resolve('../shared/corpus');
const corpus = loadCorpus(corpusRoot);
measure('corpus', corpus);
const large = synthetic(corpus, 100_000);
measure('synthetic', large);
fzfComparison(large);
