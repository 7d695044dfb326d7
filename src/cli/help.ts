/**
 * `broadsheet --help` (short: the commands and global options) and
 * `broadsheet help COMMAND` / `COMMAND --help` (its usage, options and
 * examples), both from the command table.
 */
import wrapAnsi from 'wrap-ansi';
import pkg from '../../package.json' with { type: 'json' };
import { COMMANDS, GLOBAL_OPTIONS, READER, optionUsage, usageLine, type CommandSpec, type OptionSpec } from './table.js';

export const VERSION = `broadsheet ${pkg.version}`;

const WIDTH = 80;

function wrap(text: string, indent: number): string {
  return wrapAnsi(text, WIDTH - indent, { hard: true })
    .split('\n')
    .map((line) => ' '.repeat(indent) + line)
    .join('\n');
}

/** Two columns: `left` padded to `column`, `right` wrapped beside it (or below, when `left` is too wide). */
function columns(rows: ReadonlyArray<readonly [string, string]>, column: number): string {
  return rows
    .map(([left, right]) => {
      const wrapped = wrap(right, column).trimStart();
      return left.length + 2 <= column ? `${left.padEnd(column)}${wrapped}` : `${left}\n${' '.repeat(column)}${wrapped}`;
    })
    .join('\n');
}

function optionLabel(option: OptionSpec): string {
  const short = option.short ? `-${option.short}, ` : '    ';
  return `  ${short}${optionUsage(option)}`;
}

export const ENVIRONMENT: ReadonlyArray<readonly [string, string]> = [
  ['  BROADSHEET_ARCHIVE', 'the archive folder when --archive is not given'],
  ['  BROADSHEET_CONFIG_DIR', 'where bookmarks, reading state and settings are kept'],
  ['  BROADSHEET_CACHE_DIR', 'where parsed articles are cached (default ~/.cache/broadsheet)'],
  ['  NO_COLOR', 'no colour, anywhere (the reader draws in mono)'],
  ['  FORCE_COLOR', 'colour on, in a pipe too; 0 or false: off; wins over NO_COLOR'],
];

export function globalHelp(): string {
  const commands = COMMANDS.map((command) => [`  ${command.name}`, command.summary] as const);
  return [
    `${VERSION} — read a local archive of news articles in the terminal`,
    '',
    'Usage:',
    `  ${usageLine(READER).padEnd(36)}${READER.summary}`,
    '  broadsheet COMMAND [ARGS] [OPTIONS]',
    '',
    'Commands:',
    columns(commands, 14),
    '',
    'Options:',
    columns(GLOBAL_OPTIONS.map((option) => [optionLabel(option), option.help] as const), 25),
    '',
    'Environment:',
    columns(ENVIRONMENT, 25),
    '',
    "Run 'broadsheet help COMMAND' (or COMMAND --help) for its options and examples.",
    'Exit status: 0 success, 1 archive or article not found, 2 usage error.',
  ].join('\n');
}

export function commandHelp(command: CommandSpec): string {
  const lines = [`broadsheet ${command.name} — ${command.summary}`, '', 'Usage:', `  ${usageLine(command)}`, ''];
  for (const paragraph of command.description) lines.push(wrap(paragraph, 0), '');
  if (command.options.length) {
    lines.push('Options:', columns(command.options.map((option) => [optionLabel(option), option.help] as const), 26), '');
  }
  lines.push("Global options: -a/--archive DIR, --max-size SIZE, --no-cache (see 'broadsheet --help').", '', 'Examples:');
  for (const [example, what] of command.examples) lines.push(`  ${example}`, wrap(what, 6), '');
  return lines.join('\n').trimEnd();
}
