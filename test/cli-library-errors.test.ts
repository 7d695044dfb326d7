/**
 * Library commands on a library file that cannot be read, or cannot be
 * written: one `broadsheet:` line and exit 1, never a stack trace; commands
 * that only read work whenever the file can be read. Permissions do not stop
 * root, so under root the CLI runs as `nobody`.
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTICLES, CLI } from './helpers/paths.js';

/** Runs as this unprivileged user when the tests run as root (a permission is then really refused). */
const NOBODY = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

let work = '';
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'broadsheet-cli-perm-'));
  chmodSync(work, 0o755);
  mkdirSync(join(work, 'cache'), { mode: 0o777 });
  chmodSync(join(work, 'cache'), 0o777);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const LIBRARY = JSON.stringify({
  __internal__: { migrations: { version: '2.0.0' } },
  bookmarks: [{ id: 'business/2023-03-14-rate-decision', headline: 'Saved headline', date: '2023-03-14', relPath: 'business/2023-03-14-rate-decision.txt', addedAt: '2024-01-01T00:00:00.000Z' }],
  read: [],
  positions: [],
  settings: { sort: 'title', theme: 'mono', maxWidth: 80 },
});

/** A config folder holding LIBRARY, with these modes for the file and the folder. */
function library(name: string, fileMode: number, dirMode: number): string {
  const dir = join(work, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'config.json'), LIBRARY);
  chmodSync(join(dir, 'config.json'), fileMode);
  chmodSync(dir, dirMode);
  return dir;
}

function cli(configDir: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, '--archive', ARTICLES, ...args],
      { ...NOBODY, env: { PATH: process.env.PATH, HOME: work, BROADSHEET_CONFIG_DIR: configDir, BROADSHEET_CACHE_DIR: join(work, 'cache'), NO_COLOR: '1' } },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

function expectOneLine(run: { code: number; stderr: string }, pattern: RegExp): void {
  expect(run.code).toBe(1);
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^broadsheet: /);
  expect(lines[0]).toMatch(pattern);
  expect(run.stderr).not.toMatch(/unexpected error|\n\s+at /);
}

describe('a library file that cannot be read', () => {
  const commands = [['bookmarks'], ['config', 'get'], ['config', 'get', 'sort'], ['export', 'bookmarks'], ['bookmark', 'add', 'business/2023-03-14-rate-decision'], ['config', 'set', 'sort', 'date']];
  it.each(commands.map((args) => [args.join(' '), args] as const))(
    '%s says so in one line and exits 1',
    async (_name, args) => {
      const dir = library(`unreadable-${args.join('-').replaceAll('/', '_')}`, 0o000, 0o755);
      expectOneLine(await cli(dir, args), /Cannot read your library .*config\.json: permission denied\./);
    },
  );
});

describe('a library file that cannot be written', () => {
  it('read-only commands work', async () => {
    const dir = library('unwritable-read', 0o644, 0o555);
    const bookmarks = await cli(dir, ['bookmarks']);
    expect(bookmarks).toMatchObject({ code: 0, stderr: '' });
    expect(bookmarks.stdout).toContain('business/2023-03-14-rate-decision');
    const get = await cli(dir, ['config', 'get']);
    expect(get).toMatchObject({ code: 0, stderr: '' });
    expect(get.stdout).toContain('sort = title');
    expect(await cli(dir, ['config', 'get', 'theme'])).toMatchObject({ code: 0, stdout: 'mono\n', stderr: '' });
    expect((await cli(dir, ['export', 'bookmarks', '--format', 'json'])).code).toBe(0);
  });

  const commands = [['bookmark', 'add', 'sport/2023-05-20-title-race'], ['bookmark', 'remove', 'business/2023-03-14-rate-decision'], ['config', 'set', 'sort', 'date'], ['config', 'unset', 'archivePath']];
  it.each(commands.map((args) => [args.join(' '), args] as const))(
    '%s says why it cannot save in one line, exits 1 and changes nothing',
    async (_name, args) => {
      const dir = library(`unwritable-${args.join('-').replaceAll('/', '_')}`, 0o644, 0o555);
      expectOneLine(await cli(dir, args), /Cannot save to your library .*config\.json: permission denied\./);
      expect(readdirSync(dir)).toEqual(['config.json']);
      expect((await cli(dir, ['config', 'get', 'sort'])).stdout).toBe('title\n');
    },
  );
});
