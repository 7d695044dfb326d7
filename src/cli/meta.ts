/**
 * What is answered from the command table alone, before any archive or
 * library is opened: --version, --help, `help [COMMAND]` and `completion SHELL`.
 */
import { suggestion, type ParsedCommand } from './args.js';
import { UsageError } from './errors.js';
import { VERSION, commandHelp, globalHelp } from './help.js';
import { COMMANDS, findCommand, type Shell } from './table.js';

/** The text to print, or undefined when the command needs the archive. */
export async function metaCommand(parsed: ParsedCommand): Promise<string | undefined> {
  const { command, positionals, values } = parsed;
  if (values.help) return command === 'read' ? globalHelp() : commandHelp(findCommand(command)!);
  if (values.version) return VERSION;
  if (command === 'help') {
    const name = positionals[0];
    if (name === undefined) return globalHelp();
    const spec = findCommand(name);
    if (!spec) throw new UsageError(`no help for '${name}': not a command${suggestion(name, COMMANDS.map((c) => c.name))} (see 'broadsheet --help')`);
    return commandHelp(spec);
  }
  if (command === 'completion') {
    // Loaded only here: no other command pays for the generators.
    const { completionScript } = await import('./completion.js');
    return completionScript(positionals[0] as Shell);
  }
  return undefined;
}
