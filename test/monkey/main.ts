/**
 * `npm run monkey -- --count N --seed S`: random sequences of every key the
 * reader knows, typed text, stray Ctrl and Alt keys, escape sequences and
 * raw bytes, in bursts and key by key, with resizes mid-stream, over the
 * sample archive, the BBC corpus (when ../shared/corpus exists) and a
 * generated hostile archive. Each burst is followed by a probe (see run.ts).
 * A failure is written to monkey-failures/ with its steps; `--replay FILE`
 * runs those steps again. Exit status 1 if any sequence failed.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { writeHostileArchive } from '../helpers/hostile.js';
import { ARTICLES, CORPUS, REPO } from '../helpers/paths.js';
import { runSequence } from './run.js';
import type { Outcome } from './run.js';
import { keyCount, sequenceFor } from './sequence.js';
import type { Sequence } from './sequence.js';

const USAGE = `npm run monkey -- [--count N] [--seed S] [--archives sample,corpus,hostile] [--jobs J] [--bursts B]
npm run monkey -- --replay monkey-failures/FILE.json`;

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '20' },
    seed: { type: 'string' },
    archives: { type: 'string' },
    jobs: { type: 'string', default: '1' },
    bursts: { type: 'string' },
    replay: { type: 'string' },
    out: { type: 'string', default: join(REPO, 'monkey-failures') },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const positive = (text: string | undefined, name: string): number | undefined => {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    process.stderr.write(`monkey: --${name} takes a whole number above 0, not '${text}'\n${USAGE}\n`);
    process.exit(2);
  }
  return Number(text);
};

/** The archives by name; the hostile one is generated here and removed at the end. */
const cleanups: Array<() => void> = [];
function archivePaths(names: readonly string[]): Map<string, string> {
  const paths = new Map<string, string>();
  for (const name of names) {
    if (name === 'sample') paths.set(name, ARTICLES);
    else if (name === 'corpus') paths.set(name, CORPUS);
    else if (name === 'hostile') {
      const hostile = writeHostileArchive();
      cleanups.push(() => hostile.dispose());
      paths.set(name, hostile.root);
    } else {
      process.stderr.write(`monkey: unknown archive '${name}' (sample, corpus, hostile)\n`);
      process.exit(2);
    }
  }
  return paths;
}

interface FailureRecord {
  replay: string;
  sequence: Sequence;
  outcome: Outcome;
}

function record(sequence: Sequence, outcome: Outcome): string {
  mkdirSync(values.out, { recursive: true });
  const file = join(values.out, `seed-${sequence.seed}-${sequence.index}.json`);
  const failure: FailureRecord = { replay: `npm run monkey -- --replay ${file}`, sequence, outcome };
  writeFileSync(file, `${JSON.stringify(failure, null, 2)}\n`);
  return file;
}

async function main(): Promise<number> {
  const cacheDir = mkdtempSync(join(tmpdir(), 'broadsheet-monkey-cache-'));
  cleanups.push(() => rmSync(cacheDir, { recursive: true, force: true }));

  if (values.replay) {
    const { sequence } = JSON.parse(readFileSync(resolve(values.replay), 'utf8')) as FailureRecord;
    const path = archivePaths([sequence.archive]).get(sequence.archive)!;
    const outcome = await runSequence(sequence, { archivePath: path, cacheDir });
    process.stdout.write(outcome.ok ? `replay passed (${outcome.ms} ms)\n` : `replay failed at step ${outcome.atStep}: ${outcome.failure}\n${(outcome.screen ?? []).join('\n')}\n`);
    return outcome.ok ? 0 : 1;
  }

  const count = positive(values.count, 'count')!;
  const jobs = positive(values.jobs, 'jobs')!;
  const bursts = positive(values.bursts, 'bursts');
  const seed = values.seed ?? randomBytes(4).toString('hex');
  const names = values.archives ? values.archives.split(',') : ['sample', ...(existsSync(CORPUS) ? ['corpus'] : []), 'hostile'];
  const paths = archivePaths(names);
  const started = Date.now();
  process.stdout.write(`monkey: ${count} sequences, seed ${seed}, archives ${names.join(', ')}, ${jobs} at a time\n`);

  let next = 0;
  let keys = 0;
  let done = 0;
  const failures: string[] = [];
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      const sequence = sequenceFor(seed, index, { archives: names, ...(bursts ? { bursts } : {}) });
      const outcome = await runSequence(sequence, { archivePath: paths.get(sequence.archive)!, cacheDir });
      keys += keyCount(sequence);
      done += 1;
      if (!outcome.ok) {
        const file = record(sequence, outcome);
        failures.push(`#${index} (${sequence.archive}, ${sequence.cols}x${sequence.rows}) at step ${outcome.atStep}: ${outcome.failure}\n    ${file}`);
        process.stdout.write(`  #${index} FAILED: ${outcome.failure}\n`);
      }
      if (done % 10 === 0 || done === count) process.stdout.write(`  ${done}/${count} sequences, ${keys} keys, ${failures.length} failed, ${Math.round((Date.now() - started) / 1000)} s\n`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, count) }, worker));

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(`monkey: ${count} sequences, ${keys} keys, seed ${seed}: ${failures.length} failed, ${seconds} s\n`);
  for (const failure of failures) process.stdout.write(`  ${failure}\n`);
  if (failures.length > 0) process.stdout.write(`Replay one with: npm run monkey -- --replay <file>\n`);
  return failures.length > 0 ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} finally {
  for (const cleanup of cleanups.reverse()) cleanup();
}
process.exit(code);
