/**
 * The hostile archive through the built CLI, output to a pipe: no command may
 * print a control character other than `\n` (no ESC at all, no C1, no DEL),
 * nor let a sequence's payload leak as text, and `doctor` explains every file
 * it skipped. JSON output is checked twice: as bytes, and as the strings a
 * consumer gets back after parsing (`jq -r` would print those to a terminal).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_LATIN1, MARKER, PAYLOAD, forbiddenControls, writeHostileArchive } from './helpers/hostile.js';
import type { HostileArchive } from './helpers/hostile.js';
import { CLI } from './helpers/paths.js';
import { has } from './helpers/needs.js';

interface Run {
  args: string[];
  code: number;
  stdout: string;
  stderr: string;
}

let hostile: HostileArchive;
let configDir: string;

beforeAll(() => {
  hostile = writeHostileArchive();
  configDir = mkdtempSync(join(tmpdir(), 'broadsheet-hostile-config-'));
});
afterAll(() => {
  hostile?.dispose();
  if (configDir) rmSync(configDir, { recursive: true, force: true });
});

function cli(args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, BROADSHEET_CONFIG_DIR: configDir };
  // A pipe with no colour forced: nothing may reach it but text.
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  delete env.BROADSHEET_ARCHIVE;
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, '--archive', hostile.root, ...args], { env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ args, code, stdout, stderr });
    });
  });
}

/** Run many commands, a few at a time (the machine is shared). */
async function cliAll(commands: string[][], parallel = 3): Promise<Run[]> {
  const results: Run[] = new Array(commands.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < commands.length) {
      const index = next++;
      results[index] = await cli(commands[index]!);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return results;
}

/** Every string inside a parsed JSON value, with its path. */
function stringsIn(value: unknown, path = '$'): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringsIn(item, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => stringsIn(item, `${path}.${key}`));
  return [];
}

/** Problems with one run's output: forbidden controls (raw or inside JSON strings) or a leaked payload. */
function problems(run: Run, json: boolean): string[] {
  const label = run.args.join(' ');
  const found = [...forbiddenControls(run.stdout), ...forbiddenControls(run.stderr).map((p) => `stderr ${p}`)];
  if (run.stdout.includes(PAYLOAD)) found.push(`payload text leaked at ${run.stdout.indexOf(PAYLOAD)}`);
  if (json) {
    for (const [path, value] of stringsIn(JSON.parse(run.stdout))) {
      for (const p of forbiddenControls(value)) found.push(`${path}: ${p}`);
    }
  }
  return found.map((p) => `${label}: ${p}`);
}

describe('CLI output to a pipe from the hostile archive', () => {
  let ids: string[] = [];
  let list: Run;
  let listJson: Run;

  beforeAll(async () => {
    const runs = await cliAll([['list'], ['list', '--json']]);
    list = runs[0]!;
    listJson = runs[1]!;
    ids = (JSON.parse(listJson.stdout).data as Array<{ id: string }>).map((a) => a.id);
  });

  it('lists every hostile article that should load, and nothing more', () => {
    expect(list.code).toBe(0);
    expect(listJson.code).toBe(0);
    const paths = (JSON.parse(listJson.stdout).data as Array<{ path: string }>).map((a) => a.path).sort();
    expect(paths).toEqual([...hostile.loads].sort());
    // One line per article: a newline in a name or headline cannot forge extra rows.
    expect(list.stdout.trimEnd().split('\n')).toHaveLength(ids.length);
  });

  it('list and list --json carry no control characters and no payloads', () => {
    expect([...problems(list, false), ...problems(listJson, true)]).toEqual([]);
  });

  it('show ID and show ID --json are clean for every loaded article', async () => {
    const runs = await cliAll(ids.flatMap((id) => [['show', id], ['show', id, '--json']]));
    expect(runs.filter((r) => r.code !== 0).map((r) => `${r.args.join(' ')}: ${r.stderr}`)).toEqual([]);
    expect(runs.flatMap((r) => problems(r, r.args.includes('--json')))).toEqual([]);
    const shown = new Map(runs.filter((r) => !r.args.includes('--json')).map((r) => [r.args[1]!, r.stdout]));
    // Visible, not overprinted: every character of the backspace trick is on screen.
    expect(shown.get('backspace-hiding')).toContain('evil #␈␈␈␈␈␈good');
    // Concealed text is shown, not concealed.
    expect(shown.get('hidden-text')).toContain('concealed words');
    // A bidi override cannot reorder the text: none reaches the output, and the spoof shows as a marker.
    expect(shown.get('bidi-headline')).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/);
    expect(shown.get('bidi-headline')!.split('\n')[0]).toBe('Invoice ⟦RLO⟧fdp.exe⟦PDF⟧ and ⟦RLI⟧isolated⟦PDI⟧ ⟦RLM⟧mark');
    expect(shown.get('bidi-headline')).toContain('⟦RLO⟧evil⟦PDF⟧');
    // The real subdivision flag survives; the smuggled tag text does not.
    expect(shown.get('zero-width-tags')).toContain('🏴\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}');
    expect(shown.get('zero-width-tags')!.split('\n')[0]).toBe('PayPal notice');
    // Zalgo is capped: at most four combining marks after any letter.
    expect(shown.get('combining-10000')).not.toMatch(/\p{M}{5}/u);
    expect(shown.get('combining-10000')!.length).toBeLessThan(2000);
  }, 60_000); // 84 processes: on a loaded 2-core machine 20 s was not enough (CI, fresh clones with load ~10)

  it('decodes a Latin-1 file so the pound sign survives', async () => {
    const run = await cli(['show', 'latin1']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Tickets cost £5, café');
    expect(run.stdout).not.toContain('\ufffd');
  });

  it.skipIf(!has('corpus'))('decodes the Latin-1 corpus file so the pound sign survives', async () => {
    expect(readFileSync(CORPUS_LATIN1).includes(0xa3)).toBe(true); // really Latin-1 on disk
    const run = await cli(['show', 'corpus-latin1']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('Chelsea sack Mutu');
    expect(run.stdout).toContain('£15.8m');
    expect(run.stdout).not.toContain('\ufffd');
  });

  it('search finds every hostile article by a word in it, with clean output', async () => {
    const [text, json] = await cliAll([
      ['search', MARKER, '--limit', '200'],
      ['search', MARKER, '--limit', '200', '--json'],
    ]);
    expect([...problems(text!, false), ...problems(json!, true)]).toEqual([]);
    const found = (JSON.parse(json!.stdout).data as { results: Array<{ id: string }> }).results.map((r) => r.id).sort();
    // Every article but the corpus file (which is real news) carries the marker word.
    expect(found).toEqual(ids.filter((id) => id !== 'corpus-latin1').sort());
  });

  it('doctor explains every skipped hostile file, in clean output', async () => {
    const [text, json] = await cliAll([['doctor'], ['doctor', '--json']]);
    expect([...problems(text!, false), ...problems(json!, true)]).toEqual([]);
    const lines = text!.stdout.split('\n');
    for (const { shown, reason } of hostile.skipped) {
      const line = lines.find((l) => l.startsWith(`  ${shown}: `));
      expect(line, `doctor line for ${shown}`).toBeDefined();
      expect(line!.slice(shown.length + 4)).toMatch(reason);
    }
    const report = JSON.parse(json!.stdout).data as { loaded: number; skipped: Array<{ relPath: string }>; notes: Array<{ relPath: string; note: string }> };
    expect(report.skipped.map((s) => s.relPath).sort()).toEqual(hostile.skipped.map((s) => s.shown).sort());
    expect(report.loaded).toBe(hostile.loads.length);
    // The alias bomb loads, its front matter refused rather than expanded.
    expect(report.notes.find((n) => n.relPath === 'alias-bomb.md')?.note).toMatch(/front matter ignored/);
  });
});
