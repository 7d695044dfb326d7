/**
 * The entry: parse the command line, resolve and load the archive, run one
 * command or open the reader. Exit codes and messages: src/cli/errors.ts.
 */
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { DEFAULT_MAX_FILE_BYTES } from './archive/load.js';
import { defaultCacheDir, storePathFor } from './archive/store.js';
import { openArchive } from './archive/open.js';
import type { ArchiveUpdates } from './archive/background.js';
import type { Catalogue } from './archive/catalogue.js';
import { ALL_FORMATS, loadAllParsers, loadFormats, loadParsersFor, parsersLoaded } from './archive/formats.js';
import type { Archive, Article, ArticleText } from './archive/article.js';
import { parseCommandLine, parsePositiveInt, parseSize, suggestion, UsageError, type ParsedCommand } from './cli/args.js';
import { doctorJson, doctorText, figuresJson, figuresText, listIds, listJson, listText, quotesJson, quotesText, showJson, showText } from './cli/commands.js';
import { assertArchiveFolder, settledArchivePath } from './cli/archive-path.js';
import { failure, message, NotFound, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './cli/errors.js';
import { jsonOutput } from './cli/json.js';
import { peopleJson, peopleText, speakerQuotesJson, speakerQuotesText } from './cli/people.js';
import { metaCommand } from './cli/meta.js';
import type { SortKey } from './archive/article.js';
import { colorEnabled, makeStyle } from './cli/style.js';
import { VERSION } from './cli/help.js';
import { sanitizeLine } from './sanitize/index.js';
import type { Library, ResolvedBookmark } from './library/index.js';
import { ReadingState, readingStatePath } from './library/reading-state.js';
import { configDirFrom } from './library/paths.js';
import { peekForArchive, peekLibrary } from './library/peek.js';
import { SETTING_KEYS } from './library/schema.js';
import type { LibraryPeek } from './library/peek.js';
import { EarlyList } from './ui/first-frame.js';
import { heapDefaults, indexerAtFullSpeed } from './cli/heap.js';
import { savedSection, sessionFromPeek } from './ui/session.js';
import { createTerminalSession, guardTerminal } from './ui/terminal.js';
import type { TerminalSession } from './ui/terminal.js';
import type { ListPlace } from './ui/state.js';
import { themeFromEnv } from './ui/theme.js';
import { supportsColor } from 'chalk';

/** The sample archive shipped beside dist/. */
function bundledArchive(): string {
  return fileURLToPath(new URL('../articles/', import.meta.url));
}

function resolveArchivePath(flag: string | undefined, env: NodeJS.ProcessEnv, configured?: string): string {
  return flag ?? (env.BROADSHEET_ARCHIVE || undefined) ?? configured ?? bundledArchive();
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
  const answer = await metaCommand(parsed);
  if (answer !== undefined) {
    write(answer);
    return EXIT_OK;
  }
  const library = new LazyLibrary();
  library.quiet = parsed.command === 'read';
  if (parsed.command === 'config') {
    const [action, key, value] = parsed.positionals;
    if (values.json && action !== 'get') throw new UsageError("--json goes with 'config get'");
    if (values.json) return configJson(await library.get(), key);
    const args = action === 'set' && key === 'archivePath' && value ? [action, key, settledArchivePath(value)] : parsed.positionals;
    const code = finish((await library.module()).configCommand(await library.get(), args));
    library.flushWarnings();
    return code;
  }
  if (parsed.command === 'read' && !(process.stdin.isTTY && process.stdout.isTTY)) {
    process.stderr.write(
      message('the reader needs a terminal (stdin and stdout must be a TTY).') +
        message("in scripts and pipes use 'broadsheet list', 'broadsheet show ID' or 'broadsheet doctor' (see 'broadsheet --help')."),
    );
    return EXIT_FAILURE;
  }
  const maxFileBytes = parseSize(values['max-size']) ?? DEFAULT_MAX_FILE_BYTES;
  const flag = values.archive as string | undefined;
  const reading = parsed.command === 'read';
  if (!reading) heapDefaults();
  // The reader's first frame is drawn before the library loads: a read-only look at the library file serves it.
  const peek = reading ? peekLibrary() : undefined;
  const screen = reading ? new ReaderScreen() : undefined;
  const configured = flag || process.env.BROADSHEET_ARCHIVE ? undefined : peek ? peek.settings.archivePath : (await library.tryGet())?.get('archivePath');
  const archivePath = resolveArchivePath(flag, process.env, configured);
  const root = resolve(archivePath);
  assertArchiveFolder(root, flag ? 'flag' : process.env.BROADSHEET_ARCHIVE ? 'environment' : configured ? 'setting' : 'default');
  // --no-cache: a store in memory, built for this run only.
  const storePath = values['no-cache'] ? undefined : storePathFor(root, defaultCacheDir());
  if (reading) {
    // The reader lists what the store has at once; a worker brings it up to date behind the list.
    const opened = await openArchive(root, { ...(storePath ? { storePath } : {}), maxFileBytes, update: false });
    const { archive } = opened;
    if (archive.size === 0) indexerAtFullSpeed();
    // This archive's read marks and positions (a small SQLite file beside the library); the first frame shows them.
    const reading = ReadingState.open(readingStatePath(root, configDirFrom(process.env)));
    const shown = peek && peekForArchive(peek, root);
    if (shown) shown.read = reading.readMeta(LEGACY_IMPORTED) ? reading.readIds() : new Set([...reading.readIds(), ...shown.read]);
    const { parsersFirst, updateInline, updateInWorker } = await import('./archive/background.js');
    const check = (notice?: string): ArchiveUpdates =>
      parsersFirst(
        opened.archive.inMemory
          ? updateInline(archive.db, root, maxFileBytes, notice)
          : updateInWorker(new URL('./archive-index.js', import.meta.url), { root, storePath: storePath!, maxFileBytes, behindTheList: archive.size > 0 && archive.complete }, () => updateInlineLater(archive, root, maxFileBytes)),
        loadAllParsers,
        () => parsersCover(archive),
      );
    const updates = check(opened.notice);
    return runCommand(parsed, archive, library, { updates, recheck: () => check(), peek: shown, screen, reading, ...(opened.notice && !opened.archive.inMemory ? { notice: opened.notice } : {}) });
  }
  const opened = await openArchive(root, { ...(storePath ? { storePath } : {}), maxFileBytes });
  if (opened.notice) process.stderr.write(`broadsheet: ${sanitizeLine(opened.notice)}\n`);
  const code = await runCommand(parsed, opened.archive, library, {});
  library.flushWarnings();
  return code;
}

/** Whether the parsers the catalogue's articles need are loaded (all of them, when its formats are not known). */
function parsersCover(archive: Catalogue): boolean {
  return parsersLoaded(archive.formats() ?? ALL_FORMATS);
}

/** The worker could not start: the same update on this thread, after the first frame. */
function updateInlineLater(archive: Catalogue, root: string, maxFileBytes: number): ArchiveUpdates {
  let inner: ArchiveUpdates | undefined;
  let stopped = false;
  return {
    subscribe(listener) {
      void import('./archive/background.js').then(({ updateInline }) => {
        if (stopped) return;
        inner = updateInline(archive.db, root, maxFileBytes, 'The archive is indexed on the reader\'s thread: it may pause while it works');
        inner.subscribe(listener);
      });
      return () => inner?.stop();
    },
    stop() {
      stopped = true;
      inner?.stop();
    },
  };
}

/** Set in an archive's reading state once the library's read marks from before 0.2 were taken in. */
const LEGACY_IMPORTED = 'legacy-imported';

/**
 * Before 0.2 read marks were kept in the library for every archive at once,
 * by id. The first time an archive is read, the marks naming its articles
 * become its own (a mark is never dropped: the library keeps them too), and
 * bookmarks made before then join the archive they resolve in.
 */
function adoptLegacyMarks(library: Library, reading: ReadingState, archive: Catalogue, notices: string[]): void {
  try {
    library.claimBookmarks(archive);
  } catch {
    // Saved for next time: the reader works with a library it cannot write.
  }
  if (reading.readMeta(LEGACY_IMPORTED)) return;
  try {
    const mine = [...library.readIds()].flatMap((id) => {
      const article = archive.get(id);
      return article ? [{ id, fingerprint: article.fingerprint }] : [];
    });
    reading.markAllRead(mine);
    reading.writeMeta(LEGACY_IMPORTED, new Date().toISOString());
  } catch (error) {
    notices.push(`Read marks of earlier versions not taken in: ${sanitizeLine((error as Error).message)}`);
  }
}

/**
 * This archive's bookmarks, matched to its articles as they are now (those
 * made before 0.2 claimed by the archive they resolve in); with `all`, every
 * other archive's after them, as they were saved.
 */
async function archiveBookmarks(lazy: LazyLibrary, archive: Catalogue, all: boolean): Promise<ResolvedBookmark[]> {
  const library = (await lazy.get()).useArchive(archive.root);
  try {
    library.claimBookmarks(archive);
  } catch {
    // Claiming is saved for next time: listing works on a library that cannot be written.
  }
  const resolved = library.reconcile(archive);
  if (!all) return resolved;
  const elsewhere = library.allBookmarks().filter((bookmark) => bookmark.archive !== archive.root);
  return [...resolved, ...elsewhere.map((bookmark) => ({ bookmark, status: 'elsewhere' as const }))];
}

function maxFileBytesOf(values: ParsedCommand['values']): number {
  return parseSize(values['max-size']) ?? DEFAULT_MAX_FILE_BYTES;
}

/**
 * The archive with every article's quotations found (kept in its index; the
 * first time at 2,225 articles takes a few seconds, and says so on a terminal).
 */
async function analysedArchive(archive: Catalogue, maxFileBytes: number): Promise<{ db: Catalogue['db']; analysed: { done: number; total: number } }> {
  const { analyseStore } = await import('./archive/analyse.js');
  await loadAllParsers();
  const tty = process.stderr.isTTY;
  analyseStore(archive.db, {
    maxFileBytes,
    ...(tty ? { onProgress: ({ done, total }: { done: number; total: number }) => process.stderr.write(`\rbroadsheet: finding quotations ${done}/${total}…`) } : {}),
  });
  if (tty) process.stderr.write('\r\u001B[K');
  const { analysisProgress } = await import('./archive/people-index.js');
  return { db: archive.db, analysed: analysisProgress(archive.db) };
}

async function findArticle(archive: Archive, id: string): Promise<{ article: Article; text: ArticleText }> {
  const article = archive.get(id);
  if (!article) throw new NotFound(`no article with id '${sanitizeLine(id)}' in ${archive.report.root} (see 'broadsheet list')`);
  await loadParsersFor([article.relPath]);
  const result = archive.readText(article);
  if (!result.ok) throw new NotFound(`cannot read ${article.relPath}: ${result.reason}`);
  return { article, text: result.text };
}

/** A library command's result: its text on stdout, or its message on stderr with the exit status it calls for. */
function finish(result: { ok: boolean; text: string; usage?: boolean }): number {
  if (result.ok) process.stdout.write(result.text);
  else process.stderr.write(message(result.text.trimEnd()));
  return result.ok ? EXIT_OK : result.usage ? EXIT_USAGE : EXIT_FAILURE;
}

/** `config get [KEY] --json`: the settings as stored, unset ones as null. */
function configJson(library: Library, key: string | undefined): number {
  const settings: Partial<Record<string, unknown>> = { ...library.settings() };
  const keys = key === undefined ? SETTING_KEYS : [key];
  write(jsonOutput('config', Object.fromEntries(keys.map((name) => [name, settings[name] ?? null]))));
  return EXIT_OK;
}

interface ReaderStart {
  /** The archive's read marks and positions. */
  reading?: ReadingState;
  /** The indexer bringing the store up to date behind the list. */
  updates?: ArchiveUpdates;
  /** The same check again (after the reader's editor changed a file). */
  recheck?: () => ArchiveUpdates;
  /** Shown in the status line: the store was rebuilt, and why. */
  notice?: string;
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

/**
 * Whether the open library holds what the peek at its file showed. Read
 * marks are not compared: both frames take them from the archive's reading
 * state, not the library.
 */
function libraryMatches(library: Library, peek: LibraryPeek): boolean {
  try {
    const settings = library.settings();
    const bookmarked = new Set(library.bookmarks().map((b) => b.id));
    return (
      settings.sort === peek.settings.sort &&
      settings.lastSelected === peek.settings.lastSelected &&
      settings.theme === peek.settings.theme &&
      settings.maxWidth === peek.settings.maxWidth &&
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
  /** The first frame's list, moved by keys typed before Ink reads them (see takeKeys). */
  #early: EarlyList | undefined;
  #stopKeys: (() => void) | undefined;

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
  drawFirstFrame(archive: Archive, peek: LibraryPeek, section: string | undefined): void {
    this.enter();
    if (this.#drawn) return;
    this.#drawn = true;
    const { columns, rows } = process.stdout;
    if (!columns || !rows || !supportsColor) return;
    this.#drawnAt = `${columns}x${rows}`;
    try {
      const early = new EarlyList(archive, { ...sessionFromPeek(peek), ...(section !== undefined ? { section } : {}) }, themeFromEnv(process.env, peek.settings.theme), columns, rows);
      process.stdout.write(early.frame());
      this.#early = early;
      this.#answerKeys(early);
    } catch {
      // Only a head start: Ink draws the first frame anyway.
    }
  }

  /**
   * Until Ink reads the terminal, keys that only move the selection move the
   * first frame's: the list answers ~300 ms sooner (Ink and React are still
   * loading). The first other key, and all after it, are left for Ink, in order.
   */
  #answerKeys(early: EarlyList): void {
    const { stdin, stdout } = process;
    if (!stdin.isTTY) return;
    const onData = (chunk: Buffer): void => {
      let taken = false;
      try {
        const sameSize = this.#drawnAt === `${stdout.columns}x${stdout.rows}`;
        taken = sameSize && early.press(chunk.toString('utf8'));
        if (taken) {
          stdout.write(early.frame());
          return;
        }
      } catch {
        // Only a head start: Ink answers from here (from where taken keys left the list).
      }
      stop();
      if (!taken) stdin.unshift(chunk);
    };
    const stop = (): void => {
      this.#stopKeys = undefined;
      stdin.off('data', onData);
      // Paused, what comes next waits in the stream for Ink (its keyboard resumes it).
      stdin.pause();
    };
    this.#stopKeys = stop;
    stdin.on('data', onData);
  }

  /** Stops answering keys (Ink reads them from here): where the keys left the list, if they moved it. */
  takeKeys(): ListPlace | undefined {
    this.#stopKeys?.();
    return this.#early?.place;
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
    this.#stopKeys?.();
    this.#guard?.release();
    this.#guard = undefined;
  }

  /** Something failed before the reader took over: give the terminal back before the error is printed. */
  restore(): void {
    this.handOver();
    this.#session?.restore();
  }
}

async function runCommand(parsed: ParsedCommand, archive: Catalogue, library: LazyLibrary, { updates, recheck, notice, peek, screen, reading }: ReaderStart = {}): Promise<number> {
  const { values } = parsed;
  const style = makeStyle(colorEnabled(process.stdout));
  switch (parsed.command) {
    case 'read': {
      // The terminal is the reader's from here (if not since the load): the first frame goes up before Ink has loaded.
      const readerScreen = screen ?? new ReaderScreen();
      const terminal = readerScreen.enter();
      readerEntered = true;
      try {
        // An empty store (a first run) has nothing to show yet: Ink draws the progress instead.
        if (peek && archive.size > 0) readerScreen.drawFirstFrame(archive, peek, reading && savedSection(reading));
        // The reader reads the texts of the articles it opens: the parsers of the formats listed, loaded beside
        // the UI (every one when they are not known; new files bring the rest, see parsersFirst). One that
        // cannot load leaves its articles showing why they cannot be read; the reader still starts.
        const parsers = loadFormats(archive.size === 0 ? ['text'] : (archive.formats() ?? ALL_FORMATS)).catch(() => {});
        const [{ runReader }, { editSync, pageSync }] = await Promise.all([import('./ui/run.js'), import('./cli/programs.js'), parsers]);
        // Rows the indexing thread listed meanwhile (the catalogue's last row moved) may need the others.
        if (!parsersCover(archive)) await loadAllParsers().catch(() => {});
        // The reader works without its library (no bookmarks or saved state), and says why.
        let readerLibrary: Library | undefined;
        const notices: string[] = notice ? [notice] : [];
        try {
          // Opening never waits for another Broadsheet's lock (the terminal is in raw mode: Ctrl-C is a key).
          readerLibrary = (await library.get()).useArchive(archive.root);
          notices.push(...library.warnings);
          if (reading) adoptLegacyMarks(readerLibrary, reading, archive, notices);
        } catch (error) {
          notices.push(`Bookmarks and reading state are off: cannot open the library (${sanitizeLine((error as Error).message)})`);
        }
        // Right before Ink draws (nothing awaited in between): from here on resizes are the reader's.
        readerScreen.settle(readerLibrary, notices, peek);
        // The user's pager and editor (|, v): each waits for the program, the reader off the screen meanwhile.
        const programs = {
          page: (text: string) => {
            const outcome = pageSync(text);
            return outcome.ok ? undefined : outcome.reason;
          },
          edit: (path: string) => {
            const outcome = editSync(path);
            return outcome.ok ? { changed: outcome.changed } : { changed: outcome.changed, error: outcome.reason };
          },
        };
        // runReader installs its own exit and signal handlers before it returns its promise.
        const listPlace = readerScreen.takeKeys();
        const done = runReader({ archive, openUrl, library: readerLibrary, notices, terminal, programs, ...(listPlace ? { listPlace } : {}), ...(reading ? { reading } : {}), ...(updates ? { updates } : {}), ...(recheck ? { recheck } : {}) });
        readerScreen.handOver();
        return await done;
      } catch (error) {
        readerScreen.restore();
        throw error;
      }
    }
    case 'config':
    case 'help':
    case 'completion':
      throw new Error(`${parsed.command} is handled before the archive loads`);
    case 'bookmarks': {
      const { bookmarksToJson, formatBookmarkList } = await library.module();
      const resolved = await archiveBookmarks(library, archive, values.all === true);
      if (values.json) write(jsonOutput('bookmarks', bookmarksToJson(resolved)));
      else write(resolved.length ? formatBookmarkList(resolved) : values.all ? 'No bookmarks yet.' : "No bookmarks in this archive yet (--all lists every archive's).");
      return 0;
    }
    case 'bookmark': {
      const [action, id] = parsed.positionals as ['add' | 'remove', string];
      if (action === 'remove' && values.note !== undefined) throw new UsageError("--note goes with 'bookmark add'");
      const own = (await library.get()).useArchive(archive.root);
      own.claimBookmarks(archive);
      return finish((await library.module()).bookmarkCommand(own, archive, action, id, values.note as string | undefined));
    }
    case 'export': {
      const format = values.json ? 'json' : ((values.format ?? 'md') as 'md' | 'json');
      const { bookmarksToJson, bookmarksToMarkdown } = await library.module();
      const resolved = await archiveBookmarks(library, archive, values.all === true);
      const options = { archiveRoot: archive.root };
      write(format === 'json' ? jsonOutput('export', bookmarksToJson(resolved, options)) : bookmarksToMarkdown(resolved, options));
      return 0;
    }
    case 'list': {
      const sort = (values.sort ?? 'date') as SortKey;
      const limit = parsePositiveInt(values.limit, 'limit');
      const order = archive.order(sort as SortKey, { ...sectionOf(archive, values.section) });
      const articles: Article[] = [];
      for (let index = 0; index < Math.min(order.length, limit ?? order.length); index++) {
        const article = archive.get(order.idAt(index)!);
        if (article) articles.push(article);
      }
      write(values.json ? jsonOutput('list', listJson(articles)) : values.ids ? listIds(articles) : listText(articles, style));
      return 0;
    }
    case 'people': {
      const { analysed, db } = await analysedArchive(archive, maxFileBytesOf(values));
      const { people } = await import('./archive/people-index.js');
      const everyone = people(db).slice(0, parsePositiveInt(values.limit, 'limit'));
      write(values.json ? jsonOutput('people', peopleJson(everyone)) : peopleText(everyone, style, analysed));
      return 0;
    }
    case 'quotes':
      if (values.speaker !== undefined) {
        if (parsed.positionals.length > 0) throw new UsageError("'quotes' takes an article id or --speaker NAME, not both");
        const name = sanitizeLine(values.speaker as string);
        const { db } = await analysedArchive(archive, maxFileBytesOf(values));
        const { findPeople, quotesOf, wholeQuotes } = await import('./archive/people-index.js');
        const found = findPeople(db, name);
        if (found.length === 0) throw new NotFound(`nobody named '${name}' is quoted in ${archive.report.root} (see 'broadsheet people')`);
        const read = (id: string) => {
          const article = archive.get(id);
          return article && archive.readText(article);
        };
        const quotes = wholeQuotes(quotesOf(db, found.map((person) => person.key)), read);
        write(values.json ? jsonOutput('quotes', speakerQuotesJson(quotes)) : speakerQuotesText(quotes, style));
        return 0;
      }
      if (parsed.positionals.length === 0) throw new UsageError("'quotes' needs an article id (see 'broadsheet list') or --speaker NAME");
    // falls through: one article's quotations
    case 'figures': {
      const { article, text } = await findArticle(archive, parsed.positionals[0]!);
      if (values.json) write(jsonOutput(parsed.command, parsed.command === 'quotes' ? quotesJson(article, text) : figuresJson(article, text)));
      else write(parsed.command === 'quotes' ? quotesText(article, text, style) : figuresText(article, text, style));
      return 0;
    }
    case 'show': {
      const { article, text } = await findArticle(archive, parsed.positionals[0]!);
      if (values.json) {
        write(jsonOutput('show', showJson(article, text, archive)));
      } else {
        const width = parsePositiveInt(values.width, 'width') ?? Math.min(process.stdout.isTTY ? process.stdout.columns || 80 : 80, 100);
        const shown = showText(article, text, archive, width, style);
        // On a terminal, through the pager as git does (never in a pipe); printed when there is none.
        if (process.stdout.isTTY && !values['no-pager'] && (await (await import('./cli/programs.js')).pageText(`${shown}\n`))) return 0;
        write(shown);
      }
      return 0;
    }
    case 'search': {
      const { ArchiveSearch, runSearchCommand, formatSearchCommand } = await import('./search/index.js');
      // Several words may come as several arguments: `broadsheet search rusia chna`.
      const query = sanitizeLine(parsed.positionals.join(' '));
      const limit = parsePositiveInt(values.limit, 'limit') ?? 20;
      const output = runSearchCommand(new ArchiveSearch(archive.db), archive, query, limit, sectionOf(archive, values.section));
      write(values.json ? jsonOutput('search', output) : formatSearchCommand(output));
      return 0;
    }
    case 'doctor':
      write(values.json ? jsonOutput('doctor', doctorJson(archive)) : doctorText(archive, style));
      return 0;
  }
}

/** `--section NAME`: one of the archive's sections (first-level folders), or not found with the ones there are. */
function sectionOf(archive: Catalogue, name: unknown): { section?: string } {
  if (name === undefined) return {};
  const wanted = String(name);
  const names = archive.sections().map((section) => section.name);
  if (names.includes(wanted)) return { section: wanted };
  const known = names.length === 0 ? 'it has no folders' : `sections: ${names.join(', ')}`;
  throw new NotFound(`no section '${sanitizeLine(wanted)}' in ${archive.report.root} (${known})${suggestion(wanted, names)}`);
}

/** `o` in the reader: the user's browser ($BROWSER, else the desktop's opener); resolves with why not. */
async function openUrl(url: string): Promise<string | undefined> {
  const { openInBrowser } = await import('./cli/programs.js');
  return openInBrowser(url);
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
    const failed = failure(isLibraryError(error) ? new NotFound(error.message) : error);
    process.stderr.write(failed.text);
    code = failed.code;
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
