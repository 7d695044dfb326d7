/**
 * The esbuild settings every Node bundle in this repository shares: ESM for
 * Node 20, and a `require` for the CommonJS dependencies bundled inside
 * (yaml and others), which an ESM bundle does not have by itself.
 */
import { dirname, join } from 'node:path';
export const REQUIRE_SHIM =
  "import { createRequire as __bsCreateRequire } from 'node:module'; const require = __bsCreateRequire(import.meta.url);";

export const NODE_ESM = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  jsx: 'automatic',
  banner: { js: REQUIRE_SHIM },
  logLevel: 'warning',
};

/**
 * linkedom (the DOM saved web pages are read into, src/archive/html.ts) loads
 * a CSS parser for `<style>` sheets and tries the native `canvas` package for
 * `<canvas>`; Broadsheet reads neither. The CSS parser is ~200 KB of the HTML
 * chunk and ~15 ms of loading it: it is replaced by a stub that fails if a
 * sheet is ever asked for, and `canvas` by linkedom's own shim.
 */
export const LINKEDOM_WITHOUT_EXTRAS = {
  name: 'linkedom-without-extras',
  setup(build) {
    build.onResolve({ filter: /^cssomnom\/parse$/ }, () => ({ path: 'cssomnom-parse', namespace: 'broadsheet-stub' }));
    build.onLoad({ filter: /.*/, namespace: 'broadsheet-stub' }, () => ({
      contents: "export function parse() { throw new Error('style sheets are not parsed (scripts/esbuild-node.mjs)'); }",
      loader: 'js',
    }));
    build.onResolve({ filter: /^canvas$/ }, (args) => ({ path: join(dirname(args.importer), 'canvas-shim.cjs') }));
  },
};
