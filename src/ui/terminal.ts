/**
 * Terminal modes the reader switches on, and the one function that switches
 * them all off again. Every exit path calls `restore`; it is idempotent
 * because several paths can fire for one exit (a signal, then 'exit').
 */

import { isSafeUrl } from '../sanitize/url.js';

// Fixed DEC private mode sequences, and OSC 52 below: the only raw escape codes the UI writes itself.
const ENTER_ALTERNATE_SCREEN = '\u001B[?1049h';
const LEAVE_ALTERNATE_SCREEN = '\u001B[?1049l';
const HIDE_CURSOR = '\u001B[?25l';
const CURSOR_HOME = '\u001B[H';
const SHOW_CURSOR = '\u001B[?25h';

export interface TerminalStreams {
  stdout: { write(data: string): unknown };
  stdin: { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
}

export interface TerminalSession {
  /** Alternate screen on, cursor hidden, raw mode on. */
  enter(): void;
  /** Raw mode off, cursor shown, alternate screen left. Safe to call any number of times. */
  restore(): void;
  /**
   * For a while (Ctrl-Z, a pager, an editor): the terminal as the shell had
   * it, as `restore` leaves it, until `resume`.
   */
  suspend(): void;
  /**
   * Back after `suspend` (or after being stopped and continued): raw mode,
   * alternate screen, cursor hidden, as `enter` left them. Raw mode is set
   * again even where it looks on: a shell may have reset the terminal.
   */
  resume(): void;
  readonly restored: boolean;
}

export function createTerminalSession({ stdout, stdin }: TerminalStreams): TerminalSession {
  let entered = false;
  let restored = false;
  let suspended = false;
  // Each step on its own: a failing one (stdin already closed) must not skip the others.
  const rawMode = (on: boolean): void => {
    try {
      if (stdin.isTTY) stdin.setRawMode?.(on);
    } catch {
      /* stdin is gone; nothing to switch */
    }
  };
  const write = (data: string): void => {
    try {
      stdout.write(data);
    } catch {
      /* stdout is gone; the terminal is not ours any more */
    }
  };
  return {
    enter() {
      if (entered) return;
      entered = true;
      // Raw mode now, not when Ink's input hook mounts after the first frame: keys typed as
      // soon as the screen appears must arrive one by one, not as a line held by the tty.
      if (stdin.isTTY) stdin.setRawMode?.(true);
      // Home: the alternate screen keeps the cursor where the shell left it, often the bottom row.
      stdout.write(ENTER_ALTERNATE_SCREEN + CURSOR_HOME + HIDE_CURSOR);
    },
    restore() {
      if (restored || !entered) return;
      restored = true;
      // Suspended: the terminal is the shell's already; leaving a screen we are not on would move its cursor.
      if (suspended) return;
      rawMode(false);
      write(SHOW_CURSOR + LEAVE_ALTERNATE_SCREEN);
    },
    suspend() {
      if (restored || !entered || suspended) return;
      suspended = true;
      rawMode(false);
      write(SHOW_CURSOR + LEAVE_ALTERNATE_SCREEN);
    },
    resume() {
      if (restored || !entered) return;
      suspended = false;
      // Off, then on: Node (libuv) skips setting a mode it believes is set already.
      rawMode(false);
      rawMode(true);
      write(ENTER_ALTERNATE_SCREEN + CURSOR_HOME + HIDE_CURSOR);
    },
    get restored() {
      return restored;
    },
  };
}

/**
 * The sequence that puts `url` on the terminal's clipboard (OSC 52, base64,
 * ended by BEL), or undefined for anything but a safe http(s) URL. Only ever
 * a URL: article text never reaches the clipboard this way.
 */
export function clipboardSequence(url: string): string | undefined {
  if (!isSafeUrl(url)) return undefined;
  return `\u001b]52;c;${Buffer.from(url, 'utf8').toString('base64')}\u0007`;
}

/**
 * Conventional shell exit codes for death by signal: 128 + signal number. In practice Ink's
 * cursor helper (signal-exit) re-raises the signal after the reader has restored the
 * terminal, so the process ends by the signal itself; the shell reports the same status.
 */
export const SIGNAL_EXIT_CODES = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;
export type HandledSignal = keyof typeof SIGNAL_EXIT_CODES;

/**
 * Restores the terminal if the process ends while the session is entered but
 * the reader has not taken it over yet (the first frame is drawn before Ink
 * loads): on exit, on a crash (exit status 1, the error printed after), and on
 * a signal, which then ends the process with the signal's status. `release`
 * once the reader has installed its own handlers.
 */
export function guardTerminal(session: TerminalSession, proc: NodeJS.Process = process): { release(): void } {
  const onExit = (): void => session.restore();
  const handlers = (Object.keys(SIGNAL_EXIT_CODES) as HandledSignal[]).map((signal) => {
    const handler = (): void => {
      session.restore();
      proc.exit(SIGNAL_EXIT_CODES[signal]);
    };
    proc.on(signal, handler);
    return [signal, handler] as const;
  });
  // A crash does not run 'exit' listeners: restore first, so the error lands on the normal screen.
  const onCrash = (error: unknown): void => {
    session.restore();
    proc.stderr.write(`broadsheet: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    proc.exit(1);
  };
  proc.on('exit', onExit);
  proc.on('uncaughtException', onCrash);
  proc.on('unhandledRejection', onCrash);
  return {
    release() {
      proc.off('exit', onExit);
      proc.off('uncaughtException', onCrash);
      proc.off('unhandledRejection', onCrash);
      for (const [signal, handler] of handlers) proc.off(signal, handler);
    },
  };
}
