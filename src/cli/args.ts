/**
 * Command-line parsing with node:util parseArgs. Each command declares the
 * options it takes, so `list --note x` is a usage error, not silently ignored.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {}

type OptionSpec = NonNullable<ParseArgsConfig['options']>;

const GLOBAL: OptionSpec = {
  archive: { type: 'string', short: 'a' },
  'max-size': { type: 'string' },
  'no-cache': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
};

interface CommandSpec {
  options: OptionSpec;
  /** How many positional arguments: [fewest, most]. */
  positionals: [number, number];
  /** Shown when too few are given. */
  needs?: string;
}

export const COMMANDS = {
  read: { options: {}, positionals: [0, 0] },
  list: {
    options: { json: { type: 'boolean' }, sort: { type: 'string' }, limit: { type: 'string' } },
    positionals: [0, 0],
  },
  show: { options: { json: { type: 'boolean' }, width: { type: 'string' } }, positionals: [1, 1], needs: 'an article id (see \'broadsheet list\')' },
  quotes: { options: { json: { type: 'boolean' } }, positionals: [1, 1], needs: "an article id (see 'broadsheet list')" },
  figures: { options: { json: { type: 'boolean' } }, positionals: [1, 1], needs: "an article id (see 'broadsheet list')" },
  doctor: { options: { json: { type: 'boolean' } }, positionals: [0, 0] },
  search: {
    options: { json: { type: 'boolean' }, limit: { type: 'string' } },
    positionals: [1, 64],
    needs: 'a query (words as you remember them)',
  },
  bookmarks: { options: { json: { type: 'boolean' } }, positionals: [0, 0] },
  bookmark: { options: { note: { type: 'string' } }, positionals: [2, 2], needs: "'add' or 'remove' and an article id" },
  export: { options: { format: { type: 'string' } }, positionals: [1, 1], needs: "what to export: 'bookmarks'" },
  config: { options: {}, positionals: [1, 3], needs: "'path', 'get [KEY]', 'set KEY VALUE' or 'unset KEY'" },
} satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;

export interface ParsedCommand {
  command: CommandName;
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
}

function isCommand(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

export function parseCommandLine(argv: string[]): ParsedCommand {
  // Find the command word: the first positional, skipping values of global string options.
  let commandIndex = -1;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (arg === '--archive' || arg === '-a' || arg === '--max-size') {
      i++;
      continue;
    }
    if (!arg.startsWith('-')) {
      commandIndex = i;
      break;
    }
  }
  const word = commandIndex >= 0 ? argv[commandIndex]! : 'read';
  if (!isCommand(word) || word === 'read' && commandIndex >= 0) {
    throw new UsageError(`unknown command '${word}' (see 'broadsheet --help')`);
  }
  const rest = commandIndex >= 0 ? [...argv.slice(0, commandIndex), ...argv.slice(commandIndex + 1)] : argv;
  const spec: CommandSpec = COMMANDS[word];
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { ...GLOBAL, ...spec.options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(usageMessage(error, word));
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (!values.help && !values.version) {
    const [fewest, most] = spec.positionals;
    if (parsed.positionals.length > most) {
      throw new UsageError(`unexpected argument '${parsed.positionals[most]}' for '${word}'`);
    }
    if (parsed.positionals.length < fewest) throw new UsageError(`'${word}' needs ${spec.needs ?? 'more arguments'}`);
  }
  return { command: word, positionals: parsed.positionals, values };
}

function usageMessage(error: unknown, command: string): string {
  const message = (error as Error).message;
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown) return `unknown option '${unknown[1]}' for '${command === 'read' ? 'broadsheet' : command}' (see 'broadsheet --help')`;
  return message.split('\n')[0] ?? message;
}

/** `--limit 20` -> 20; anything but a positive whole number is a usage error. */
export function parsePositiveInt(value: string | boolean | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) throw new UsageError(`--${name} needs a positive whole number, got '${String(value)}'`);
  return n;
}

/** `5MB`, `500k`, `1048576` -> bytes. */
export function parseSize(value: string | boolean | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = typeof value === 'string' ? /^(\d+(?:\.\d+)?)\s*(b|k|kb|m|mb|g|gb)?$/i.exec(value.trim()) : null;
  if (!m) throw new UsageError(`--max-size needs a size such as 5MB or 500KB, got '${String(value)}'`);
  const unit = (m[2] ?? 'b').toLowerCase()[0];
  const scale = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Math.round(Number(m[1]) * scale);
}
