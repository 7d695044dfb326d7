/**
 * The library's folder is `broadsheet` (it was conf's default,
 * `broadsheet-nodejs`, before 0.2): a library in the old folder moves to the
 * new one the first time Broadsheet opens it, and is never out of sight
 * before or if that fails.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openLibrary } from '../src/library/index.js';
import { configDirFrom, defaultConfigDir, legacyConfigDir, migrateLegacyConfigDir } from '../src/library/paths.js';
import { peekLibrary } from '../src/library/peek.js';
import { CLI } from './helpers/paths.js';
import { tempDir } from './helpers/tmp.js';

/** A library as the previous version left it, with one bookmark. */
function oldLibrary(xdg: string): string {
  const env = { XDG_CONFIG_HOME: xdg };
  const { library } = openLibrary({ configDir: legacyConfigDir(env, 'linux') });
  library.addBookmark({ id: 'business/001', headline: 'Ad sales boost Time Warner profit', date: '2004-12-01', relPath: 'business/001.txt', fingerprint: '0123456789abcdef' });
  library.set('theme', 'light');
  fs.writeFileSync(path.join(legacyConfigDir(env, 'linux'), 'config.json.corrupt-2024-01-01T00-00-00-000Z'), '{"bookmarks": [');
  return legacyConfigDir(env, 'linux');
}

describe('the library folder', () => {
  it('is named broadsheet on every platform', () => {
    expect(defaultConfigDir({ XDG_CONFIG_HOME: '/xdg' }, 'linux')).toBe('/xdg/broadsheet');
    expect(defaultConfigDir({}, 'darwin')).toBe(path.join(os.homedir(), 'Library', 'Preferences', 'broadsheet'));
    expect(defaultConfigDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toBe(path.join('C:\\Users\\a\\AppData\\Roaming', 'broadsheet', 'Config'));
    expect(legacyConfigDir({ XDG_CONFIG_HOME: '/xdg' }, 'linux')).toBe('/xdg/broadsheet-nodejs');
  });

  it('moves an old library, with its corrupt copies, the first time it is opened, and says so once', () => {
    const xdg = tempDir('broadsheet-xdg-');
    const env = { XDG_CONFIG_HOME: xdg };
    const old = oldLibrary(xdg);
    // Before the move, the reader's first look finds the old file.
    expect(configDirFrom(env, 'linux')).toBe(old);
    expect(peekLibrary(env)?.settings.theme).toBe('light');

    const { library, warnings } = openLibrary({ env });
    expect(warnings).toEqual([`Your library moved from ${old} to ${path.join(xdg, 'broadsheet')} (the folder's new name).`]);
    expect(library.path).toBe(path.join(xdg, 'broadsheet', 'config.json'));
    expect(library.isBookmarked('business/001')).toBe(true);
    expect(library.get('theme')).toBe('light');
    expect(fs.existsSync(old)).toBe(false);
    expect(fs.readdirSync(path.join(xdg, 'broadsheet'))).toContain('config.json.corrupt-2024-01-01T00-00-00-000Z');
    expect(openLibrary({ env }).warnings).toEqual([]);
  });

  it('moves the file into a new folder that exists without a library', () => {
    const xdg = tempDir('broadsheet-xdg-');
    const env = { XDG_CONFIG_HOME: xdg };
    const old = oldLibrary(xdg);
    fs.mkdirSync(path.join(xdg, 'broadsheet'));
    expect(migrateLegacyConfigDir(env, 'linux')).toMatch(/moved/);
    expect(fs.existsSync(path.join(xdg, 'broadsheet', 'config.json'))).toBe(true);
    expect(fs.existsSync(old)).toBe(false);
  });

  it('leaves both alone when the new folder has a library, or BROADSHEET_CONFIG_DIR names one', () => {
    const xdg = tempDir('broadsheet-xdg-');
    const old = oldLibrary(xdg);
    openLibrary({ configDir: path.join(xdg, 'broadsheet') }).library.set('sort', 'title');
    expect(migrateLegacyConfigDir({ XDG_CONFIG_HOME: xdg }, 'linux')).toBeUndefined();
    expect(migrateLegacyConfigDir({ XDG_CONFIG_HOME: xdg, BROADSHEET_CONFIG_DIR: tempDir() }, 'linux')).toBeUndefined();
    expect(fs.existsSync(path.join(old, 'config.json'))).toBe(true);
  });

  it('keeps using the old folder when the move fails, and says why', () => {
    const xdg = tempDir('broadsheet-xdg-');
    const env = { XDG_CONFIG_HOME: xdg };
    const old = oldLibrary(xdg);
    // A file where the new folder would go: the move cannot happen.
    fs.writeFileSync(path.join(xdg, 'broadsheet'), '');
    expect(migrateLegacyConfigDir(env, 'linux')).toMatch(/^Your library stays in .*broadsheet-nodejs for now: moving it to .* failed/);
    expect(configDirFrom(env, 'linux')).toBe(old);
    expect(fs.existsSync(path.join(old, 'config.json'))).toBe(true);
  });

  it('is moved by the command line too, which says so on stderr', () => {
    const home = tempDir('broadsheet-home-');
    const xdg = path.join(home, '.config');
    oldLibrary(xdg);
    const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: xdg, BROADSHEET_CONFIG_DIR: undefined, BROADSHEET_CACHE_DIR: tempDir() };
    const run = spawnSync(process.execPath, [CLI, 'bookmarks', '--all'], { env, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^broadsheet: Your library moved from .*broadsheet-nodejs to .*\/\.config\/broadsheet/);
    expect(run.stdout).toContain('Ad sales boost Time Warner profit');
    const again = spawnSync(process.execPath, [CLI, 'config', 'path'], { env, encoding: 'utf8' });
    expect(again.stdout).toBe(`${path.join(xdg, 'broadsheet', 'config.json')}\n`);
    expect(again.stderr).toBe('');
  });
});
