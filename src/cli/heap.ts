/**
 * V8's heap sizing for a long-lived reader. Every keystroke of a search
 * makes ~10 MB of short-lived garbage (the query, Fuse, Ink's frame), and by
 * default V8 grows the young generation to 2 × 16 MB for it and lets the old
 * generation grow to several times what is live before collecting it: at
 * 100,000 articles the reader's heap reached ~160 MB for ~40 MB live, the
 * larger part of its 270 MB peak RSS over the bench's warm session.
 *
 * - The young generation stays at its starting size (semi-spaces do not grow).
 * - The old generation is collected once it is half as large again as what
 *   the last collection left (V8 picks 1.1× to 4× by its own speed estimates).
 *
 * Together: a 160 MB peak instead of 270 (only the first: 240; only the
 * second: 180), the keystroke as fast (in-process median 23.7 ms against 23.6).
 * Set before the CLI's code loads (src/bin.ts): loading it already grows
 * the young generation, and set later they saved ~80 MB, not ~110.
 */
import { setFlagsFromString } from 'node:v8';

const FLAGS = ['--semi-space-growth-factor=1', '--heap-growing-percent=50'];
const DEFAULTS = ['--semi-space-growth-factor=2', '--heap-growing-percent=0'];

/** Off for a command that is not the reader (see heapDefaults). */
let active = true;
/** Whether a worker thread runs with the flags too (see indexerAtFullSpeed). */
let workersToo = true;

function setFlags(): void {
  if (!active) return;
  for (const flag of FLAGS) setFlagsFromString(flag);
}

export function favourMemory(): void {
  setFlags();
  // Starting a worker thread sets V8's flags back to their defaults (Node 20.20, a flag given on the
  // command line too; seen, not documented). They are set again once it runs: the reader's first
  // search comes while the folder check runs, and set only when it ends they saved ~90 MB, not ~110.
  process.on('worker', (worker) => {
    worker.once('online', () => workersToo && setFlags());
    worker.once('exit', setFlags);
  });
}

/**
 * A first run's indexer works with V8's defaults: with these flags its catalogue
 * took ~6% longer (547 → 580 ms at the corpus), where a warm start's folder check
 * (~1 s at 100,000 articles, behind a list already drawn) can afford it.
 */
export function indexerAtFullSpeed(): void {
  workersToo = false;
}

/**
 * A command other than the reader runs once and exits: V8's defaults are
 * faster for it (a first `list` of the corpus, indexing it, 670 → 649 ms).
 */
export function heapDefaults(): void {
  active = false;
  for (const flag of DEFAULTS) setFlagsFromString(flag);
}
