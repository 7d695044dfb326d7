/** Where the library file lives. Apart from library.ts so the reader's first frame can find it before the library loads. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CONFIG_FILE_NAME = 'config.json';
export const CONFIG_DIR_ENV = 'BROADSHEET_CONFIG_DIR';

/** The folder's name. */
const APP_NAME = 'broadsheet';
/** Its name before 0.2: conf's default (env-paths adds '-nodejs'). */
const LEGACY_APP_NAME = 'broadsheet-nodejs';

/** The platform's config folder for `name` (mirrors env-paths, which conf uses). */
function platformConfigDir(name: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Preferences', name);
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), name, 'Config');
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), name);
}

/**
 * Where Broadsheet keeps its file by default: `~/.config/broadsheet` on
 * Linux. We need the path before conf opens it, to lock it and to move a
 * corrupt file aside.
 */
export function defaultConfigDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  return platformConfigDir(APP_NAME, env, platform);
}

/** Where versions before 0.2 kept it: `~/.config/broadsheet-nodejs` on Linux. */
export function legacyConfigDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  return platformConfigDir(LEGACY_APP_NAME, env, platform);
}

const hasFile = (dir: string): boolean => fs.existsSync(path.join(dir, CONFIG_FILE_NAME));

/**
 * `BROADSHEET_CONFIG_DIR`, else the default; else, while a library from an
 * older version has not been moved yet (see migrateLegacyConfigDir), the old
 * folder, so its bookmarks are never out of sight.
 */
export function configDirFrom(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  if (env[CONFIG_DIR_ENV]) return env[CONFIG_DIR_ENV];
  const current = defaultConfigDir(env, platform);
  const legacy = legacyConfigDir(env, platform);
  return !hasFile(current) && hasFile(legacy) ? legacy : current;
}

/**
 * Moves a library left by an older version (`broadsheet-nodejs`) to the
 * current folder, once: only when there is no library there yet and
 * BROADSHEET_CONFIG_DIR does not say where it is. The whole folder moves
 * when the new one does not exist (copies of corrupt files come along);
 * otherwise the file and those copies. Returns a message for the user, or
 * undefined when there was nothing to move. A failed move leaves everything
 * where it was (configDirFrom then keeps using the old folder) and says why.
 */
export function migrateLegacyConfigDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  if (env[CONFIG_DIR_ENV]) return undefined;
  const from = legacyConfigDir(env, platform);
  const to = defaultConfigDir(env, platform);
  if (!hasFile(from) || hasFile(to)) return undefined;
  try {
    if (!fs.existsSync(to)) {
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.renameSync(from, to);
    } else {
      for (const name of fs.readdirSync(from)) {
        if (name === CONFIG_FILE_NAME || name.startsWith(`${CONFIG_FILE_NAME}.corrupt-`)) fs.renameSync(path.join(from, name), path.join(to, name));
      }
      fs.rmSync(path.join(from, `${CONFIG_FILE_NAME}.lock`), { force: true, recursive: true });
      fs.rmdirSync(from);
    }
  } catch (error) {
    // Another Broadsheet starting at the same moment may have moved it first.
    if (hasFile(to)) return undefined;
    return `Your library stays in ${from} for now: moving it to ${to} failed (${(error as Error).message}).`;
  }
  return `Your library moved from ${from} to ${to} (the folder's new name).`;
}
