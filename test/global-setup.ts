import { execFileSync } from 'node:child_process';

// Tests that spawn `dist/cli.js` must test the current source, so build first.
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
