/** Where the library file lives. Apart from library.ts so the reader can find it without loading conf. */
import os from 'node:os';
import path from 'node:path';

export const CONFIG_FILE_NAME = 'config.json';
export const CONFIG_DIR_ENV = 'BROADSHEET_CONFIG_DIR';

/**
 * Where conf would put `broadsheet`'s file by default (mirrors env-paths, which
 * conf uses): we need the path before conf opens it, to lock it and to move a
 * corrupt file aside.
 */
export function defaultConfigDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const name = 'broadsheet-nodejs';
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Preferences', name);
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), name, 'Config');
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), name);
}

/** `BROADSHEET_CONFIG_DIR`, else the default. */
export function configDirFrom(env: NodeJS.ProcessEnv): string {
  return env[CONFIG_DIR_ENV] || defaultConfigDir(env);
}
