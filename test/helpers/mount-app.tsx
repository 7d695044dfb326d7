/** Mounting the reader's App under ink-testing-library, and reading its screen as a user would. */
import { stripVTControlCharacters } from 'node:util';
import { render } from 'ink-testing-library';
import { afterEach, vi } from 'vitest';
import { App } from '../../src/ui/app.js';
import type { AppProps } from '../../src/ui/app.js';
import { createTheme } from '../../src/ui/theme.js';

export const KEYS = {
  down: '\u001B[B',
  up: '\u001B[A',
  enter: '\r',
  escape: '\u001B',
  pageDown: '\u001B[6~',
  backspace: '\x7f',
  ctrlC: '\u0003',
  ctrlN: '\u000E',
  ctrlP: '\u0010',
};

const mounted: Array<{ unmount: () => void }> = [];
afterEach(() => {
  for (const m of mounted.splice(0)) m.unmount();
});

export function mountApp(props: Partial<AppProps> & Pick<AppProps, 'archive'>, size = { cols: 80, rows: 24 }) {
  const onQuit = vi.fn();
  const element = (p: Partial<AppProps>) => <App theme={createTheme(true)} onQuit={onQuit} size={size} {...props} {...p} />;
  const instance = render(element({}));
  mounted.push(instance);
  const text = (): string => stripVTControlCharacters(instance.lastFrame() ?? '');
  const lines = (): string[] => text().split('\n');
  const footer = (): string => lines().at(-1) ?? '';
  /** Ink renders asynchronously after input: poll for the expected screen. */
  const waitFor = async (predicate: (screen: string) => boolean, what: string): Promise<string> => {
    const deadline = Date.now() + 4000;
    while (!predicate(text())) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}. Screen:\n${text()}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    return text();
  };
  const press = async (key: string, until: (screen: string) => boolean, what: string): Promise<string> => {
    instance.stdin.write(key);
    return waitFor(until, what);
  };
  /** One key at a time, each echoed before the next: quick writes can be merged or dropped otherwise. */
  const type = async (input: string): Promise<void> => {
    for (const char of input) {
      const before = footer();
      instance.stdin.write(char);
      // A typed space looks like the caret's own blank cell (no colour here): give it a moment instead.
      if (char === ' ') await new Promise((r) => setTimeout(r, 50));
      else await waitFor(() => footer() !== before, `"${char}" to be echoed`);
    }
  };
  const rerender = (p: Partial<AppProps>): void => instance.rerender(element(p));
  return { instance, lines, text, footer, waitFor, press, type, onQuit, rerender };
}
