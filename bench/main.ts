/**
 * `npm run bench`: prepares the archives, runs every probe in turn (never in
 * parallel: timings on a shared 2-core machine are noisy enough), prints the
 * tables and writes bench/results.md. Bundled and started by scripts/bench.mjs
 * with the repository root as the working directory.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, release, type } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BenchUsageError, CORPUS_SIZE, parseBenchArgs, USAGE, type BenchArgs } from './args.js';
import { benchVocabulary, corpusArchive, generatedArchive, type BenchArchive } from './archives.js';
import { generateArticles, writeArchive } from './generate.js';
import { detectPeer, timeFzf, timeNewsboat, type PeerVersion } from './peers.js';
import { changedFrom, KEYS, quit, spawnInPty, type PtyRun, type ScreenCondition } from './pty-probe.js';
import { keystrokes, QUERIES } from './queries.js';
import { resultsMarkdown, resultsText, type MachineInfo, type Samples, type SizeResult } from './report.js';

const ROOT = process.cwd();
const CLI = resolve(ROOT, 'dist/cli.js');
const TOOL = resolve(ROOT, process.env.BENCH_TOOL ?? 'bench/archives/.tools/archive-tool.mjs');
const ARCHIVES = resolve(ROOT, 'bench/archives');
const CORPUS = resolve(ROOT, '../shared/corpus');
const COLS = 100;
const ROWS = 30;

const log = (line: string): void => void process.stderr.write(`bench: ${line}\n`);

/** What `prepare` reports about an archive. */
interface ArchiveInfo {
  loaded: number;
  skipped: number;
  bytes: number;
  firstHeadline: string;
  lastHeadline: string;
  loadMs: number;
}

interface SearchRun {
  indexMs: number[];
  keystrokeMs: number[];
  queryMs: number[];
  rssAfterLoadMb: number;
  rssAfterSearchMb: number;
  peakRssMb: number;
  topHeadlines: Record<string, string | null>;
}

function runTool<T>(args: string[]): T {
  const out = execFileSync(process.execPath, ['--expose-gc', TOOL, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return JSON.parse(out) as T;
}

/** A headline as the list shows it: the list truncates long ones, so only the start is required. */
function headlineOnScreen(headline: string): ScreenCondition {
  const start = headline.slice(0, 30).trimEnd();
  return (screen) => screen.some((line) => line.includes(start));
}

/**
 * "The list is drawn": the newest article's headline is on screen. Change
 * this one function if the list's first frame is recognised differently.
 */
export function listReady(info: ArchiveInfo): ScreenCondition {
  return headlineOnScreen(info.firstHeadline);
}

/** Does `/` open a search box, or is it still reserved ("Search is coming soon")? */
function searchUiMissing(screen: string[]): boolean {
  return screen.some((line) => /search is coming soon/i.test(line));
}

/** How long a warm start runs before its peak memory is read. */
const WARM_SETTLE_MS = 3000;

const LONG_READ_MARKER = 'Zephyrine ledger of the long read';

interface SessionTimes {
  coldMs: number;
  rssAtFirstFrameMb?: number;
  openMs: number;
  rssAfterOpenMb?: number;
  stepMs: number[];
  pageMs: number[];
  e2eSearch: { times: number[]; indexMs: number } | { na: string };
}

let startCount = 0;

/**
 * Every start gets a fresh library (a remembered selection would start the list elsewhere);
 * the cache folder is the caller's: a fresh one for a cold start, a used one for a warm start.
 */
function startBroadsheet(archive: BenchArchive, cacheDir: string): PtyRun {
  const configDir = join(ARCHIVES, '.config', `${process.pid}-${startCount++}`);
  rmSync(configDir, { recursive: true, force: true });
  mkdirSync(configDir, { recursive: true });
  return spawnInPty(process.execPath, [CLI, '--archive', archive.dir], {
    cols: COLS,
    rows: ROWS,
    env: { BROADSHEET_CONFIG_DIR: configDir, BROADSHEET_CACHE_DIR: cacheDir },
  });
}

function freshCacheDir(): string {
  const dir = join(ARCHIVES, '.cache', `${process.pid}-${startCount}`);
  rmSync(dir, { recursive: true, force: true });
  return dir;
}

/** One whole session: start, search (if there is a search box), open the long read, scroll, quit. */
async function broadsheetSession(archive: BenchArchive, info: ArchiveInfo, topHeadlines: Record<string, string | null>, timeoutMs: number, cacheDir: string): Promise<SessionTimes> {
  const pty = startBroadsheet(archive, cacheDir);
  try {
    const ready = await pty.waitFor(listReady(info), 'the first list frame', timeoutMs);
    const coldMs = ready - pty.startedAt;
    const rssAtFirstFrameMb = pty.peakRssMb();
    // A failed probe is reported as n/a with its reason; it does not end the whole run.
    const e2eSearch = await searchInPty(pty, topHeadlines, timeoutMs).catch((error: Error) => na(error.message.split(';')[0] ?? 'failed'));
    pty.write(KEYS.last);
    await pty.waitFor(headlineOnScreen(info.lastHeadline), 'the long read selected', timeoutMs);
    const sent = performance.now();
    pty.write(KEYS.enter);
    const opened = await pty.waitFor((s) => s.some((l) => l.includes(LONG_READ_MARKER.slice(0, 20))), 'the long read text', timeoutMs);
    const rssAfterOpenMb = pty.peakRssMb();
    const stepMs: number[] = [];
    const pageMs: number[] = [];
    for (const [key, into] of [[KEYS.down, stepMs], [KEYS.pageDown, pageMs]] as const) {
      for (let i = 0; i < 3; i++) {
        const before = pty.screen();
        const t0 = performance.now();
        pty.write(key);
        into.push((await pty.waitFor(changedFrom(before), `the screen to scroll (${JSON.stringify(key)})`, 5_000)) - t0);
      }
    }
    return {
      coldMs,
      ...(rssAtFirstFrameMb !== undefined ? { rssAtFirstFrameMb } : {}),
      openMs: opened - sent,
      ...(rssAfterOpenMb !== undefined ? { rssAfterOpenMb } : {}),
      stepMs,
      pageMs,
      e2eSearch,
    };
  } finally {
    await quit(pty, '\x03');
  }
}

/**
 * Esc, and wait until the list is back: a key sent while the reader is still busy would reach
 * it in the same read as the Esc, and ESC + key reads as Alt + key in every terminal program.
 */
async function leaveSearch(pty: PtyRun): Promise<void> {
  pty.write('\x1b');
  await pty.waitFor((screen) => screen.some((line) => /^ ?Broadsheet ·/.test(line)), 'the list after Esc', 30_000);
}

/**
 * `/`, then each query typed key by key; the time from the last key to the top hit on screen.
 * The first `/` may build the search index ("indexing…"): that wait is reported apart.
 */
async function searchInPty(
  pty: PtyRun,
  topHeadlines: Record<string, string | null>,
  timeoutMs: number,
): Promise<{ times: number[]; indexMs: number } | { na: string }> {
  const t0 = performance.now();
  pty.write('/');
  const searchLine = (screen: string[]): boolean => screen.some((line) => /^ ?Search ·/.test(line));
  await pty.waitFor((screen) => searchUiMissing(screen) || searchLine(screen), 'the search line or "coming soon"', 5_000);
  if (searchUiMissing(pty.screen())) return { na: 'search UI not built' };
  const indexed = await pty.waitFor((screen) => !screen.some((line) => /indexing/.test(line)), 'the search index', timeoutMs);
  const indexMs = indexed - t0;
  await leaveSearch(pty);
  const times: number[] = [];
  for (const query of QUERIES) {
    const top = topHeadlines[query];
    if (!top) continue;
    pty.write('/');
    await new Promise((r) => setTimeout(r, 50));
    const typed = keystrokes(query);
    for (let i = 0; i < typed.length; i++) {
      const key = query[i]!;
      if (i < typed.length - 1) {
        pty.write(key);
        await new Promise((r) => setTimeout(r, 20)); // keys a fast typist sends, not a paste
        continue;
      }
      const sent = performance.now();
      pty.write(query.slice(i));
      times.push((await pty.waitFor(headlineOnScreen(top), `the top hit for "${query}"`, 10_000)) - sent);
    }
    await leaveSearch(pty);
  }
  return { times, indexMs };
}

/**
 * A warm start: spawn → the first list frame, and spawn → the answer to a `j` typed the moment
 * that frame appeared (the first frame may be drawn before the UI can take keys: this says when it can).
 */
async function secondStart(archive: BenchArchive, info: ArchiveInfo, timeoutMs: number, cacheDir: string): Promise<{ frameMs: number; keyMs: number; peakRssMb?: number }> {
  const pty = startBroadsheet(archive, cacheDir);
  try {
    const frameMs = (await pty.waitFor(listReady(info), 'the first list frame', timeoutMs)) - pty.startedAt;
    pty.write(KEYS.down);
    const moved = (screen: string[]): boolean => screen.some((line) => /\b2\/[\d,]+\s*$/.test(line));
    const keyMs = (await pty.waitFor(moved, 'the selection to move to the second article', timeoutMs)) - pty.startedAt;
    // The background check of the folder against the snapshot is over by then (and the search index is being built).
    await new Promise((r) => setTimeout(r, WARM_SETTLE_MS));
    const peakRssMb = pty.peakRssMb();
    return { frameMs, keyMs, ...(peakRssMb !== undefined ? { peakRssMb } : {}) };
  } finally {
    await quit(pty, '\x03');
  }
}

function archiveFor(size: number, seed: string): BenchArchive {
  if (size === CORPUS_SIZE && existsSync(CORPUS)) return corpusArchive(join(ARCHIVES, `corpus-${seed}`), CORPUS, seed);
  return generatedArchive(join(ARCHIVES, `${size}-${seed}`), size, seed, existsSync(CORPUS) ? CORPUS : undefined, log);
}

const na = (why: string): { na: string } => ({ na: why });

async function measureSize(size: number, args: BenchArgs, peers: { newsboat: PeerVersion; fzf: PeerVersion }): Promise<SizeResult> {
  const archive = archiveFor(size, args.seed);
  const prefix = `${archive.dir}.peer`;
  log(`${archive.label}: loading once to write the peer feed and headlines …`);
  const info = runTool<ArchiveInfo>(['prepare', archive.dir, prefix]);
  const timeoutMs = 30_000 + info.loaded; // ~100 s at 100,000 articles, for a loader that has not been made fast yet

  log(`${archive.label}: search in process (${args.runs} runs + warm-up) …`);
  const search = runTool<SearchRun>(['search', archive.dir, String(args.runs)]);

  const sessions: SessionTimes[] = [];
  const seconds: number[] = [];
  const firstKeys: number[] = [];
  const warmPeaks: number[] = [];
  for (let run = 0; run <= args.runs; run++) {
    log(`${archive.label}: pty session ${run === 0 ? 'warm-up' : `${run}/${args.runs}`} …`);
    // Cold: no cache of parsed articles. Warm: a second start with the cache the first one wrote.
    const cacheDir = freshCacheDir();
    const session = await broadsheetSession(archive, info, search.topHeadlines, timeoutMs, cacheDir);
    const second = await secondStart(archive, info, timeoutMs, cacheDir);
    if (run === 0) continue;
    sessions.push(session);
    seconds.push(second.frameMs);
    firstKeys.push(second.keyMs);
    if (second.peakRssMb !== undefined) warmPeaks.push(second.peakRssMb);
  }

  let fzfMs: Samples = na(peers.fzf.missing ?? '');
  if (!peers.fzf.missing) {
    log(`${archive.label}: fzf …`);
    fzfMs = timeFzf(`${prefix}.headlines.txt`, args.runs).perQueryMs;
  }
  let newsboat: Record<'firstFrameMs' | 'articleListMs' | 'searchMs' | 'peakRssMb', Samples> = {
    firstFrameMs: na(peers.newsboat.missing ?? ''),
    articleListMs: na(peers.newsboat.missing ?? ''),
    searchMs: na(peers.newsboat.missing ?? ''),
    peakRssMb: na(peers.newsboat.missing ?? ''),
  };
  if (!peers.newsboat.missing) {
    log(`${archive.label}: newsboat (its first run fills its cache) …`);
    try {
      newsboat = await timeNewsboat(`${prefix}.feed.xml`, `${archive.dir}.newsboat`, `Broadsheet bench ${info.loaded}`, args.runs, timeoutMs);
    } catch (error) {
      const why = `newsboat failed: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`;
      log(why);
      newsboat = { firstFrameMs: na(why), articleListMs: na(why), searchMs: na(why), peakRssMb: na(why) };
    }
  }

  const e2e = sessions[0]?.e2eSearch;
  const defined = (values: Array<number | undefined>): number[] => values.filter((v): v is number => v !== undefined);
  return {
    label: archive.label,
    articles: info.loaded,
    megabytes: info.bytes / 1024 / 1024,
    coldStartMs: sessions.map((s) => s.coldMs),
    secondStartMs: seconds,
    firstKeyMs: firstKeys,
    keystrokeMs: search.keystrokeMs,
    queryMs: search.queryMs,
    indexMs: search.indexMs,
    e2eSearchMs: e2e !== undefined && 'na' in e2e ? e2e : sessions.flatMap((s) => ('times' in s.e2eSearch ? s.e2eSearch.times : [])),
    e2eIndexMs: e2e !== undefined && 'na' in e2e ? e2e : sessions.flatMap((s) => ('indexMs' in s.e2eSearch ? [s.e2eSearch.indexMs] : [])),
    openMs: sessions.map((s) => s.openMs),
    stepMs: sessions.flatMap((s) => s.stepMs),
    pageMs: sessions.flatMap((s) => s.pageMs),
    rssAtFirstFrameMb: defined(sessions.map((s) => s.rssAtFirstFrameMb)),
    rssAfterOpenMb: defined(sessions.map((s) => s.rssAfterOpenMb)),
    warmPeakRssMb: warmPeaks,
    rssAfterLoadMb: [search.rssAfterLoadMb],
    rssAfterSearchMb: [search.rssAfterSearchMb],
    peakRssSearchMb: [search.peakRssMb],
    newsboatFirstFrameMs: newsboat.firstFrameMs,
    newsboatArticleListMs: newsboat.articleListMs,
    newsboatSearchMs: newsboat.searchMs,
    newsboatRssMb: newsboat.peakRssMb,
    fzfMs,
  };
}

function machineInfo(args: BenchArgs, peers: PeerVersion[]): MachineInfo {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    /* not a git checkout */
  }
  return {
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGb: totalmem() / 1024 ** 3,
    os: `${type()} ${release()}`,
    date: new Date().toISOString().slice(0, 10),
    commit,
    peers: peers.map((p) => p.missing ?? p.version ?? p.name),
    runs: args.runs,
    seed: args.seed,
  };
}

async function main(argv: string[]): Promise<number> {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(argv);
  } catch (error) {
    if (!(error instanceof BenchUsageError)) throw error;
    process.stderr.write(`bench: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.generate !== undefined) {
    const corpus = existsSync(CORPUS) ? CORPUS : undefined;
    if (args.out === undefined) {
      // The cached location the measurements use, so they reuse it.
      const archive = generatedArchive(join(ARCHIVES, `${args.generate}-${args.seed}`), args.generate, args.seed, corpus, log);
      process.stdout.write(`${archive.label} articles in ${archive.dir}\n`);
      return 0;
    }
    const out = resolve(args.out);
    const vocab = benchVocabulary(corpus);
    const written = writeArchive(out, generateArticles(args.generate, args.seed, vocab));
    process.stdout.write(`wrote ${written} articles to ${out} (${vocab.origin} vocabulary, seed "${args.seed}")\n`);
    return 0;
  }
  const newsboat = detectPeer('newsboat', ['-v']);
  const fzf = detectPeer('fzf', ['--version']);
  for (const peer of [newsboat, fzf]) if (peer.missing) log(peer.missing);
  const results: SizeResult[] = [];
  for (const size of args.sizes) results.push(await measureSize(size, args, { newsboat, fzf }));
  const machine = machineInfo(args, [newsboat, fzf]);
  process.stdout.write(`\nNode ${machine.node}, ${machine.cpu} × ${machine.cores}; median / max of ${args.runs} runs\n\n${resultsText(results)}`);
  if (args.quick) {
    log('quick run: bench/results.md left as it was');
  } else {
    const findingsFile = resolve(ROOT, 'bench/findings.md');
    const findings = existsSync(findingsFile) ? readFileSync(findingsFile, 'utf8') : '';
    writeFileSync(resolve(ROOT, 'bench/results.md'), resultsMarkdown(results, machine, findings));
    log('wrote bench/results.md');
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
