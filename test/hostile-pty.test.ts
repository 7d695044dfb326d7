/**
 * End to end: the built reader in a pseudo-terminal, opening every hostile
 * article in one session, read back through a headless xterm that records
 * everything a terminal could be made to do. Proves the terminal title never
 * changed, no OSC 52 / OSC 8 / title OSC or DCS reached it, no report request
 * reached it and it wrote nothing back into the program's input, and that
 * the UI kept answering keys throughout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ARGS, spawnWatched, writeHostileArchive } from './helpers/hostile.js';
import type { HostileArchive, WatchedSession } from './helpers/hostile.js';

const ESC = '\u001b';
const BEL = '\u0007';

let hostile: HostileArchive;
beforeAll(() => {
  hostile = writeHostileArchive();
});
afterAll(() => hostile?.dispose());

const sessions: WatchedSession[] = [];
afterAll(() => {
  for (const s of sessions.splice(0)) s.dispose();
});

describe('the watched terminal', () => {
  // The detectors must be able to fire, or the real test below proves nothing.
  it('records a title change, OSC 52/8, DCS, report requests and the replies when a program prints them raw', async () => {
    const raw = [
      `${ESC}]0;stolen title${BEL}`,
      `${ESC}]52;c;ZXZpbA==${BEL}`,
      `${ESC}]8;;https://evil.example/${ESC}\\link${ESC}]8;;${ESC}\\`,
      `${ESC}P$qm${ESC}\\`,
      `${ESC}[6n${ESC}[c`,
      'printed-all\r\n',
    ].join('');
    const s = spawnWatched(process.execPath, ['-e', `process.stdout.write(${JSON.stringify(raw)}); setTimeout(() => {}, 200)`]);
    sessions.push(s);
    await s.waitFor((lines) => lines.some((l) => l.includes('printed-all')), 'the raw output');
    await s.exited;
    expect(s.events.titles).toContain('stolen title');
    expect(s.events.oscs).toEqual(expect.arrayContaining(['0;stolen title', '52;c;ZXZpbA==', '8;;https://evil.example/']));
    expect(s.events.dcs.length).toBeGreaterThan(0);
    expect(s.events.requests).toEqual(expect.arrayContaining(['DSR 6', 'DA1 0']));
    expect(s.events.replies.join('')).toMatch(/\u001b\[\d+;\d+R/); // the cursor position report xterm typed back
  });
});

describe('the reader in a terminal over the hostile archive', () => {
  it('opens every hostile article; the terminal is never driven and the UI keeps answering keys', async () => {
    const s = spawnWatched(process.execPath, CLI_ARGS(hostile.root), { cols: 80, rows: 24 });
    sessions.push(s);
    const total = hostile.loads.length;
    // Navigation reads the program's own frames; after each article the terminal's real screen
    // must agree with the frame (a row drawn wider than measured would wrap and scroll the
    // header away: ZWJ emoji sequences did, before the sanitiser split them).
    const lines = (frame: string): string[] => frame.trimEnd().split('\n').map((line) => line.trimEnd());
    const footer = (frame: string): string => lines(frame).pop() ?? '';
    const header = (frame: string): string => lines(frame)[0] ?? '';
    await s.waitForFrame((f) => footer(f).includes(' 1/' + total) && header(f).includes(`${total} articles`), 'the list', 15_000);
    for (let i = 0; i < total; i++) {
      const position = `${i + 1}/${total}`;
      s.write('\r');
      await s.waitForFrame((f) => footer(f).includes('Esc back') && header(f).endsWith(` ${position}`), `article ${position} open`);
      // G only when there is somewhere to go: a key that changes nothing draws no frame to wait for.
      const opened = await s.waitForFrame((f) => footer(f).includes('Esc back'), `article ${position} drawn`);
      const top = header(opened).trim();
      await s.waitFor((screen) => (screen[0] ?? '').trim() === top, `the terminal's top row to show the header of article ${position}`);
      if (!/ All$/.test(footer(opened))) {
        s.write('G');
        await s.waitForFrame((f) => footer(f).includes('Esc back') && / End$/.test(footer(f)), `the end of article ${position}`);
      }
      s.write('q');
      await s.waitForFrame((f) => footer(f).includes('Enter open') && footer(f).endsWith(` ${position}`), `the list at ${position}`);
      if (i + 1 < total) {
        s.write('j');
        await s.waitForFrame((f) => footer(f).endsWith(` ${i + 2}/${total}`), `row ${i + 2}`);
      }
    }
    s.write('q');
    expect(await s.exited).toBe(0);
    await s.settled();

    expect(s.events.titles).toEqual([]);
    expect(s.events.oscs).toEqual([]);
    expect(s.events.dcs).toEqual([]);
    expect(s.events.requests).toEqual([]);
    expect(s.events.replies).toEqual([]);
  }, 90_000);
});
