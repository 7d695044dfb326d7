/** The built CLI, run as a user runs it: a child process, its output and exit status. */
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, CORPUS, REPO, SEED_ID } from './helpers/paths.js';
import { has } from './helpers/needs.js';
import { tempDir } from './helpers/tmp.js';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

const configDir = tempDir('broadsheet-config-');
const cacheDir = tempDir('broadsheet-cache-');

/** A small archive of our own: two articles. */
function twoArticles(): string {
  const dir = tempDir('broadsheet-two-');
  writeFileSync(join(dir, '2023-01-02-tide-tables.txt'), 'Tide Tables Printed Again\n\nThe harbour office printed its tide tables again.\n');
  writeFileSync(join(dir, '2023-01-01-ferry-fares.txt'), 'Ferry Fares Frozen\n\nFares stay as they are.\n');
  return dir;
}

function cli(args: string[], env: Record<string, string | undefined> = {}): Run {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, BROADSHEET_ARCHIVE: undefined, BROADSHEET_CONFIG_DIR: configDir, BROADSHEET_CACHE_DIR: cacheDir, ...env },
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('broadsheet list', () => {
  it('prints the bundled archive, one article a line, newest first', () => {
    const run = cli(['list']);
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(13);
    const seed = lines.find((l) => l.startsWith(SEED_ID))!;
    expect(seed).toContain('China-Russia Relations Are ‘Rock Solid,’ says Beijing’s Foreign Minister');
    const dates = lines.map((l) => /\s(\d{4}-\d\d-\d\d)\s/.exec(l)![1]!);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it.skipIf(!has('corpus'))('yields all 2,225 corpus articles as JSON', () => {
    const run = cli(['--archive', CORPUS, 'list', '--json']);
    expect(run.status).toBe(0);
    const list = JSON.parse(run.stdout) as Array<{ id: string; headline: string; date: string }>;
    expect(list).toHaveLength(2225);
    expect(list.find((a) => a.id === 'business/001')?.headline).toBe('Ad sales boost Time Warner profit');
  });

  it('sorts by title and limits', () => {
    const list = JSON.parse(cli(['list', '--json', '--sort', 'title', '--limit', '3']).stdout) as Array<{ headline: string }>;
    expect(list).toHaveLength(3);
    const titles = list.map((a) => a.headline);
    expect([...titles].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' }))).toEqual(titles);
  });

  it('takes the archive from BROADSHEET_ARCHIVE', () => {
    const list = JSON.parse(cli(['list', '--json'], { BROADSHEET_ARCHIVE: twoArticles() }).stdout) as Array<{ headline: string }>;
    expect(list.map((a) => a.headline)).toEqual(['Tide Tables Printed Again', 'Ferry Fares Frozen']);
  });

  it('writes no escape codes to a pipe, and colour only when forced', () => {
    expect(cli(['list']).stdout).not.toContain('\x1b');
    expect(cli(['list'], { FORCE_COLOR: '1' }).stdout).toContain('\x1b[');
    expect(cli(['list'], { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout).toContain('\x1b[');
  });
});

describe('broadsheet show', () => {
  it('prints the article as wrapped plain text', () => {
    const run = cli(['show', SEED_ID, '--width', '60']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^China-Russia Relations Are ‘Rock Solid,’ says Beijing’s/);
    expect(run.stdout).toContain('Moscow');
    expect(run.stdout).toContain('See also:');
    expect(run.stdout).not.toMatch(/Similar Posts|Some media, including videos/);
    for (const line of run.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(60);
  });

  it('gives the full model as JSON', () => {
    const article = JSON.parse(cli(['show', SEED_ID, '--json']).stdout);
    expect(article).toMatchObject({
      id: SEED_ID,
      headline: 'China-Russia Relations Are ‘Rock Solid,’ says Beijing’s Foreign Minister',
      dateline: 'Moscow',
      format: 'text',
    });
    expect(article.related).toHaveLength(3);
    expect(article.related[0]).toMatchObject({ date: '2022-09-08', dateText: 'Sept. 8, 2022' });
    expect(article.paragraphs).toHaveLength(16);
    expect(article.stats.words).toBeGreaterThan(600);
    expect(['file-name', 'mtime']).toContain(article.dateOrigin);
  });

  it('includes the quotes and figures, with speakers, in --json', () => {
    const { highlights } = JSON.parse(cli(['show', SEED_ID, '--json']).stdout) as {
      highlights: Array<{ kind: string; text: string; speaker?: string; paragraph: number; start: number; end: number }>;
    };
    expect(highlights).toContainEqual(expect.objectContaining({ kind: 'quote', text: '“rock-solid”', speaker: 'Wang Yi', paragraph: 0 }));
    const smith = highlights.filter((h) => h.kind === 'quote' && h.speaker === 'Julianne Smith');
    expect(smith.length).toBeGreaterThanOrEqual(2);
    const figures = highlights.filter((h) => h.kind === 'figure').map((h) => h.text);
    expect(figures).toEqual(expect.arrayContaining(['$172.4 billion', '32 percent', '2022', 'December 14', 'eleven months', 'two decades']));
  });

  it('lists quotes with speakers and figures with their sentences', () => {
    const quotes = cli(['quotes', SEED_ID]);
    expect(quotes.status).toBe(0);
    expect(quotes.stdout).toMatch(/¶1 {2}“rock-solid” — Wang Yi/);
    expect(quotes.stdout).toMatch(/“no limits partnership\.” — \(unattributed\)/);
    const figures = cli(['figures', SEED_ID]).stdout;
    expect(figures).toMatch(/\$172\.4 billion\n\s+Despite these apprehensions, the trade turnover/);
    expect(cli(['quotes', 'missing/id']).status).toBe(1);
  });

  it('names a missing id and exits 1', () => {
    const run = cli(['show', 'no/such-article']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/no article with id 'no\/such-article'/);
  });
});

describe('broadsheet search', () => {
  it('finds a misspelled name in the bundled articles and ranks its headline first', () => {
    const output = JSON.parse(cli(['search', 'pution', '--json', '--limit', '5']).stdout);
    expect(output.results[0]).toMatchObject({ rank: 1, id: 'world/2022-09-08-putin-xi-meet-again', field: 'headline', headlineMatches: [[0, 5]] });
  });

  it.skipIf(!has('corpus'))('finds a misspelled name in the corpus and ranks the right article first', () => {
    const run = cli(['--archive', CORPUS, 'search', 'pution', '--json', '--limit', '5']);
    expect(run.status).toBe(0);
    const output = JSON.parse(run.stdout);
    expect(output.results[0]).toMatchObject({ rank: 1, headline: 'Putin backs state grab for Yukos', field: 'headline' });
    expect(output.results[0].headlineMatches).toEqual([[0, 5]]);
    expect(output.results.map((r: { headline: string }) => r.headline)).not.toContain('Solutions to net security fears');
  });

  it.skipIf(!has('corpus'))('takes several words as one query and prints a readable list', () => {
    const run = cli(['--archive', CORPUS, 'search', 'scisor', 'sisters', '--limit', '3']);
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n')[0]).toMatch(/^\s+1\s.*Scissor Sisters/);
  });

  it('says so when nothing matches', () => {
    expect(cli(['search', 'zzqqxxjj']).stdout).toMatch(/No articles match "zzqqxxjj"/);
  });
});

describe('broadsheet doctor', () => {
  it('lists each hostile file with its reason and exits 0', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'good.txt'), 'Fine headline\n\nFine body.\n');
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(join(dir, 'binary.txt'), Buffer.from([0, 1, 2, 3]));
    writeFileSync(join(dir, 'big.txt'), 'x'.repeat(2048));
    const run = cli(['--archive', dir, '--max-size', '1KB', 'doctor']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('1 article loaded, 3 files skipped');
    expect(run.stdout).toMatch(/empty\.txt: empty file/);
    expect(run.stdout).toMatch(/binary\.txt: binary file/);
    expect(run.stdout).toMatch(/big\.txt: too large \(2\.0 KB, limit 1\.0 KB/);
    const json = JSON.parse(cli(['--archive', dir, '--max-size', '1KB', 'doctor', '--json']).stdout);
    expect(json.skipped).toHaveLength(3);
  });
});

describe('bookmarks and settings from the command line', () => {
  const env = { BROADSHEET_CONFIG_DIR: tempDir('broadsheet-lib-') };

  it('adds, lists, exports and removes a bookmark', () => {
    expect(cli(['bookmark', 'add', SEED_ID, '--note', 'follow up'], env).status).toBe(0);
    const list = JSON.parse(cli(['bookmarks', '--json'], env).stdout);
    expect(list).toEqual([expect.objectContaining({ id: SEED_ID, note: 'follow up', status: 'found' })]);
    const md = cli(['export', 'bookmarks', '--format', 'md'], env).stdout;
    expect(md).toContain('**China-Russia Relations Are ‘Rock Solid,’ says Beijing’s Foreign Minister**');
    expect(md).toContain('follow up');
    expect(cli(['bookmark', 'remove', SEED_ID], env).status).toBe(0);
    expect(cli(['bookmarks'], env).stdout).toMatch(/No bookmarks yet/);
  });

  it('refuses to bookmark an id that is not in the archive', () => {
    const run = cli(['bookmark', 'add', 'no/such'], env);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/no\/such/);
  });

  it('uses the configured archive when no flag or variable names one', () => {
    const archive = twoArticles();
    expect(cli(['config', 'set', 'archivePath', archive], env).status).toBe(0);
    expect(JSON.parse(cli(['list', '--json'], env).stdout)).toHaveLength(2);
    expect(cli(['config', 'get', 'archivePath'], env).stdout.trim()).toBe(archive);
    expect(cli(['config', 'unset', 'archivePath'], env).status).toBe(0);
    expect(JSON.parse(cli(['list', '--json'], env).stdout).length).toBeGreaterThan(2);
  });

  it('moves a corrupt config aside, says so, and carries on', () => {
    const dir = tempDir('broadsheet-corrupt-');
    writeFileSync(join(dir, 'config.json'), '{"bookmarks": [');
    const run = cli(['bookmarks'], { BROADSHEET_CONFIG_DIR: dir });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/moved to .*config\.json\.corrupt-/);
    expect(readdirSync(dir).some((name) => name.startsWith('config.json.corrupt-'))).toBe(true);
  });
});

describe('usage and errors', () => {
  it('prints help and version', () => {
    expect(cli(['--help']).stdout).toMatch(/Usage:[\s\S]*broadsheet list/);
    expect(cli(['--version']).stdout).toMatch(/^broadsheet \d+\.\d+\.\d+/);
  });

  it.each([
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['list', '--frob'], /unknown option '--frob'/],
    [['list', '--sort', 'size'], /--sort takes 'date' or 'title'/],
    [['list', '--limit', '-3'], /--limit/],
    [['show'], /needs an article id/],
    [['list', 'extra'], /unexpected argument 'extra'/],
  ])('%j is a usage error (exit 2)', (args, message) => {
    const run = cli(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('names a missing archive and exits 1', () => {
    const run = cli(['--archive', '/no/such/folder', 'list']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/archive not found: \/no\/such\/folder/);
  });

  it('explains instead of crashing when the reader has no terminal', () => {
    const run = cli([]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/needs a terminal[\s\S]*broadsheet list/);
    expect(run.stderr).not.toMatch(/Raw mode/);
  });
});
