import type { BuildOptions, Plugin } from 'esbuild';
export declare const REQUIRE_SHIM: string;
export declare const NODE_ESM: BuildOptions;
export declare const LINKEDOM_WITHOUT_EXTRAS: Plugin;
