/** Where the library file lives. Apart from library.ts so the reader's first frame can find it before the library loads. */
import os from 'node:os';
import path from 'node:path';

export const CONFIG_FILE_NAME = 'config.json';
export const CONFIG_DIR_ENV = 'BROADSHEET_CONFIG_DIR';

/**
 * Where `broadsheet`'s file lives by default (where conf, which kept it
 * first, put it: env-paths' rules): we need the path to lock it and to move a
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
