/**
 * A pseudo-terminal harness for end-to-end tests: runs the built CLI under
 * node-pty and feeds its output to a headless xterm, so tests read the screen
 * a user would see, including which buffer (normal/alternate) is active and
 * whether the cursor is visible.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { stripVTControlCharacters } from 'node:util';
import { join, resolve } from 'node:path';
import * as nodePty from 'node-pty';
import xterm from '@xterm/headless';

const { Terminal } = xterm;

export const CLI = resolve(import.meta.dirname, '../../dist/cli.js');

/** Ink (and the first frame) bracket each frame in a synchronized update. */
const SYNC_BEGIN = '\u001b[?2026h';
const SYNC_END = '\u001b[?2026l';

export interface PtyExit {
  exitCode: number;
  signal: number | undefined;
}

export interface PtySession {
  /** Raw bytes written by the program so far. */
  readonly output: string;
  readonly cursorVisible: boolean;
  readonly bufferType: 'normal' | 'alternate';
  readonly exited: Promise<PtyExit>;
  readonly pid: number;
  /** Visible screen lines, trailing spaces trimmed. */
  screen(): string[];
  /**
   * The text of the last whole frame the program drew (between the
   * synchronized-update marks Ink and the first frame put around each),
   * one entry per row, trailing spaces trimmed: what the program meant to show.
   */
  frame(): string[] | undefined;
  /** Frames drawn so far. */
  readonly frames: number;
  /** Visible rows the terminal continued from the row above: a row drawn wider than the screen. */
  wrappedRows(): number[];
  /** When the program last wrote anything (Date.now()). */
  readonly lastOutputAt: number;
  /** Whether the program has ended, and its exit status once it has. */
  readonly exitedAlready: boolean;
  readonly exitStatus: number | undefined;
  /** Writes bytes as they are (not UTF-8 text: invalid sequences, lone bytes). */
  writeBytes(data: Buffer): void;
  /** Hears every frame as it is drawn: its rows, trailing spaces kept (the header bar is as wide as the layout). */
  onFrame(listener: (rows: string[]) => void): void;
  write(data: string): void;
  resize(cols: number, rows: number): void;
  kill(signal: string): void;
  /** Resolve once `predicate(screen)` holds; fail with the screen attached after `timeoutMs`. */
  waitFor(predicate: (screen: string[]) => boolean, description: string, timeoutMs?: number): Promise<string[]>;
  waitForText(text: string, timeoutMs?: number): Promise<string[]>;
  /** Kill if still running and remove the temp config dir. */
  dispose(): void;
}

/** Environment for the child: a real-looking terminal, no CI markers (Ink prints nothing live under CI). */
/** `extra` values of `undefined` remove the variable. */
function childEnv(configDir: string, extra: Record<string, string | undefined>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (key === 'CI' || key === 'CONTINUOUS_INTEGRATION' || key.startsWith('CI_')) continue;
    env[key] = value;
  }
  // The archive index goes beside the library, so every session starts from its own (unless the test shares one).
  const merged: Record<string, string | undefined> = { ...env, TERM: 'xterm-256color', BROADSHEET_CONFIG_DIR: configDir, BROADSHEET_CACHE_DIR: join(configDir, 'cache'), ...extra };
  return Object.fromEntries(Object.entries(merged).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** A frame's rows: Ink writes them one after another; the first frame addresses each (`ESC [ row ; 1 H`). */
function frameRows(block: string, trim = true): string[] {
  const clean = (row: string): string => {
    const text = stripVTControlCharacters(row).replaceAll('\r', '');
    return trim ? text.trimEnd() : text;
  };
  const addressed = block.split(/\u001b\[(\d+);1H/);
  if (addressed.length > 1) {
    const rows: string[] = [];
    for (let i = 1; i < addressed.length; i += 2) rows[Number(addressed[i]) - 1] = clean(addressed[i + 1]!);
    return Array.from(rows, (row) => row ?? '');
  }
  return block.replace(/\r?\n$/, '').split('\n').map(clean);
}

/**
 * What is wrong with the screen the terminal shows, judged against the
 * frame the program drew: a row the terminal wrapped (drawn wider than the
 * screen), a row that differs from the frame's (rows shifted, a footer drawn
 * twice), anything below the frame.
 */
export function screenProblems(session: PtySession): string[] {
  const problems: string[] = [];
  const wrapped = session.wrappedRows();
  if (wrapped.length > 0) problems.push(`rows ${wrapped.join(', ')} continue the row above: it was drawn wider than the screen`);
  const frame = session.frame();
  if (!frame) return [...problems, 'no frame drawn yet'];
  const screen = session.screen();
  for (let i = 0; i < screen.length; i++) {
    const want = frame[i] ?? '';
    if (screen[i]!.trimEnd() !== want) problems.push(`row ${i}: the frame has ${JSON.stringify(want)}, the screen shows ${JSON.stringify(screen[i])}`);
  }
  return problems;
}

/** Waits for the screen to agree with the last frame; fails listing what disagrees. */
export async function expectScreenMatchesFrame(session: PtySession, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await session.waitFor(() => true, 'xterm to catch up');
    const problems = screenProblems(session);
    if (problems.length === 0) return;
    if (Date.now() > deadline) throw new Error(`${what}: the screen does not show the frame:\n${problems.slice(0, 8).join('\n')}\nScreen:\n${session.screen().join('\n')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function spawnCli(
  args: string[],
  {
    cols = 80,
    rows = 24,
    env = {},
    configDir: sharedConfigDir,
    program,
  }: {
    cols?: number;
    rows?: number;
    env?: Record<string, string | undefined>;
    /** A library folder that outlives the session (restart tests); the caller removes it. Default: a fresh one, removed on dispose. */
    configDir?: string;
    /** Another program to run instead of the CLI (a shell that runs it, say); `args` are then its arguments. */
    program?: string;
  } = {},
): PtySession {
  const configDir = sharedConfigDir ?? mkdtempSync(join(tmpdir(), 'broadsheet-e2e-'));
  const term = new Terminal({ cols, rows, allowProposedApi: true });
  let cursorVisible = true;
  // DECTCEM: CSI ? 25 h shows the cursor, CSI ? 25 l hides it. Returning false lets xterm handle the rest.
  term.parser.registerCsiHandler({ prefix: '?', final: 'h' }, (params) => {
    if (params.includes(25)) cursorVisible = true;
    return false;
  });
  term.parser.registerCsiHandler({ prefix: '?', final: 'l' }, (params) => {
    if (params.includes(25)) cursorVisible = false;
    return false;
  });

  const child = nodePty.spawn(program ?? process.execPath, program ? args : [CLI, ...args], {
    name: env.TERM ?? 'xterm-256color', // node-pty sets TERM from this
    cols,
    rows,
    cwd: process.cwd(),
    env: childEnv(configDir, env),
  });
  let output = '';
  let pendingWrites = 0;
  let unframed = '';
  let lastFrame: string[] | undefined;
  let frames = 0;
  const frameListeners: Array<(rows: string[]) => void> = [];
  let lastOutputAt = Date.now();
  child.onData((data) => {
    output += data;
    lastOutputAt = Date.now();
    unframed += data;
    for (;;) {
      const end = unframed.indexOf(SYNC_END);
      if (end < 0) break;
      const start = unframed.lastIndexOf(SYNC_BEGIN, end);
      if (start >= 0) {
        const block = unframed.slice(start + SYNC_BEGIN.length, end);
        lastFrame = frameRows(block);
        frames += 1;
        for (const listener of frameListeners) listener(frameRows(block, false));
      }
      unframed = unframed.slice(end + SYNC_END.length);
    }
    pendingWrites += 1;
    term.write(data, () => {
      pendingWrites -= 1;
    });
  });
  let exitedFlag = false;
  let exitStatus: number | undefined;
  const exited = new Promise<PtyExit>((resolveExit) => {
    child.onExit(({ exitCode, signal }) => {
      exitedFlag = true;
      exitStatus = exitCode;
      resolveExit({ exitCode, signal });
    });
  });

  const screen = (): string[] => {
    const buffer = term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < term.rows; i++) lines.push(buffer.getLine(buffer.viewportY + i)?.translateToString(true) ?? '');
    return lines;
  };

  const waitFor = async (predicate: (lines: string[]) => boolean, description: string, timeoutMs = 10_000): Promise<string[]> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      // Only judge a screen xterm has finished parsing.
      if (pendingWrites === 0) {
        const lines = screen();
        if (predicate(lines)) return lines;
      }
      if (Date.now() > deadline) {
        throw new Error(`Timed out waiting for ${description}. Screen:\n${screen().join('\n')}`);
      }
      await new Promise((r) => setTimeout(r, 15));
    }
  };

  return {
    get output() {
      return output;
    },
    frame: () => lastFrame,
    get frames() {
      return frames;
    },
    get lastOutputAt() {
      return lastOutputAt;
    },
    get exitedAlready() {
      return exitedFlag;
    },
    get exitStatus() {
      return exitStatus;
    },
    writeBytes: (data) => child.write(data),
    onFrame: (listener) => {
      frameListeners.push(listener);
    },
    wrappedRows() {
      const buffer = term.buffer.active;
      const rows: number[] = [];
      for (let i = 0; i < term.rows; i++) if (buffer.getLine(buffer.viewportY + i)?.isWrapped) rows.push(i);
      return rows;
    },
    get cursorVisible() {
      return cursorVisible;
    },
    get bufferType() {
      return term.buffer.active.type;
    },
    exited,
    pid: child.pid,
    screen,
    write: (data) => child.write(data),
    resize(newCols, newRows) {
      child.resize(newCols, newRows);
      term.resize(newCols, newRows);
    },
    kill: (signal) => child.kill(signal),
    waitFor,
    waitForText: (text, timeoutMs) => waitFor((lines) => lines.some((l) => l.includes(text)), `"${text}" on screen`, timeoutMs),
    dispose() {
      if (!exitedFlag) child.kill('SIGKILL');
      term.dispose();
      if (!sharedConfigDir) rmSync(configDir, { recursive: true, force: true });
    },
  };
}

/** Wait for the program to exit and xterm to have parsed everything it wrote. */
export async function waitForExit(session: PtySession, timeoutMs = 10_000): Promise<PtyExit> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Process did not exit. Screen:\n${session.screen().join('\n')}`)), timeoutMs);
  });
  try {
    const result = await Promise.race([session.exited, timeout]);
    await session.waitFor(() => true, 'output to settle');
    return result;
  } finally {
    clearTimeout(timer);
  }
}
