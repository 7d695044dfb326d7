/**
 * One rule for how broadsheet fails: every message on stderr starts with
 * `broadsheet: `; a usage error (unknown command or option, a bad value)
 * exits 2, anything not found or unreadable (archive, article, bookmark)
 * exits 1, as does an unexpected error (with its stack, for a bug report).
 */
import { ArchiveError } from '../archive/load.js';
import { sanitizeLine } from '../sanitize/index.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** A mistake in the command line: exit status 2. */
export class UsageError extends Error {}

/** An archive, article or bookmark that is not there: exit status 1. */
export class NotFound extends Error {}

/** `broadsheet: ` and one sanitised line (a message may quote a file name or an id). */
export function message(text: string): string {
  return `broadsheet: ${sanitizeLine(text)}\n`;
}

export function failure(error: unknown): { code: number; text: string } {
  if (error instanceof UsageError) return { code: EXIT_USAGE, text: message(error.message) };
  if (error instanceof NotFound || error instanceof ArchiveError) return { code: EXIT_FAILURE, text: message(error.message) };
  return { code: EXIT_FAILURE, text: message(`unexpected error: ${String((error as Error)?.stack ?? error)}`) };
}
