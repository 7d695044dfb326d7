/**
 * A day's reading on the real corpus, end to end in a pseudo-terminal: search,
 * open three results in turn with n, go back to the results, show only the
 * sport section, read only what is unread, and quit and come back at another
 * width to the same section, article and place in it.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { CLI, CORPUS } from './helpers/paths.js';
import { has } from './helpers/needs.js';
import { spawnCli, waitForExit } from './helpers/pty.js';
import type { PtySession } from './helpers/pty.js';
import { tempDir } from './helpers/tmp.js';

const sessions: PtySession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.dispose();
});

let cacheDir: string;
beforeAll(() => {
  if (!has('corpus')) return;
  // The archive index built once, as a first `list` would: the session then starts on a whole list.
  cacheDir = tempDir('broadsheet-e2e-habits-cache-');
  execFileSync(process.execPath, [CLI, '--archive', CORPUS, 'list', '--limit', '1'], { env: { ...process.env, BROADSHEET_CACHE_DIR: cacheDir }, stdio: 'ignore' });
}, 120_000);

// Rows as drawn, padded cells trimmed.
const header = (lines: string[]): string => (lines[0] ?? '').trimEnd();
const footer = (lines: string[]): string => (lines[22] ?? '').trimEnd();

/** Presses n until the reader shows result `to` (n first goes through the words marked below the screen). */
async function nextResult(s: PtySession, to: number): Promise<void> {
  for (let press = 0; press < 30; press++) {
    const before = s.screen().join('\n');
    s.write('n');
    const after = await s.waitFor((lines) => lines.join('\n') !== before, `n to move (towards result ${to})`);
    if (new RegExp(`result ${to}/\\d+`).test(header(after))) return;
  }
  throw new Error(`n never reached result ${to}. Screen:\n${s.screen().join('\n')}`);
}

/** The reader's line count in its footer: `from-to/total`. */
const shownLines = (lines: string[]): { from: number; to: number; total: number } | undefined => {
  const match = / (\d+)-(\d+)\/(\d+) /.exec(`${footer(lines)} `);
  return match ? { from: Number(match[1]), to: Number(match[2]), total: Number(match[3]) } : undefined;
};

it.skipIf(!has('corpus'))('search, open three results in turn with n, back to the results, filter to sport, read only unread, come back at another width', async () => {
  const configDir = tempDir('broadsheet-e2e-habits-config-');
  const s = spawnCli(['--archive', CORPUS], { cols: 100, rows: 24, configDir, env: { BROADSHEET_CACHE_DIR: cacheDir } });
  sessions.push(s);
  await s.waitFor((l) => header(l).includes('2,225 articles · 2,225 unread'), 'the list');

  // Search, one key at a time, as a person types.
  s.write('/');
  await s.waitFor((l) => header(l).includes('Search · corpus'), 'the search line');
  for (let i = 1; i <= 'yukos'.length; i++) {
    s.write('yukos'[i - 1]!);
    await s.waitFor((l) => footer(l).startsWith(` / ${'yukos'.slice(0, i)}`), 'the query echoed');
  }
  const results = await s.waitFor((l) => /1\/\d+ matches$/.test(footer(l)), 'the results');
  const total = /1\/(\d+) matches$/.exec(footer(results))![1]!;
  // Each result has its line of context under it.
  expect(results[2]).toMatch(/^ {14}\S/);

  // Three results in turn with n.
  s.write('\r');
  await s.waitFor((l) => header(l).includes(`result 1/${total}`), 'the first result');
  await nextResult(s, 2);
  await nextResult(s, 3);
  const third = s.screen();
  const thirdHeadline = third[1]!.trim();

  // Back: the results, the query and the third result selected.
  s.write('\u001B');
  await s.waitFor((l) => footer(l).startsWith(' / yukos') && footer(l).includes(`3/${total} matches`), 'the results again, at the third');
  expect(s.screen().join('\n')).toContain(thirdHeadline);

  // Filter to sport: leave the search, pick the section.
  s.write('\u001B');
  // The three results opened are read now.
  await s.waitFor((l) => header(l).includes('Broadsheet · corpus'), 'the list');
  expect(header(s.screen())).toContain('2,225 articles · 2,222 unread');
  s.write('c');
  const picker = await s.waitFor((l) => header(l).includes('Sections · corpus'), 'the section picker');
  const sportRow = picker.findIndex((line) => /^ sport +\d+ articles/.test(line));
  expect(sportRow).toBeGreaterThan(1);
  const sportCount = /(\d+) articles/.exec(picker[sportRow]!)![1]!;
  s.write('j'.repeat(sportRow - 1));
  await s.waitFor((l) => footer(l).includes(`${sportRow}/6`), 'sport selected');
  s.write('\r');
  await s.waitFor((l) => header(l).includes('Broadsheet · corpus › sport') && header(l).includes(`${sportCount} articles · ${sportCount} unread`), 'the sport list');

  // Read the first sport article, then show only unread: it is gone from the list, every row is unread.
  const first = s.screen()[1]!.slice(14, 60).trim();
  s.write('\r');
  await s.waitFor((l) => l.some((line) => line.includes('min read')), 'the first sport article');
  s.write('q');
  await s.waitFor((l) => header(l).includes(`${sportCount} articles · ${Number(sportCount) - 1} unread`), 'one read');
  s.write('U');
  const unread = await s.waitFor((l) => header(l).includes('only unread'), 'only unread');
  expect(header(unread)).toContain(`${Number(sportCount) - 1} articles · ${Number(sportCount) - 1} unread · only unread`);
  expect(unread.slice(1, 22).join('\n')).not.toContain(first);
  expect(unread.slice(1, 22).every((row) => row.startsWith(' N'))).toBe(true);

  // Read the first unread article longer than a screen (Tab: the next unread) to its end, and leave it there.
  s.write('\r');
  let reader = await s.waitFor((l) => shownLines(l) !== undefined, 'an unread sport article');
  for (let tries = 0; shownLines(reader)!.to >= shownLines(reader)!.total; tries++) {
    expect(tries).toBeLessThan(20);
    const before = reader[1];
    s.write('\t');
    reader = await s.waitFor((l) => shownLines(l) !== undefined && l[1] !== before, 'the next unread article');
  }
  const headline = reader[1]!.trim();
  s.write('G');
  const end = await s.waitFor((l) => shownLines(l)!.to === shownLines(l)!.total && shownLines(l)!.from > 1, 'the end of the article');
  const firstText = (lines: string[]): string => lines.slice(1, 22).find((line) => line.trim() !== '')!.trim();
  const firstWord = firstText(end).split(/\s+/)[0]!;
  expect(firstWord).toMatch(/\w/);
  s.write('q');
  await s.waitFor((l) => header(l).includes('only unread'), 'the list again');
  s.write('q');
  expect((await waitForExit(s)).exitCode).toBe(0);

  // Narrower: the same section, the article selected, and it opens where it was left.
  const again = spawnCli(['--archive', CORPUS], { cols: 72, rows: 24, configDir, env: { BROADSHEET_CACHE_DIR: cacheDir } });
  sessions.push(again);
  const list = await again.waitFor((l) => header(l).includes('› sport'), 'the sport list again');
  // Only unread was a view of that session: the section comes back whole.
  expect(header(list)).toContain(`${sportCount} articles`);
  expect(header(list)).not.toContain('only unread');
  again.write('\r');
  const resumed = await again.waitFor((l) => shownLines(l) !== undefined && footer(l).includes('Back where you left off'), 'the article, resumed');
  expect(shownLines(resumed)!.from).toBeGreaterThan(1);
  // The line it was left at starts the screen, wrapped to the new width.
  expect(firstText(resumed).startsWith(firstWord) || firstText(resumed).includes(` ${firstWord}`)).toBe(true);
  // And it is the article read last time.
  again.write('g');
  const top = await again.waitFor((l) => shownLines(l)?.from === 1, 'the top of the article');
  expect(top[1]!.trim()).toBe(headline);
  again.write('q');
  await again.waitFor((l) => header(l).includes('› sport'), 'the list');
  again.write('q');
  expect((await waitForExit(again)).exitCode).toBe(0);
}, 90_000);
