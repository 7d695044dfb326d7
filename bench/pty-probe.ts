/**
 * Runs a program in a pseudo-terminal and times what a user would see: output
 * is fed to a headless xterm, and a wait resolves with the arrival time of the
 * chunk of output that made the screen satisfy a condition (not the time
 * xterm took to parse it, and not a polling tick).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as nodePty from 'node-pty';
import xterm from '@xterm/headless';

const { Terminal } = xterm;

export type ScreenCondition = (screen: string[]) => boolean;

export interface PtyRun {
  /** `performance.now()` just before the spawn. */
  readonly startedAt: number;
  readonly pid: number;
  screen(): string[];
  write(data: string): void;
  /** The arrival time (performance.now()) of the output that made `condition` true. */
  waitFor(condition: ScreenCondition, description: string, timeoutMs?: number): Promise<number>;
  /** Peak resident memory of the process so far, in MB (Linux VmHWM); undefined elsewhere. */
  peakRssMb(): number | undefined;
  exited: Promise<number>;
  kill(): void;
  dispose(): void;
}

export interface PtyOptions {
  cols?: number;
  rows?: number;
  cwd?: string;
  env?: Record<string, string>;
}

/** A real-looking terminal: no CI markers (Ink draws nothing live under CI). */
function terminalEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || key === 'CI' || key.startsWith('CI_') || key === 'CONTINUOUS_INTEGRATION') continue;
    env[key] = value;
  }
  return { ...env, TERM: 'xterm-256color', ...extra };
}

export function spawnInPty(file: string, args: string[], { cols = 100, rows = 30, cwd = process.cwd(), env = {} }: PtyOptions = {}): PtyRun {
  const term = new Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
  const waiters = new Set<{ condition: ScreenCondition; resolve: (at: number) => void }>();
  const screen = (): string[] => {
    const buffer = term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < term.rows; i++) lines.push(buffer.getLine(buffer.viewportY + i)?.translateToString(true) ?? '');
    return lines;
  };
  const check = (arrivedAt: number): void => {
    if (waiters.size === 0) return;
    const lines = screen();
    for (const waiter of waiters) {
      if (waiter.condition(lines)) {
        waiters.delete(waiter);
        waiter.resolve(arrivedAt);
      }
    }
  };
  const startedAt = performance.now();
  const child = nodePty.spawn(file, args, { name: 'xterm-256color', cols, rows, cwd, env: terminalEnv(env) });
  child.onData((data) => {
    const arrivedAt = performance.now();
    term.write(data, () => check(arrivedAt));
  });
  let exitedFlag = false;
  const exited = new Promise<number>((resolve) => {
    child.onExit(({ exitCode }) => {
      exitedFlag = true;
      resolve(exitCode);
    });
  });

  return {
    startedAt,
    pid: child.pid,
    screen,
    write: (data) => child.write(data),
    waitFor(condition, description, timeoutMs = 30_000) {
      if (condition(screen())) return Promise.resolve(performance.now());
      return new Promise<number>((resolve, reject) => {
        const waiter = {
          condition,
          resolve: (at: number) => {
            clearTimeout(timer);
            resolve(at);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${description}; screen:\n${screen().join('\n')}`));
        }, timeoutMs);
        waiters.add(waiter);
        void exited.then((code) => {
          if (!waiters.has(waiter)) return;
          waiters.delete(waiter);
          clearTimeout(timer);
          reject(new Error(`exited (${code}) while waiting for ${description}; screen:\n${screen().join('\n')}`));
        });
      });
    },
    peakRssMb() {
      try {
        const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        return match ? Number(match[1]) / 1024 : undefined;
      } catch {
        return undefined;
      }
    },
    exited,
    kill: () => {
      if (!exitedFlag) child.kill('SIGKILL');
    },
    dispose() {
      if (!exitedFlag) child.kill('SIGKILL');
      term.dispose();
    },
  };
}

/** Wait for an exit, killing the process if it does not go in time. */
export async function quit(run: PtyRun, keys: string, timeoutMs = 5_000): Promise<void> {
  run.write(keys);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([run.exited, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
  clearTimeout(timer);
  run.dispose();
}

export const KEYS = { enter: '\r', pageDown: '\x1b[6~', down: 'j', last: 'G' } as const;

/** Resolves when the screen differs from `before`: a scroll step has been drawn. */
export function changedFrom(before: string[]): ScreenCondition {
  const snapshot = before.join('\n');
  return (screen) => screen.join('\n') !== snapshot;
}
