/**
 * broadsheet(1): built from the command table into dist/broadsheet.1 (the
 * global setup builds), valid roff that renders every command, option,
 * example, key and exit status.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manPage, roff } from '../src/cli/man.js';
import { COMMANDS, GLOBAL_OPTIONS, type CommandSpec } from '../src/cli/table.js';
import { KEY_GROUPS } from '../src/ui/help.js';
import { has } from './helpers/needs.js';
import { REPO } from './helpers/paths.js';

const built = readFileSync(join(REPO, 'dist/broadsheet.1'), 'utf8');

describe('the man page', () => {
  it('is built from the command table', () => {
    expect(built).toBe(manPage());
  });

  it('is ASCII roff: hyphens and backslashes escaped, no line a request by accident', () => {
    expect(built).toMatch(/^\.TH BROADSHEET 1 /);
    expect(built).toMatch(/^[\x20-\x7e\n]*$/);
    expect(roff('.hidden\n\'quote\nC:\\path --flag — “x”')).toBe('\\&.hidden\n\\&\'quote\nC:\\epath \\-\\-flag \\(em \\(lqx\\(rq');
  });

  it('has a section for every command with its options and examples, and every global option', () => {
    for (const command of COMMANDS as readonly CommandSpec[]) {
      expect(built).toContain(`.SS ${command.name}\n`);
      for (const option of command.options) expect(built).toContain(`\\fB${roff(`--${option.name}`)}\\fR`);
      for (const [example] of command.examples) expect(built).toContain(roff(example));
    }
    for (const option of GLOBAL_OPTIONS) expect(built).toContain(`\\fB${roff(`--${option.name}`)}\\fR`);
  });

  it.skipIf(!has('groff'))('renders without a warning, with what a reader looks for', () => {
    const check = spawnSync('groff', ['-man', '-Tutf8', '-ww', '-z'], { input: built, encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    const text = execFileSync('groff', ['-man', '-Tascii', '-P', '-cbou'], { input: built, encoding: 'utf8' });
    for (const heading of ['NAME', 'SYNOPSIS', 'COMMANDS', 'OPTIONS', 'KEYS', 'JSON OUTPUT', 'ENVIRONMENT', 'FILES', 'EXIT STATUS']) {
      expect(text).toMatch(new RegExp(`^${heading}$`, 'm'));
    }
    // The synopsis wraps at the page's width: compare words.
    expect(text.replace(/\s+/g, ' ')).toContain('broadsheet list [--json] [--ids] [--sort date|dated|title] [--limit N] [--section NAME]');
    expect(text).toContain('broadsheet completion SHELL');
    expect(text).toContain('BROADSHEET_ARCHIVE');
    expect(text).toMatch(/Ctrl-c\s+quit at once/);
    expect(KEY_GROUPS.length).toBeGreaterThan(3);
  });
});
