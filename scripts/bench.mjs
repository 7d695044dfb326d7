// `npm run bench`: builds dist/ when stale, bundles the harness (bench/*.ts)
// with esbuild, then runs it. Everything else lives in bench/; see bench/main.ts.
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { NODE_ESM } from './esbuild-node.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);
const tools = 'bench/archives/.tools';

// The pty probes start the built CLI, so it must match the source.
execFileSync(process.execPath, ['scripts/build-if-stale.mjs'], { stdio: 'inherit' });

await build({
  entryPoints: { main: 'bench/main.ts', 'archive-tool': 'bench/archive-tool.ts' },
  outdir: tools,
  outExtension: { '.js': '.mjs' },
  ...NODE_ESM,
  // Dependencies load from node_modules as they are (node-pty is native).
  packages: 'external',
  define: { 'process.env.NODE_ENV': '"production"' },
});

const result = spawnSync(process.execPath, [`${tools}/main.mjs`, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
