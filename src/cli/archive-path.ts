/** Archive paths as the user gives them: `~` expanded, relative to where they typed it, and a folder. */
import { statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NotFound, UsageError } from './errors.js';

/** `~` and `~/…` as the shell would have expanded them (a value given as `--archive=~/news`, or quoted). */
export function expandHome(value: string, home = os.homedir()): string {
  if (value === '~') return home;
  if (value.startsWith('~/') || (path.sep === '\\' && value.startsWith('~\\'))) return path.join(home, value.slice(2));
  return value;
}

/** For `config set archivePath`: the path means what it meant where it was typed, not wherever broadsheet runs next. */
export function settledArchivePath(value: string, cwd = process.cwd(), home = os.homedir()): string {
  return path.resolve(cwd, expandHome(value, home));
}

/**
 * A file where the archive folder should be is an error, not an empty list.
 * Named by where it came from: a mistyped --archive is a usage error (2), a
 * setting or variable pointing at a file is an archive not found (1).
 * A path that does not exist is left to the loader, which says so.
 */
export function assertArchiveFolder(root: string, from: 'flag' | 'environment' | 'setting' | 'default'): void {
  let isFile = false;
  try {
    isFile = !statSync(root).isDirectory();
  } catch {
    return;
  }
  if (!isFile) return;
  if (from === 'flag') throw new UsageError(`--archive needs a folder, and ${root} is a file`);
  const source = from === 'environment' ? ' (from BROADSHEET_ARCHIVE)' : from === 'setting' ? " (the archivePath setting; see 'broadsheet config')" : '';
  throw new NotFound(`the archive ${root}${source} is a file, not a folder`);
}
