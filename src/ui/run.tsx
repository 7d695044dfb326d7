/**
 * Entry point for the interactive reader. Owns the terminal for as long as
 * the reader runs and gives it back on every way out: `q`, Ctrl-C, SIGTERM,
 * SIGHUP, SIGINT, an uncaught exception or rejection, or a render error.
 */
import chalk from 'chalk';
import { render, useStdout } from 'ink';
import type { Instance } from 'ink';
import { useEffect } from 'react';
import type { ArchiveUpdates } from '../archive/background.js';
import type { Catalogue } from '../archive/catalogue.js';
import type { Library } from '../library/index.js';
import type { ReadingState } from '../library/reading-state.js';
import type { ListPlace } from './state.js';
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
  /** Read marks and reading positions of this archive. */
  reading?: ReadingState;
  /** The terminal session, when the caller entered it already (to draw the first frame before Ink loads). */
  terminal?: TerminalSession;
  /**
   * The user's pager and editor (src/cli/programs.ts). Each blocks until the
   * program ends; the reader leaves the screen around it.
   */
  programs?: {
    page(text: string): string | undefined;
    edit(path: string): { changed: boolean; error?: string };
  };
  /** A fresh check of the archive folder (after a file was edited): the same work `updates` did at start. */
  recheck?: () => ArchiveUpdates;
  /** Where keys typed before Ink left the list (the first frame's selection): the reader starts there. */
  listPlace?: ListPlace;
}

/** Erase the whole screen and put the cursor home, where Ink's next frame starts. */
const CLEAR_SCREEN = '\u001B[2J\u001B[H';

/**
 * Hands the reader a way to draw its last frame again, whole: Ink's own
 * `write` erases what it drew and draws the frame again, where a rerender
 * of an unchanged frame draws nothing.
 */
function Redraw({ onReady }: { onReady: (redraw: (() => void) | undefined) => void }) {
  const { write } = useStdout();
  useEffect(() => {
    onReady(() => write(''));
    return () => onReady(undefined);
  }, [write, onReady]);
  return null;
}

/** Node's stdout learns a new size from SIGWINCH, which a stopped process does not get: ask the terminal. */
function refreshSize(stdout: NodeJS.WriteStream): void {
  const tty = stdout as NodeJS.WriteStream & { _refreshSize?: () => void };
  try {
    const [cols, rows] = tty.getWindowSize?.() ?? [];
    if ((cols !== undefined && cols !== stdout.columns) || (rows !== undefined && rows !== stdout.rows)) tty._refreshSize?.();
  } catch {
    /* not a terminal: nothing to learn */
  }
}

export async function runReader(options: ReaderOptions): Promise<number> {
  const { stdin, stdout, stderr } = process;
  // FORCE_COLOR=0 turns chalk, which Ink draws with, off altogether: no bold, no inverse, so no visible
  // selection. Colour off means the mono theme, which needs those attributes and no colour.
  if (chalk.level === 0 && colourFromEnv(process.env) === 'off' && process.env['TERM'] !== 'dumb') chalk.level = 1;
  const terminal = options.terminal ?? createTerminalSession({ stdout, stdin });

  return new Promise<number>((resolve) => {
    let instance: Instance | undefined;
    let finished = false;
    let updates = options.updates;

    const finish = (code: number, error?: unknown): void => {
      if (finished) return;
      finished = true;
      // Whatever the indexer is doing, quitting does not wait for it: what it committed stays.
      updates?.stop();
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

    // Away from the screen and back (Ctrl-Z, a pager, an editor): the terminal is the shell's or the
    // program's meanwhile, and on the way back the screen is cleared and the last frame drawn whole.
    let redrawNow: (() => void) | undefined;
    const onRedrawReady = (redraw: (() => void) | undefined): void => {
      redrawNow = redraw;
    };
    const comeBack = (): void => {
      if (finished) return;
      terminal.resume();
      stdout.write(CLEAR_SCREEN);
      // Resized while away: the resize listener lays the reader out for the new size and draws it.
      refreshSize(stdout);
      redrawNow?.();
    };
    /**
     * A program of the user's (pager, editor) has the terminal until it ends; this thread waits for it.
     * Ctrl-Z there stops the program (less and vim stop themselves, vim signals the whole group), so the
     * reader must stop with it, by the default action, as git does: with our listener the signal would
     * wait for the blocked thread, the job would never be stopped, and the stopped pager would hang it.
     */
    const away = <T,>(run: () => T): T => {
      terminal.suspend();
      const listeners = process.listeners('SIGTSTP');
      process.removeAllListeners('SIGTSTP');
      try {
        return run();
      } finally {
        for (const listener of listeners) process.on('SIGTSTP', listener);
        comeBack();
      }
    };
    /**
     * Ctrl-Z, as less and vim do it: the terminal restored, then the stop signal with its default
     * action, to the whole process group (a wrapper such as npm stops too, so the shell sees the job
     * stopped). This call returns when the shell's `fg` continues the process.
     */
    const stop = (): void => {
      if (finished) return;
      terminal.suspend();
      // No listener, so the signal's default action (stop) applies, then the listeners back.
      const listeners = process.listeners('SIGTSTP');
      process.removeAllListeners('SIGTSTP');
      try {
        process.kill(0, 'SIGTSTP');
      } catch {
        /* no process group to stop: come straight back */
      } finally {
        for (const listener of listeners) process.on('SIGTSTP', listener);
      }
      comeBack();
    };
    // `kill -TSTP` from outside: the same, terminal restored first. Continued after any stop (SIGSTOP too): redrawn.
    const onStopSignal = (): void => stop();
    const onContinue = (): void => comeBack();
    const host: ReaderHost = {
      copy(url) {
        // Between Ink's frames: a whole sequence, which neither moves the cursor nor prints.
        const sequence = clipboardSequence(url);
        if (sequence) stdout.write(sequence);
      },
      suspend: stop,
    };
    const { programs, recheck } = options;
    if (programs) {
      host.page = (text) => away(() => programs.page(text));
      host.edit = (path) => {
        const outcome = away(() => programs.edit(path));
        // The index learns of the change as it does at start: a check of the folder behind the list.
        if (outcome.changed && recheck) {
          updates?.stop();
          updates = recheck();
          instance?.rerender(appFor(sizeNow()));
        }
        return outcome;
      };
    }

    // The reader is laid out for the size given here, not one a hook learns of after Ink has drawn:
    // on a resize Ink redraws at once, and a frame laid out for the old size (taller or wider than
    // the terminal now) scrolled the screen or wrapped its rows, so the rows Ink erased before the
    // next frame were not the ones it drew, and rows of old frames were left behind. This listener
    // runs before Ink's: it clears the screen and lays the reader out for the new size first.
    const sizeNow = (): TerminalSize => ({ cols: stdout.columns || FALLBACK_COLS, rows: stdout.rows || FALLBACK_ROWS });
    const appFor = (size: TerminalSize) => (
      <>
        <App archive={options.archive} openUrl={options.openUrl} host={host} library={options.library} notices={options.notices} updates={updates} reading={options.reading} {...(options.listPlace ? { listPlace: options.listPlace } : {})} size={size} onQuit={() => finish(0)} />
        <Redraw onReady={onRedrawReady} />
      </>
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
      process.off('SIGTSTP', onStopSignal);
      process.off('SIGCONT', onContinue);
    };

    stdout.prependListener('resize', onResize);
    for (const [signal, handler] of Object.entries(signalHandlers)) process.on(signal, handler);
    process.on('uncaughtException', onFatal);
    process.on('unhandledRejection', onFatal);
    process.on('exit', onExit);
    process.on('SIGTSTP', onStopSignal);
    process.on('SIGCONT', onContinue);

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
