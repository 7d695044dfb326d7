/**
 * Peers on the same data: newsboat (start-up and `/` search, in the same
 * pseudo-terminal probe as Broadsheet) and `fzf --filter` (one process per
 * query over the same headlines). A peer that is not installed is skipped
 * with a note; the harness never installs anything.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { spawnInPty, quit, KEYS } from './pty-probe.js';
import { QUERIES } from './queries.js';

export interface PeerVersion {
  name: string;
  version?: string;
  /** Why it was skipped, when it was. */
  missing?: string;
}

export function detectPeer(command: string, versionArgs: string[]): PeerVersion {
  try {
    const out = execFileSync(command, versionArgs, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const line = out.split('\n')[0]!.trim();
    return { name: command, version: line.startsWith(command) ? line : `${command} ${line}` };
  } catch {
    return { name: command, missing: `${command} not installed (Debian: apt-get install ${command}); skipped` };
  }
}

export interface FzfTimes {
  /** One `fzf --filter QUERY < headlines` process per sample. */
  perQueryMs: number[];
}

export function timeFzf(headlinesFile: string, runs: number): FzfTimes {
  const perQueryMs: number[] = [];
  for (let run = 0; run <= runs; run++) {
    for (const query of QUERIES) {
      const input = openSync(headlinesFile, 'r');
      const t0 = performance.now();
      spawnSync('fzf', ['--filter', query], { stdio: [input, 'ignore', 'ignore'] });
      const took = performance.now() - t0;
      closeSync(input);
      if (run > 0) perQueryMs.push(took);
    }
  }
  return { perQueryMs };
}

export interface NewsboatTimes {
  firstFrameMs: number[];
  articleListMs: number[];
  searchMs: number[];
  peakRssMb: number[];
}

/**
 * newsboat reads the archive as one local RSS feed through an `exec:` URL.
 * Its cache is filled once (`-x reload`) and reused, like a real user's.
 */
export async function timeNewsboat(feedFile: string, workDir: string, feedTitle: string, runs: number, timeoutMs: number): Promise<NewsboatTimes> {
  mkdirSync(workDir, { recursive: true });
  const urls = join(workDir, 'urls');
  const config = join(workDir, 'config');
  const cache = join(workDir, 'cache.db');
  const env = { HOME: resolve(workDir) }; // keep its history files away from the real home
  writeFileSync(urls, `"exec:cat ${resolve(feedFile)}"\n`);
  writeFileSync(config, ['auto-reload no', 'confirm-exit no', 'show-read-feeds yes', 'show-read-articles yes'].join('\n') + '\n');
  const feedStamp = statSync(feedFile).mtimeMs;
  const cacheStamp = existsSync(cache) ? statSync(cache).mtimeMs : 0;
  if (cacheStamp < feedStamp) {
    rmSync(cache, { force: true });
    execFileSync('newsboat', ['-u', urls, '-c', cache, '-C', config, '-x', 'reload'], { env: { ...process.env, ...env }, stdio: 'ignore' });
  }
  const times: NewsboatTimes = { firstFrameMs: [], articleListMs: [], searchMs: [], peakRssMb: [] };
  const queries = QUERIES.slice(0, 5);
  for (let run = 0; run <= runs; run++) {
    rmSync(`${cache}.lock`, { force: true });
    const pty = spawnInPty('newsboat', ['-u', urls, '-c', cache, '-C', config], { env });
    try {
      const firstFrame = await pty.waitFor((s) => s.some((l) => l.includes(feedTitle)), 'the newsboat feed list', timeoutMs);
      pty.write(KEYS.enter);
      const listShown = performance.now();
      const articleList = await pty.waitFor((s) => s.some((l) => l.includes('Articles in feed')), 'the newsboat article list', timeoutMs);
      const searches: number[] = [];
      for (const query of queries) {
        pty.write('/');
        await pty.waitFor((s) => s.some((l) => l.includes('Search for')), 'the newsboat search prompt', timeoutMs);
        pty.write(query);
        await pty.waitFor((s) => s.some((l) => l.includes(query)), 'the typed query', timeoutMs);
        const sent = performance.now();
        pty.write(KEYS.enter);
        const shown = await pty.waitFor((s) => s.some((l) => /Search result|No results/.test(l)), 'newsboat search results', timeoutMs);
        searches.push(shown - sent);
        if (pty.screen().some((l) => l.includes('Search result'))) {
          pty.write('q');
          await pty.waitFor((s) => s.some((l) => l.includes('Articles in feed')), 'back to the article list', timeoutMs);
        }
      }
      if (run > 0) {
        times.firstFrameMs.push(firstFrame - pty.startedAt);
        times.articleListMs.push(articleList - listShown);
        times.searchMs.push(...searches);
        const rss = pty.peakRssMb();
        if (rss !== undefined) times.peakRssMb.push(rss);
      }
    } finally {
      await quit(pty, 'Q');
    }
  }
  return times;
}
