/**
 * Entry point for the interactive reader. Owns the terminal for as long as
 * the reader runs and gives it back on every way out: `q`, Ctrl-C, SIGTERM,
 * SIGHUP, SIGINT, an uncaught exception or rejection, or a render error.
 */
import chalk from 'chalk';
import { render } from 'ink';
import type { Instance } from 'ink';
import type { ArchiveUpdates } from '../archive/background.js';
import type { Catalogue } from '../archive/catalogue.js';
import type { Library } from '../library/index.js';
import { App } from './app.js';
import { keyboardStdin } from './keyboard.js';
import { FALLBACK_COLS, FALLBACK_ROWS, MAX_FPS } from './layout.js';
import type { TerminalSize } from './hooks/use-terminal-size.js';
import { clipboardSequence, createTerminalSession, SIGNAL_EXIT_CODES } from './terminal.js';
import type { ReaderHost, UrlOpener } from './session.js';
import { colourFromEnv } from './theme.js';
import type { HandledSignal, TerminalSession } from './terminal.js';

export interface ReaderOptions {
  archive: Catalogue;
  /** Opens a URL in the browser; resolves with why it could not. */
  openUrl?: UrlOpener;
  /** Bookmarks, read state, positions and settings; without it the reader forgets everything on quit. */
  library?: Library;
  /** Messages for the status line on the first frame (library warnings, why there is no library). */
  notices?: readonly string[];
  /** The indexer bringing the archive's store up to date behind the list. */
  updates?: ArchiveUpdates;
  /** The terminal session, when the caller entered it already (to draw the first frame before Ink loads). */
  terminal?: TerminalSession;
}

/** Erase the whole screen and put the cursor home, where Ink's next frame starts. */
const CLEAR_SCREEN = '\u001B[2J\u001B[H';

export async function runReader(options: ReaderOptions): Promise<number> {
  const { stdin, stdout, stderr } = process;
  // FORCE_COLOR=0 turns chalk, which Ink draws with, off altogether: no bold, no inverse, so no visible
  // selection. Colour off means the mono theme, which needs those attributes and no colour.
  if (chalk.level === 0 && colourFromEnv(process.env) === 'off' && process.env['TERM'] !== 'dumb') chalk.level = 1;
  const terminal = options.terminal ?? createTerminalSession({ stdout, stdin });

  return new Promise<number>((resolve) => {
    let instance: Instance | undefined;
    let finished = false;

    const finish = (code: number, error?: unknown): void => {
      if (finished) return;
      finished = true;
      // Whatever the indexer is doing, quitting does not wait for it: what it committed stays.
      options.updates?.stop();
      detach();
      try {
        instance?.unmount();
      } catch {
        /* already unmounting; the terminal is restored below regardless */
      }
      // Terminal first, so the error lands on the normal screen where it stays readable.
      terminal.restore();
      if (error !== undefined) {
        stderr.write(`broadsheet: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      }
      process.exitCode = code;
      resolve(code);
    };

    const signalHandlers = Object.fromEntries(
      (Object.keys(SIGNAL_EXIT_CODES) as HandledSignal[]).map((signal) => [signal, () => finish(SIGNAL_EXIT_CODES[signal])]),
    ) as Record<HandledSignal, () => void>;
    const onFatal = (error: unknown): void => finish(1, error);
    // Last resort if something calls process.exit() while we are running.
    const onExit = (): void => terminal.restore();

    // The reader is laid out for the size given here, not one a hook learns of after Ink has drawn:
    // on a resize Ink redraws at once, and a frame laid out for the old size (taller or wider than
    // the terminal now) scrolled the screen or wrapped its rows, so the rows Ink erased before the
    // next frame were not the ones it drew, and rows of old frames were left behind. This listener
    // runs before Ink's: it clears the screen and lays the reader out for the new size first.
    const sizeNow = (): TerminalSize => ({ cols: stdout.columns || FALLBACK_COLS, rows: stdout.rows || FALLBACK_ROWS });
    const host: ReaderHost = {
      copy(url) {
        // Between Ink's frames: a whole sequence, which neither moves the cursor nor prints.
        const sequence = clipboardSequence(url);
        if (sequence) stdout.write(sequence);
      },
    };
    const appFor = (size: TerminalSize) => (
      <App archive={options.archive} openUrl={options.openUrl} host={host} library={options.library} notices={options.notices} updates={options.updates} size={size} onQuit={() => finish(0)} />
    );
    const onResize = (): void => {
      if (finished) return;
      stdout.write(CLEAR_SCREEN);
      instance?.rerender(appFor(sizeNow()));
    };

    const detach = (): void => {
      stdout.off('resize', onResize);
      for (const [signal, handler] of Object.entries(signalHandlers)) process.off(signal, handler);
      process.off('uncaughtException', onFatal);
      process.off('unhandledRejection', onFatal);
      process.off('exit', onExit);
    };

    stdout.prependListener('resize', onResize);
    for (const [signal, handler] of Object.entries(signalHandlers)) process.on(signal, handler);
    process.on('uncaughtException', onFatal);
    process.on('unhandledRejection', onFatal);
    process.on('exit', onExit);

    try {
      terminal.enter();
      instance = render(appFor(sizeNow()), {
        // Ink reads the terminal through the key filter: a sequence it cannot parse never reaches it.
        stdin: keyboardStdin(stdin),
        exitOnCtrlC: false, // Ctrl-C is a key like any other: the key map quits cleanly on it
        patchConsole: false,
        // Ink 6.8's incremental renderer moves up one row too few when the frame ends in a
        // newline (any frame shorter than the terminal), shifting every later frame: measured in
        // test/e2e-reader.test.ts. The standard renderer redraws the frame inside a synchronized update.
        incrementalRendering: false,
        // Ink holds a frame back until 1000/maxFps ms after the previous one (30 fps: 34 ms).
        // Work queued meanwhile runs first: a key pressed just after a frame waited for it.
        maxFps: MAX_FPS,
      });
      instance.waitUntilExit().then(
        () => finish(0),
        (error: unknown) => finish(1, error),
      );
    } catch (error) {
      finish(1, error);
    }
  });
}
