/**
 * The command line, once: every command with its arguments, options, help
 * text and examples. The parser (args.ts), the help (help.ts), the shell
 * completions (completion.ts) and the man page (man.ts) are generated from
 * this table, so they cannot disagree. To add a command or an option, add it
 * here, then handle it in src/cli.ts; the tests check every entry has help,
 * an example, a completion and a man page section.
 */
import { SETTING_KEYS, SORT_ORDERS, THEMES } from '../library/schema.js';

export interface OptionSpec {
  /** Long name, without the dashes. */
  name: string;
  /** One letter, without the dash. */
  short?: string;
  /** The value's placeholder (N, DIR); a flag has none. */
  value?: string;
  /** The only values it takes: checked by the parser, offered by the completions. */
  choices?: readonly string[];
  /** What the shells complete for the value when there are no choices. */
  complete?: 'dirs';
  /** Options it cannot be given with. */
  conflicts?: readonly string[];
  /** One line. */
  help: string;
}

/** What the shells offer for an argument. */
export type ArgCompletion =
  | 'ids'
  | 'commands'
  | 'dirs'
  /** By the argument before it (`config set theme <Tab>`). */
  | { byPrevious: Readonly<Record<string, 'dirs' | readonly string[]>> };

export interface ArgSpec {
  /** As the usage shows it: ID, QUERY, KEY. */
  name: string;
  optional?: boolean;
  /** Takes the rest of the line (search words). */
  variadic?: boolean;
  /** The only values it takes: checked by the parser, offered by the completions. */
  choices?: readonly string[];
  complete?: ArgCompletion;
}

export interface CommandSpec {
  name: string;
  /** One line: the global help's list, completion descriptions, the man page's NAME of each command. */
  summary: string;
  /** The usage after `broadsheet NAME` when the arguments alone do not say it (config's alternatives). */
  synopsis?: string;
  /** Paragraphs for `broadsheet help NAME` and the man page. */
  description: readonly string[];
  args: readonly ArgSpec[];
  options: readonly OptionSpec[];
  /** Completes "'NAME' needs …" when an argument is missing. */
  needs?: string;
  /** [command line, what it does]. */
  examples: ReadonlyArray<readonly [string, string]>;
}

export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'archive',
    short: 'a',
    value: 'DIR',
    complete: 'dirs',
    help: 'the archive folder (default: $BROADSHEET_ARCHIVE, else the archivePath setting, else the bundled sample articles)',
  },
  { name: 'max-size', value: 'SIZE', help: 'skip files larger than SIZE (default 5MB; 500KB, 20MB…)' },
  { name: 'no-cache', help: 'build the archive index in memory for this run, ignoring the one on disk' },
  { name: 'help', short: 'h', help: 'help: for broadsheet, or for the command it follows' },
  // -v works too (parseArgs takes one letter per option; the parser maps it).
  { name: 'version', short: 'V', help: 'the version (also -v)' },
];

const JSON_OPTION: OptionSpec = { name: 'json', help: "JSON instead of text: {version, command, data} (see 'JSON output' in the README)" };
const ALL_OPTION: OptionSpec = { name: 'all', help: "every archive's bookmarks, not only this one's" };
const ID: ArgSpec = { name: 'ID', complete: 'ids' };
const SECTION_OPTION: OptionSpec = { name: 'section', value: 'NAME', help: "only the articles in this section: a first-level folder of the archive (business, sport…)" };
const ID_NEEDED = "an article id (see 'broadsheet list')";

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** The reader: `broadsheet` with no command word. */
export const READER: CommandSpec = {
  name: 'read',
  summary: 'open the reader (needs a terminal)',
  description: [
    'With no command, broadsheet opens the full-screen reader on the archive: the list of articles, newest first, and each article with its quotations and figures highlighted. Press ? in the reader for every key.',
  ],
  args: [],
  options: [],
  examples: [
    ['broadsheet', 'read the configured archive, or the bundled sample articles'],
    ['broadsheet --archive ~/news', 'read another folder'],
  ],
};

export const COMMANDS = [
  {
    name: 'list',
    summary: 'one line per article: id, date, headline',
    description: [
      'Lists the articles of the archive, one a line: id, date and headline, newest first. The ids are what show, quotes, figures and bookmark take. A date marked ~ is the file\'s modification time: the article carries no date of its own (sort dated puts those last).',
    ],
    args: [],
    options: [
      JSON_OPTION,
      { name: 'ids', conflicts: ['json'], help: 'ids only, one a line (for scripts and shell completion)' },
      { name: 'sort', value: 'ORDER', choices: SORT_ORDERS, help: 'date: newest first (the default); dated: newest first, dates from file times last; title: by headline' },
      { name: 'limit', value: 'N', help: 'at most N articles' },
      SECTION_OPTION,
    ],
    examples: [
      ['broadsheet list --limit 5', 'the five newest articles'],
      ['broadsheet list --section sport --limit 10', 'the ten newest articles in the sport folder'],
      ['broadsheet list --ids | fzf | xargs broadsheet show', 'pick an article with fzf and print it'],
      ["broadsheet list --json | jq -r '.data[].headline'", 'every headline'],
    ],
  },
  {
    name: 'show',
    summary: 'an article as wrapped text, or its full model as JSON',
    description: [
      'Prints the article: headline, dateline, source, date (and where the date came from), the text wrapped to the terminal, and its See also links, with the id of each one found in the archive. With --json, the whole model: paragraphs, related links, statistics and the quotations and figures found.',
      'On a terminal the text goes through your pager, as git does it: $PAGER (none when it is empty or cat), else less with LESS=FRX unless LESS is set (so an article that fits the screen is just printed); --no-pager prints directly. In a pipe, and with --json, it is always printed.',
    ],
    args: [ID],
    needs: ID_NEEDED,
    options: [
      JSON_OPTION,
      { name: 'width', value: 'N', help: 'wrap at N columns (default: the terminal width up to 100, or 80 in a pipe)' },
      { name: 'no-pager', help: 'print to the terminal directly (by default a terminal gets $PAGER, else less)' },
    ],
    examples: [
      ['broadsheet show world/2022-09-08-putin-xi-meet-again', 'read an article (in your pager on a terminal)'],
      ['broadsheet show world/2022-09-08-putin-xi-meet-again --no-pager', 'print it on the terminal, without the pager'],
      ["broadsheet show business/2023-03-14-rate-decision --json | jq '.data.highlights'", 'its quotations and figures'],
    ],
  },
  {
    name: 'quotes',
    summary: "each quotation in an article with its speaker, or one person's across the archive",
    description: [
      'Lists each quotation in the article with its paragraph number and the person it is attributed to, or (unattributed) when the text does not say.',
      "With --speaker NAME and no ID: that person's quotations across the archive, newest first, each with the article's id and date and the paragraph (numbered from 1 in text, from 0 in JSON). NAME is matched as a person types it: blair, Mr Blair and tony blair all find Tony Blair. The archive's quotations are found once and kept in its index; the first time this can take a while.",
    ],
    args: [{ ...ID, optional: true }],
    needs: ID_NEEDED,
    options: [JSON_OPTION, { name: 'speaker', value: 'NAME', help: "a person's quotations across the archive, instead of one article's" }],
    examples: [
      ['broadsheet quotes world/2022-09-08-putin-xi-meet-again', 'who said what'],
      ["broadsheet --archive ~/news quotes --speaker 'tony blair'", 'everything Tony Blair was quoted saying'],
    ],
  },
  {
    name: 'people',
    summary: 'everyone quoted in the archive, most quoted first',
    description: [
      'Lists every person the archive quotes, with how many quotations and articles, most quoted first. A person is a full name: Mr Blair, Blair and the prime minister after Tony Blair is named are Tony Blair in that article, and the same full name in two articles is one person. Then `broadsheet quotes --speaker NAME` lists what they said.',
    ],
    args: [],
    options: [JSON_OPTION, { name: 'limit', value: 'N', help: 'the N most quoted' }],
    examples: [['broadsheet --archive ~/news people --limit 10', 'the ten most quoted people']],
  },
  {
    name: 'figures',
    summary: 'each figure in an article, with its sentence',
    description: ['Lists each figure in the article (money, percentages, quantities, dates, scores) with the sentence it stands in.'],
    args: [ID],
    needs: ID_NEEDED,
    options: [JSON_OPTION],
    examples: [['broadsheet figures business/2023-03-14-rate-decision', 'the numbers in a story']],
  },
  {
    name: 'search',
    summary: 'fuzzy search, best first (typos and partial words match)',
    description: [
      'Searches the archive as the reader\'s / does: every word must appear; typos and unfinished words still match; headlines count most. Several words may be given as several arguments. Words that appear nowhere are named. a | b finds either side (plain words on each side are searched like plain words, in the whole text; an article with both ranks higher). Fuse.js operators work on headline, source, tags and first paragraph: \'exact, ^prefix, suffix$, =whole, !not.',
    ],
    args: [{ name: 'QUERY', variadic: true }],
    needs: 'a query (words as you remember them)',
    options: [JSON_OPTION, { name: 'limit', value: 'N', help: 'at most N results (default 20)' }, SECTION_OPTION],
    examples: [
      ['broadsheet search pution', 'finds Putin despite the typo'],
      ["broadsheet search --section business 'oil | gas'", "articles about oil or gas, in the business folder only"],
      ["broadsheet search rate decision --json | jq -r '.data.results[0].id'", 'the id of the best match'],
    ],
  },
  {
    name: 'doctor',
    summary: 'the archive report: what loaded, what was skipped and why',
    description: ['Loads the archive and reports how many files were looked at and loaded, each file skipped with its reason (binary, empty, too large, unreadable…) and each file loaded with a note (an encoding guessed, front matter ignored).'],
    args: [],
    options: [JSON_OPTION],
    examples: [['broadsheet --archive ~/news doctor', 'why files in ~/news were skipped']],
  },
  {
    name: 'bookmarks',
    summary: "this archive's bookmarks, newest first (moved articles are followed)",
    description: [
      "Lists the archive's bookmarks, newest first, with their notes. A bookmark follows its article when the file is moved or renamed inside the archive; an article that is gone is marked missing.",
      "Each archive has its own bookmarks (and read marks): the same id in another archive is another article. --all lists every archive's, this one's first.",
    ],
    args: [],
    options: [JSON_OPTION, ALL_OPTION],
    examples: [
      ["broadsheet bookmarks --json | jq -r '.data[].id'", 'the ids of your bookmarks'],
      ['broadsheet bookmarks --all', 'every archive’s bookmarks'],
    ],
  },
  {
    name: 'bookmark',
    summary: 'add or remove a bookmark, with an optional note',
    description: ['Adds a bookmark to an article (again: replaces its note) or removes one.'],
    args: [{ name: 'add|remove', choices: ['add', 'remove'] }, ID],
    needs: "'add' or 'remove' and an article id",
    options: [{ name: 'note', value: 'TEXT', help: "a short note (with 'add'; at most 500 characters)" }],
    examples: [
      ["broadsheet bookmark add business/2023-03-14-rate-decision --note 'follow up'", 'bookmark with a note'],
      ['broadsheet bookmark remove business/2023-03-14-rate-decision', 'remove it'],
    ],
  },
  {
    name: 'export',
    summary: 'your bookmarks as a reading list (Markdown or JSON)',
    description: ["Writes the archive's bookmarks as a reading list: headlines, dates, notes, the source URL when the article has one and the full path of each file, as Markdown (the default) or JSON. --all: every archive's."],
    args: [{ name: 'bookmarks', choices: ['bookmarks'] }],
    needs: "what to export: 'bookmarks'",
    options: [
      { name: 'format', value: 'FORMAT', choices: ['md', 'json'], help: 'md (the default) or json' },
      { ...JSON_OPTION, conflicts: ['format'], help: 'the same as --format json' },
      ALL_OPTION,
    ],
    examples: [
      ['broadsheet export bookmarks > reading-list.md', 'a reading list to share'],
      ['broadsheet export bookmarks --json > bookmarks.json', 'the same as data, with full paths'],
    ],
  },
  {
    name: 'config',
    summary: 'settings: sort, theme, maxWidth, archivePath, lastSelected',
    synopsis: 'path | get [KEY] | set KEY VALUE | unset KEY',
    description: [
      "Reads and changes the settings kept in your library file (config path prints where it is). sort: date, dated or title; theme: dark, light or mono; maxWidth: the reader's widest line (20-1000); archivePath: the archive to read when neither --archive nor BROADSHEET_ARCHIVE names one (~ and relative paths are expanded when set); lastSelected: the article the reader opens on.",
    ],
    args: [
      { name: 'ACTION', choices: ['path', 'get', 'set', 'unset'] },
      { name: 'KEY', optional: true, choices: SETTING_KEYS },
      { name: 'VALUE', optional: true, complete: { byPrevious: { sort: SORT_ORDERS, theme: THEMES, archivePath: 'dirs' } } },
    ],
    needs: "'path', 'get [KEY]', 'set KEY VALUE' or 'unset KEY'",
    options: [{ ...JSON_OPTION, help: "with 'get': JSON instead of text" }],
    examples: [
      ['broadsheet config set archivePath ~/news', 'read ~/news by default'],
      ['broadsheet config get', 'every setting'],
      ['broadsheet config path', 'where your bookmarks and settings are kept'],
    ],
  },
  {
    name: 'completion',
    summary: 'a shell completion script: bash, zsh or fish',
    description: [
      'Prints a completion script for the shell: commands, options, their values and article ids (for show, quotes, figures and bookmark, from the archive named on the line, else the default one). See the README for where to put it.',
    ],
    args: [{ name: 'SHELL', choices: SHELLS }],
    needs: 'a shell: bash, zsh or fish',
    options: [],
    examples: [
      ['source <(broadsheet completion bash)', 'bash, for this session (add it to ~/.bashrc to keep it)'],
      ['broadsheet completion fish > ~/.config/fish/completions/broadsheet.fish', 'fish'],
    ],
  },
  {
    name: 'help',
    summary: "a command's usage, options and examples",
    description: ['Prints the help for a command, the same as broadsheet COMMAND --help; without one, the overview.'],
    args: [{ name: 'COMMAND', optional: true, complete: 'commands' }],
    options: [],
    examples: [['broadsheet help search', "search's options and examples"]],
  },
] as const satisfies readonly CommandSpec[];

export type CommandName = 'read' | (typeof COMMANDS)[number]['name'];

/** The command named `name`, as typed after `broadsheet` (the reader has no word). */
export function findCommand(name: string): CommandSpec | undefined {
  return (COMMANDS as readonly CommandSpec[]).find((command) => command.name === name);
}

/** [fewest, most] positional arguments. */
export function positionalRange(command: CommandSpec): [number, number] {
  const fewest = command.args.filter((arg) => !arg.optional && !arg.variadic).length + (command.args.some((a) => a.variadic && !a.optional) ? 1 : 0);
  const most = command.args.some((arg) => arg.variadic) ? Infinity : command.args.length;
  return [fewest, most];
}

/** The options a command takes: its own, then the global ones. */
export function optionsOf(command: CommandSpec): OptionSpec[] {
  return [...command.options, ...GLOBAL_OPTIONS];
}

export function optionUsage(option: OptionSpec): string {
  const value = option.choices ? option.choices.join('|') : option.value;
  return value ? `--${option.name} ${value}` : `--${option.name}`;
}

/** `show ID [--json] [--width N]`: the command's own options (global ones are listed apart). */
export function usageLine(command: CommandSpec): string {
  const args =
    command.synopsis ??
    command.args.map((arg) => (arg.optional ? `[${arg.name}${arg.variadic ? '...' : ''}]` : `${arg.name}${arg.variadic ? '...' : ''}`)).join(' ');
  const options = command.options.map((option) => `[${optionUsage(option)}]`).join(' ');
  return ['broadsheet', command === READER ? '[--archive DIR]' : command.name, args, options].filter(Boolean).join(' ');
}
