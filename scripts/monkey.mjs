// `npm run monkey`: builds dist/ when stale, bundles the monkey (test/monkey/*.ts) with esbuild, then runs it.
// The bundle goes two folders below the repository (node_modules/.monkey/), where the test helpers it
// shares with the tests find dist/cli.js and ../shared by the same relative paths.
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { NODE_ESM } from './esbuild-node.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);
execFileSync(process.execPath, ['scripts/build-if-stale.mjs'], { stdio: 'inherit' });

await build({
  entryPoints: { monkey: 'test/monkey/main.ts' },
  outdir: 'node_modules/.monkey',
  outExtension: { '.js': '.mjs' },
  ...NODE_ESM,
  // Dependencies load from node_modules as they are (node-pty is native).
  packages: 'external',
  logLevel: 'warning',
});

const result = spawnSync(process.execPath, ['node_modules/.monkey/monkey.mjs', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
