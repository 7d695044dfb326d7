/** `npm run bench -- …` flags, parsed without side effects. */
export interface BenchArgs {
  /** Set: only generate an archive of this many articles. */
  generate?: number;
  out?: string;
  seed: string;
  sizes: number[];
  runs: number;
  quick: boolean;
  full: boolean;
  help: boolean;
}

export const CORPUS_SIZE = 2225;
export const DEFAULT_SIZES = [CORPUS_SIZE, 10_000];
export const FULL_SIZES = [CORPUS_SIZE, 10_000, 100_000];
/** The smoke run: a small archive, a few runs, just to see that every probe works. */
export const QUICK_SIZES = [500];

export const USAGE = `npm run bench -- [options]

  --generate N [--out DIR] [--seed S]   only write an archive of N articles
  --sizes 2225,10000                     archive sizes to measure (2225 = the real corpus when present)
  --full                                 add 100,000 (generation takes minutes)
  --runs N                               measured runs per probe after one warm-up (default 5)
  --seed S                               generator seed (default "broadsheet")
  --quick                                smoke run: 500 articles, 2 runs, results not written
  --help`;

export class BenchUsageError extends Error {}

function positiveInt(value: string | undefined, flag: string): number {
  const n = Number(value?.replace(/_/g, ''));
  if (!value || !Number.isInteger(n) || n <= 0) throw new BenchUsageError(`${flag} takes a positive whole number, got '${value ?? ''}'`);
  return n;
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = { seed: 'broadsheet', sizes: DEFAULT_SIZES, runs: 5, quick: false, full: false, help: false };
  let sizesGiven = false;
  let runsGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = (): string | undefined => argv[++i];
    switch (flag) {
      case '--generate': args.generate = positiveInt(value(), flag); break;
      case '--out': {
        const out = value();
        if (!out) throw new BenchUsageError('--out takes a folder');
        args.out = out;
        break;
      }
      case '--seed': {
        const seed = value();
        if (!seed) throw new BenchUsageError('--seed takes a value');
        args.seed = seed;
        break;
      }
      case '--sizes': {
        const list = value();
        args.sizes = (list ?? '').split(',').map((s) => positiveInt(s.trim(), '--sizes'));
        sizesGiven = true;
        break;
      }
      case '--runs': args.runs = positiveInt(value(), flag); runsGiven = true; break;
      case '--quick': args.quick = true; break;
      case '--full': args.full = true; break;
      case '--help': case '-h': args.help = true; break;
      default: throw new BenchUsageError(`unknown option '${flag}'`);
    }
  }
  if (args.out !== undefined && args.generate === undefined) throw new BenchUsageError('--out only goes with --generate');
  if (args.full && !sizesGiven) args.sizes = FULL_SIZES;
  if (args.quick) {
    if (!sizesGiven) args.sizes = QUICK_SIZES;
    if (!runsGiven) args.runs = 2;
  }
  return args;
}
