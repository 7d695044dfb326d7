/**
 * The completion scripts, run by the shells themselves: bash (its
 * completion function called as bash would), fish (`complete -C`) and zsh
 * (an interactive zsh in a pseudo-terminal, Tab pressed, the candidates
 * captured from compadd). `broadsheet` on PATH is the built CLI, so article
 * ids come from `broadsheet list --ids` as they would for a user.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as nodePty from 'node-pty';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completionScript } from '../src/cli/completion.js';
import { has } from './helpers/needs.js';
import { CLI, SEED_ID } from './helpers/paths.js';
import { tempDir } from './helpers/tmp.js';

const home = tempDir('broadsheet-completion-');
const bin = join(home, 'bin');
const other = join(home, 'other archive');
// Set up while the tests are collected: the cases below list the ids the archive has.
mkdirSync(bin);
writeFileSync(join(bin, 'broadsheet'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
chmodSync(join(bin, 'broadsheet'), 0o755);
mkdirSync(join(other, 'desk'), { recursive: true });
writeFileSync(join(other, 'desk', 'tide-tables.txt'), 'Tide Tables Printed Again\n\nThe harbour office printed them.\n');
mkdirSync(join(home, 'papers', 'sunday'), { recursive: true });
const env: Record<string, string> = {
  PATH: `${bin}:${process.env.PATH}`,
  HOME: home,
  TERM: 'xterm-256color',
  BROADSHEET_CONFIG_DIR: join(home, 'config'),
  BROADSHEET_CACHE_DIR: join(home, 'cache'),
};
const bundledIds = execFileSync(join(bin, 'broadsheet'), ['list', '--ids'], { env, encoding: 'utf8' }).trimEnd().split('\n');

it('lists the bundled archive, the seed among it', () => {
  expect(bundledIds).toContain(SEED_ID);
});

const COMMANDS = ['list', 'show', 'quotes', 'people', 'figures', 'search', 'doctor', 'bookmarks', 'bookmark', 'export', 'config', 'completion', 'help'];

/** [what is typed before Tab, what must be offered] — the same for every shell. */
function cases(): Array<[string, string[]]> {
  return [
    ['broadsheet ', COMMANDS],
    ['broadsheet fig', ['figures']],
    ['broadsheet list --s', ['--section', '--sort']],
    ['broadsheet list --sort ', ['date', 'dated', 'title']],
    ['broadsheet export bookmarks --format ', ['md', 'json']],
    ['broadsheet show ', bundledIds],
    ['broadsheet quotes world/', bundledIds.filter((id) => id.startsWith('world/'))],
    [`broadsheet --archive '${other}' show `, ['desk/tide-tables']],
    ['broadsheet bookmark ', ['add', 'remove']],
    ['broadsheet bookmark add 000', [SEED_ID]],
    ['broadsheet config ', ['path', 'get', 'set', 'unset']],
    ['broadsheet config set the', ['theme']],
    ['broadsheet config set theme ', ['dark', 'light', 'mono']],
    ['broadsheet config set sort ', ['date', 'dated', 'title']],
    ['broadsheet completion ', ['bash', 'zsh', 'fish']],
    ['broadsheet help bo', ['bookmarks', 'bookmark']],
  ];
}

/** Directory completion, where the shells' own helpers answer. */
const dirCases = (): Array<[string, string[]]> => [
  [`broadsheet --archive ${home}/pap`, [`${home}/papers/`]],
  [`broadsheet config set archivePath ${home}/papers/s`, [`${home}/papers/sunday/`]],
];

const sorted = (values: readonly string[]): string[] => [...new Set(values)].sort();

describe('bash completion', () => {
  function complete(line: string): string[] {
    const script = `
      source <(broadsheet completion bash)
      eval "COMP_WORDS=($LINE)"
      [[ "$LINE" == *" " ]] && COMP_WORDS+=("")
      COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 ))
      COMP_LINE="$LINE"; COMP_POINT=\${#LINE}
      _broadsheet
      printf '%s\\n' "\${COMPREPLY[@]}"`;
    const out = execFileSync('bash', ['--norc', '--noprofile', '-c', script], { env: { ...env, LINE: line }, encoding: 'utf8' });
    return out.split('\n').filter(Boolean);
  }

  it.each([...cases(), ...dirCases()])('%s<Tab>', (line, expected) => {
    expect(sorted(complete(line))).toEqual(sorted(expected.map((value) => value.replace(/\/$/, ''))));
  });

  it('offers nothing for a value it cannot know', () => {
    expect(complete('broadsheet list --limit ')).toEqual([]);
    expect(complete('broadsheet search ')).toEqual([]);
  });
});

describe.skipIf(!has('fish'))('fish completion', () => {
  function complete(line: string): string[] {
    const script = `broadsheet completion fish | source; complete -C ${JSON.stringify(line)}`;
    return execFileSync('fish', ['--no-config', '-c', script], { env, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((candidate) => candidate.split('\t')[0]!);
  }

  it.each([...cases(), ...dirCases()])('%s<Tab>', (line, expected) => {
    expect(sorted(complete(line))).toEqual(sorted(expected));
  });
});

describe.skipIf(!has('zsh'))('zsh completion', () => {
  const folder = join(home, 'zsh-functions');
  const capture = join(home, 'zsh-capture');
  let zsh: nodePty.IPty;
  let output = '';

  beforeAll(async () => {
    // Installed as the script says: a file named _broadsheet on $fpath.
    mkdirSync(folder);
    writeFileSync(join(folder, '_broadsheet'), execFileSync(join(bin, 'broadsheet'), ['completion', 'zsh'], { env, encoding: 'utf8' }));
    zsh = nodePty.spawn('zsh', ['-f', '-i'], { cols: 200, rows: 50, env: { ...env, CAPTURE: capture } });
    zsh.onData((data) => {
      output += data;
    });
    // The candidates zsh would list, written to a file instead: compadd, wrapped (the approach of zsh's capture.zsh).
    await command(`PS1='%% '; fpath=(${folder} $fpath); autoload -Uz compinit; compinit -u -D
compadd () {
  if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\\ * ]]; then builtin compadd "$@"; return $?; fi
  typeset -a __hits; builtin compadd -A __hits "$@"; (( $#__hits )) && print -rl -- $__hits >> $CAPTURE
}`);
  });
  afterAll(() => zsh?.kill());

  let marks = 0;
  /** Runs a line and waits for zsh to have read everything before it (keys are handled in order). */
  async function command(line: string): Promise<void> {
    const mark = `done-${++marks}`;
    zsh.write(`${line}\r`);
    zsh.write(`print ${mark.replace('-', '-""')}\r`);
    const deadline = Date.now() + 15_000;
    while (!output.includes(mark)) {
      if (Date.now() > deadline) throw new Error(`zsh did not answer; output:\n${output.slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async function complete(line: string): Promise<string[]> {
    writeFileSync(capture, '');
    zsh.write(`${line}\t`);
    // Ctrl-U clears the line once completion is done; the command after it waits for that.
    zsh.write('\u0015');
    await command('');
    return existsSync(capture) ? readFileSync(capture, 'utf8').split('\n').filter(Boolean) : [];
  }

  it.each(cases())('%s<Tab>', async (line, expected) => {
    expect(sorted(await complete(line))).toEqual(sorted(expected));
  });
});

describe('the scripts', () => {
  it('offer every command and every option of the table', async () => {
    const { COMMANDS: table } = await import('../src/cli/table.js');
    for (const shell of ['bash', 'zsh', 'fish'] as const) {
      const script = completionScript(shell);
      for (const command of table) {
        expect(script, `${shell}: ${command.name}`).toContain(command.name);
        for (const option of command.options) expect(script, `${shell}: --${option.name}`).toMatch(new RegExp(`--${option.name}\\b|-l ${option.name}\\b`));
      }
    }
  });
});
