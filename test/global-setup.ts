import { execFileSync } from 'node:child_process';
import { missingInputs } from './helpers/needs.js';

// Tests that spawn `dist/cli.js` must test the current source, so build first.
export default function setup(): () => void {
  const { lines, requiredMissing } = missingInputs();
  if (requiredMissing.length) {
    // .ci/run requires these (BROADSHEET_REQUIRE): a run without them must not pass as a full one.
    throw new Error(`BROADSHEET_REQUIRE names inputs that are missing:\n  ${requiredMissing.join('\n  ')}`);
  }
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  // Said at the end, beside vitest's count of skipped tests.
  return () => {
    for (const line of lines) process.stdout.write(`${line}\n`);
  };
}
