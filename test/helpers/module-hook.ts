/**
 * A Node module hook for a CLI a test spawns (NODE_OPTIONS): to see which
 * modules it loads, or to hold one back. Stderr would be the pty's screen.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Writes `hooks` (a hook module's source) and its registration into `dir`; the NODE_OPTIONS value that installs it. */
export function moduleHookOption(dir: string, name: string, hooks: string): string {
  const file = join(dir, `${name}-hooks.mjs`);
  writeFileSync(file, hooks);
  const register = join(dir, `${name}.mjs`);
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(file).href)});\n`);
  return `--import=${register}`;
}
