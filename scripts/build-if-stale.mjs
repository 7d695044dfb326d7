// `npm start` builds only when a source file is newer than dist/cli.js.
import { statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

function newest(dir) {
  let max = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    max = Math.max(max, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return max;
}

let built = 0;
try { built = statSync('dist/cli.js').mtimeMs; } catch { /* not built yet */ }
if (built < Math.max(newest('src'), statSync('package-lock.json').mtimeMs)) {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
