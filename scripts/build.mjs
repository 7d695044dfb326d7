// Bundles the CLI: fewer modules to resolve at start-up is the
// cheapest start-up win for an Ink app (see bench/results.md).
// `--no-sourcemap` (npm pack's prepack): the package ships no source maps.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { CLI_BUNDLE } from './bundle.mjs';
import { NODE_ESM } from './esbuild-node.mjs';

const sourcemap = !process.argv.includes('--no-sourcemap');
const result = await build({ ...CLI_BUNDLE, metafile: true, sourcemap: sourcemap ? 'linked' : false });

// Chunk names carry content hashes: remove what this build did not write
// (old chunks, maps of a build with them), after it, so a process running
// the old build never finds dist/ empty.
const written = new Set(Object.keys(result.metafile.outputs).flatMap((file) => (sourcemap ? [file, `${file}.map`] : [file])));
written.add(join('dist', 'broadsheet.1'));
for (const dir of ['dist', join('dist', 'chunks')]) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = join(dir, entry.name);
    if (entry.isFile() && !written.has(file)) rmSync(file, { force: true });
  }
}

/**
 * The man page, from the same command table as the help (src/cli/man.ts):
 * bundled to a temporary module, run, written to dist/broadsheet.1 for
 * package.json's "man". Nothing of it is in the CLI bundle.
 */
const manDir = mkdtempSync(join(tmpdir(), 'broadsheet-man-'));
try {
  await build({ entryPoints: ['src/cli/man.ts'], ...NODE_ESM, outfile: join(manDir, 'man.mjs') });
  const { manPage } = await import(pathToFileURL(join(manDir, 'man.mjs')).href);
  writeFileSync('dist/broadsheet.1', manPage());
} finally {
  rmSync(manDir, { recursive: true, force: true });
}
