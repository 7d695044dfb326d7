/**
 * `npm run bench`: prepares the archives, runs every probe in turn (never in
 * parallel: timings on a shared 2-core machine are noisy enough), prints the
 * tables and writes bench/results.md. Bundled and started by scripts/bench.mjs
 * with the repository root as the working directory.
 */
import { execFileSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, release, type } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BenchUsageError, CORPUS_SIZE, parseBenchArgs, USAGE, type BenchArgs } from './args.js';
import { benchVocabulary, bigArticleArchive, corpusArchive, generatedArchive, type BenchArchive } from './archives.js';
import { BIG_ARTICLE_MARKER } from './generate.js';
import { generateArticles, writeArchive } from './generate.js';
import { detectPeer, timeFzf, timeNewsboat, type PeerVersion } from './peers.js';
import { changedFrom, KEYS, quit, spawnInPty, type PtyRun, type ScreenCondition } from './pty-probe.js';
import { keystrokes, QUERIES } from './queries.js';
import { resultsMarkdown, resultsText, type BigArticleResult, type MachineInfo, type Samples, type SizeResult } from './report.js';

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
  keystrokeMs: number[];
  queryMs: number[];
  rssAfterSearchMb: number;
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

/** How long a warm start runs after its search before its peak memory is read (the folder check behind it done). */
const WARM_SETTLE_MS = 3000;

const LONG_READ_MARKER = 'Zephyrine ledger of the long read';

/** What the list's header says while the indexer works (`listing ▰▰▱ 45%`, then `indexing …`, `finding quotes …`). */
const LISTING = /listing [▰▱]+ \d+%/;
const INDEXING = /indexing [▰▱]+ \d+%/;

interface FirstRun {
  /** Spawn → the first rows of the list on screen (with the progress bar, at 100,000). */
  firstRowsMs: number;
  /** Spawn → every article listed (the header counts them all, no listing progress left). */
  listedMs: number;
  /** Spawn → every article listed and the index complete (no progress left in the header). */
  listCompleteMs: number;
  /** Spawn → the quotations of every article found (the people index complete). */
  analysedMs: number | { na: string };
  rssPeakMb?: number;
  /** The archive index on disk once complete, the reader still running (database, WAL and shared memory files). */
  storeBytes: number;
  /** The same after the reader quit: what stays in the cache folder. */
  storeBytesAtRest: number;
}

interface WarmRun {
  frameMs: number;
  keyMs: number;
  /** Spawn → the answer to a search typed at the first frame on screen. */
  searchMs: number;
  /** Peak RSS after the search, the folder check done. */
  peakRssMb?: number;
  e2eSearch: number[];
  openMs: number;
  stepMs: number[];
  pageMs: number[];
}

let startCount = 0;

/**
 * Every start gets a fresh library (a remembered selection would start the list elsewhere);
 * the cache folder is the caller's: a fresh one for a first run, a used one for a warm start.
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

function bytesIn(dir: string): number {
  let total = 0;
  for (const name of existsSync(dir) ? readdirSync(dir) : []) total += statSync(join(dir, name)).size;
  return total;
}

/** When the store in `cacheDir` has every article analysed (polled every 50 ms), or why not. */
async function analysisDone(cacheDir: string, startedAt: number, timeoutMs: number): Promise<number | { na: string }> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const file = existsSync(cacheDir) ? readdirSync(cacheDir).find((name) => name.endsWith('.db')) : undefined;
    if (file) {
      try {
        const db = new Database(join(cacheDir, file), { readonly: true, fileMustExist: true });
        try {
          const left = db.prepare("SELECT count(*) FROM files WHERE id IS NOT NULL AND analysed = 0").pluck().get() as number;
          const total = db.prepare('SELECT count(*) FROM files WHERE id IS NOT NULL').pluck().get() as number;
          if (total > 0 && left === 0) return performance.now() - startedAt;
        } finally {
          db.close();
        }
      } catch {
        // Being created or rebuilt: look again.
      }
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { na: `not done in ${Math.round(timeoutMs / 1000)} s` };
}

/** A list row: a date column (`~` before a date taken from the file's time), then a headline. */
const listRow = (line: string): boolean => /^[ *][N ][ ~]\d{4}-\d\d-\d\d /.test(line);

/**
 * A first run on an archive: no index yet. The list fills in as the indexer
 * commits; the header shows its progress, then the analysis's.
 */
async function firstRun(archive: BenchArchive, info: ArchiveInfo, timeoutMs: number, cacheDir: string, analysisTimeoutMs: number): Promise<FirstRun> {
  const pty = startBroadsheet(archive, cacheDir);
  let run: Omit<FirstRun, 'storeBytesAtRest'>;
  try {
    const rows = await pty.waitFor((screen) => screen.some(listRow), 'the first rows of the list', timeoutMs);
    const count = `${info.loaded.toLocaleString('en')} articles`;
    const allListed = (screen: string[]): boolean => (screen[0] ?? '').includes(count) && !LISTING.test(screen[0] ?? '');
    const listed = await pty.waitFor(allListed, 'every article listed', timeoutMs);
    const complete = await pty.waitFor((screen) => allListed(screen) && !INDEXING.test(screen[0] ?? ''), 'the whole list, indexed', timeoutMs);
    // The header's progress can be absent for a moment between the two phases: the store says when it is done.
    const analysedMs = await analysisDone(cacheDir, pty.startedAt, analysisTimeoutMs);
    const rssPeakMb = pty.peakRssMb();
    run = {
      firstRowsMs: rows - pty.startedAt,
      listedMs: listed - pty.startedAt,
      listCompleteMs: complete - pty.startedAt,
      analysedMs,
      ...(rssPeakMb !== undefined ? { rssPeakMb } : {}),
      storeBytes: bytesIn(cacheDir),
    };
  } finally {
    await quit(pty, '\x03');
  }
  return { ...run, storeBytesAtRest: bytesIn(cacheDir) };
}

/**
 * A warm start on the index a first run left: spawn → first frame → a `j`
 * answered → a search typed at once answered; then the per-query search in
 * the reader, the 100 KB long read opened and scrolled; peak RSS after it all.
 */
async function warmRun(archive: BenchArchive, info: ArchiveInfo, topHeadlines: Record<string, string | null>, timeoutMs: number, cacheDir: string): Promise<WarmRun> {
  const pty = startBroadsheet(archive, cacheDir);
  try {
    const frameMs = (await pty.waitFor(listReady(info), 'the first list frame', timeoutMs)) - pty.startedAt;
    pty.write(KEYS.down);
    const moved = (screen: string[]): boolean => screen.some((line) => /\b2\/[\d,]+\s*$/.test(line));
    const keyMs = (await pty.waitFor(moved, 'the selection to move to the second article', timeoutMs)) - pty.startedAt;
    const [first] = QUERIES.filter((query) => topHeadlines[query]);
    if (!first) throw new Error('no query has a top hit');
    pty.write('/');
    pty.write(first);
    const searchMs = (await pty.waitFor(headlineOnScreen(topHeadlines[first]!), `the top hit for "${first}"`, timeoutMs)) - pty.startedAt;
    await leaveSearch(pty);
    const e2eSearch = await searchInPty(pty, topHeadlines);
    pty.write(KEYS.last);
    await pty.waitFor(headlineOnScreen(info.lastHeadline), 'the long read selected', timeoutMs);
    const sent = performance.now();
    pty.write(KEYS.enter);
    const opened = await pty.waitFor((s) => s.some((l) => l.includes(LONG_READ_MARKER.slice(0, 20))), 'the long read text', timeoutMs);
    const { stepMs, pageMs } = await timeScrolls(pty, 5_000);
    await new Promise((r) => setTimeout(r, WARM_SETTLE_MS));
    const peakRssMb = pty.peakRssMb();
    return { frameMs, keyMs, searchMs, e2eSearch, openMs: opened - sent, stepMs, pageMs, ...(peakRssMb !== undefined ? { peakRssMb } : {}) };
  } finally {
    await quit(pty, '\x03');
  }
}

/** `j` three times, then PgDn three times: the time from each key until the screen changes. */
async function timeScrolls(pty: PtyRun, timeoutMs: number): Promise<{ stepMs: number[]; pageMs: number[] }> {
  const stepMs: number[] = [];
  const pageMs: number[] = [];
  for (const [key, into] of [[KEYS.down, stepMs], [KEYS.pageDown, pageMs]] as const) {
    for (let i = 0; i < 3; i++) {
      const before = pty.screen();
      const t0 = performance.now();
      pty.write(key);
      into.push((await pty.waitFor(changedFrom(before), `the screen to scroll (${JSON.stringify(key)})`, timeoutMs)) - t0);
    }
  }
  return { stepMs, pageMs };
}

/**
 * Esc, and wait until the list is back: a key sent while the reader is still busy would reach
 * it in the same read as the Esc, and ESC + key reads as Alt + key in every terminal program.
 */
async function leaveSearch(pty: PtyRun): Promise<void> {
  pty.write('\x1b');
  await pty.waitFor((screen) => screen.some((line) => /^ ?Broadsheet ·/.test(line)), 'the list after Esc', 30_000);
}

/** `/`, then each query typed key by key; the time from the last key to the top hit on screen. */
async function searchInPty(pty: PtyRun, topHeadlines: Record<string, string | null>): Promise<number[]> {
  const times: number[] = [];
  for (const query of QUERIES) {
    const top = topHeadlines[query];
    if (!top) continue;
    pty.write('/');
    await pty.waitFor((screen) => screen.some((line) => /^ ?Search ·/.test(line)), 'the search line', 5_000);
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
  return times;
}

function archiveFor(size: number, seed: string): BenchArchive {
  if (size === CORPUS_SIZE && existsSync(CORPUS)) return corpusArchive(join(ARCHIVES, `corpus-${seed}`), CORPUS, seed);
  return generatedArchive(join(ARCHIVES, `${size}-${seed}`), size, seed, existsSync(CORPUS) ? CORPUS : undefined, log);
}

const na = (why: string): { na: string } => ({ na: why });

async function measureSize(size: number, args: BenchArgs, peers: { newsboat: PeerVersion; fzf: PeerVersion }): Promise<SizeResult> {
  const archive = archiveFor(size, args.seed);
  const prefix = `${archive.dir}.peer`;
  // The in-process tools share one index per archive, kept beside it (a first run of the tool builds it).
  const store = `${archive.dir}.index.db`;
  log(`${archive.label}: reading the archive once to write the peer feed and headlines …`);
  const info = runTool<ArchiveInfo>(['prepare', archive.dir, prefix, store]);
  const timeoutMs = 30_000 + info.loaded; // ~130 s at 100,000 articles
  // The analysis's own limit is 10 minutes at 100,000 (the issue's); beyond it the figure is reported as not done.
  const analysisTimeoutMs = Math.max(60_000, info.loaded * 9);

  log(`${archive.label}: search in process (${args.runs} runs + warm-up) …`);
  const search = runTool<SearchRun>(['search', archive.dir, String(args.runs), store]);

  const firsts: FirstRun[] = [];
  const warms: WarmRun[] = [];
  // At 100,000 a first run (building the index, finding every quotation) takes minutes: fewer of them.
  const firstRuns = info.loaded >= 50_000 ? Math.min(2, args.runs) : args.runs;
  // A warm start after the first runs reuses the last index (a warm start leaves it as it found it).
  let cacheDir = '';
  for (let run = 0; run <= args.runs; run++) {
    if (run === 0 || run <= firstRuns) {
      cacheDir = freshCacheDir();
      log(`${archive.label}: first run ${run === 0 ? 'warm-up' : `${run}/${firstRuns}`} (no index) …`);
      const first = await firstRun(archive, info, timeoutMs, cacheDir, analysisTimeoutMs);
      if (run > 0) firsts.push(first);
    }
    log(`${archive.label}: warm start ${run === 0 ? 'warm-up' : `${run}/${args.runs}`} …`);
    const warm = await warmRun(archive, info, search.topHeadlines, timeoutMs, cacheDir);
    if (run > 0) warms.push(warm);
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

  const defined = (values: Array<number | undefined>): number[] => values.filter((v): v is number => v !== undefined);
  const analysed = firsts.map((f) => f.analysedMs);
  const notDone = analysed.find((a): a is { na: string } => typeof a !== 'number');
  return {
    label: archive.label,
    articles: info.loaded,
    megabytes: info.bytes / 1024 / 1024,
    firstRowsMs: firsts.map((f) => f.firstRowsMs),
    listedMs: firsts.map((f) => f.listedMs),
    listCompleteMs: firsts.map((f) => f.listCompleteMs),
    analysedMs: notDone ?? analysed.filter((a): a is number => typeof a === 'number'),
    firstRunPeakRssMb: defined(firsts.map((f) => f.rssPeakMb)),
    storeMb: firsts.map((f) => f.storeBytes / 1024 / 1024),
    storeAtRestMb: firsts.map((f) => f.storeBytesAtRest / 1024 / 1024),
    warmFrameMs: warms.map((w) => w.frameMs),
    warmKeyMs: warms.map((w) => w.keyMs),
    warmSearchMs: warms.map((w) => w.searchMs),
    warmPeakRssMb: defined(warms.map((w) => w.peakRssMb)),
    keystrokeMs: search.keystrokeMs,
    queryMs: search.queryMs,
    e2eSearchMs: warms.flatMap((w) => w.e2eSearch),
    openMs: warms.map((w) => w.openMs),
    stepMs: warms.flatMap((w) => w.stepMs),
    pageMs: warms.flatMap((w) => w.pageMs),
    rssAfterSearchMb: [search.rssAfterSearchMb],
    newsboatFirstFrameMs: newsboat.firstFrameMs,
    newsboatArticleListMs: newsboat.articleListMs,
    newsboatSearchMs: newsboat.searchMs,
    newsboatRssMb: newsboat.peakRssMb,
    fzfMs,
  };
}

/**
 * One 4.2 MB article (under the 5 MB limit): on a warm start, Enter → its
 * first screen, `j` and PgDn → the screen changed, `G` → its end on screen;
 * and `broadsheet show` of it into a pipe, whole.
 */
async function measureBigArticle(args: BenchArgs): Promise<BigArticleResult> {
  const archive = bigArticleArchive(join(ARCHIVES, `big-${args.seed}`), args.seed, existsSync(CORPUS) ? CORPUS : undefined);
  const cacheDir = freshCacheDir();
  const headline = headlineOnScreen(archive.headline);
  log(`${archive.label}: indexing it once …`);
  await quit(await (async () => {
    const pty = startBroadsheet(archive, cacheDir);
    await pty.waitFor((screen) => headline(screen) && !INDEXING.test(screen[0] ?? ''), 'the article listed', 60_000);
    return pty;
  })(), '\x03');
  const result = { openMs: [] as number[], stepMs: [] as number[], pageMs: [] as number[], endMs: [] as number[], showMs: [] as number[] };
  for (let run = 0; run <= args.runs; run++) {
    log(`${archive.label}: run ${run === 0 ? 'warm-up' : `${run}/${args.runs}`} …`);
    const pty = startBroadsheet(archive, cacheDir);
    try {
      await pty.waitFor(headline, 'the list', 30_000);
      // A second on the list, as a reader takes before Enter: the start-up's warm-up and read-ahead are done,
      // so the figure is the open itself (a key sent with the first frame waits for them; the warm starts measure that).
      await new Promise((r) => setTimeout(r, 1000));
      const sent = performance.now();
      pty.write(KEYS.enter);
      const opened = await pty.waitFor((s) => s.some((l) => l.includes(BIG_ARTICLE_MARKER.slice(0, 20))), 'its first screen', 30_000);
      const { stepMs: steps, pageMs: pages } = await timeScrolls(pty, 30_000);
      const before = pty.screen();
      const t0 = performance.now();
      pty.write(KEYS.last);
      const end = await pty.waitFor(changedFrom(before), 'its end', 30_000);
      if (run > 0) {
        result.openMs.push(opened - sent);
        result.stepMs.push(...steps);
        result.pageMs.push(...pages);
        result.endMs.push(end - t0);
      }
    } finally {
      await quit(pty, '\x03');
    }
    const t0 = performance.now();
    execFileSync(process.execPath, [CLI, '--archive', archive.dir, 'show', archive.id, '--width', '80'], {
      env: { ...process.env, BROADSHEET_CACHE_DIR: cacheDir, BROADSHEET_CONFIG_DIR: join(ARCHIVES, '.config', 'show') },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (run > 0) result.showMs.push(performance.now() - t0);
  }
  return result;
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
  const big = await measureBigArticle(args);
  const machine = machineInfo(args, [newsboat, fzf]);
  process.stdout.write(`\nNode ${machine.node}, ${machine.cpu} × ${machine.cores}; median / max of ${args.runs} runs\n\n${resultsText(results, big)}`);
  if (args.quick) {
    log('quick run: bench/results.md left as it was');
  } else {
    const findingsFile = resolve(ROOT, 'bench/findings.md');
    const findings = existsSync(findingsFile) ? readFileSync(findingsFile, 'utf8') : '';
    writeFileSync(resolve(ROOT, 'bench/results.md'), resultsMarkdown(results, machine, findings, big));
    log('wrote bench/results.md');
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
