import { createHash } from 'node:crypto';

/**
 * Identifies an article by its content, so a bookmark can follow the file when
 * it is moved or renamed. Whitespace is normalised so re-wrapping a file does
 * not change it. Computed once at load (and cached): the list never holds the
 * lead paragraph itself.
 */
export function articleFingerprint(headline: string, lead: string): string {
  const normalise = (text: string): string => text.replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(`${normalise(headline)}\n${normalise(lead)}`).digest('hex').slice(0, 16);
}
