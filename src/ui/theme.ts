/**
 * Every colour and text attribute the reader uses, in one place. Only the 16
 * named ANSI colours plus bold/underline/inverse, so 16-colour terminals look
 * as intended; with NO_COLOR the colours drop out and the attributes carry
 * the meaning on their own.
 */
import type { SegmentStyle } from './highlights.js';
import type { LineKind } from './reader-doc.js';

export interface TextStyle {
  color?: 'green' | 'yellow' | 'cyan' | 'blue' | 'magenta' | 'red';
  bold?: boolean;
  underline?: boolean;
  inverse?: boolean;
  dimColor?: boolean;
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
  | 'overlayTitle'
  /** Characters of a headline a list search matched. */
  | 'searchMatch'
  /** In-article search: every match, and the one n/N went to. */
  | 'findMatch'
  | 'findCurrent'
  /** A bookmark whose article is gone, a pending search, a note. */
  | 'muted'
  | 'prompt';

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
  // Who spoke a quotation: its colour, quieter than the quotation itself.
  speaker: { color: 'green', dimColor: true },
  bar: { inverse: true },
  selected: { inverse: true },
  unread: { bold: true },
  mark: { color: 'magenta', bold: true },
  status: { color: 'yellow' },
  focusMarker: { color: 'magenta', bold: true },
  overlayTitle: { bold: true, underline: true },
  searchMatch: { color: 'yellow', bold: true, underline: true },
  findMatch: { inverse: true },
  findCurrent: { inverse: true, bold: true, color: 'magenta' },
  muted: { dimColor: true },
  prompt: { bold: true },
};

/** For light backgrounds: yellow and cyan text all but vanish on white. */
const LIGHT: Record<StyleName, TextStyle> = {
  ...COLOURED,
  figure: { color: 'red', bold: true },
  'quote+figure': { color: 'red', bold: true, underline: true },
  meta: { color: 'blue' },
  // Dim green all but vanishes on white.
  speaker: { color: 'green' },
  status: { color: 'magenta', bold: true },
  searchMatch: { color: 'red', bold: true, underline: true },
};

/** Without colour, quotes are underlined and figures bold: still distinct, still legible. */
const MONOCHROME: Record<StyleName, TextStyle> = {
  ...COLOURED,
  quote: { underline: true },
  figure: { bold: true },
  'quote+figure': { bold: true, underline: true },
  meta: {},
  speaker: {},
  related: { underline: true },
  mark: { bold: true },
  status: { bold: true },
  focusMarker: { bold: true },
  searchMatch: { bold: true, underline: true },
  findCurrent: { inverse: true, bold: true, underline: true },
};

export type ThemeName = 'dark' | 'light' | 'mono';

export function createTheme(noColor: boolean, name: ThemeName = 'dark'): Theme {
  const table = noColor || name === 'mono' ? MONOCHROME : name === 'light' ? LIGHT : COLOURED;
  return { noColor: table === MONOCHROME, style: (style) => table[style] };
}

/**
 * What the environment says about colour, the one rule for the reader and
 * the commands (README, "Colour"): FORCE_COLOR set to anything but 0 or false
 * turns it on, and wins over NO_COLOR (it is the more specific request, as
 * in chalk); NO_COLOR (any non-empty value, https://no-color.org) or
 * FORCE_COLOR=0/false turns it off; otherwise it depends on the output.
 */
export function colourFromEnv(env: NodeJS.ProcessEnv = process.env): 'on' | 'off' | 'auto' {
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '0' && force !== 'false') return 'on';
  if (force !== undefined || env['NO_COLOR']) return 'off';
  return 'auto';
}

/** Colour off (see colourFromEnv) means mono, whatever the `theme` setting says. */
export function themeFromEnv(env: NodeJS.ProcessEnv = process.env, name: ThemeName = 'dark'): Theme {
  return createTheme(colourFromEnv(env) === 'off', name);
}

/** SGR parameters for a style, in the order chalk emits them; empty for plain text. */
export function sgrCodes(style: TextStyle): number[] {
  const codes: number[] = [];
  if (style.bold) codes.push(1);
  if (style.dimColor) codes.push(2);
  if (style.underline) codes.push(4);
  if (style.inverse) codes.push(7);
  if (style.color) codes.push(COLOR_CODES[style.color]);
  return codes;
}

const COLOR_CODES: Record<NonNullable<TextStyle['color']>, number> = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36 };
