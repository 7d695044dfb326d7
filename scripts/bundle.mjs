/**
 * What esbuild bundles for the CLI, shared by the build (build.mjs) and the
 * third-party notices (notices.mjs), which list what these bundles contain.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
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
 * Ink connects to React DevTools when the environment says DEV=true, which
 * many developer shells do for their own reasons: it imports
 * react-devtools-core (not shipped) and reads a package.json beside its own
 * file (not there in a bundle), and the reader crashed. DEV is not ours to
 * read: Ink's check is made false and its devtools module left out.
 * Fails the build if Ink's check changes.
 */
const INK_IS_DEV = "const isDev = () => process.env['DEV'] === 'true';";
const inkWithoutDevtools = {
  name: 'ink-without-devtools',
  setup(build) {
    build.onLoad({ filter: /[\\/]ink[\\/]build[\\/]utils\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes(INK_IS_DEV)) throw new Error(`ink-without-devtools: "${INK_IS_DEV}" not found in ${args.path}; update scripts/build.mjs`);
      return { contents: source.replace(INK_IS_DEV, 'const isDev = () => false;'), loader: 'js' };
    });
    build.onResolve({ filter: /^\.\/devtools\.js$/ }, (args) =>
      /[\\/]ink[\\/]build[\\/]/.test(args.importer) ? { path: 'ink-devtools', namespace: 'ink-without-devtools' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'ink-without-devtools' }, () => ({ contents: '', loader: 'js' }));
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

/** @type {import('esbuild').BuildOptions} */
export const CLI_BUNDLE = {
  // The bin (src/bin.ts) sets V8's heap flags before it loads the CLI (main.js) and the rest.
  // The indexer's worker thread is an entry of its own, found beside cli.js at run time.
  entryPoints: {
    cli: 'src/bin.ts',
    main: 'src/cli.ts',
    'archive-index': 'src/archive/index-worker.ts',
  },
  ...NODE_ESM,
  plugins: [yogaWithoutFetch, inkWithoutDevtools, LINKEDOM_WITHOUT_EXTRAS],
  outdir: 'dist',
  // The reader (Ink, React) is a separate chunk: `list` and `show` never load it.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  // BUILD_NO_MINIFY=1 for readable profiles.
  minify: !process.env.BUILD_NO_MINIFY,
  // Native: installed as a dependency, loaded from node_modules.
  external: ['better-sqlite3'],
  define: {
    'process.env.NODE_ENV': '"production"',
    __PARSER_VERSION__: JSON.stringify(sourceHash('src/archive', 'src/sanitize', 'src/search')),
    __ANALYSIS_VERSION__: JSON.stringify(sourceHash('src/analysis')),
  },
  banner: { js: `#!/usr/bin/env node\n${REQUIRE_SHIM}` },
};
