/**
 * Every hostile article rendered by the Ink reader (ink-testing-library):
 * opened from the list, read at the top and scrolled to the end. After the
 * reader's own styling (SGR `ESC[…m`) is removed, no frame may hold an ESC,
 * a C1 control or any C0 control but `\n`; and no line may be wider than the
 * screen, whatever CJK, emoji or combining marks sit at the cut.
 */
import { render } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadArchive } from '../src/archive/open.js';
import type { Catalogue as Archive } from '../src/archive/catalogue.js';
import { App } from '../src/ui/app.js';
import { createTheme } from '../src/ui/theme.js';
import { widthOf } from '../src/ui/text.js';
import { PAYLOAD, SGR, forbiddenControls, withoutSgr, writeHostileArchive } from './helpers/hostile.js';
import type { HostileArchive } from './helpers/hostile.js';

// Colour on before Ink's chalk loads, so frames carry real styling for the SGR allowance to matter.
vi.hoisted(() => {
  process.env.FORCE_COLOR = '1';
});

const COLS = 80;
const ROWS = 24;
const KEYS = { enter: '\r' };

let hostile: HostileArchive;
let archive: Archive;
beforeAll(async () => {
  hostile = writeHostileArchive();
  archive = await loadArchive(hostile.root);
});
afterAll(() => hostile?.dispose());

/** One frame's problems: forbidden controls once SGR is removed, payload text, over-wide lines. */
function frameProblems(frame: string, where: string): string[] {
  const plain = withoutSgr(frame);
  const found = forbiddenControls(plain).map((p) => `${where}: ${p}`);
  if (plain.includes(PAYLOAD)) found.push(`${where}: payload text at ${plain.indexOf(PAYLOAD)}`);
  plain.split('\n').forEach((line, row) => {
    const width = widthOf(line);
    if (width > COLS) found.push(`${where}: row ${row} is ${width} columns wide: ${JSON.stringify(line.slice(0, 60))}…`);
  });
  return found;
}

describe('the Ink reader over the hostile archive', () => {
  it('opens every article from the list, reads it to the end, and never prints anything but text and SGR styling', async () => {
    const instance = render(<App archive={archive} theme={createTheme(false)} size={{ cols: COLS, rows: ROWS }} onQuit={() => {}} />);
    try {
      const text = (): string => withoutSgr(instance.lastFrame() ?? '');
      const waitFor = async (predicate: (screen: string) => boolean, what: string): Promise<string> => {
        const deadline = Date.now() + 5000;
        while (!predicate(text())) {
          if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}. Screen:\n${text()}`);
          await new Promise((r) => setTimeout(r, 2));
        }
        return text();
      };
      const total = archive.size;
      const problems: string[] = [];
      const check = (where: string): void => {
        problems.push(...frameProblems(instance.lastFrame() ?? '', where));
      };
      const footer = (screen: string): string => screen.trimEnd().split('\n').pop() ?? '';

      expect(total).toBe(hostile.loads.length);
      await waitFor((s) => footer(s).includes(`1/${total}`), 'the list');
      for (let i = 0; i < total; i++) {
        const position = `${i + 1}/${total}`;
        check(`list at ${position}`);
        instance.stdin.write(KEYS.enter);
        await waitFor((s) => s.includes('Esc back') && (s.split('\n')[0] ?? '').includes(position), `article ${position} open`);
        check(`article ${position}, top`);
        // G only when there is somewhere to go: otherwise no new frame shows it was handled.
        if (!/ All *$/.test(footer(text()))) {
          instance.stdin.write('G');
          await waitFor((s) => / End *$/.test(footer(s)), `the end of article ${position}`);
          check(`article ${position}, end`);
        }
        // The UI still answers keys: back to the list, then down one row.
        instance.stdin.write('q');
        await waitFor((s) => s.includes('Enter open') && footer(s).includes(position), `the list at ${position}`);
        if (i + 1 < total) {
          instance.stdin.write('j');
          await waitFor((s) => footer(s).includes(`${i + 2}/${total}`), `row ${i + 2}`);
        }
      }
      // Every frame Ink wrote, not only the ones sampled above.
      instance.frames.forEach((frame, n) => problems.push(...forbiddenControls(withoutSgr(frame), 1).map((p) => `frame ${n}: ${p}`)));
      expect(problems).toEqual([]);
      // Styling was really on, so the SGR allowance was exercised.
      expect(instance.frames.some((frame) => new RegExp(SGR.source).test(frame))).toBe(true);
    } finally {
      instance.unmount();
    }
  }, 60_000);
});
