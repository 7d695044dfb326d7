import type { BuildOptions } from 'esbuild';
export declare const REQUIRE_SHIM: string;
export declare const NODE_ESM: BuildOptions;
