/**
 * Inputs a fresh clone may not have: the BBC corpus beside the checkout
 * (../shared/corpus, research use only, never copied here) and the shells
 * and tools some tests drive. A test that needs one runs where it exists
 * and is skipped where it does not; the global setup prints one line per
 * missing input, saying what is skipped and where the input was looked for.
 *
 * `BROADSHEET_REQUIRE=corpus,zsh,...` (set by .ci/run) turns a missing input
 * into a failure instead: the tests run and the setup stops the run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS } from './paths.js';

export type Need = 'corpus' | 'zsh' | 'fish' | 'groff';

function installed(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The corpus as CI lays it out: five sections of numbered articles. A folder that is there but empty does not count. */
function corpusPresent(): boolean {
  try {
    return existsSync(join(CORPUS, 'business', '001.txt')) && readdirSync(CORPUS).length >= 5;
  } catch {
    return false;
  }
}

const NEEDS: Record<Need, { present: () => boolean; skipped: string; where: string }> = {
  corpus: {
    present: corpusPresent,
    skipped: 'tests that need the BBC corpus',
    where: `not found at ${CORPUS} (../shared/corpus beside the checkout; CI provides it)`,
  },
  zsh: { present: () => installed('zsh'), skipped: 'the zsh completion test', where: 'zsh is not installed (apt-get install zsh)' },
  fish: { present: () => installed('fish'), skipped: 'the fish completion test', where: 'fish is not installed (apt-get install fish)' },
  groff: { present: () => installed('groff'), skipped: 'the man page rendering check', where: 'groff is not installed (apt-get install groff-base)' },
};

const cache = new Map<Need, boolean>();

function present(need: Need): boolean {
  if (!cache.has(need)) cache.set(need, NEEDS[need].present());
  return cache.get(need)!;
}

/** The inputs .ci/run insists on. */
export function required(env: NodeJS.ProcessEnv = process.env): Need[] {
  return (env.BROADSHEET_REQUIRE ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name): name is Need => Object.hasOwn(NEEDS, name));
}

/** Whether tests needing `need` run: where it exists, or where it is required (they then fail, loudly). */
export function has(need: Need): boolean {
  return present(need) || required().includes(need);
}

/** For the global setup: one line per missing input, and the required ones that are missing. */
export function missingInputs(): { lines: string[]; requiredMissing: string[] } {
  const lines: string[] = [];
  const requiredMissing: string[] = [];
  for (const need of Object.keys(NEEDS) as Need[]) {
    if (present(need)) continue;
    const { skipped, where } = NEEDS[need];
    if (required().includes(need)) requiredMissing.push(`${need}: ${where}`);
    else lines.push(`Skipped ${skipped}: ${where}.`);
  }
  return { lines, requiredMissing };
}
