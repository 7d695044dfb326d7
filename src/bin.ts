/**
 * The bin (dist/cli.js): V8's heap settings go first, before the CLI's code
 * is loaded (src/cli/heap.ts says why), then the CLI runs.
 */
import { favourMemory } from './cli/heap.js';

favourMemory();
await import('./cli.js');
