import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

export const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** Shared data beside the checkout (CI clones with shared/ next to it). */
export const SHARED = resolve(REPO, '../shared');
export const CORPUS = resolve(SHARED, 'corpus');
export const ARTICLES = resolve(REPO, 'articles');
export const SEED_ID = '000_e474bb9dcb4c5a3e';
/** The seed article as bundled in articles/: the same bytes as ../shared/seed (a corpus-gated test compares them), so a fresh clone has it. */
export const SEED = resolve(ARTICLES, `${SEED_ID}.txt`);
/** The seed where the shared folder keeps it. */
export const SHARED_SEED = resolve(SHARED, `seed/${SEED_ID}.txt`);
export const CLI = resolve(REPO, 'dist/cli.js');
