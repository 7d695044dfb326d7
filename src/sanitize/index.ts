// TEMPORARY STUB: replaced by the real sanitiser (untrusted-text issue).
/** Text that may span lines (article body). */
export function sanitizeBody(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}
/** A single-line value: headline, metadata, file name, error message. */
export function sanitizeLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}
