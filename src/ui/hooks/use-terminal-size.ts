import { useEffect, useState } from 'react';
import { useStdout } from 'ink';
import { FALLBACK_COLS, FALLBACK_ROWS } from '../layout.js';

export interface TerminalSize {
  cols: number;
  rows: number;
}

function measure(stdout: NodeJS.WriteStream): TerminalSize {
  return { cols: stdout.columns || FALLBACK_COLS, rows: stdout.rows || FALLBACK_ROWS };
}

/** The terminal size, updated on every `resize` (Ink does not re-render components on resize by itself). */
export function useTerminalSize(): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => measure(stdout));
  useEffect(() => {
    const onResize = (): void => {
      const next = measure(stdout);
      setSize((prev) => (prev.cols === next.cols && prev.rows === next.rows ? prev : next));
    };
    onResize(); // the size may have changed between the first render and subscribing
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}
