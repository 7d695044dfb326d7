import { createHash } from 'node:crypto';

/**
 * Identifies an article by its content, so a bookmark can follow the file when
 * it is moved or renamed. Whitespace is normalised so re-wrapping a file does
 * not change it. Computed once at load (and cached): the list never holds the
 * lead paragraph itself.
 */
export function articleFingerprint(headline: string, lead: string): string {
  // Most text has single spaces only: the test is much cheaper than the rewrite it skips.
  const normalise = (text: string): string => (/\s\s|[^\S ]/.test(text) ? text.replace(/\s+/g, ' ') : text).trim();
  return createHash('sha256').update(`${normalise(headline)}\n${normalise(lead)}`).digest('hex').slice(0, 16);
}
