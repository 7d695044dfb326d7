/**
 * Every colour and text attribute the reader uses, in one place. Only the 16
 * named ANSI colours plus bold/underline/inverse, so 16-colour terminals look
 * as intended; with NO_COLOR the colours drop out and the attributes carry
 * the meaning on their own.
 */
import { createContext, useContext } from 'react';
import type { SegmentStyle } from './highlights.js';
import type { LineKind } from './reader-doc.js';

export interface TextStyle {
  color?: 'green' | 'yellow' | 'cyan' | 'blue' | 'magenta' | 'red';
  bold?: boolean;
  underline?: boolean;
  inverse?: boolean;
}

export type StyleName =
  | SegmentStyle
  | LineKind
  | 'bar'
  | 'selected'
  | 'unread'
  | 'mark'
  | 'status'
  | 'focusMarker'
  | 'overlayTitle';

export interface Theme {
  noColor: boolean;
  style(name: StyleName): TextStyle;
}

const COLOURED: Record<StyleName, TextStyle> = {
  plain: {},
  quote: { color: 'green' },
  figure: { color: 'yellow', bold: true },
  'quote+figure': { color: 'yellow', bold: true, underline: true },
  headline: { bold: true },
  meta: { color: 'cyan' },
  body: {},
  blank: {},
  heading: { bold: true, underline: true },
  related: { color: 'blue' },
  'related-missing': {},
  bar: { inverse: true },
  selected: { inverse: true },
  unread: { bold: true },
  mark: { color: 'magenta', bold: true },
  status: { color: 'yellow' },
  focusMarker: { color: 'magenta', bold: true },
  overlayTitle: { bold: true, underline: true },
};

/** Without colour, quotes are underlined and figures bold: still distinct, still legible. */
const MONOCHROME: Record<StyleName, TextStyle> = {
  ...COLOURED,
  quote: { underline: true },
  figure: { bold: true },
  'quote+figure': { bold: true, underline: true },
  meta: {},
  related: { underline: true },
  mark: { bold: true },
  status: { bold: true },
  focusMarker: { bold: true },
};

export function createTheme(noColor: boolean): Theme {
  const table = noColor ? MONOCHROME : COLOURED;
  return { noColor, style: (name) => table[name] };
}

/** https://no-color.org: any non-empty value turns colour off. */
export function themeFromEnv(env: NodeJS.ProcessEnv = process.env): Theme {
  return createTheme(Boolean(env['NO_COLOR']));
}

export const ThemeContext = createContext<Theme>(createTheme(false));

export function useTheme(): Theme {
  return useContext(ThemeContext);
}
