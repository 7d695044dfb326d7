/**
 * The stored formats through the built CLI: a saved web page and a
 * real-world Markdown file read in the reader (in a pseudo-terminal), found by
 * the search worker, and shown by `show`; and the parsers' chunks loaded only
 * by the commands that parse those formats.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli, waitForExit } from './helpers/pty.js';
import type { PtySession } from './helpers/pty.js';
import { ARTICLES, CLI } from './helpers/paths.js';
import { moduleHookOption } from './helpers/module-hook.js';

const HTML_HEADLINE = 'Skerrin Islands Ferry Strike Ends After Nine Days';
const MARKDOWN_HEADLINE = 'Library Lending App Back After Four-Day Outage';

let scratch = '';
let archive = '';
let textOnly = '';
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'broadsheet-formats-e2e-'));
  archive = join(scratch, 'archive');
  mkdirSync(archive);
  copyFileSync(join(ARTICLES, 'world/island-ferry-strike.html'), join(archive, 'island-ferry-strike.html'));
  copyFileSync(join(ARTICLES, 'tech/2023-10-05-library-app-outage.md'), join(archive, '2023-10-05-library-app-outage.md'));
  textOnly = join(scratch, 'text-only');
  mkdirSync(textOnly);
  copyFileSync(join(ARTICLES, 'business/2023-03-14-rate-decision.txt'), join(textOnly, 'rate-decision.txt'));
  copyFileSync(join(ARTICLES, 'culture/the-last-jukebox.txt'), join(textOnly, 'the-last-jukebox.txt'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('which parser chunks a command loads', () => {
  /** The command's output and the parser chunks Node loaded for it (its ESM debug log names every module). */
  function run(args: string[], cacheDir: string): { stdout: string; loaded: string[] } {
    const result = spawnSync(process.execPath, [CLI, ...args], {
      encoding: 'utf8',
      env: { ...process.env, NODE_DEBUG: 'esm', BROADSHEET_CACHE_DIR: cacheDir, BROADSHEET_CONFIG_DIR: join(scratch, 'config') },
    });
    expect(result.status, result.stderr.slice(-2000)).toBe(0);
    const loaded = new Set([...result.stderr.matchAll(/dist\/chunks\/(html|markdown|decode)-[A-Z0-9]+\.js/g)].map((m) => m[1]!));
    return { stdout: result.stdout, loaded: [...loaded].sort() };
  }

  it('list over .txt files loads only the character reference decoder, and only until their headers are cached; Markdown and HTML the same', () => {
    const cache = join(scratch, 'cache-list');
    expect(run(['--archive', textOnly, 'list'], cache).loaded).toEqual(['decode']);
    expect(run(['--archive', textOnly, 'list'], cache).loaded).toEqual([]);
    const first = run(['--archive', archive, 'list'], cache);
    expect(first.stdout).toContain(HTML_HEADLINE);
    expect(first.loaded).toEqual(['html', 'markdown']);
    expect(run(['--archive', archive, 'list'], cache).loaded).toEqual([]);
  });

  it('show loads the parser of the article it shows, and no other', () => {
    const cache = join(scratch, 'cache-show');
    run(['--archive', archive, 'list'], cache);
    const html = run(['--archive', archive, 'show', 'island-ferry-strike'], cache);
    expect(html.loaded).toEqual(['html']);
    expect(html.stdout).toContain(HTML_HEADLINE);
    expect(html.stdout).toContain('The Coastal Herald · by Isla MacRury · 2023-06-03 (from the page\'s metadata)');
    expect(html.stdout).toContain('Deckhand | £612 | £652');
    expect(html.stdout).not.toMatch(/Skip to content|gtag|About us|seaview42/);
    expect(run(['--archive', archive, 'show', '2023-10-05-library-app-outage'], cache).loaded).toEqual(['markdown']);
  });
});

describe('the reader', () => {
  const sessions: PtySession[] = [];
  afterEach(() => {
    for (const s of sessions.splice(0)) s.dispose();
  });
  const cache = (): string => join(scratch, 'cache-reader');
  const start = (): PtySession => {
    const session = spawnCli(['--archive', archive], { cols: 100, rows: 30, env: { BROADSHEET_CACHE_DIR: cache() } });
    sessions.push(session);
    return session;
  };
  const onScreen = (text: string) => (lines: string[]) => lines.some((l) => l.includes(text));

  it('reads the Markdown article and the saved page, and the search finds words in the page\'s body', async () => {
    const s = start();
    await s.waitFor(onScreen('2 articles'), 'the list');
    s.write('\r');
    const markdown = (await s.waitFor(onScreen('ERR_LOAN_SYNC'), 'the Markdown article')).join('\n');
    expect(markdown).toContain(MARKDOWN_HEADLINE);
    expect(markdown).toContain('ERR_LOAN_SYNC: token rejected (code 4011)');
    expect(markdown).not.toMatch(/\*Brenmouth|```|={5}/);
    s.write('G');
    const end = (await s.waitFor((l) => l.some((line) => line.includes('End')), 'the end of the article')).join('\n');
    expect(end).toContain('Thursday | 19,800 | 19,640');
    expect(end).toContain('[1] The council\'s statement was published at 16:00 on 5 October.');

    s.write('q');
    await s.waitFor(onScreen('Enter open'), 'back on the list');
    s.write('j');
    s.write('\r');
    const page = (await s.waitFor(onScreen('PORT SKERRIN'), 'the saved page')).join('\n');
    expect(page).toContain(HTML_HEADLINE);
    expect(page).toContain('The Coastal Herald');
    expect(page).not.toMatch(/Skip to content|Search the Herald|Advertisement|gtag/);

    s.write('q');
    await s.waitFor(onScreen('Enter open'), 'back on the list');
    s.write('/');
    for (const char of 'Dalgleish') s.write(char);
    const found = await s.waitFor(onScreen('1/1 matches'), 'the search result', 20_000);
    expect(found.join('\n')).toContain(HTML_HEADLINE.slice(0, 40));
    s.write('\u0003');
    expect((await waitForExit(s)).exitCode).toBe(0);
  });

  it('started on .txt files it has indexed, loads no HTML or Markdown parser; a saved page added since opens', async () => {
    const folder = join(scratch, 'grows');
    mkdirSync(folder);
    copyFileSync(join(ARTICLES, 'business/2023-03-14-rate-decision.txt'), join(folder, 'rate-decision.txt'));
    const cacheDir = join(scratch, 'cache-grows');
    // Every module the reader's main thread resolves, logged by a module hook (stderr would be the screen).
    const logModules = moduleHookOption(
      scratch,
      'log-modules',
      "import { appendFileSync } from 'node:fs';\n" +
        'export async function resolve(specifier, context, next) {\n' +
        '  const found = await next(specifier, context);\n' +
        "  appendFileSync(process.env.MODULE_LOG, found.url + '\\n');\n" +
        '  return found;\n' +
        '}\n',
    );
    const parsersLoaded = (log: string): string[] => [...new Set([...readFileSync(log, 'utf8').matchAll(/chunks\/(html|markdown)-/g)].map((m) => m[1]!))].sort();
    const reader = (log: string): PtySession => {
      const session = spawnCli(['--archive', folder], { cols: 100, rows: 30, env: { BROADSHEET_CACHE_DIR: cacheDir, NODE_OPTIONS: logModules, MODULE_LOG: log } });
      sessions.push(session);
      return session;
    };
    expect(spawnSync(process.execPath, [CLI, '--archive', folder, 'list'], { env: { ...process.env, BROADSHEET_CACHE_DIR: cacheDir } }).status).toBe(0);

    const warm = join(scratch, 'modules-warm.log');
    let s = reader(warm);
    await s.waitFor(onScreen('1 article'), 'the list');
    s.write('\r');
    await s.waitFor(onScreen('ninth increase in a row'), 'the article');
    expect(parsersLoaded(warm)).toEqual([]);
    s.write('\u0003');
    expect((await waitForExit(s)).exitCode).toBe(0);

    copyFileSync(join(ARTICLES, 'world/island-ferry-strike.html'), join(folder, 'island-ferry-strike.html'));
    const grown = join(scratch, 'modules-grown.log');
    s = reader(grown);
    await s.waitFor(onScreen('2 articles'), 'the saved page listed');
    s.write('/');
    for (const char of 'Skerrin') s.write(char);
    await s.waitFor(onScreen('1/1 matches'), 'the saved page found', 20_000);
    s.write('\r');
    const page = (await s.waitFor(onScreen('PORT SKERRIN'), 'the saved page')).join('\n');
    expect(page).toContain(HTML_HEADLINE);
    expect(page).not.toContain('not loaded');
    expect(parsersLoaded(grown)).toEqual(['html', 'markdown']);
    s.write('\u0003');
    expect((await waitForExit(s)).exitCode).toBe(0);
  });

  it('started again from its snapshot, opens the saved page', async () => {
    const s = start();
    await s.waitFor(onScreen('2 articles'), 'the list');
    s.write('j');
    s.write('\r');
    await s.waitFor(onScreen('PORT SKERRIN'), 'the saved page');
    s.write('\u0003');
    expect((await waitForExit(s)).exitCode).toBe(0);
  });
});
