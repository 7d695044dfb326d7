/**
 * End to end, in a pseudo-terminal: the reader and `show` with the user's own
 * programs. Each program is a small script written by the test ($BROWSER,
 * $PAGER, $EDITOR), which records what it was given and what the terminal
 * was like while it ran.
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI, spawnCli } from './helpers/pty.js';
import type { PtySession } from './helpers/pty.js';
import { tempDir } from './helpers/tmp.js';

const URL_ = 'https://example.com/ferry?day=mon';
const HEADLINE = 'Ferry timetable changes for the summer';
const dir = tempDir('broadsheet-e2e-programs-');
const archive = join(dir, 'news');
const cache = join(dir, 'cache');

beforeAll(() => {
  mkdirSync(join(archive, 'travel'), { recursive: true });
  const body = Array.from({ length: 12 }, (_, i) => `Paragraph ${i + 1} of the timetable story, with enough words to wrap at least once on a narrow screen.`).join('\n\n');
  writeFileSync(join(archive, 'travel', 'ferry.md'), `---\ntitle: ${HEADLINE}\ndate: 2023-03-02\nurl: ${URL_}\n---\n\n${body}\n`);
  writeFileSync(join(archive, 'travel', '2022-01-01-older.txt'), 'An older story without a link\n\nIts only paragraph.\n');
  execFileSync(process.execPath, [CLI, '--archive', archive, 'list'], { env: { ...process.env, BROADSHEET_CACHE_DIR: cache } });
});

/** A shell script in the test folder, executable. */
function script(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

const sessions: PtySession[] = [];
function start(env: Record<string, string | undefined> = {}, args: string[] = []): PtySession {
  const session = spawnCli(['--archive', archive, ...args], { cols: 100, rows: 20, env: { BROADSHEET_CACHE_DIR: cache, ...env } });
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
