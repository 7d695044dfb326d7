// Bundles the CLI: fewer modules to resolve at start-up is the
// cheapest start-up win for an Ink app (see bench/results.md).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { LINKEDOM_WITHOUT_EXTRAS, NODE_ESM, REQUIRE_SHIM } from './esbuild-node.mjs';

/**
 * Yoga (Ink's layout engine) is WebAssembly embedded as a data: URL, which
 * Emscripten's loader fetches with `fetch` when one exists: that loads Node's
 * undici, ~22 ms of the reader's start-up here. Hidden while Yoga loads, the
 * loader decodes the same bytes itself. Fails the build if Yoga's entry changes.
 */
const YOGA_LOAD = 'const Yoga = wrapAssembly(await loadYoga());';
const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(build) {
    build.onLoad({ filter: /yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes(YOGA_LOAD)) throw new Error(`yoga-without-fetch: '${YOGA_LOAD}' not found in ${args.path}; update scripts/build.mjs`);
      const patched = source.replace(
        YOGA_LOAD,
        `const fetchProperty = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
Object.defineProperty(globalThis, 'fetch', { value: undefined, configurable: true, writable: true });
let Yoga;
try {
  Yoga = wrapAssembly(await loadYoga());
} finally {
  if (fetchProperty) Object.defineProperty(globalThis, 'fetch', fetchProperty);
  else delete globalThis.fetch;
}`,
      );
      return { contents: patched, loader: 'js' };
    });
  },
};

/**
 * What the archive's store derives from the files is versioned by the code
 * that derives it: a change to the parser re-reads every file, a change to
 * the analysis re-analyses every article (src/archive/indexer.ts, analyse.ts).
 */
function sourceHash(...folders) {
  const hash = createHash('sha256');
  for (const folder of folders) {
    for (const name of readdirSync(folder).filter((file) => file.endsWith('.ts')).sort()) hash.update(name).update(readFileSync(join(folder, name)));
  }
  return hash.digest('hex').slice(0, 12);
}
const parserVersion = sourceHash('src/archive', 'src/sanitize', 'src/search');
const analysisVersion = sourceHash('src/analysis');

const result = await build({
  metafile: true,
  // Worker threads are entries of their own, found beside cli.js at run time.
  entryPoints: {
    cli: 'src/cli.ts',
    'archive-index': 'src/archive/index-worker.ts',
  },
  ...NODE_ESM,
  plugins: [yogaWithoutFetch, LINKEDOM_WITHOUT_EXTRAS],
  outdir: 'dist',
  // The reader (Ink, React) is a separate chunk: `list` and `show` never load it.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  // BUILD_NO_MINIFY=1 for readable profiles.
  minify: !process.env.BUILD_NO_MINIFY,
  sourcemap: 'linked',
  // Ink only loads react-devtools-core when DEV=true; never ship it.
  external: ['react-devtools-core', 'better-sqlite3'],
  define: {
    'process.env.NODE_ENV': '"production"',
    __PARSER_VERSION__: JSON.stringify(parserVersion),
    __ANALYSIS_VERSION__: JSON.stringify(analysisVersion),
  },
  banner: { js: `#!/usr/bin/env node\n${REQUIRE_SHIM}` },
});

// Chunk names carry content hashes: remove the ones this build did not write,
// after it, so a process running the old build never finds dist/ empty.
const written = new Set(Object.keys(result.metafile.outputs).flatMap((file) => [file, `${file}.map`]));
for (const folder of ['dist', 'dist/chunks']) {
  for (const name of readdirSync(folder)) {
    const file = join(folder, name);
    if (name !== 'chunks' && !written.has(file)) rmSync(file, { force: true });
  }
}
