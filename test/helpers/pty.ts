/**
 * A pseudo-terminal harness for end-to-end tests: runs the built CLI under
 * node-pty and feeds its output to a headless xterm, so tests read the screen
 * a user would see, including which buffer (normal/alternate) is active and
 * whether the cursor is visible.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as nodePty from 'node-pty';
import xterm from '@xterm/headless';

const { Terminal } = xterm;

export const CLI = resolve(import.meta.dirname, '../../dist/cli.js');

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

export function spawnCli(
  args: string[],
  {
    cols = 80,
    rows = 24,
    env = {},
    configDir: sharedConfigDir,
  }: {
    cols?: number;
    rows?: number;
    env?: Record<string, string | undefined>;
    /** A library folder that outlives the session (restart tests); the caller removes it. Default: a fresh one, removed on dispose. */
    configDir?: string;
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

  const child = nodePty.spawn(process.execPath, [CLI, ...args], {
    name: env.TERM ?? 'xterm-256color', // node-pty sets TERM from this
    cols,
    rows,
    cwd: process.cwd(),
    env: childEnv(configDir, env),
  });
  let output = '';
  let pendingWrites = 0;
  child.onData((data) => {
    output += data;
    pendingWrites += 1;
    term.write(data, () => {
      pendingWrites -= 1;
    });
  });
  let exitedFlag = false;
  const exited = new Promise<PtyExit>((resolveExit) => {
    child.onExit(({ exitCode, signal }) => {
      exitedFlag = true;
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
