import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

export const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** Shared data beside the checkout (CI clones with shared/ next to it). */
export const SHARED = resolve(REPO, '../shared');
export const CORPUS = resolve(SHARED, 'corpus');
export const SEED = resolve(SHARED, 'seed/000_e474bb9dcb4c5a3e.txt');
export const SEED_ID = '000_e474bb9dcb4c5a3e';
export const CLI = resolve(REPO, 'dist/cli.js');
export const ARTICLES = resolve(REPO, 'articles');
