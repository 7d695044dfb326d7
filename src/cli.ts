/**
 * The entry: parse the command line, resolve and load the archive, run one
 * command or open the reader. Exit codes: 0 ok, 1 missing archive or article,
 * 2 usage error.
 */
import { fileURLToPath } from 'node:url';
import { loadArchive, ArchiveError } from './archive/load.js';
import type { Archive } from './archive/article.js';
import { parseCommandLine, parsePositiveInt, parseSize, UsageError, type ParsedCommand } from './cli/args.js';
import { doctorJson, doctorText, listJson, listText, showJson, showText, sortArticles, type SortKey } from './cli/commands.js';
import { colorEnabled, makeStyle } from './cli/style.js';
import { HELP, VERSION } from './cli/help.js';
import { sanitizeLine } from './sanitize/index.js';

/** The sample archive shipped beside dist/. */
function bundledArchive(): string {
  return fileURLToPath(new URL('../articles/', import.meta.url));
}

export function resolveArchivePath(flag: string | undefined, env: NodeJS.ProcessEnv, configured?: string): string {
  return flag ?? (env.BROADSHEET_ARCHIVE || undefined) ?? configured ?? bundledArchive();
}

class NotFound extends Error {}

function write(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandLine(argv);
  const { values } = parsed;
  if (values.help) {
    write(HELP);
    return 0;
  }
  if (values.version) {
    write(VERSION);
    return 0;
  }
  const maxFileBytes = parseSize(values['max-size']);
  const archivePath = resolveArchivePath(values.archive as string | undefined, process.env);
  if (parsed.command === 'read' && !(process.stdin.isTTY && process.stdout.isTTY)) {
    process.stderr.write(
      "broadsheet: the reader needs a terminal (stdin and stdout must be a TTY).\n" +
        "For scripts and pipes use 'broadsheet list', 'broadsheet show ID' or 'broadsheet doctor' (see --help).\n",
    );
    return 1;
  }
  const archive = await loadArchive(archivePath, maxFileBytes === undefined ? {} : { maxFileBytes });
  return runCommand(parsed, archive);
}

async function runCommand(parsed: ParsedCommand, archive: Archive): Promise<number> {
  const { values } = parsed;
  const style = makeStyle(colorEnabled(process.stdout));
  switch (parsed.command) {
    case 'read': {
      const { runReader } = await import('./ui/run.js');
      return runReader({ archive, openUrl });
    }
    case 'list': {
      const sort = (values.sort ?? 'date') as string;
      if (sort !== 'date' && sort !== 'title') throw new UsageError(`--sort takes 'date' or 'title', got '${sort}'`);
      const limit = parsePositiveInt(values.limit, 'limit');
      const articles = sortArticles(archive.articles, sort as SortKey).slice(0, limit);
      write(values.json ? JSON.stringify(listJson(articles), null, 2) : listText(articles, style));
      return 0;
    }
    case 'show': {
      const id = parsed.positionals[0]!;
      const article = archive.byId.get(id);
      if (!article) throw new NotFound(`no article with id '${sanitizeLine(id)}' in ${archive.report.root} (see 'broadsheet list')`);
      if (values.json) {
        write(JSON.stringify(showJson(article, archive), null, 2));
      } else {
        const width = parsePositiveInt(values.width, 'width') ?? Math.min(process.stdout.isTTY ? process.stdout.columns || 80 : 80, 100);
        write(showText(article, archive, width, style));
      }
      return 0;
    }
    case 'doctor':
      write(values.json ? JSON.stringify(doctorJson(archive), null, 2) : doctorText(archive, style));
      return 0;
  }
}

/** `o` in the reader: hand the URL to the desktop's opener, detached, output discarded. */
function openUrl(url: string): void {
  if (!/^https?:\/\//i.test(url)) return;
  void import('node:child_process').then(({ spawn }) => {
    const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
    const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  });
}

async function main(): Promise<void> {
  // `broadsheet list | head` closes the pipe early: that is success, not a crash.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  let code: number;
  try {
    code = await run(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`broadsheet: ${sanitizeLine(error.message)}\n`);
      code = 2;
    } else if (error instanceof ArchiveError || error instanceof NotFound) {
      process.stderr.write(`broadsheet: ${sanitizeLine(error.message)}\n`);
      code = 1;
    } else {
      process.stderr.write(`broadsheet: unexpected error: ${sanitizeLine(String((error as Error)?.stack ?? error))}\n`);
      code = 1;
    }
  }
  process.exitCode = code;
}

await main();
