/**
 * URLs Broadsheet hands to another program (a browser) or to the terminal
 * (the clipboard, OSC 52): http or https only, in one piece: no space that
 * could split it into two arguments (`$BROWSER`'s `%s` is split on spaces),
 * no control character that could end an escape sequence. It is only ever
 * an argument, never part of a shell command line, so quotes are harmless.
 */
export function isSafeUrl(url: string): boolean {
  return url.length <= 8192 && /^https?:\/\/[^\s\u0000-\u001f\u007f-\u009f]+$/i.test(url);
}
