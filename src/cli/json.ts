/**
 * What every `--json` prints: one envelope, documented in the README under
 * "JSON output" (tests check each command against it).
 *
 *   { "version": 1, "command": "list", "data": … }
 *
 * `version` changes only when a field is removed or changes meaning; new
 * fields may appear within a version.
 */
export const JSON_VERSION = 1;

export function jsonOutput(command: string, data: unknown): string {
  return JSON.stringify({ version: JSON_VERSION, command, data }, null, 2);
}
