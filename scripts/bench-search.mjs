// Bundles the search benchmark (TypeScript) with esbuild and runs it:
//   node scripts/bench-search.mjs [corpus-dir]
import { build } from 'esbuild';
import { NODE_ESM } from './esbuild-node.mjs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';

const outfile = path.join(tmpdir(), `bench-search-${process.pid}.mjs`);
await build({
  entryPoints: ['src/search/bench.ts'],
  outfile,
  ...NODE_ESM,
});
const run = spawnSync(process.execPath, ['--expose-gc', outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
