/**
 * The entry: parse the command line, resolve and load the archive, run one
 * command or open the reader. Exit codes: 0 ok, 1 missing archive or article,
 * 2 usage error.
 */
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { statSync } from 'node:fs';
import { cacheFor, defaultCacheDir } from './archive/cache.js';
import { loadArchive, readArticleText, ArchiveError, DEFAULT_MAX_FILE_BYTES } from './archive/load.js';
import { readSnapshot } from './archive/snapshot.js';
import { refreshInWorker } from './archive/refresh.js';
import type { Archive, Article, ArticleText } from './archive/article.js';
import { parseCommandLine, parsePositiveInt, parseSize, UsageError, type ParsedCommand } from './cli/args.js';
import { doctorJson, doctorText, figuresText, listJson, listText, quotesText, showJson, showText } from './cli/commands.js';
import { sortArticles, type SortKey } from './archive/sort.js';
import { findHighlights } from './analysis/index.js';
import { colorEnabled, makeStyle } from './cli/style.js';
import { HELP, VERSION } from './cli/help.js';
import { sanitizeLine } from './sanitize/index.js';
import type { Library } from './library/index.js';
import { peekLibrary } from './library/peek.js';
import type { LibraryPeek } from './library/peek.js';
import { firstFrame } from './ui/first-frame.js';
import { sessionFromPeek } from './ui/session.js';
import { createTerminalSession, guardTerminal } from './ui/terminal.js';
import type { TerminalSession } from './ui/terminal.js';
import { themeFromEnv } from './ui/theme.js';
import { supportsColor } from 'chalk';

/** The sample archive shipped beside dist/. */
function bundledArchive(): string {
  return fileURLToPath(new URL('../articles/', import.meta.url));
}

function resolveArchivePath(flag: string | undefined, env: NodeJS.ProcessEnv, configured?: string): string {
  return flag ?? (env.BROADSHEET_ARCHIVE || undefined) ?? configured ?? bundledArchive();
}

class NotFound extends Error {}

/** A cache written by another build is ignored: the version and this bundle's mtime say which build. */
function cacheSalt(): string {
  let built = 0;
  try {
    built = statSync(fileURLToPath(import.meta.url)).mtimeMs;
  } catch {
    // Running from an unusual location: the version alone will do.
  }
  return `${VERSION}:${built}`;
}

function write(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/**
 * The user's library, opened on first use: `list` with --archive never
 * touches the config file. Its warnings (a corrupt file moved aside) go to
 * stderr once.
 */
class LazyLibrary {
  #library: Library | undefined;
  /** Set by the reader, which shows warnings in its status line instead of on a screen it is about to replace. */
  quiet = false;
  readonly warnings: string[] = [];
  // Loaded on demand: start-up time `list` and `show` need not pay.
  readonly module = (): Promise<typeof import('./library/index.js')> => import('./library/index.js');
  /** Opens the library (never waiting for another Broadsheet's lock: reading needs none). */
  async get(): Promise<Library> {
    if (!this.#library) {
      const { library, warnings } = (await this.module()).openLibrary();
      this.warnings.push(...warnings.map(sanitizeLine));
      if (!this.quiet) for (const warning of warnings) process.stderr.write(`broadsheet: ${sanitizeLine(warning)}\n`);
      this.#library = library;
    }
    return this.#library;
  }
  /** What the library found after opening (a change it could not save): one `broadsheet:` line each, for a command. */
  flushWarnings(): void {
    if (this.quiet || !this.#library) return;
    for (const warning of this.#library.takeWarnings()) process.stderr.write(`broadsheet: ${sanitizeLine(warning)}\n`);
  }
  /** For archive resolution: a library that cannot be opened is not worth failing `list` over. */
  async tryGet(): Promise<Library | undefined> {
    try {
      return await this.get();
    } catch (error) {
      if (!this.quiet) process.stderr.write(`broadsheet: cannot open the library (${sanitizeLine((error as Error).message)}); continuing without it\n`);
      return undefined;
    }
  }
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
  const library = new LazyLibrary();
  library.quiet = parsed.command === 'read';
  if (parsed.command === 'config') {
    // A relative archive path means relative to where the user typed it, not to wherever broadsheet runs next.
    const [action, key, value] = parsed.positionals;
    const args = action === 'set' && key === 'archivePath' && value ? [action, key, resolve(value)] : parsed.positionals;
    const code = finish((await library.module()).configCommand(await library.get(), args));
    library.flushWarnings();
    return code;
  }
  if (parsed.command === 'read' && !(process.stdin.isTTY && process.stdout.isTTY)) {
    process.stderr.write(
      "broadsheet: the reader needs a terminal (stdin and stdout must be a TTY).\n" +
        "For scripts and pipes use 'broadsheet list', 'broadsheet show ID' or 'broadsheet doctor' (see --help).\n",
    );
    return 1;
  }
  const maxFileBytes = parseSize(values['max-size']);
  const flag = values.archive as string | undefined;
  const reading = parsed.command === 'read';
  // The reader's first frame is drawn before the library loads: a read-only look at the library file serves it.
  const peek = reading ? peekLibrary() : undefined;
  const screen = reading ? new ReaderScreen() : undefined;
  const configured = flag || process.env.BROADSHEET_ARCHIVE ? undefined : peek ? peek.settings.archivePath : (await library.tryGet())?.get('archivePath');
  const archivePath = resolveArchivePath(flag, process.env, configured);
  const root = resolve(archivePath);
  const cache = values['no-cache'] ? undefined : cacheFor(root, defaultCacheDir(), cacheSalt());
  if (reading && cache) {
    // The reader starts from the last load's snapshot and checks the folder behind the first frame.
    const snapshot = readSnapshot(cache, root, (path, relPath) => readArticleText(path, relPath, maxFileBytes));
    if (snapshot) {
      const request = { root, cache, maxFileBytes: maxFileBytes ?? DEFAULT_MAX_FILE_BYTES };
      const check = { ...request, ...(snapshot.folderStamp ? { stamp: snapshot.folderStamp } : {}) };
      const update = (): Promise<Archive> =>
        refreshInWorker(new URL('./archive-refresh.js', import.meta.url), check, snapshot).catch(() =>
          // No worker (an unusual install): check on this thread instead, after the first frame.
          loadArchive(root, { ...request, snapshot: 'if-changed' }),
        );
      return runCommand(parsed, snapshot, library, { update, peek, screen });
    }
  }
  let archive: Archive;
  try {
    archive = await loadArchive(root, {
      // Files the cache does not cover are parsed on two threads (dist/archive-parse.js, beside this bundle).
      parallel: { workerUrl: new URL('./archive-parse.js', import.meta.url) },
      ...(maxFileBytes === undefined ? {} : { maxFileBytes }),
      ...(cache ? { cache, ...(reading ? { snapshot: 'always' as const } : {}) } : {}),
      // The list goes up before the caches are written: ~1 s sooner at 100,000 articles.
      ...(screen && peek ? { loaded: (loaded: Archive) => screen.drawFirstFrame(loaded, peek) } : {}),
    });
  } catch (error) {
    screen?.restore();
    throw error;
  }
  const code = await runCommand(parsed, archive, library, { peek, screen });
  library.flushWarnings();
  return code;
}

function findArticle(archive: Archive, id: string): { article: Article; text: ArticleText } {
  const article = archive.byId.get(id);
  if (!article) throw new NotFound(`no article with id '${sanitizeLine(id)}' in ${archive.report.root} (see 'broadsheet list')`);
  const result = archive.readText(article);
  if (!result.ok) throw new NotFound(`cannot read ${article.relPath}: ${result.reason}`);
  return { article, text: result.text };
}

function textOrUndefined(archive: Archive, article: Article): ArticleText | undefined {
  const result = archive.readText(article);
  return result.ok ? result.text : undefined;
}

function finish(result: { ok: boolean; text: string }): number {
  (result.ok ? process.stdout : process.stderr).write(result.text);
  return result.ok ? 0 : 1;
}

interface ReaderStart {
  /** For the reader started from a snapshot: the archive as the folder is now. */
  update?: () => Promise<Archive>;
  /** The library file as the reader's first frame shows it; without one Ink draws the first frame. */
  peek?: LibraryPeek | undefined;
  screen?: ReaderScreen | undefined;
}

/**
 * The reader's terminal from its first frame on: entered once, before Ink
 * loads, and guarded (restored on exit or a signal) until the reader installs
 * its own handlers.
 */
const CLEAR_SCREEN = '\u001B[2J\u001B[H';

/** Whether the open library holds what the peek at its file showed. */
function libraryMatches(library: Library, peek: LibraryPeek): boolean {
  try {
    const settings = library.settings();
    const read = library.readIds();
    const bookmarked = new Set(library.bookmarks().map((b) => b.id));
    return (
      settings.sort === peek.settings.sort &&
      settings.lastSelected === peek.settings.lastSelected &&
      settings.theme === peek.settings.theme &&
      settings.maxWidth === peek.settings.maxWidth &&
      read.size === peek.read.size &&
      [...peek.read].every((id) => read.has(id)) &&
      bookmarked.size === new Set(peek.bookmarked).size &&
      peek.bookmarked.every((id) => bookmarked.has(id))
    );
  } catch {
    return false;
  }
}

class ReaderScreen {
  #session: TerminalSession | undefined;
  #guard: { release(): void } | undefined;
  #drawn = false;
  /** The terminal size the first frame was drawn for. */
  #drawnAt: string | undefined;

  enter(): TerminalSession {
    if (!this.#session) {
      this.#session = createTerminalSession({ stdout: process.stdout, stdin: process.stdin });
      this.#session.enter();
      this.#guard = guardTerminal(this.#session);
    }
    return this.#session;
  }

  /**
   * The list's first frame, drawn while Ink and the library load; once.
   * Skipped where Ink would draw without styles (chalk, which Ink draws with,
   * finds no colour support: a dumb or unknown terminal, FORCE_COLOR=0, CI):
   * its frame would not cover the styled cells.
   */
  drawFirstFrame(archive: Archive, peek: LibraryPeek): void {
    this.enter();
    if (this.#drawn) return;
    this.#drawn = true;
    const { columns, rows } = process.stdout;
    if (!columns || !rows || !supportsColor) return;
    this.#drawnAt = `${columns}x${rows}`;
    try {
      process.stdout.write(firstFrame(archive, sessionFromPeek(peek), themeFromEnv(process.env, peek.settings.theme), columns, rows));
    } catch {
      // Only a head start: Ink draws the first frame anyway.
    }
  }

  /**
   * Before Ink draws: if the library, now open, says something the first frame
   * could not know (it repaired the file, cannot be opened, or changed since the
   * peek), the screen is cleared so Ink draws on a blank one, not over stale cells.
   */
  settle(library: Library | undefined, notices: readonly string[], peek: LibraryPeek | undefined): void {
    if (!this.#drawn) return;
    // Resized since the first frame: Ink's first frame would not cover the old one cell for cell.
    const resized = this.#drawnAt !== undefined && this.#drawnAt !== `${process.stdout.columns}x${process.stdout.rows}`;
    if (!resized && library && notices.length === 0 && peek && libraryMatches(library, peek)) return;
    process.stdout.write(CLEAR_SCREEN);
  }

  /** The reader has its own handlers now. */
  handOver(): void {
    this.#guard?.release();
    this.#guard = undefined;
  }

  /** Something failed before the reader took over: give the terminal back before the error is printed. */
  restore(): void {
    this.handOver();
    this.#session?.restore();
  }
}

async function runCommand(parsed: ParsedCommand, archive: Archive, library: LazyLibrary, { update, peek, screen }: ReaderStart = {}): Promise<number> {
  const { values } = parsed;
  const style = makeStyle(colorEnabled(process.stdout));
  switch (parsed.command) {
    case 'read': {
      // The terminal is the reader's from here (if not since the load): the first frame goes up before Ink has loaded.
      const readerScreen = screen ?? new ReaderScreen();
      const terminal = readerScreen.enter();
      readerEntered = true;
      try {
        if (peek) readerScreen.drawFirstFrame(archive, peek);
        const { runReader } = await import('./ui/run.js');
        // The reader works without its library (no bookmarks or saved state), and says why.
        let readerLibrary: Library | undefined;
        const notices: string[] = [];
        try {
          // Opening never waits for another Broadsheet's lock (the terminal is in raw mode: Ctrl-C is a key).
          readerLibrary = await library.get();
          notices.push(...library.warnings);
        } catch (error) {
          notices.push(`Bookmarks and reading state are off: cannot open the library (${sanitizeLine((error as Error).message)})`);
        }
        // Search indexes on a worker thread (dist/search-worker.js, beside this bundle): the keyboard never waits for it.
        const { workerSearch } = await import('./search/worker-search.js');
        // Right before Ink draws (nothing awaited in between): from here on resizes are the reader's.
        readerScreen.settle(readerLibrary, notices, peek);
        const searchOptions = { workerUrl: new URL('./search-worker.js', import.meta.url), maxFileBytes: parseSize(values['max-size']) };
        const searchFor = (shown: Archive) => workerSearch(shown, searchOptions);
        // runReader installs its own exit and signal handlers before it returns its promise.
        const done = runReader({ archive, openUrl, library: readerLibrary, notices, searchFor, terminal, ...(update ? { update } : {}) });
        readerScreen.handOver();
        return await done;
      } catch (error) {
        readerScreen.restore();
        throw error;
      }
    }
    case 'config':
      throw new Error('config is handled before the archive loads');
    case 'bookmarks': {
      const { bookmarksToJson, formatBookmarkList } = await library.module();
      const resolved = (await library.get()).reconcile(archive.articles);
      if (values.json) write(JSON.stringify(bookmarksToJson(resolved), null, 2));
      else write(resolved.length ? formatBookmarkList(resolved) : 'No bookmarks yet.');
      return 0;
    }
    case 'bookmark': {
      const [action, id] = parsed.positionals as [string, string];
      if (action !== 'add' && action !== 'remove') throw new UsageError(`'bookmark' takes 'add' or 'remove', got '${action}'`);
      if (action === 'remove' && values.note !== undefined) throw new UsageError("--note goes with 'bookmark add'");
      return finish((await library.module()).bookmarkCommand(await library.get(), archive.byId, action, id, values.note as string | undefined));
    }
    case 'export': {
      if (parsed.positionals[0] !== 'bookmarks') throw new UsageError(`'export' can export 'bookmarks', not '${parsed.positionals[0]}'`);
      const format = (values.format ?? 'md') as string;
      if (format !== 'md' && format !== 'json') throw new UsageError(`--format takes 'md' or 'json', got '${format}'`);
      const { bookmarksToJson, bookmarksToMarkdown } = await library.module();
      const resolved = (await library.get()).reconcile(archive.articles);
      const options = { archiveRoot: archive.root };
      write(format === 'json' ? JSON.stringify(bookmarksToJson(resolved, options), null, 2) : bookmarksToMarkdown(resolved, options));
      return 0;
    }
    case 'list': {
      const sort = (values.sort ?? 'date') as string;
      if (sort !== 'date' && sort !== 'title') throw new UsageError(`--sort takes 'date' or 'title', got '${sort}'`);
      const limit = parsePositiveInt(values.limit, 'limit');
      const articles = sortArticles(archive.articles, sort as SortKey).slice(0, limit);
      write(values.json ? JSON.stringify(listJson(articles), null, 2) : listText(articles, style));
      return 0;
    }
    case 'quotes':
    case 'figures': {
      const { article, text } = findArticle(archive, parsed.positionals[0]!);
      const kind = parsed.command === 'quotes' ? 'quote' : 'figure';
      if (values.json) write(JSON.stringify(findHighlights(text.paragraphs).filter((h) => h.kind === kind), null, 2));
      else write(kind === 'quote' ? quotesText(article, text, style) : figuresText(article, text, style));
      return 0;
    }
    case 'show': {
      const { article, text } = findArticle(archive, parsed.positionals[0]!);
      if (values.json) {
        write(JSON.stringify(showJson(article, text, archive), null, 2));
      } else {
        const width = parsePositiveInt(values.width, 'width') ?? Math.min(process.stdout.isTTY ? process.stdout.columns || 80 : 80, 100);
        write(showText(article, text, archive, width, style));
      }
      return 0;
    }
    case 'search': {
      const { ArchiveSearch, toSearchDoc, runSearchCommand, formatSearchCommand } = await import('./search/index.js');
      // Several words may come as several arguments: `broadsheet search rusia chna`.
      const query = sanitizeLine(parsed.positionals.join(' '));
      const limit = parsePositiveInt(values.limit, 'limit') ?? 20;
      const output = runSearchCommand(new ArchiveSearch(archive.articles.map((a) => toSearchDoc(a, textOrUndefined(archive, a)))), archive.byId, query, limit);
      write(values.json ? JSON.stringify(output, null, 2) : formatSearchCommand(output));
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

/** The library's errors are meant for the user as they are (a file that cannot be read or written, a bad value). */
function isLibraryError(error: unknown): error is Error {
  return error instanceof Error && (error.name === 'LibraryError' || error.name === 'LibraryUnavailableError' || error.name === 'LockTimeoutError');
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
    } else if (error instanceof ArchiveError || error instanceof NotFound || isLibraryError(error)) {
      process.stderr.write(`broadsheet: ${sanitizeLine(error.message)}\n`);
      code = 1;
    } else {
      process.stderr.write(`broadsheet: unexpected error: ${sanitizeLine(String((error as Error)?.stack ?? error))}\n`);
      code = 1;
    }
  }
  process.exitCode = code;
  if (readerEntered) {
    // The reader is done and the terminal restored: the shell gets its prompt back now, whatever
    // still runs in the background (the folder check's or the search index's worker, a save still
    // waiting for another Broadsheet's lock when Ctrl-C quit without waiting, cache writes).
    // Exiting ends the worker threads with the process.
    process.exit(code);
  }
}

/** Set once the reader has the terminal: from then on, the end of the reader is the end of the process. */
let readerEntered = false;

await main();
