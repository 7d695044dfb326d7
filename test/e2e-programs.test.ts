/**
 * End to end, in a pseudo-terminal: the reader and `show` with the user's own
 * programs. Each program is a small script written by the test ($BROWSER,
 * $PAGER, $EDITOR), which records what it was given and what the terminal
 * was like while it ran.
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLI, spawnCli, waitForExit } from './helpers/pty.js';
import { findProgram } from '../src/cli/programs.js';
import type { PtySession } from './helpers/pty.js';
import { tempDir } from './helpers/tmp.js';
import { PAYLOAD, forbiddenControls, withoutSgr } from './helpers/hostile.js';

const URL_ = 'https://example.com/ferry?day=mon';
const HEADLINE = 'Ferry timetable changes for the summer';
const dir = tempDir('broadsheet-e2e-programs-');
const archive = join(dir, 'news');
const cache = join(dir, 'cache');

/** The test archive: a Markdown article with a URL and a text one without; indexed once, so sessions start from it. */
function writeArchive(root: string, index: string): void {
  mkdirSync(join(root, 'travel'), { recursive: true });
  const body = Array.from({ length: 12 }, (_, i) => `Paragraph ${i + 1} of the timetable story, with enough words to wrap at least once on a narrow screen.`).join('\n\n');
  writeFileSync(join(root, 'travel', 'ferry.md'), `---\ntitle: ${HEADLINE}\ndate: 2023-03-02\nurl: ${URL_}\n---\n\n${body}\n`);
  writeFileSync(join(root, 'travel', '2022-01-01-older.txt'), 'An older story without a link\n\nIts only paragraph.\n');
  execFileSync(process.execPath, [CLI, '--archive', root, 'list'], { env: { ...process.env, BROADSHEET_CACHE_DIR: index } });
}
beforeAll(() => writeArchive(archive, cache));

/** A shell script in the test folder, executable. */
function script(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

const bash = findProgram('bash');
const shellQuote = (word: string): string => `'${word.replaceAll("'", `'\\''`)}'`;

const sessions: PtySession[] = [];
function start(env: Record<string, string | undefined> = {}, args: string[] = [], root = archive, index = cache): PtySession {
  const session = spawnCli(['--archive', root, ...args], { cols: 100, rows: 20, env: { BROADSHEET_CACHE_DIR: index, ...env } });
  sessions.push(session);
  return session;
}
afterEach(() => {
  for (const s of sessions.splice(0)) s.dispose();
});
const onScreen = (text: string) => (lines: string[]) => lines.some((l) => l.includes(text));

describe('the source URL', () => {
  it('y writes the URL to the clipboard with OSC 52, and only the URL; o runs the first $BROWSER entry that works', async () => {
    const opened = join(dir, 'opened.txt');
    const browser = script('browser', `printf '%s\\n' "$@" > ${JSON.stringify(opened)}`);
    const s = start({ BROWSER: `false:${browser} --new-tab %s` });
    await s.waitFor(onScreen(HEADLINE), 'the list');
    s.write('\r');
    await s.waitFor(onScreen('min read'), 'the article');
    s.write('y');
    await s.waitFor(onScreen(`Copied the URL: ${URL_}`), 'the copy said');
    const osc = (): string[] => [...s.output.matchAll(/\u001b\]52;([^\u0007\u001b]*)(?:\u0007|\u001b\\)/g)].map((m) => m[1]!);
    await expect.poll(osc, { timeout: 5_000 }).toEqual([`c;${Buffer.from(URL_).toString('base64')}`]);
    s.write('o');
    await s.waitFor(onScreen(`Opening ${URL_}`), 'opening');
    await expect.poll(() => (existsSync(opened) ? readFileSync(opened, 'utf8') : ''), { timeout: 5_000 }).toBe(`--new-tab\n${URL_}\n`);
  });

  it('o with no browser that works says so in the status line, with the URL', async () => {
    const s = start({ BROWSER: 'false:no-such-browser' });
    await s.waitFor(onScreen(HEADLINE), 'the list');
    s.write('o');
    await s.waitForText(`Could not open ${URL_} · false: exit status 1; no-such-browser`);
  });
});

/** The terminal's modes as `stty -a` prints them, recorded by a script while it had the terminal. */
const cooked = (stty: string): boolean => /(^|\s)icanon(\s|$)/.test(stty) && /(^|\s)echo(\s|$)/.test(stty);

describe('the pager and the editor, from the reader', () => {
  it('| pipes the article to $PAGER with the terminal restored, and the same screen comes back when it ends', async () => {
    const out = join(dir, 'paged.txt');
    const pager = script(
      'pager',
      `cat > ${JSON.stringify(out)}; stty -a < /dev/tty > ${JSON.stringify(`${out}.stty`)}; printf '%s' "$LESS" > ${JSON.stringify(`${out}.less`)}; printf 'THE PAGER HAS THE SCREEN\\n'; read answer < /dev/tty`,
    );
    const s = start({ PAGER: pager, LESS: undefined });
    await s.waitFor(onScreen(HEADLINE), 'the list');
    s.write('\r');
    await s.waitFor(onScreen('min read'), 'the article');
    s.write('jj');
    const before = await s.waitFor((l) => l.some((line) => / 3-\d+\/\d+ /.test(line)), 'scrolled');
    s.write('|');
    await s.waitForText('THE PAGER HAS THE SCREEN');
    // While the pager runs: the shell's screen and modes.
    expect(s.bufferType).toBe('normal');
    expect(s.cursorVisible).toBe(true);
    expect(cooked(readFileSync(`${out}.stty`, 'utf8'))).toBe(true);
    expect(readFileSync(`${out}.less`, 'utf8')).toBe('R');
    const paged = readFileSync(out, 'utf8').replace(/\u001b\[[\d;]*m/g, '');
    expect(paged.split('\n')[0]).toBe(HEADLINE);
    expect(paged).toContain('Paragraph 12 of the timetable story');
    s.write('\r');
    await s.waitFor((l) => l.join('\n') === before.join('\n'), 'the same screen back');
    expect(s.bufferType).toBe('alternate');
    expect(s.cursorVisible).toBe(false);
    s.write('j');
    await s.waitFor((l) => l.some((line) => / 4-\d+\/\d+ /.test(line)), 'keys work again');
  });

  it('| hands the pager the sanitised rendering: escape codes in the article never reach it', async () => {
    const root = join(dir, 'hostile-news');
    const index = join(dir, 'hostile-cache');
    mkdirSync(root, { recursive: true });
    const esc = '\u001b';
    writeFileSync(
      join(root, 'trap.txt'),
      `Trap ${esc}]0;${PAYLOAD}\u0007headline\n\nA body that clears ${esc}[2J the screen, fills ${esc}]52;c;UFdORUQ=\u0007 the clipboard, \u009b31m paints in C1 and rings \u0007 the bell.\n`,
    );
    const out = join(dir, 'hostile-paged.txt');
    const s = start({ PAGER: script('hostile-pager', `cat > ${JSON.stringify(out)}`), LESS: undefined }, [], root, index);
    await s.waitFor(onScreen('Trap'), 'the list');
    s.write('\r');
    await s.waitFor(onScreen('min read'), 'the article');
    s.write('|');
    // The script reads everything and ends at once: the file holds what the pager was given.
    await vi.waitFor(() => expect(readFileSync(out, 'utf8')).toContain('rings'));
    const paged = readFileSync(out, 'utf8');
    expect(forbiddenControls(withoutSgr(paged))).toEqual([]);
    expect(withoutSgr(paged)).not.toContain(PAYLOAD);
    expect(withoutSgr(paged)).toContain('A body that clears');
  });

  it('Ctrl-C in the pager is the pager\'s: the reader goes on', async () => {
    const pager = script('pager-ctrl-c', `cat > /dev/null; printf 'PRESS CTRL-C\\n'; trap 'printf "pager got it\\n"; exit 0' INT; read answer < /dev/tty`);
    const s = start({ PAGER: pager });
    await s.waitFor(onScreen(HEADLINE), 'the list');
    s.write('\r');
    await s.waitFor(onScreen('min read'), 'the article');
    s.write('|');
    await s.waitForText('PRESS CTRL-C');
    s.write('\u0003');
    await s.waitFor(onScreen('min read'), 'the article again');
    s.write('j');
    await s.waitFor((l) => l.some((line) => / 2-\d+\/\d+ /.test(line)), 'keys work');
    expect(s.bufferType).toBe('alternate');
  });

  it.skipIf(!bash)('Ctrl-Z in the pager stops the whole job, as with git; fg goes back to the pager, then to the reader', async () => {
    // Under an interactive bash, for real job control. The script stops on Ctrl-Z as a pager does (sh's default).
    const pager = script(
      'pager-stops',
      `cat > /dev/null; trap 'printf "PAGER CONTINUED\\n"' CONT; printf 'PAGER WAITING\\n'; until read answer < /dev/tty; do :; done; printf 'PAGER GOT %s\\n' "$answer"; read answer < /dev/tty`,
    );
    const s = spawnCli(['--norc', '--noprofile', '-i'], {
      program: bash!,
      cols: 100,
      rows: 20,
      env: { PS1: 'shell$ ', HISTFILE: join(dir, 'history'), BROADSHEET_CACHE_DIR: cache, PAGER: pager },
    });
    sessions.push(s);
    await s.waitForText('shell$');
    s.write(`${shellQuote(process.execPath)} ${shellQuote(CLI)} --archive ${shellQuote(archive)}\r`);
    await s.waitFor(onScreen(HEADLINE), 'the list');
    s.write('\r');
    await s.waitFor(onScreen('min read'), 'the article');
    s.write('|');
    await s.waitForText('PAGER WAITING');
    s.write('\u001a');
    // Before, the reader waited for the stopped pager: no job stopped, and nothing answered keys.
    await s.waitFor((l) => l.some((line) => /Stopped/.test(line)), 'the job stopped');
    s.write('fg\r');
    await s.waitForText('PAGER CONTINUED');
    s.write('first\r');
    await s.waitForText('PAGER GOT first');
    s.write('\r');
    await s.waitFor(onScreen('min read'), 'the article again');
    expect(s.bufferType).toBe('alternate');
    s.write('j');
    await s.waitFor((l) => l.some((line) => / 2-\d+\/\d+ /.test(line)), 'keys work');
    s.write('qq');
    await s.waitFor((l) => l.some((line) => line.startsWith('shell$')) && s.bufferType === 'normal', 'the shell again');
    s.write('exit\r');
    await waitForExit(s);
  }, 30_000);

  it('v opens the file in $VISUAL before $EDITOR; a saved change shows at once, and the archive follows', async () => {
    // An archive of its own: the edit changes a file.
    const root = join(dir, 'edited-news');
    const index = join(dir, 'edited-cache');
    writeArchive(root, index);
    const file = join(root, 'travel', 'ferry.md');
    const seen = join(dir, 'edited.txt');
    const editor = script('editor', `stty -a > ${JSON.stringify(`${seen}.stty`)}; printf '%s' "$1" > ${JSON.stringify(seen)}; printf '\\nA closing paragraph written in the editor.\\n' >> "$1"`);
    const unchanged = script('viewer', 'exit 0');
    const s = start({ VISUAL: editor, EDITOR: unchanged }, [], root, index);
    await s.waitFor(onScreen(HEADLINE), 'the list');
    s.write('\r');
    await s.waitFor(onScreen('min read'), 'the article');
    s.write('v');
    await s.waitForText('Showing the article as saved in the editor');
    expect(readFileSync(seen, 'utf8')).toBe(file);
    expect(cooked(readFileSync(`${seen}.stty`, 'utf8'))).toBe(true);
    expect(s.bufferType).toBe('alternate');
    s.write('G');
    await s.waitForText('A closing paragraph written in the editor.');
    // The index reads the file again behind the list, as at start.
    await s.waitForText('Archive updated: 1 changed');
  });

  it('v with an editor that changes nothing, or cannot start, says so', async () => {
    const s = start({ VISUAL: undefined, EDITOR: script('looker', 'exit 0') });
    await s.waitFor(onScreen(HEADLINE), 'the list');
    s.write('\r');
    await s.waitFor(onScreen('min read'), 'the article');
    s.write('v');
    await s.waitForText('The file did not change');
    const missing = start({ VISUAL: 'no-such-editor --wait', EDITOR: undefined });
    await missing.waitFor(onScreen(HEADLINE), 'the list');
    missing.write('\r');
    await missing.waitFor(onScreen('min read'), 'the article');
    missing.write('v');
    await missing.waitForText('could not start the editor (no-such-editor --wait): not found');
  });
});

describe('show', () => {
  it('on a terminal goes through $PAGER (LESS=FRX as git sets it); --no-pager and a pipe print directly', async () => {
    const out = join(dir, 'show-paged.txt');
    const pager = script('show-pager', `cat > ${JSON.stringify(out)}; printf '%s' "$LESS" > ${JSON.stringify(`${out}.less`)}`);
    const plain = execFileSync(process.execPath, [CLI, '--archive', archive, 'show', 'travel/ferry', '--width', '100'], { env: { ...process.env, BROADSHEET_CACHE_DIR: cache, PAGER: pager }, encoding: 'utf8' });
    // In a pipe: printed, the pager never started.
    expect(plain.split('\n')[0]).toBe(HEADLINE);
    expect(existsSync(out)).toBe(false);

    const paged = start({ PAGER: pager, LESS: undefined }, ['show', 'travel/ferry']);
    expect((await paged.exited).exitCode).toBe(0);
    expect(readFileSync(out, 'utf8').replace(/\u001b\[[\d;]*m/g, '').trimEnd()).toBe(plain.trimEnd());
    expect(readFileSync(`${out}.less`, 'utf8')).toBe('FRX');
    expect(paged.screen().join('\n')).not.toContain('Paragraph 1 of');

    const direct = start({ PAGER: script('never-pager', `echo called > ${JSON.stringify(`${out}.never`)}`) }, ['show', 'travel/ferry', '--no-pager']);
    expect((await direct.exited).exitCode).toBe(0);
    await direct.waitForText('Paragraph 12 of the timetable story');
    expect(existsSync(`${out}.never`)).toBe(false);
  });

  it('without $PAGER uses less from PATH; with no pager at all, or one that cannot start, prints', async () => {
    const bin = join(dir, 'bin');
    mkdirSync(bin, { recursive: true });
    const out = join(dir, 'less-paged.txt');
    script('bin/less', `cat > ${JSON.stringify(out)}`);
    const viaLess = start({ PAGER: undefined, PATH: `${bin}:${process.env.PATH}` }, ['show', 'travel/ferry']);
    expect((await viaLess.exited).exitCode).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('Paragraph 12 of the timetable story');

    const none = start({ PAGER: 'cat' }, ['show', 'travel/ferry']);
    expect((await none.exited).exitCode).toBe(0);
    await none.waitForText('Paragraph 12 of the timetable story');
    const broken = start({ PAGER: 'no-such-pager -x' }, ['show', 'travel/ferry']);
    expect((await broken.exited).exitCode).toBe(0);
    await broken.waitForText('Paragraph 12 of the timetable story');
  });
});
