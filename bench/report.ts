/**
 * Turns measurements into the printed table and bench/results.md. Pure:
 * every figure arrives as raw samples; medians, maxima and ratios are
 * computed here, and a probe that could not run says why instead of a number.
 */
import { formatSummary, ratio, summarize, type Summary } from './stats.js';

/** Raw samples, or the reason there are none. */
export type Samples = number[] | { na: string };

export interface SizeResult {
  label: string;
  articles: number;
  megabytes: number;
  /** A first run (no index): spawn → the first rows of the list on screen. */
  firstRowsMs: Samples;
  /** A first run: spawn → every article listed (their text may still be going into the search index). */
  listedMs: Samples;
  /** A first run: spawn → every article listed and searchable (the indexer's progress gone). */
  listCompleteMs: Samples;
  /** A first run: spawn → the quotations of every article found. */
  analysedMs: Samples;
  firstRunPeakRssMb: Samples;
  /** The archive index on disk, complete, while the reader runs (with its WAL). */
  storeMb: Samples;
  /** The same after the reader quit: the database file alone. */
  storeAtRestMb: Samples;
  /** Warm start (the index a first run left): spawn → the first list frame. */
  warmFrameMs: Samples;
  /** Warm start: spawn → a `j` typed at the first frame answered (the UI takes keys). */
  warmKeyMs: Samples;
  /** Warm start: spawn → the answer to a search typed at the first frame. */
  warmSearchMs: Samples;
  /** Peak RSS of a warm start, after a search and the session below, the folder check done. */
  warmPeakRssMb: Samples;
  keystrokeMs: Samples;
  queryMs: Samples;
  e2eSearchMs: Samples;
  openMs: Samples;
  stepMs: Samples;
  pageMs: Samples;
  rssAfterSearchMb: Samples;
  newsboatFirstFrameMs: Samples;
  newsboatArticleListMs: Samples;
  newsboatSearchMs: Samples;
  newsboatRssMb: Samples;
  fzfMs: Samples;
}

/** The big-article probe: one 4.2 MB article, warm start. */
export interface BigArticleResult {
  /** Enter → its first screen. */
  openMs: Samples;
  /** `j` → the screen changed. */
  stepMs: Samples;
  /** PgDn → the screen changed. */
  pageMs: Samples;
  /** `G` → its end on screen. */
  endMs: Samples;
  /** `broadsheet show ID --width 80` into a pipe: spawn → exit. */
  showMs: Samples;
}

export function bigArticleTable(big: BigArticleResult): string {
  return markdownTable(
    ['one 4.2 MB article (warm start)', 'median / max', 'target'],
    [
      ['Open (Enter → its first screen)', cell(big.openMs), verdict(big.openMs, 100)],
      ['Scroll one line (`j` → screen changed)', cell(big.stepMs), verdict(big.stepMs, 30)],
      ['Page down (PgDn → screen changed)', cell(big.pageMs), verdict(big.pageMs, 30)],
      ['To its end (`G` → screen changed)', cell(big.endMs), '—'],
      ['`broadsheet show ID --width 80` into a pipe (spawn → exit)', cell(big.showMs), verdict(big.showMs, 1500)],
    ],
  );
}

export interface MachineInfo {
  node: string;
  cpu: string;
  cores: number;
  memoryGb: number;
  os: string;
  date: string;
  commit: string;
  peers: string[];
  runs: number;
  seed: string;
}

const summaryOf = (s: Samples): Summary | undefined => (Array.isArray(s) ? summarize(s) : undefined);
const cell = (s: Samples, unit: 'ms' | 'MB' = 'ms'): string => (Array.isArray(s) ? formatSummary(summarize(s), unit) : `n/a: ${s.na}`);
const ratioCell = (ours: Samples, peer: Samples): string => {
  if (!Array.isArray(peer)) return `n/a: ${peer.na}`;
  if (!Array.isArray(ours)) return `n/a: ${ours.na}`;
  return ratio(summaryOf(ours), summaryOf(peer));
};

interface Row {
  what: string;
  value: (r: SizeResult) => string;
}

const ROWS: Row[] = [
  { what: 'Articles (MB of text on disk)', value: (r) => `${r.articles.toLocaleString('en')} (${r.megabytes.toFixed(1)} MB)` },
  { what: 'First run: spawn → first rows of the list (pty)', value: (r) => cell(r.firstRowsMs) },
  { what: 'First run: spawn → every article listed', value: (r) => cell(r.listedMs) },
  { what: 'First run: spawn → whole list indexed and searchable', value: (r) => cell(r.listCompleteMs) },
  { what: 'First run: spawn → every quotation found (people index)', value: (r) => cell(r.analysedMs) },
  { what: 'First run: peak RSS (VmHWM, reader + its indexing thread)', value: (r) => cell(r.firstRunPeakRssMb, 'MB') },
  { what: 'Archive index on disk, reader running (MB, with its WAL)', value: (r) => cell(r.storeMb, 'MB') },
  { what: 'Archive index on disk after the reader quits (MB)', value: (r) => cell(r.storeAtRestMb, 'MB') },
  { what: 'Warm start: spawn → first list frame', value: (r) => cell(r.warmFrameMs) },
  { what: 'Warm start: spawn → a `j` typed at the first frame answered', value: (r) => cell(r.warmKeyMs) },
  { what: 'Warm start: spawn → a search typed at the first frame answered', value: (r) => cell(r.warmSearchMs) },
  { what: 'Warm start: peak RSS after searching, opening and scrolling', value: (r) => cell(r.warmPeakRssMb, 'MB') },
  { what: 'Search, per keystroke (in process, 20 queries typed)', value: (r) => cell(r.keystrokeMs) },
  { what: 'Search, a whole query typed (sum of its keystrokes)', value: (r) => cell(r.queryMs) },
  { what: 'Search end to end in the pty (last key → top hit on screen)', value: (r) => cell(r.e2eSearchMs) },
  { what: 'Open the 100 KB article (Enter → its text on screen)', value: (r) => cell(r.openMs) },
  { what: 'Scroll one line in it (`j` → screen changed)', value: (r) => cell(r.stepMs) },
  { what: 'Page down in it (PgDn → screen changed)', value: (r) => cell(r.pageMs) },
  { what: 'RSS of the search process after 20 queries (after GC)', value: (r) => cell(r.rssAfterSearchMb, 'MB') },
];

const PEER_ROWS: Row[] = [
  { what: 'newsboat: first frame (feed list)', value: (r) => cell(r.newsboatFirstFrameMs) },
  { what: 'Broadsheet warm first frame / newsboat first frame', value: (r) => ratioCell(r.warmFrameMs, r.newsboatFirstFrameMs) },
  { what: 'newsboat: Enter → article list', value: (r) => cell(r.newsboatArticleListMs) },
  { what: 'newsboat: `/` search (Enter → results)', value: (r) => cell(r.newsboatSearchMs) },
  { what: 'Broadsheet search keystroke / newsboat search', value: (r) => ratioCell(r.keystrokeMs, r.newsboatSearchMs) },
  { what: 'newsboat: peak RSS', value: (r) => cell(r.newsboatRssMb, 'MB') },
  { what: 'Broadsheet warm peak RSS / newsboat peak RSS', value: (r) => ratioCell(r.warmPeakRssMb, r.newsboatRssMb) },
  { what: '`fzf --filter QUERY` over the headlines (one process)', value: (r) => cell(r.fzfMs) },
  { what: 'Broadsheet search keystroke / fzf', value: (r) => ratioCell(r.keystrokeMs, r.fzfMs) },
];

interface Target {
  what: string;
  check: (r: SizeResult) => string | undefined;
}

/** The issue's targets, reported (never asserted): `met`, `missed`, or nothing when they do not apply to this size. */
const verdict = (s: Samples, limit: number): string => {
  const summary = summaryOf(s);
  if (!summary) return Array.isArray(s) ? 'n/a' : `n/a: ${s.na}`;
  return summary.median <= limit ? `met (${formatSummary(summary)})` : `missed (${formatSummary(summary)})`;
};
/** A peak: judged on the largest sample. */
const peakVerdict = (s: Samples, limit: number): string => {
  const summary = summaryOf(s);
  if (!summary) return Array.isArray(s) ? 'n/a' : `n/a: ${s.na}`;
  return `${summary.max <= limit ? 'met' : 'missed'} (peak ${summary.max.toFixed(0)} MB)`;
};
/** The corpus size (2,225, or 2,226 with the long read beside it). */
const isCorpusSize = (r: SizeResult): boolean => r.articles >= 2200 && r.articles <= 2250;
const isLarge = (r: SizeResult): boolean => r.articles >= 100_000;

const TARGETS: Target[] = [
  { what: 'Cold start ≤ 200 ms at 2,225 to the full list (no index yet)', check: (r) => (isCorpusSize(r) ? verdict(r.listedMs, 200) : undefined) },
  { what: 'Every quotation found ≤ 20 s at 2,225', check: (r) => (isCorpusSize(r) ? verdict(r.analysedMs, 20_000) : undefined) },
  { what: 'First run at 100,000: list on screen ≤ 3 s', check: (r) => (isLarge(r) ? verdict(r.firstRowsMs, 3000) : undefined) },
  { what: 'First run at 100,000: index complete ≤ 60 s', check: (r) => (isLarge(r) ? verdict(r.listCompleteMs, 60_000) : undefined) },
  { what: 'First run at 100,000: every quotation found ≤ 10 min', check: (r) => (isLarge(r) ? verdict(r.analysedMs, 600_000) : undefined) },
  { what: 'Warm start at 100,000: first list frame ≤ 250 ms', check: (r) => (isLarge(r) ? verdict(r.warmFrameMs, 250) : undefined) },
  { what: 'Warm start at 100,000: keys answered ≤ 400 ms', check: (r) => (isLarge(r) ? verdict(r.warmKeyMs, 400) : undefined) },
  { what: 'Warm start at 100,000: search answered ≤ 1 s after spawn', check: (r) => (isLarge(r) ? verdict(r.warmSearchMs, 1000) : undefined) },
  { what: 'Peak RSS ≤ 150 MB at 100,000, warm start with a search', check: (r) => (isLarge(r) ? peakVerdict(r.warmPeakRssMb, 150) : undefined) },
  { what: 'Search ≤ 10 ms median per keystroke at the corpus', check: (r) => (isCorpusSize(r) ? verdict(r.keystrokeMs, 10) : undefined) },
  { what: 'Search ≤ 30 ms median per keystroke at 100,000', check: (r) => (isLarge(r) ? verdict(r.keystrokeMs, 30) : undefined) },
  {
    what: 'Search within 2x of `fzf --filter` per query',
    check: (r) => {
      const ours = summaryOf(r.keystrokeMs);
      const peer = summaryOf(r.fzfMs);
      if (!ours || !peer) return 'n/a';
      const met = ours.median <= 2 * peer.median;
      return `${met ? 'met' : 'missed'} (median ${ratio(ours, peer)})`;
    },
  },
  {
    what: 'Archive index on disk ≤ 1.5x the archive text',
    check: (r) => {
      const store = summaryOf(r.storeAtRestMb);
      const running = summaryOf(r.storeMb);
      if (!store || !running) return 'n/a';
      const share = store.median / r.megabytes;
      return `${share <= 1.5 ? 'met' : 'missed'} (${share.toFixed(2)}x: ${store.median.toFixed(0)} MB for ${r.megabytes.toFixed(0)} MB; ${(running.median / r.megabytes).toFixed(2)}x with the WAL while the reader runs)`;
    },
  },
  { what: 'Open a 100 KB article ≤ 50 ms', check: (r) => verdict(r.openMs, 50) },
];

function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function resultsTables(results: readonly SizeResult[]): { main: string; peers: string; targets: string } {
  const header = ['median / max', ...results.map((r) => r.label)];
  const main = markdownTable(header, ROWS.map((row) => [row.what, ...results.map(row.value)]));
  const peers = markdownTable(header, PEER_ROWS.map((row) => [row.what, ...results.map(row.value)]));
  const targetRows = TARGETS.map((t) => [t.what, ...results.map((r) => t.check(r) ?? '—')]);
  const targets = markdownTable(['target', ...results.map((r) => r.label)], targetRows);
  return { main, peers, targets };
}

/** `findings`: what profiling found about the missed targets (bench/findings.md), appended as written. */
export function resultsMarkdown(results: readonly SizeResult[], machine: MachineInfo, findings = '', big?: BigArticleResult): string {
  const { main, peers, targets } = resultsTables(results);
  return `# Benchmark results

Written by \`npm run bench\` (scripts/bench.mjs, bench/). Every figure is the
median / max of ${machine.runs} runs after one warm-up run; times are wall-clock.
Re-run to refresh; do not edit by hand. Other work on the machine during a
run shows up in the max column first: compare medians.

- Date: ${machine.date}; commit ${machine.commit}
- Node ${machine.node}; CPU ${machine.cpu} × ${machine.cores} cores; ${machine.memoryGb.toFixed(0)} GB RAM; ${machine.os}
- Peers: ${machine.peers.join('; ')}
- Generator seed: \`${machine.seed}\`

## Broadsheet

${main}

## Peers on the same data

${peers}

## Targets (reported, not asserted)

${targets}
${big ? `\n## A 4.2 MB article\n\n${bigArticleTable(big)}\n` : ''}
## How each figure is taken

- **First run**: \`node dist/cli.js --archive DIR\` spawned in a pseudo-terminal
  (node-pty, 100×30) whose output feeds a headless xterm, with a new, empty
  cache folder (no archive index). Times are from just before the spawn to the
  arrival of the output after which the screen shows: the first list rows; the
  header counting every article with no listing progress left (the whole
  list, which the target "to the full list" times; their text may still be
  going into the search index); the same with no indexing progress left (listed
  and searchable); the quotations' progress gone (the people index complete).
  The OS page cache is warm (the warm-up run reads every file): "first run"
  means no Broadsheet index, not a cold disk.
- **Warm start**: the same, started on the index a first run left (a fresh
  library each time): spawn → the newest headline on screen; → a \`j\` sent at
  that moment answered; → a query typed at once (\`/\` and the first query)
  answered with its top hit. Then the session searches, opens and scrolls (the
  rows below), and its peak RSS (VmHWM) is read 3 s later, the folder check
  behind the list done.
- **Search per keystroke**: \`ArchiveSearch\` over the archive's index, in its
  own process; each of 20 fixed queries (bench/queries.ts) is typed one
  character at a time and every prefix is searched. A fresh search object per
  run, so its term cache never answers a query it has seen.
- **Search end to end**: \`/\` in the reader, the query typed, and the time from
  the last key to the top hit's headline on screen.
- **Open**: \`G\` selects the generated 100 KB long read (the oldest article),
  then Enter; the time to its first paragraph on screen. **Scroll**: \`j\` and
  PgDn, the time until the screen changes.
- **Index on disk**: the cache folder's files once the first run is complete,
  the reader still running (the database and its WAL), and again after it quits
  (the database alone: the last connection to close folds the WAL in).
- **newsboat**: the archive as one local RSS feed (headline, first paragraph,
  date) through \`exec:cat feed.xml\`, its cache filled once with
  \`-x reload\`; first frame = the feed list on screen, then Enter to the
  article list, then \`/\` searches for the first 5 queries (Enter → results).
- **fzf**: \`fzf --filter QUERY < headlines.txt\`, one process per query, over
  the same headlines. fzf matches headlines only; Broadsheet searches headline,
  source, tags, lead and body, so the ratio flatters fzf's side a little.
- **A 4.2 MB article**: one generated article (just under the 5 MB limit) alone
  in an archive, indexed once; each run a warm start, a second on the list,
  Enter on it, then \`j\`,
  PgDn (three each) and \`G\`, the time until the screen changes; and
  \`broadsheet show\` of it into a pipe, spawn to exit.
${findings ? `\n${findings.trim()}\n` : ''}`;
}

export function resultsText(results: readonly SizeResult[], big?: BigArticleResult): string {
  const { main, peers, targets } = resultsTables(results);
  return `${main}\n\n${peers}\n\n${targets}\n${big ? `\n${bigArticleTable(big)}\n` : ''}`;
}
