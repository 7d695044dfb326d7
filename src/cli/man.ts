/**
 * broadsheet(1), generated from the command table, the help's environment
 * list and the reader's key table. The build writes it to dist/broadsheet.1
 * (package.json "man" installs it); nothing here runs when broadsheet does.
 */
import { KEY_GROUPS } from '../ui/help.js';
import { ENVIRONMENT, VERSION } from './help.js';
import { JSON_VERSION } from './json.js';
import { COMMANDS, GLOBAL_OPTIONS, READER, usageLine, type CommandSpec, type OptionSpec } from './table.js';

/** Characters outside ASCII, as roff names them (the page stays ASCII, for any man and any locale). */
const SPECIAL: Record<string, string> = {
  '—': '\\(em',
  '–': '\\(en',
  '…': '...',
  '‘': '\\(oq',
  '’': '\\(cq',
  '“': '\\(lq',
  '”': '\\(rq',
  '↓': '\\(da',
  '↑': '\\(ua',
  '←': '\\(<-',
  '→': '\\(->',
};

/** Text for roff: backslashes and hyphens escaped, nothing a line could take for a request. */
export function roff(text: string): string {
  const escaped = text
    .replace(/\\/g, '\\e')
    .replace(/-/g, '\\-')
    .replace(/[^\x20-\x7e\n]/g, (char) => {
      const name = SPECIAL[char];
      if (name === undefined) throw new Error(`man page: no roff name for '${char}' (U+${char.codePointAt(0)!.toString(16)}); add it to SPECIAL`);
      return name;
    });
  return escaped.replace(/^([.'])/gm, '\\&$1');
}

const bold = (text: string): string => `\\fB${roff(text)}\\fR`;

/** A usage line with the words a user types in bold, placeholders in italics. */
function synopsis(line: string): string {
  return line
    .split(/( |\[|\]|\|)/)
    .map((word) => {
      if (word === '' || /^[ [\]|]$/.test(word)) return roff(word);
      if (/^[A-Z][A-Z.]*$/.test(word)) return `\\fI${roff(word)}\\fR`;
      return bold(word);
    })
    .join('');
}

function optionItem(option: OptionSpec): string {
  const names = [...(option.short ? [`-${option.short}`] : []), ...(option.name === 'version' ? ['-v'] : []), `--${option.name}`].map(bold).join(', ');
  const value = option.value ? ` \\fI${roff(option.choices ? option.choices.join('|') : option.value)}\\fR` : '';
  return `.TP\n${names}${value}\n${roff(option.help)}`;
}

function commandSection(command: CommandSpec): string {
  const lines = [`.SS ${roff(command.name)}`, synopsis(usageLine(command)), '.PP'];
  lines.push(command.description.map(roff).join('\n.PP\n'));
  if (command.options.length) lines.push(...command.options.map(optionItem));
  lines.push('.PP', 'Examples:');
  for (const [example, what] of command.examples) lines.push('.RS', '.nf', roff(example), '.fi', '.RS', roff(what), '.RE', '.RE');
  return lines.join('\n');
}

export function manPage(): string {
  const version = VERSION.split(' ')[1]!;
  const keys = KEY_GROUPS.flatMap((group) => [`.SS ${roff(group.title)}`, ...group.keys.map((key) => `.TP\n${bold(key.keys)}\n${roff(key.does)}`)]);
  return `${[
    `.TH BROADSHEET 1 "" "broadsheet ${version}" "User Commands"`,
    '.SH NAME',
    'broadsheet \\- read a local archive of news articles in the terminal',
    '.SH SYNOPSIS',
    synopsis(usageLine(READER)),
    '.br',
    `${bold('broadsheet')} \\fICOMMAND\\fR [\\fIARGS\\fR] [\\fIOPTIONS\\fR]`,
    '.SH DESCRIPTION',
    roff(
      'Broadsheet reads a folder of stored news articles (.txt and .md files, read recursively) and shows them in a full-screen reader, with the quotations and figures in each article picked out. The same archive serves plain commands that behave well in pipes: their output carries no escape codes unless colour is forced, and --json gives the same answers as JSON.',
    ),
    '.PP',
    roff(READER.description.join(' ')),
    '.SH COMMANDS',
    ...COMMANDS.map(commandSection),
    '.SH OPTIONS',
    roff('These go with every command, before or after it.'),
    ...GLOBAL_OPTIONS.map(optionItem),
    '.PP',
    roff('An option that takes a value takes the next argument, whatever it looks like: --limit -3 is a bad limit.'),
    '.SH KEYS',
    roff('In the reader (press ? there for the same list):'),
    ...keys,
    '.SH JSON OUTPUT',
    roff(
      `Every --json prints one object: {"version": ${JSON_VERSION}, "command": "list", "data": ...}. The version changes only when a field is removed or changes meaning. The fields of each command's data are listed in the README under "JSON output".`,
    ),
    '.SH ENVIRONMENT',
    ...ENVIRONMENT.map(([name, meaning]) => `.TP\n${bold(name.trim())}\n${roff(meaning)}`),
    '.SH FILES',
    '.TP',
    bold('~/.config/broadsheet/config.json'),
    roff(
      "Bookmarks, reading state and settings ($XDG_CONFIG_HOME/broadsheet on Linux, ~/Library/Preferences/broadsheet on macOS; BROADSHEET_CONFIG_DIR overrides it; 'broadsheet config path' prints it). A file left by an older version in broadsheet-nodejs is moved here when broadsheet opens it.",
    ),
    '.TP',
    bold('~/.cache/broadsheet/'),
    roff('Parsed article headers and the reader\'s list snapshot, per archive ($XDG_CACHE_HOME, or BROADSHEET_CACHE_DIR). Deleting it is always safe.'),
    '.SH EXIT STATUS',
    '.TP',
    bold('0'),
    'Success.',
    '.TP',
    bold('1'),
    roff('Not found: the archive, an article id, a section, a bookmark to remove; or an archive setting that names a file. Also an unexpected error.'),
    '.TP',
    bold('2'),
    roff('A usage error: an unknown command or option, a missing or bad value. Every message starts with "broadsheet: ".'),
    '.SH SEE ALSO',
    '.BR less (1),',
    '.BR fzf (1),',
    '.BR jq (1)',
  ].join('\n')}\n`;
}
