/** The built CLI, run as a user runs it: a child process, its output and exit status. */
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, writeFileSync } from 'node:fs';
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

/** The data of a `--json` run, after checking the envelope every command shares (README: JSON output). */
function data<T = any>(run: Run, command: string): T {
  expect(run.status, run.stderr).toBe(0);
  const output = JSON.parse(run.stdout) as { version: unknown; command: unknown; data: T };
  expect(Object.keys(output)).toEqual(['version', 'command', 'data']);
  expect(output).toMatchObject({ version: 1, command });
  return output.data;
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
    const list = data<Array<{ id: string; headline: string; date: string }>>(cli(['--archive', CORPUS, 'list', '--json']), 'list');
    expect(list).toHaveLength(2225);
    expect(list.find((a) => a.id === 'business/001')?.headline).toBe('Ad sales boost Time Warner profit');
  });

  it('sorts by title and limits', () => {
    const list = data<Array<{ headline: string }>>(cli(['list', '--json', '--sort', 'title', '--limit', '3']), 'list');
    expect(list).toHaveLength(3);
    const titles = list.map((a) => a.headline);
    expect([...titles].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' }))).toEqual(titles);
  });

  it('takes the archive from BROADSHEET_ARCHIVE', () => {
    const list = data<Array<{ headline: string }>>(cli(['list', '--json'], { BROADSHEET_ARCHIVE: twoArticles() }), 'list');
    expect(list.map((a) => a.headline)).toEqual(['Tide Tables Printed Again', 'Ferry Fares Frozen']);
  });

  it('writes no escape codes to a pipe, and colour only when forced', () => {
    expect(cli(['list']).stdout).not.toContain('\x1b');
    expect(cli(['list'], { FORCE_COLOR: '1' }).stdout).toContain('\x1b[');
    expect(cli(['list'], { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout).toContain('\x1b[');
    expect(cli(['list'], { FORCE_COLOR: '0' }).stdout).not.toContain('\x1b');
    expect(cli(['list'], { FORCE_COLOR: 'false' }).stdout).not.toContain('\x1b');
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
    const article = data(cli(['show', SEED_ID, '--json']), 'show');
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
    const { highlights } = data(cli(['show', SEED_ID, '--json']), 'show') as {
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
    const output = data(cli(['search', 'pution', '--json', '--limit', '5']), 'search');
    expect(output.results[0]).toMatchObject({ rank: 1, id: 'world/2022-09-08-putin-xi-meet-again', field: 'headline', headlineMatches: [[0, 5]] });
  });

  it.skipIf(!has('corpus'))('finds a misspelled name in the corpus and ranks the right article first', () => {
    const run = cli(['--archive', CORPUS, 'search', 'pution', '--json', '--limit', '5']);
    expect(run.status).toBe(0);
    const output = data(run, 'search');
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
    const json = data(cli(['--archive', dir, '--max-size', '1KB', 'doctor', '--json']), 'doctor');
    expect(json.skipped).toHaveLength(3);
  });
});

describe('bookmarks and settings from the command line', () => {
  const env = { BROADSHEET_CONFIG_DIR: tempDir('broadsheet-lib-') };

  it('adds, lists, exports and removes a bookmark', () => {
    expect(cli(['bookmark', 'add', SEED_ID, '--note', 'follow up'], env).status).toBe(0);
    const list = data(cli(['bookmarks', '--json'], env), 'bookmarks');
    expect(list).toEqual([expect.objectContaining({ id: SEED_ID, note: 'follow up', status: 'found' })]);
    const md = cli(['export', 'bookmarks', '--format', 'md'], env).stdout;
    expect(md).toContain('**China-Russia Relations Are ‘Rock Solid,’ says Beijing’s Foreign Minister**');
    expect(md).toContain('follow up');
    expect(cli(['bookmark', 'remove', SEED_ID], env).status).toBe(0);
    expect(cli(['bookmarks'], env).stdout).toMatch(/No bookmarks in this archive yet/);
  });

  it('keeps each archive its own bookmarks: the same id in two archives is two articles; --all lists both', () => {
    const own = { BROADSHEET_CONFIG_DIR: tempDir('broadsheet-lib-') };
    const news = twoArticles();
    const other = twoArticles();
    const id = '2023-01-02-tide-tables';
    expect(cli(['--archive', news, 'bookmark', 'add', id, '--note', 'in news'], own).status).toBe(0);
    expect(data(cli(['--archive', other, 'bookmarks', '--json'], own), 'bookmarks')).toEqual([]);
    expect(cli(['--archive', other, 'bookmarks'], own).stdout).toMatch(/No bookmarks in this archive yet/);

    expect(cli(['--archive', other, 'bookmark', 'add', id, '--note', 'in other'], own).status).toBe(0);
    const mine = data<Array<{ id: string; note: string; status: string }>>(cli(['--archive', news, 'bookmarks', '--json'], own), 'bookmarks');
    expect(mine).toEqual([expect.objectContaining({ id, note: 'in news', status: 'found' })]);
    const all = data<Array<{ id: string; note: string; status: string; archive?: string }>>(cli(['--archive', news, 'bookmarks', '--all', '--json'], own), 'bookmarks');
    expect(all.map((b) => [b.note, b.status])).toEqual([['in news', 'found'], ['in other', 'elsewhere']]);
    expect(all[1]!.archive).toBe(other);
    // Exported with --all, another archive's bookmark points into its own folder.
    const md = cli(['--archive', news, 'export', 'bookmarks', '--all'], own).stdout;
    expect(md).toContain(`In another archive: \`${other}\``);
    expect(md).toContain(join(other, `${id}.txt`));
    // Removing it here leaves the other archive's.
    expect(cli(['--archive', news, 'bookmark', 'remove', id], own).status).toBe(0);
    expect(data(cli(['--archive', other, 'bookmarks', '--json'], own), 'bookmarks')).toEqual([expect.objectContaining({ id, note: 'in other' })]);
  });

  it('refuses to bookmark an id that is not in the archive', () => {
    const run = cli(['bookmark', 'add', 'no/such'], env);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/no\/such/);
  });

  it('uses the configured archive when no flag or variable names one', () => {
    const archive = twoArticles();
    expect(cli(['config', 'set', 'archivePath', archive], env).status).toBe(0);
    expect(data(cli(['list', '--json'], env), 'list')).toHaveLength(2);
    expect(cli(['config', 'get', 'archivePath'], env).stdout.trim()).toBe(archive);
    expect(cli(['config', 'unset', 'archivePath'], env).status).toBe(0);
    expect(data<unknown[]>(cli(['list', '--json'], env), 'list').length).toBeGreaterThan(2);
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
  it('prints short help, each command\'s own help, and the version', () => {
    const help = cli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Usage:[\s\S]*Commands:[\s\S]*  list +one line per article/);
    expect(help.stdout.trimEnd().split('\n').length).toBeLessThanOrEqual(45);
    expect(cli(['help']).stdout).toBe(help.stdout);
    const listHelp = cli(['help', 'list']);
    expect(listHelp.stdout).toMatch(/^broadsheet list — /);
    expect(listHelp.stdout).toContain('broadsheet list [--json] [--ids] [--sort date|title] [--limit N]');
    expect(listHelp.stdout).toMatch(/Examples:\n  broadsheet list/);
    expect(cli(['list', '--help']).stdout).toBe(listHelp.stdout);
    expect(cli(['-h', 'show']).stdout).toMatch(/^broadsheet show — /);
    for (const flag of ['--version', '-V', '-v']) expect(cli([flag]).stdout).toMatch(/^broadsheet \d+\.\d+\.\d+\n$/);
  });

  it.each([
    [['frobnicate'], "unknown command 'frobnicate' (see 'broadsheet --help')"],
    [['lsit'], "unknown command 'lsit'; did you mean 'list'?"],
    [['list', '--frob'], "unknown option '--frob' for 'list'"],
    [['list', '--jsno'], "did you mean '--json'?"],
    [['list', '--sort', 'size'], "--sort takes 'date' or 'title', got 'size'"],
    [['list', '--limit', '-3'], "--limit needs a positive whole number, got '-3'"],
    [['list', '--limit'], '--limit needs a value (N)'],
    [['list', '--json=yes'], '--json takes no value'],
    [['list', '--ids', '--json'], '--ids and --json do not go together'],
    [['list', 'extra'], "unexpected argument 'extra' for 'list'"],
    [['show'], "'show' needs an article id"],
    [['search'], "'search' needs a query"],
    [['bookmark', 'ad', SEED_ID], "'bookmark' takes 'add' or 'remove', got 'ad'; did you mean 'add'?"],
    [['bookmark', 'add', SEED_ID, '--note', 'x'.repeat(600)], 'at most 500 characters'],
    [['export', 'notes'], "'export' takes 'bookmarks', got 'notes'"],
    [['config', 'set', 'theme', 'purple'], 'Invalid value for theme: expected dark, light, mono.'],
    [['config', 'get', 'colour'], "'config' KEY takes 'sort', 'lastSelected', 'archivePath', 'theme' or 'maxWidth', got 'colour'"],
    [['config', 'frob'], "'config' ACTION takes 'path', 'get', 'set' or 'unset', got 'frob'"],
    [['config', 'set', 'theme'], 'usage: broadsheet config path | get [KEY] | set KEY VALUE | unset KEY'],
    [['config', 'path', '--json'], "--json goes with 'config get'"],
    [['completion', 'tcsh'], "'completion' SHELL takes 'bash', 'zsh' or 'fish', got 'tcsh'"],
    [['help', 'lst'], "no help for 'lst': not a command; did you mean 'list'?"],
    [['--archive', join(REPO, 'package.json'), 'list'], `--archive needs a folder, and ${join(REPO, 'package.json')} is a file`],
  ])('%j is a usage error: exit 2, one line starting broadsheet:', (args, message) => {
    const run = cli(args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^broadsheet: [^\n]+\n$/);
    expect(run.stderr).toContain(message);
    // No parser's own words.
    expect(run.stderr).not.toMatch(/ambiguous|ERR_PARSE_ARGS|Option '/);
  });

  it.each([
    [['--archive', '/no/such/folder', 'list'], {}, 'archive not found: /no/such/folder'],
    [['show', 'no/such-article'], {}, "no article with id 'no/such-article'"],
    [['quotes', 'missing/id'], {}, "no article with id 'missing/id'"],
    [['bookmark', 'remove', 'never/bookmarked'], {}, 'never/bookmarked is not bookmarked'],
    [['list'], { BROADSHEET_ARCHIVE: join(REPO, 'package.json') }, 'is a file, not a folder'],
  ])('%j %j is not found: exit 1, one line starting broadsheet:', (args, env, message) => {
    const run = cli(args, env);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^broadsheet: [^\n]+\n$/);
    expect(run.stderr).toContain(message);
  });

  it('expands ~ in --archive and in config set archivePath, and stores relative paths in full', () => {
    const home = tempDir('broadsheet-home-');
    const env = { HOME: home, BROADSHEET_CONFIG_DIR: tempDir('broadsheet-tilde-') };
    cpSync(twoArticles(), join(home, 'news'), { recursive: true });
    expect(data(cli(['--archive', '~/news', 'list', '--json'], env), 'list')).toHaveLength(2);
    expect(cli(['config', 'set', 'archivePath', '~/news'], env).stdout).toBe(`archivePath = ${join(home, 'news')}\n`);
    expect(data(cli(['list', '--json'], env), 'list')).toHaveLength(2);
    const relative = spawnSync(process.execPath, [CLI, 'config', 'set', 'archivePath', 'news'], { cwd: home, encoding: 'utf8', env: { ...process.env, ...env } });
    expect(relative.stdout).toBe(`archivePath = ${join(home, 'news')}\n`);
  });

  it('gives the settings as JSON', () => {
    const env = { BROADSHEET_CONFIG_DIR: tempDir('broadsheet-config-json-') };
    expect(cli(['config', 'set', 'theme', 'light'], env).status).toBe(0);
    expect(data(cli(['config', 'get', '--json'], env), 'config')).toEqual({ sort: 'date', lastSelected: null, archivePath: null, theme: 'light', maxWidth: 80 });
    expect(data(cli(['config', 'get', 'theme', '--json'], env), 'config')).toEqual({ theme: 'light' });
  });

  it('lists ids only, one a line, for scripts and completion', () => {
    const ids = cli(['list', '--ids']).stdout.trimEnd().split('\n');
    expect(ids).toEqual(data<Array<{ id: string }>>(cli(['list', '--json']), 'list').map((a) => a.id));
    expect(ids).toContain(SEED_ID);
  });

  it('explains instead of crashing when the reader has no terminal', () => {
    const run = cli([]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^broadsheet: the reader needs a terminal[^\n]*\nbroadsheet: [^\n]*broadsheet list/);
    expect(run.stderr).not.toMatch(/Raw mode/);
  });
});
