/**
 * Colour for CLI output: on for a terminal, off for a pipe, and the user's
 * NO_COLOR / FORCE_COLOR win over both, by the rule in colourFromEnv.
 */
import { colourFromEnv } from '../ui/theme.js';

export interface Style {
  dim(text: string): string;
  bold(text: string): string;
  accent(text: string): string;
  warn(text: string): string;
}

export function colorEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  const colour = colourFromEnv(env);
  if (colour !== 'auto') return colour === 'on';
  return stream.isTTY === true && env.TERM !== 'dumb';
}

const wrap = (open: number, close: number) => (text: string): string => `\x1b[${open}m${text}\x1b[${close}m`;

export function makeStyle(enabled: boolean): Style {
  if (!enabled) {
    const id = (text: string): string => text;
    return { dim: id, bold: id, accent: id, warn: id };
  }
  return { dim: wrap(2, 22), bold: wrap(1, 22), accent: wrap(36, 39), warn: wrap(33, 39) };
}
