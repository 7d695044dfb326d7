/**
 * The command table drives the parser, the help, the completions and the man
 * page: every entry must be complete, its examples must parse, and the
 * README's command list must be the table's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCommandLine, UsageError } from '../src/cli/args.js';
import { commandHelp, globalHelp } from '../src/cli/help.js';
import { COMMANDS, GLOBAL_OPTIONS, READER, usageLine, type CommandSpec } from '../src/cli/table.js';
import { REPO } from './helpers/paths.js';

const commands = COMMANDS as readonly CommandSpec[];

/** A command line as a shell would split it: words, with '…' and "…" quoting. */
function shellWords(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

/** The `broadsheet …` part of an example: up to a pipe, a redirection or the end of `<(…)`. */
function broadsheetPart(example: string): string[] {
  const from = example.slice(example.indexOf('broadsheet'));
  return shellWords(from.split(/ [|>]|\)$/)[0]!).slice(1);
}

describe('the command table', () => {
  it.each(commands.map((command) => [command.name, command] as const))('%s has a summary, a description, options with help and examples that parse', (name, command) => {
    expect(command.summary.length).toBeGreaterThan(10);
    expect(command.description.join(' ').length).toBeGreaterThan(30);
    for (const option of command.options) expect(option.help.length, `--${option.name}`).toBeGreaterThan(5);
    expect(command.examples.length).toBeGreaterThan(0);
    for (const [example, what] of command.examples) {
      expect(example).toContain('broadsheet');
      expect(what.length).toBeGreaterThan(3);
      expect(parseCommandLine(broadsheetPart(example)).command, example).toBe(name);
    }
  });

  it('names each option once per command, and each short letter once', () => {
    for (const command of [READER, ...commands]) {
      const names = [...command.options, ...GLOBAL_OPTIONS].map((option) => option.name);
      expect(new Set(names).size, command.name).toBe(names.length);
    }
    const shorts = GLOBAL_OPTIONS.flatMap((option) => (option.short ? [option.short] : []));
    expect(new Set(shorts).size).toBe(shorts.length);
  });

  it("is the README's command list", () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const block = /## Command line\n\n```\n([\s\S]*?)```/.exec(readme)![1]!;
    expect(block.trimEnd().split('\n')).toEqual([...[READER, ...commands].map(usageLine), 'broadsheet --help | --version']);
  });

  it('gives each command a help with its usage, every option and every example', () => {
    for (const command of commands) {
      const help = commandHelp(command);
      expect(help).toContain(usageLine(command));
      for (const option of command.options) expect(help).toContain(`--${option.name}`);
      for (const [example] of command.examples) expect(help).toContain(example);
    }
    const overview = globalHelp();
    for (const command of commands) expect(overview).toMatch(new RegExp(`\\n  ${command.name} +${command.summary.slice(0, 20).replace(/[()]/g, '.')}`));
    for (const option of GLOBAL_OPTIONS) expect(overview).toContain(`--${option.name}`);
  });
});

describe('parsing', () => {
  it('finds the command after global options and their values', () => {
    expect(parseCommandLine(['-a', 'list', 'show', 'x'])).toMatchObject({ command: 'show', positionals: ['x'], values: { archive: 'list' } });
    expect(parseCommandLine(['--max-size', '1KB', 'doctor'])).toMatchObject({ command: 'doctor', values: { 'max-size': '1KB' } });
    expect(parseCommandLine([])).toMatchObject({ command: 'read', positionals: [] });
    expect(parseCommandLine(['--archive=/srv/news'])).toMatchObject({ command: 'read', values: { archive: '/srv/news' } });
  });

  it('gives an option that takes a value the next argument, whatever it looks like', () => {
    expect(parseCommandLine(['list', '--limit', '-3']).values.limit).toBe('-3');
    expect(parseCommandLine(['bookmark', 'add', 'x', '--note', '--json']).values.note).toBe('--json');
    expect(parseCommandLine(['search', '--', '-minus', 'words']).positionals).toEqual(['-minus', 'words']);
  });

  it('takes -v for the version, and --help anywhere', () => {
    expect(parseCommandLine(['-v']).values.version).toBe(true);
    expect(parseCommandLine(['show', '--help'])).toMatchObject({ command: 'show', values: { help: true } });
  });

  it('expands ~ in --archive', () => {
    expect(parseCommandLine(['--archive', '~/news', 'list']).values.archive).toMatch(/\/news$/);
    expect(parseCommandLine(['--archive', '~/news', 'list']).values.archive).not.toContain('~');
  });

  it('refuses what the table does not allow, with our words', () => {
    expect(() => parseCommandLine(['list', '--note', 'x'])).toThrow(new UsageError("unknown option '--note' for 'list' (see 'broadsheet help list')"));
    expect(() => parseCommandLine(['export', 'bookmarks', '--json', '--format', 'md'])).toThrow(UsageError);
    expect(() => parseCommandLine(['-a'])).toThrow(/--archive needs a value \(DIR\)/);
  });
});
