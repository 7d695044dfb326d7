/**
 * The esbuild settings every Node bundle in this repository shares: ESM for
 * Node 20, and a `require` for the CommonJS dependencies bundled inside
 * (yaml and others), which an ESM bundle does not have by itself.
 */
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
