/**
 * Every command's --json against the README's "JSON output" table: the
 * envelope, and for each row the fields at that place in `data`. The table
 * is the documentation; this test is what keeps it true.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARTICLES, CLI, REPO, SEED_ID } from './helpers/paths.js';
import { tempDir } from './helpers/tmp.js';

interface Row {
  command: string;
  where: string;
  required: string[];
  optional: string[];
}

/** The rows of the table under "### JSON output". */
function documentedShapes(): Row[] {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### JSON output'));
  const table = section.slice(0, section.indexOf('\n\n', section.indexOf('| --- |')));
  return [...table.matchAll(/^\| `([^`]+)` \| `([^`]+)` \| `([^`]+)` \|$/gm)].map(([, command, where, fields]) => {
    const names = fields!.split(', ');
    return {
      command: command!,
      where: where!,
      required: names.filter((name) => !name.endsWith('?')),
      optional: names.filter((name) => name.endsWith('?')).map((name) => name.slice(0, -1)),
    };
  });
}

const archive = tempDir('broadsheet-json-archive-');
const configDir = tempDir('broadsheet-json-config-');
const cacheDir = tempDir('broadsheet-json-cache-');

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [CLI, '--archive', archive, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, BROADSHEET_CONFIG_DIR: configDir, BROADSHEET_CACHE_DIR: cacheDir },
  });
}

beforeAll(() => {
  // The bundled articles, a file doctor skips and one it loads with a note, and a bookmark with a note.
  cpSync(ARTICLES, archive, { recursive: true });
  writeFileSync(join(archive, 'empty.txt'), '');
  writeFileSync(join(archive, 'latin1.txt'), Buffer.from('Price rise\n\nTickets now cost \xa35 more.\n', 'latin1'));
  expect(run(['bookmark', 'add', SEED_ID, '--note', 'read again']).status).toBe(0);
});

/** The values at `where` (`data`, `data[]`, `data.results[]`) in one output. */
function valuesAt(output: unknown, where: string): unknown[] {
  let values: unknown[] = [output];
  for (const part of where.split('.')) {
    const key = part.replace(/\[\]$/, '');
    values = values.map((value) => (value as Record<string, unknown>)[key]);
    if (part.endsWith('[]')) values = values.flatMap((value) => value as unknown[]);
  }
  return values;
}

const rows = documentedShapes();
const commands = [...new Set(rows.map((row) => row.command))];
const outputs = new Map<string, unknown>();

function outputOf(command: string): unknown {
  if (!outputs.has(command)) {
    const args = command.replace('ID', SEED_ID).replace('QUERY', 'putin').replace('NAME', 'wang').split(' ');
    const result = run([...args, '--json']);
    expect(result.status, result.stderr).toBe(0);
    outputs.set(command, JSON.parse(result.stdout));
  }
  return outputs.get(command);
}

describe('JSON output as the README documents it', () => {
  it('documents every command that takes --json', () => {
    expect(commands.map((command) => command.split(' ')[0])).toEqual(
      expect.arrayContaining(['list', 'show', 'quotes', 'figures', 'search', 'doctor', 'bookmarks', 'export', 'config']),
    );
  });

  it.each(commands)('%s --json: {version: 1, command, data}', (command) => {
    const output = outputOf(command) as Record<string, unknown>;
    expect(Object.keys(output)).toEqual(['version', 'command', 'data']);
    expect(output.version).toBe(1);
    expect(output.command).toBe(command.split(' ')[0]);
  });

  it.each(rows.map((row) => [`${row.command} → ${row.where}`, row] as const))('%s has the documented fields', (_, row) => {
    const values = valuesAt(outputOf(row.command), row.where);
    // An empty list would check nothing: the fixture archive fills every one.
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) {
      const keys = Object.keys(value as object);
      expect(keys).toEqual(expect.arrayContaining(row.required));
      expect(keys.filter((key) => !row.required.includes(key) && !row.optional.includes(key))).toEqual([]);
    }
  });
});
