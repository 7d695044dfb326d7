/**
 * The user's programs as Broadsheet finds and runs them: the browser from
 * $BROWSER (xdg-utils' rules), the pager (git's), the editor (git's and
 * mutt's), and the URL checks every hand-off passes. Real scripts, written
 * by the test, stand in for the programs.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserCommands, editorCommand, editSync, findProgram, openInBrowser, pagerCommand, pagerEnv, pageSync } from '../src/cli/programs.js';
import { isSafeUrl } from '../src/sanitize/url.js';
import { clipboardSequence } from '../src/ui/terminal.js';
import { tempDir } from './helpers/tmp.js';

const dir = tempDir('broadsheet-programs-');
const URL_ = 'https://example.com/news/2023/port?id=7&x=%41';

/** A shell script at `name` in the test folder, executable. */
function script(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

describe('the browser', () => {
  it('reads $BROWSER as xdg-utils does: a colon-separated list, %s for the URL, else the URL last', () => {
    expect(browserCommands(URL_, { BROWSER: 'firefox --new-tab:w3m %s:echo 100%% %s' })).toEqual([
      ['firefox', '--new-tab', URL_],
      ['w3m', URL_],
      ['echo', '100%', URL_],
    ]);
    expect(browserCommands(URL_, { BROWSER: ' : ' }, 'linux')).toEqual([]);
    expect(browserCommands(URL_, {}, 'linux')).toEqual([['xdg-open', URL_]]);
    expect(browserCommands(URL_, { BROWSER: '' }, 'darwin')).toEqual([['open', URL_]]);
  });

  it('tries each in turn until one works, and says why none did', async () => {
    const log = join(dir, 'opened.txt');
    const record = script('record-browser', `printf '%s\\n' "$@" > ${JSON.stringify(log)}`);
    expect(await openInBrowser(URL_, { ...process.env, BROWSER: `false:${record} --tab %s` })).toBeUndefined();
    expect(readFileSync(log, 'utf8')).toBe(`--tab\n${URL_}\n`);

    const missing = join(dir, 'no-such-browser');
    const why = await openInBrowser(URL_, { ...process.env, BROWSER: `false:${missing}` });
    expect(why).toBe(`false: exit status 1; ${missing}: not found`);
    // Without $BROWSER and without an opener on PATH: the opener is named as missing.
    expect(await openInBrowser(URL_, { PATH: dir }, 'linux')).toBe('xdg-open: not found');
  });

  it('never hands on anything but an http or https URL in one piece', async () => {
    for (const bad of ['javascript:alert(1)', 'file:///etc/passwd', 'https://a.example/x y', 'https://a.example/\u001b]0;x\u0007', 'https://a.example/\u0085x', '-https://x']) {
      expect(isSafeUrl(bad)).toBe(false);
      expect(clipboardSequence(bad)).toBeUndefined();
    }
    const log = join(dir, 'never.txt');
    const record = script('never-browser', `echo called > ${JSON.stringify(log)}`);
    expect(await openInBrowser('file:///etc/passwd', { ...process.env, BROWSER: record })).toBe('not an http or https URL');
    expect(existsSync(log)).toBe(false);
  });

  it('copies with OSC 52: the URL, base64, and nothing else', () => {
    expect(clipboardSequence(URL_)).toBe(`\u001b]52;c;${Buffer.from(URL_).toString('base64')}\u0007`);
  });
});

describe('the pager and the editor', () => {
  it('finds the pager as git does: $PAGER, none for empty or cat, else less when installed', () => {
    const less = script('less', 'cat');
    expect(pagerCommand({ PAGER: 'most -s' })).toBe('most -s');
    expect(pagerCommand({ PAGER: '' })).toBeUndefined();
    expect(pagerCommand({ PAGER: 'cat' })).toBeUndefined();
    expect(pagerCommand({ PATH: dir })).toBe('less');
    expect(findProgram('less', { PATH: dir })).toBe(less);
    expect(pagerCommand({ PATH: join(dir, 'empty') })).toBeUndefined();
    // LESS=FRX for show, as git sets it; R from the reader (a short article must stay on screen); the user's LESS wins.
    expect(pagerEnv({}, 'show')).toMatchObject({ LESS: 'FRX', LV: '-c' });
    expect(pagerEnv({}, 'reader')).toMatchObject({ LESS: 'R' });
    expect(pagerEnv({ LESS: 'M' }, 'show')).toMatchObject({ LESS: 'M' });
  });

  it("the pager: how it ended is the user's business (less ends by SIGINT after a Ctrl-C), only not starting is an error", () => {
    const got = join(dir, 'paged.txt');
    const env = { PATH: process.env.PATH };
    expect(pageSync('the text\n', { ...env, PAGER: `cat > ${JSON.stringify(got)}` })).toEqual({ ok: true });
    expect(readFileSync(got, 'utf8')).toBe('the text\n');
    expect(pageSync('x', { ...env, PAGER: 'cat > /dev/null; kill -INT $$' })).toEqual({ ok: true });
    expect(pageSync('x', { ...env, PAGER: 'cat > /dev/null; exit 3' })).toEqual({ ok: true });
    // Quit before the end of a long text (more than a pipe holds): the pipe closed under the write is no failure.
    expect(pageSync('a line of a long article\n'.repeat(100_000), { ...env, PAGER: 'head -c 10 > /dev/null' })).toEqual({ ok: true });
    // Not found, whether or not the shell was gone before the text was written (a long one always is).
    for (const text of ['x', 'a line\n'.repeat(100_000)]) {
      expect(pageSync(text, { ...env, PAGER: 'no-such-pager' })).toEqual({ ok: false, reason: 'could not start the pager (no-such-pager): not found' });
    }
    expect(pageSync('x', { ...env, PAGER: 'cat' })).toMatchObject({ ok: false, reason: 'PAGER is "cat"' });
  });

  it('the editor: its status counts (:cq means the edit was abandoned); a change is in the file\'s size, time or inode', () => {
    const file = join(dir, 'story.txt');
    writeFileSync(file, 'Before.\n');
    const env = { PATH: process.env.PATH, VISUAL: undefined };
    expect(editSync(file, { ...env, EDITOR: 'true' })).toEqual({ ok: true, changed: false });
    expect(editSync(file, { ...env, EDITOR: script('append', 'printf "After.\\n" >> "$1"') })).toEqual({ ok: true, changed: true });
    expect(readFileSync(file, 'utf8')).toBe('Before.\nAfter.\n');
    // The command's own arguments first; a path with spaces and quotes arrives whole, last, never read by the shell.
    const odd = join(dir, `it's a "story" $HOME.txt`);
    writeFileSync(odd, 'x');
    const seen = join(dir, 'seen.txt');
    expect(editSync(odd, { ...env, EDITOR: `${script('record', `for last; do :; done; printf '%s|%s' "$1" "$last" > ${JSON.stringify(seen)}`)} --wait` })).toMatchObject({ ok: true });
    expect(readFileSync(seen, 'utf8')).toBe(`--wait|${odd}`);
    expect(editSync(file, { ...env, EDITOR: 'false' })).toEqual({ ok: false, reason: 'the editor (false) ended with status 1', changed: false });
  });

  it('finds the editor as git and mutt do: $VISUAL, $EDITOR, else vi', () => {
    expect(editorCommand({ VISUAL: 'code --wait', EDITOR: 'nano' })).toBe('code --wait');
    expect(editorCommand({ VISUAL: ' ', EDITOR: 'nano' })).toBe('nano');
    expect(editorCommand({})).toBe('vi');
  });
});
