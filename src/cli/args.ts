/**
 * Command-line parsing with node:util parseArgs, driven by the command table
 * (table.ts): each command takes only the options it declares, so
 * `list --note x` is a usage error, not silently ignored. Values follow
 * getopt: an option that takes a value takes the next argument, whatever it
 * looks like (`--limit -3` is a bad limit, not an ambiguity), and every
 * message is ours, never parseArgs' own.
 */
import { parseArgs } from 'node:util';
import { expandHome } from './archive-path.js';
import { UsageError } from './errors.js';
import { COMMANDS, GLOBAL_OPTIONS, READER, findCommand, optionsOf, positionalRange, type CommandName, type CommandSpec, type OptionSpec } from './table.js';

export type { CommandName } from './table.js';

export { UsageError } from './errors.js';

export interface ParsedCommand {
  command: CommandName;
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
}

const long = (option: OptionSpec): string => `--${option.name}`;

function optionNamed(options: readonly OptionSpec[], arg: string): OptionSpec | undefined {
  return options.find((option) => arg === long(option) || (option.short !== undefined && arg === `-${option.short}`));
}

/** `'list'` or, for the reader, `'broadsheet'`: how messages name the command. */
const shownName = (command: CommandSpec): string => (command === READER ? 'broadsheet' : command.name);
const helpFor = (command: CommandSpec): string => (command === READER ? "'broadsheet --help'" : `'broadsheet help ${command.name}'`);

/** Edits from a to b (insert, delete, substitute, swap two neighbours), for "did you mean". */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i]!;
      row[j] = Math.min(d[i - 1]![j]! + 1, row[j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** `; did you mean 'list'?` when `word` is a slip of one of `names` (one edit, two for longer names), else ''. */
export function suggestion(word: string, names: readonly string[]): string {
  const close = names.filter((name) => distance(word, name) <= (name.length <= 4 ? 1 : 2));
  return close.length ? `; did you mean ${close.map((name) => `'${name}'`).join(' or ')}?` : '';
}

/** Finds the command word: the first argument that is not an option nor the value of a global option. */
function findCommandWord(argv: readonly string[]): number {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return i + 1 < argv.length ? i + 1 : -1;
    if (!arg.startsWith('-') || arg === '-') return i;
    if (optionNamed(GLOBAL_OPTIONS, arg)?.value) i++;
  }
  return -1;
}

/**
 * Joins each option that takes a value with the argument after it
 * (`--limit -3` → `--limit=-3`, `-a DIR` → `--archive=DIR`), so parseArgs
 * never guesses; `-v` becomes `--version`. Stops at `--`.
 */
function normalise(args: readonly string[], options: readonly OptionSpec[], command: CommandSpec): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      out.push(...args.slice(i));
      break;
    }
    if (arg === '-v') {
      out.push('--version');
      continue;
    }
    const option = optionNamed(options, arg);
    if (option?.value) {
      if (i + 1 >= args.length) throw new UsageError(`${long(option)} needs a value (${option.choices ? option.choices.join(' or ') : option.value}); see ${helpFor(command)}`);
      out.push(`${long(option)}=${args[++i]}`);
      continue;
    }
    out.push(arg);
  }
  return out;
}

/** Our message for what parseArgs refused. */
function usageMessage(error: unknown, command: CommandSpec): string {
  const { code, message } = error as { code?: string; message: string };
  const option = /'(-[^' ]+)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const known = optionsOf(command).map(long);
    return `unknown option '${option}' for '${shownName(command)}'${suggestion(option, known)} (see ${helpFor(command)})`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && /does not take an argument/.test(message)) {
    return `${option.split(',')[0]} takes no value (see ${helpFor(command)})`;
  }
  return `cannot read the command line (see ${helpFor(command)})`;
}

function checkChoices(command: CommandSpec, values: Record<string, string | boolean | undefined>, positionals: readonly string[]): void {
  for (const option of optionsOf(command)) {
    const value = values[option.name];
    for (const other of option.conflicts ?? []) {
      if (value !== undefined && values[other] !== undefined) throw new UsageError(`--${option.name} and --${other} do not go together`);
    }
    if (option.choices && typeof value === 'string' && !option.choices.includes(value)) {
      throw new UsageError(`${long(option)} takes ${quotedList(option.choices)}, got '${value}'`);
    }
  }
  command.args.forEach((arg, index) => {
    const value = positionals[index];
    if (arg.choices && value !== undefined && !arg.choices.includes(value)) {
      const what = arg.name === arg.name.toUpperCase() ? `${arg.name} ` : '';
      throw new UsageError(`'${command.name}' ${what}takes ${quotedList(arg.choices)}, got '${value}'${suggestion(value, arg.choices)}`);
    }
  });
}

const quotedList = (values: readonly string[]): string => {
  const quoted = values.map((value) => `'${value}'`);
  return quoted.length <= 2 ? quoted.join(' or ') : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
};

export function parseCommandLine(argv: readonly string[]): ParsedCommand {
  const index = findCommandWord(argv);
  const word = index >= 0 ? argv[index]! : undefined;
  const command = word === undefined ? READER : findCommand(word);
  if (!command) {
    throw new UsageError(`unknown command '${word}'${suggestion(word!, COMMANDS.map((c) => c.name))} (see 'broadsheet --help')`);
  }
  const rest = index >= 0 ? [...argv.slice(0, index), ...argv.slice(index + 1)] : [...argv];
  const options = optionsOf(command);
  let parsed;
  try {
    parsed = parseArgs({
      args: normalise(rest, options, command),
      options: Object.fromEntries(
        options.map((option) => [option.name, { type: option.value ? ('string' as const) : ('boolean' as const), ...(option.short ? { short: option.short } : {}) }]),
      ),
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(usageMessage(error, command));
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const positionals = parsed.positionals;
  if (typeof values.archive === 'string') values.archive = expandHome(values.archive);
  if (!values.help && !values.version) {
    const [fewest, most] = positionalRange(command);
    if (positionals.length > most) {
      throw new UsageError(`unexpected argument '${positionals[most]}' for '${shownName(command)}' (see ${helpFor(command)})`);
    }
    if (positionals.length < fewest) throw new UsageError(`'${command.name}' needs ${command.needs ?? 'more arguments'} (see ${helpFor(command)})`);
    checkChoices(command, values, positionals);
  }
  return { command: command.name as CommandName, positionals, values };
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
