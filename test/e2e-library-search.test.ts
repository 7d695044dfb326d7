/**
 * End to end, in a pseudo-terminal: search as you type on the real corpus,
 * and a bookmark that survives a restart and shows in `bookmarks --json`.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ARTICLES, CLI, CORPUS, SEED, SEED_ID } from './helpers/paths.js';
import { spawnCli, waitForExit } from './helpers/pty.js';
import { has } from './helpers/needs.js';
import type { PtySession } from './helpers/pty.js';

const sessions: PtySession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.dispose();
});
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

const onScreen = (text: string) => (lines: string[]) => lines.some((l) => l.includes(text));

/** Types like a person: one key at a time, each echoed on the search line before the next. */
async function typeQuery(s: PtySession, text: string): Promise<void> {
  for (let i = 1; i <= text.length; i++) {
    s.write(text[i - 1] ?? '');
    const typed = text.slice(0, i);
    await s.waitFor((lines) => lines.some((l) => l.startsWith(` / ${typed}`)), `"${typed}" on the search line`);
  }
}

/** Opens the archive, types `query` one key at a time, opens the first result and comes back to the results. */
async function searchAndOpen(archive: string, count: string, query: string, headline: string): Promise<void> {
  const s = spawnCli(['--archive', archive], { cols: 100, rows: 24 });
  sessions.push(s);
  await s.waitFor(onScreen(`${count} articles`), 'the list');
  s.write('/');
  await s.waitFor(onScreen('Search · '), 'the search line');
  await typeQuery(s, query);
  const results = await s.waitFor((l) => /1\/\d+ matches\s*$/.test(l[22] ?? ''), 'the ranked results');
  expect(results[1]).toContain(headline);
  s.write('\r');
  const article = await s.waitFor(onScreen('min read'), 'the article');
  expect(article.join('\n')).toContain(headline);
  s.write('\u001B');
  await s.waitFor((l) => (l[1] ?? '').includes(headline) && (l[22] ?? '').startsWith(` / ${query}`), 'the results again');
  s.write('\u0003');
  expect((await waitForExit(s)).exitCode).toBe(0);
}

describe('search in a terminal', () => {
  it('finds the Putin and Xi article first for the misspelt "pution" in the bundled articles and opens it', async () => {
    await searchAndOpen(ARTICLES, '18', 'pution', 'Putin, Xi to Meet Again');
  });

  it.skipIf(!has('corpus'))('finds "Putin backs state grab for Yukos" first for the misspelt "pution" in the 2,225-article corpus and opens it', async () => {
    await searchAndOpen(CORPUS, '2,225', 'pution', 'Putin backs state grab for Yukos');
  });
});

describe('bookmarks across sessions', () => {
  it('a bookmark made in one session is marked in the next, listed by B and by `bookmarks --json`', async () => {
    const archiveDir = tempDir('broadsheet-e2e-bm-archive-');
    copyFileSync(SEED, join(archiveDir, `${SEED_ID}.txt`));
    const configDir = tempDir('broadsheet-e2e-bm-config-');

    const first = spawnCli(['--archive', archiveDir], { configDir });
    sessions.push(first);
    await first.waitFor(onScreen('1 article · 1 unread'), 'the list');
    first.write('b');
    await first.waitFor(onScreen('Bookmarked: China-Russia'), 'the feedback');
    first.write('q');
    expect((await waitForExit(first)).exitCode).toBe(0);

    const second = spawnCli(['--archive', archiveDir], { configDir });
    sessions.push(second);
    const list = await second.waitFor(onScreen('China-Russia'), 'the list');
    expect(list[1]).toMatch(/^\*N /);
    second.write('B');
    const view = await second.waitFor(onScreen('1 bookmark '), 'the bookmarks view');
    expect(view[1]).toContain('China-Russia Relations');
    second.write('q');
    await second.waitFor(onScreen('Broadsheet ·'), 'the list');
    second.write('q');
    expect((await waitForExit(second)).exitCode).toBe(0);

    const json = execFileSync(process.execPath, [CLI, 'bookmarks', '--json', '--archive', archiveDir], {
      env: { ...process.env, BROADSHEET_CONFIG_DIR: configDir },
      encoding: 'utf8',
    });
    expect(JSON.stringify(JSON.parse(json))).toContain(SEED_ID);
  });
});

describe('reading state across sessions', () => {
  it('an article read in one session is read in the next, reopens at the same paragraph at another width, and stays read when its file is renamed', async () => {
    const archiveDir = tempDir('broadsheet-e2e-reading-archive-');
    const paragraphs = Array.from({ length: 60 }, (_, i) => `Paragraph ${i + 1} says something about the harbour, the ferries and the town, at some length so that it wraps.`);
    writeFileSync(join(archiveDir, 'long.txt'), `Harbour Town Opens New Ferry Terminal\n\n${paragraphs.join('\n\n')}\n`);
    writeFileSync(join(archiveDir, 'short.txt'), 'Bakery Chain Adds Forty Shops\n\nA short paragraph.\n');
    const configDir = tempDir('broadsheet-e2e-reading-config-');
    const topParagraph = (lines: string[]): string | undefined => lines.slice(1).join(' ').match(/Paragraph (\d+) /)?.[1];

    const first = spawnCli(['--archive', archiveDir], { configDir, cols: 100, rows: 24 });
    sessions.push(first);
    await first.waitFor(onScreen('2 articles · 2 unread'), 'the list');
    first.write('/');
    await typeQuery(first, 'harbour');
    await first.waitFor((l) => /1\/\d+ match/.test(l[22] ?? ''), 'the result');
    first.write('\r');
    await first.waitFor(onScreen('min read'), 'the article');
    let leftAt = '1';
    for (let page = 1; page <= 3; page++) {
      const before = Number(leftAt);
      first.write(' ');
      leftAt = topParagraph(await first.waitFor((l) => Number(topParagraph(l) ?? 0) > before, `page ${page}`))!;
    }
    first.write('q');
    await first.waitFor(onScreen('1/1 matches'), 'the results again');
    first.write('\u001B');
    await first.waitFor(onScreen('1 unread'), 'the list, one article read');
    first.write('q');
    expect((await waitForExit(first)).exitCode).toBe(0);

    // Narrower: the lines break elsewhere, the same paragraph is at the top.
    const second = spawnCli(['--archive', archiveDir], { configDir, cols: 60, rows: 24 });
    sessions.push(second);
    await second.waitFor(onScreen('2 articles · 1 unread'), 'the list with the read mark');
    second.write('/');
    await typeQuery(second, 'harbour');
    await second.waitFor((l) => /1\/\d+ match/.test(l[22] ?? ''), 'the result');
    second.write('\r');
    const reopened = await second.waitFor((l) => topParagraph(l) !== undefined, 'the article');
    expect(topParagraph(reopened)).toBe(leftAt);
    second.write('\u0003');
    expect((await waitForExit(second)).exitCode).toBe(0);

    // Renamed: a new id, the same text; the mark follows it once the index has seen the move.
    renameSync(join(archiveDir, 'long.txt'), join(archiveDir, 'harbour.txt'));
    const third = spawnCli(['--archive', archiveDir], { configDir, cols: 100, rows: 24 });
    sessions.push(third);
    await third.waitFor(onScreen('1 removed'), 'the update noticed');
    await third.waitFor(onScreen('2 articles · 1 unread'), 'the mark followed the file');
    third.write('\u0003');
    expect((await waitForExit(third)).exitCode).toBe(0);
  }, 60_000);
});
