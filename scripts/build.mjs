// Bundles the CLI: fewer modules to resolve at start-up is the
// cheapest start-up win for an Ink app (see bench/results.md).
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli.ts'],
  outdir: 'dist',
  bundle: true,
  // The reader (Ink, React) is a separate chunk: `list` and `show` never load it.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  target: 'node20',
  format: 'esm',
  minify: true,
  sourcemap: 'linked',
  jsx: 'automatic',
  // Ink only loads react-devtools-core when DEV=true; never ship it.
  external: ['react-devtools-core'],
  define: { 'process.env.NODE_ENV': '"production"' },
  banner: {
    js: [
      '#!/usr/bin/env node',
      // Bundled CommonJS dependencies (conf's ajv, yaml) still call require().
      "import { createRequire as __bsCreateRequire } from 'node:module';",
      'const require = __bsCreateRequire(import.meta.url);',
    ].join('\n'),
  },
  logLevel: 'warning',
});
