/**
 * The user's own programs, found and run as other terminal programs do: the
 * pager as git finds it (`$PAGER`, else `less`), the editor as git and mutt
 * do (`$VISUAL`, `$EDITOR`, else `vi`), the browser as xdg-utils does
 * (`$BROWSER`, a colon-separated list with `%s` for the URL, else the
 * desktop's opener).
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { isSafeUrl } from '../sanitize/url.js';

type Env = NodeJS.ProcessEnv;

/** The file `name` runs as, searched on PATH like a shell does; undefined when there is none. */
export function findProgram(name: string, env: Env = process.env): string | undefined {
  if (name.includes('/')) return isExecutable(name) ? name : undefined;
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The pager command (a shell command line), as git chooses it: `$PAGER`;
 * unset, `less` when it is installed. Undefined means print directly: no
 * pager installed, or `PAGER` set to nothing or to `cat`.
 */
export function pagerCommand(env: Env = process.env): string | undefined {
  const pager = env['PAGER'];
  if (pager !== undefined) return pager.trim() === '' || pager.trim() === 'cat' ? undefined : pager;
  return findProgram('less', env) ? 'less' : undefined;
}

/**
 * The pager's environment. As git does, `LESS` defaults to `FRX` for `show`
 * (quit if it fits one screen, pass colours, leave the text on the screen).
 * From the reader a screenful must stay until the user quits: `R` only.
 */
export function pagerEnv(env: Env, from: 'show' | 'reader'): Env {
  const out: Env = { ...env };
  if (out['LESS'] === undefined) out['LESS'] = from === 'show' ? 'FRX' : 'R';
  if (out['LV'] === undefined) out['LV'] = '-c';
  return out;
}

/** What a shell answers for a command it cannot find or run (sh: 127, 126). */
const NOT_RUN = new Set([126, 127]);

export type RunOutcome = { ok: true } | { ok: false; reason: string };

/**
 * SIGINT and SIGQUIT are ignored while a program the user drives has the
 * terminal (as git does for its pager and editor): Ctrl-C in less is sent to
 * the whole foreground group, and must not end Broadsheet. They are noted and
 * dropped until the signal delivered meanwhile has certainly been handled
 * (two turns of the event loop: Node reads pending signals in its poll phase).
 */
function ignoringInterrupts<T>(run: () => T): T {
  const ignore = (): void => {};
  const taken = (['SIGINT', 'SIGQUIT'] as const).map((signal) => {
    const listeners = process.listeners(signal);
    process.removeAllListeners(signal);
    process.on(signal, ignore);
    return { signal, listeners };
  });
  const restore = (): void => {
    for (const { signal, listeners } of taken) {
      process.off(signal, ignore);
      for (const listener of listeners) process.on(signal, listener);
    }
  };
  let result: T;
  try {
    result = run();
  } catch (error) {
    restore();
    throw error;
  }
  if (result instanceof Promise) {
    return result.finally(() => setImmediate(() => setImmediate(restore))) as T;
  }
  setImmediate(() => setImmediate(restore));
  return result;
}

/**
 * Pipes `text` to the pager and waits for it, the terminal its own; the
 * caller has given the terminal up (the reader left its screen). Blocks
 * this thread: nothing of Broadsheet's may draw or read keys meanwhile.
 */
export function pageSync(text: string, env: Env = process.env): RunOutcome {
  const pager = pagerCommand(env);
  if (pager === undefined) return { ok: false, reason: env['PAGER'] === undefined ? 'no pager: less is not installed and $PAGER is not set' : `PAGER is ${JSON.stringify(env['PAGER'])}` };
  const result = ignoringInterrupts(() =>
    spawnSync('sh', ['-c', pager], { input: text, stdio: ['pipe', 'inherit', 'inherit'], env: pagerEnv(env, 'reader') }),
  );
  // How the pager ended is the user's business, as for git (less after a Ctrl-C ends by SIGINT): only not starting is an error.
  return outcome(result, `the pager (${pager})`, { statusMatters: false });
}

/**
 * `show` on a terminal: the text through the pager, waited for. False when
 * there is no pager or it could not be started (the caller prints instead).
 */
export async function pageText(text: string, env: Env = process.env): Promise<boolean> {
  const pager = pagerCommand(env);
  if (pager === undefined) return false;
  return ignoringInterrupts(
    () =>
      new Promise<boolean>((resolve) => {
        const child = spawn('sh', ['-c', pager], { stdio: ['pipe', 'inherit', 'inherit'], env: pagerEnv(env, 'show') });
        // Quitting the pager before it read everything closes the pipe: that is the user's choice, not an error.
        child.stdin.on('error', () => {});
        child.on('error', () => resolve(false));
        child.on('close', (code) => resolve(!(code !== null && NOT_RUN.has(code))));
        child.stdin.end(text);
      }),
  );
}

/** The editor command line, as git and mutt choose it: `$VISUAL`, else `$EDITOR`, else `vi`. */
export function editorCommand(env: Env = process.env): string {
  for (const name of ['VISUAL', 'EDITOR']) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return 'vi';
}

/** What an edit did: whether the file is another than it was (size, time, inode), and why the editor failed, if it did. */
export type EditOutcome = RunOutcome & { changed: boolean };

/**
 * Opens `path` in the editor and waits for it, the terminal its own (as
 * pageSync). The command may carry arguments (`code --wait`): it runs in sh
 * with the path as its last argument, never spliced into the command line.
 */
export function editSync(path: string, env: Env = process.env): EditOutcome {
  const editor = editorCommand(env);
  const before = fileState(path);
  const result = ignoringInterrupts(() => spawnSync('sh', ['-c', `${editor} "$@"`, editor, path], { stdio: 'inherit', env }));
  return { ...outcome(result, `the editor (${editor})`), changed: fileState(path) !== before };
}

/** Size, modification time and inode: what the archive index compares too. */
function fileState(path: string): string {
  try {
    const stats = statSync(path);
    return `${stats.size}:${stats.mtimeMs}:${stats.ino}`;
  } catch {
    return 'gone';
  }
}

function outcome(result: ReturnType<typeof spawnSync>, what: string, { statusMatters = true } = {}): RunOutcome {
  // First: a shell that could not run the command ends before reading its input, so the write may fail too.
  if (result.status !== null && NOT_RUN.has(result.status)) return { ok: false, reason: `could not start ${what}: not found` };
  // A pager quit before it read all of a long text closes its end of the pipe: the user's choice, not a failure.
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'EPIPE') return { ok: true };
  if (result.error) return { ok: false, reason: `could not start ${what}: ${result.error.message}` };
  if (statusMatters && result.status !== 0) return { ok: false, reason: `${what} ended with ${result.status === null ? `signal ${result.signal}` : `status ${result.status}`}` };
  return { ok: true };
}

/**
 * The commands to try for a URL, in order, as argv arrays. `$BROWSER` as
 * xdg-utils reads it: a colon-separated list, each entry split on spaces,
 * `%s` replaced by the URL (and `%%` by `%`), else the URL added as the
 * last argument. Without it, the desktop's opener.
 */
export function browserCommands(url: string, env: Env = process.env, platform: NodeJS.Platform = process.platform): string[][] {
  const browser = env['BROWSER'];
  if (browser !== undefined && browser.trim() !== '') {
    return browser
      .split(':')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '')
      .map((entry) => {
        const words = entry.split(/\s+/);
        if (!entry.includes('%s')) return [...words, url];
        return words.map((word) => word.replace(/%s|%%/g, (token) => (token === '%s' ? url : '%')));
      });
  }
  return [[platform === 'darwin' ? 'open' : 'xdg-open', url]];
}

/** A browser still running after this long has taken the URL: it is not waited for any longer. */
const BROWSER_SETTLE_MS = 5_000;

/**
 * Opens a URL with the first of `browserCommands` that works (exits 0, or is
 * still running after a while, as a browser that stays open is). Each is
 * started in a session of its own, output discarded: a browser never draws
 * over the reader. Resolves with why none worked, or undefined.
 */
export async function openInBrowser(url: string, env: Env = process.env, platform: NodeJS.Platform = process.platform): Promise<string | undefined> {
  if (!isSafeUrl(url)) return 'not an http or https URL';
  const failures: string[] = [];
  for (const argv of browserCommands(url, env, platform)) {
    const why = await tryOpener(argv, env);
    if (why === undefined) return undefined;
    failures.push(`${argv[0]}: ${why}`);
  }
  return failures.join('; ');
}

function tryOpener([program, ...args]: string[], env: Env): Promise<string | undefined> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (why: string | undefined): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(why);
    };
    const timer = setTimeout(() => settle(undefined), BROWSER_SETTLE_MS);
    timer.unref();
    let child;
    try {
      child = spawn(program!, args, { stdio: 'ignore', detached: true, env });
    } catch (error) {
      settle((error as Error).message);
      return;
    }
    child.on('error', (error: NodeJS.ErrnoException) => settle(error.code === 'ENOENT' ? 'not found' : error.message));
    child.on('exit', (code, signal) => settle(code === 0 ? undefined : code !== null ? `exit status ${code}` : `signal ${signal}`));
    child.unref();
  });
}
