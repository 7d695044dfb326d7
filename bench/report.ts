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
  coldStartMs: Samples;
  secondStartMs: Samples;
  /** Warm start: spawn → a `j` typed at the first frame answered on screen. */
  firstKeyMs: Samples;
  keystrokeMs: Samples;
  queryMs: Samples;
  indexMs: Samples;
  e2eSearchMs: Samples;
  /** In the reader: from the first `/` until "indexing…" is gone (0 when it was prebuilt). */
  e2eIndexMs: Samples;
  openMs: Samples;
  stepMs: Samples;
  pageMs: Samples;
  rssAtFirstFrameMb: Samples;
  rssAfterOpenMb: Samples;
  /** Peak RSS of a warm start 3 s after its first key: the folder check done, the search index under way. */
  warmPeakRssMb: Samples;
  rssAfterLoadMb: Samples;
  rssAfterSearchMb: Samples;
  peakRssSearchMb: Samples;
  newsboatFirstFrameMs: Samples;
  newsboatArticleListMs: Samples;
  newsboatSearchMs: Samples;
  newsboatRssMb: Samples;
  fzfMs: Samples;
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
  { what: 'Articles (MB on disk)', value: (r) => `${r.articles.toLocaleString('en')} (${r.megabytes.toFixed(1)} MB)` },
  { what: 'Cold start: spawn → first list frame (pty)', value: (r) => cell(r.coldStartMs) },
  { what: 'Warm start: a second start, from the list snapshot the first one wrote', value: (r) => cell(r.secondStartMs) },
  { what: 'Warm start: spawn → a `j` typed at the first frame answered (the UI takes keys)', value: (r) => cell(r.firstKeyMs) },
  { what: 'Search, per keystroke (ArchiveSearch, 20 queries typed)', value: (r) => cell(r.keystrokeMs) },
  { what: 'Search, a whole query typed (sum of its keystrokes)', value: (r) => cell(r.queryMs) },
  { what: 'Search index build (once per archive load)', value: (r) => cell(r.indexMs) },
  { what: 'Search end to end in the pty (last key → top hit on screen)', value: (r) => cell(r.e2eSearchMs) },
  { what: 'First `/` in the pty until the index is ready (built on a worker from the first frame)', value: (r) => cell(r.e2eIndexMs) },
  { what: 'Open the 100 KB article (Enter → its text on screen)', value: (r) => cell(r.openMs) },
  { what: 'Scroll one line in it (`j` → screen changed)', value: (r) => cell(r.stepMs) },
  { what: 'Page down in it (PgDn → screen changed)', value: (r) => cell(r.pageMs) },
  { what: 'Peak RSS of the CLI at the first frame of a cold start (VmHWM)', value: (r) => cell(r.rssAtFirstFrameMb, 'MB') },
  { what: 'Peak RSS of the CLI after opening the 100 KB article', value: (r) => cell(r.rssAfterOpenMb, 'MB') },
  { what: 'Peak RSS of a warm start, 3 s in (folder check done, search index being built)', value: (r) => cell(r.warmPeakRssMb, 'MB') },
  { what: 'RSS after loading (in-process, after GC)', value: (r) => cell(r.rssAfterLoadMb, 'MB') },
  { what: 'RSS after index + 20 queries (after GC)', value: (r) => cell(r.rssAfterSearchMb, 'MB') },
  { what: 'Peak RSS of load + index + search', value: (r) => cell(r.peakRssSearchMb, 'MB') },
];

const PEER_ROWS: Row[] = [
  { what: 'newsboat: first frame (feed list)', value: (r) => cell(r.newsboatFirstFrameMs) },
  { what: 'Broadsheet cold start / newsboat first frame', value: (r) => ratioCell(r.coldStartMs, r.newsboatFirstFrameMs) },
  { what: 'newsboat: Enter → article list', value: (r) => cell(r.newsboatArticleListMs) },
  { what: 'newsboat: `/` search (Enter → results)', value: (r) => cell(r.newsboatSearchMs) },
  { what: 'Broadsheet search keystroke / newsboat search', value: (r) => ratioCell(r.keystrokeMs, r.newsboatSearchMs) },
  { what: 'newsboat: peak RSS', value: (r) => cell(r.newsboatRssMb, 'MB') },
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
/** Judged on the worse of the two starts' peaks; both are shown. */
const memoryVerdict = (r: SizeResult, limit: number): string => {
  const cold = summaryOf(r.rssAtFirstFrameMb);
  const warm = summaryOf(r.warmPeakRssMb);
  if (!cold && !warm) return 'n/a';
  const worst = Math.max(cold?.max ?? 0, warm?.max ?? 0);
  const parts = [cold && `cold ${cold.max.toFixed(0)} MB`, warm && `warm ${warm.max.toFixed(0)} MB`].filter(Boolean).join(', ');
  return `${worst <= limit ? 'met' : 'missed'} (peak ${parts})`;
};
/** The corpus size (2,225, or 2,226 with the long read beside it). */
const isCorpusSize = (r: SizeResult): boolean => r.articles >= 2200 && r.articles <= 2250;
const isLarge = (r: SizeResult): boolean => r.articles >= 100_000;

const TARGETS: Target[] = [
  { what: 'Cold start ≤ 200 ms at 2,225 articles', check: (r) => (isCorpusSize(r) ? verdict(r.coldStartMs, 200) : undefined) },
  { what: 'Start ≤ 200 ms at 2,225 articles with a warm cache', check: (r) => (isCorpusSize(r) ? verdict(r.secondStartMs, 200) : undefined) },
  { what: 'Start ≤ 350 ms at 100,000 with a warm cache', check: (r) => (isLarge(r) ? verdict(r.secondStartMs, 350) : undefined) },
  { what: 'Start ≤ 3 s at 100,000 with no cache', check: (r) => (isLarge(r) ? verdict(r.coldStartMs, 3000) : undefined) },
  { what: 'Search ≤ 16 ms median at the corpus', check: (r) => (isCorpusSize(r) ? verdict(r.keystrokeMs, 16) : undefined) },
  { what: 'Search ≤ 50 ms median at 100,000', check: (r) => (isLarge(r) ? verdict(r.keystrokeMs, 50) : undefined) },
  {
    what: 'Search never slower than fzf by more than 3x',
    check: (r) => {
      const ours = summaryOf(r.keystrokeMs);
      const peer = summaryOf(r.fzfMs);
      if (!ours || !peer) return 'n/a';
      // "Never" is about the worst case too: the slowest keystroke against fzf's slowest process.
      const worst = ratio({ ...ours, median: ours.max }, { ...peer, median: peer.max });
      const met = ours.median <= 3 * peer.median && ours.max <= 3 * peer.max;
      return `${met ? 'met' : 'missed'} (median ${ratio(ours, peer)}, max ${worst})`;
    },
  },
  { what: 'Open a 100 KB article ≤ 50 ms', check: (r) => verdict(r.openMs, 50) },
  { what: 'Memory ≤ 250 MB RSS at 100,000 (peak, cold and warm start)', check: (r) => (isLarge(r) ? memoryVerdict(r, 250) : undefined) },
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
export function resultsMarkdown(results: readonly SizeResult[], machine: MachineInfo, findings = ''): string {
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

## How each figure is taken

- **Cold start**: \`node dist/cli.js --archive DIR\` spawned in a pseudo-terminal
  (node-pty, 100×30) whose output feeds a headless xterm; the time is from just
  before the spawn to the arrival of the output after which the screen shows the
  first headline of the newest-first list. The OS page cache is warm (the
  warm-up run reads every file): "cold" means a new process with no Broadsheet
  cache, not a cold disk.
- **Warm start**: the same, started again right after a session ends, from
  the list snapshot and header cache that session wrote (a fresh library each
  time); the folder is checked on a worker thread behind the first frame.
- **Search per keystroke**: the built \`ArchiveSearch\` over \`toSearchDoc\` of
  every article, in its own process; each of 20 fixed queries (bench/queries.ts)
  is typed one character at a time and every prefix is searched. A fresh index
  per run, so its term cache never answers a query it has seen.
- **Search end to end**: \`/\` in the reader, the query typed, and the time from
  the last key to the top hit's headline on screen; n/a until the reader has a
  search box.
- **Open**: \`G\` selects the generated 100 KB long read (the oldest article),
  then Enter; the time to its first paragraph on screen. **Scroll**: \`j\` and
  PgDn, the time until the screen changes.
- **Memory**: the CLI's VmHWM (peak RSS, /proc) at the first frame and after
  opening the long read; and \`process.memoryUsage().rss\` after \`gc()\` in the
  search process.
- **newsboat**: the archive as one local RSS feed (headline, first paragraph,
  date) through \`exec:cat feed.xml\`, its cache filled once with
  \`-x reload\`; first frame = the feed list on screen, then Enter to the
  article list, then \`/\` searches for the first 5 queries (Enter → results).
- **fzf**: \`fzf --filter QUERY < headlines.txt\`, one process per query, over
  the same headlines. fzf matches headlines only; Broadsheet searches headline,
  source, tags, lead and body, so the ratio flatters fzf's side a little.
${findings ? `\n${findings.trim()}\n` : ''}`;
}

export function resultsText(results: readonly SizeResult[]): string {
  const { main, peers, targets } = resultsTables(results);
  return `${main}\n\n${peers}\n\n${targets}\n`;
}
