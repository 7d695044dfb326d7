/**
 * The package as a user gets it (.ci/run runs this after the tests): packs
 * broadsheet (prepack builds dist/ without source maps), installs the tarball
 * with `npm install -g` into a temporary prefix, and from a folder with no
 * repository nearby runs the installed `broadsheet`: --version, list, doctor,
 * list --json, the man page npm linked, and the reader in a pseudo-terminal.
 * Exits non-zero, saying what was wrong, on the first failure.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as nodePty from 'node-pty';

const repo = new URL('..', import.meta.url).pathname;
const { version } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'broadsheet-package-'));
const started = Date.now();
const step = (text) => console.log(`package: ${text} (${((Date.now() - started) / 1000).toFixed(1)} s)`);

function check(ok, what) {
  if (!ok) throw new Error(`package smoke test failed: ${what}`);
}

try {
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
  step(`packed ${packed.filename}: ${packed.entryCount} files, ${(packed.size / 1024).toFixed(0)} KB (${(packed.unpackedSize / 1024).toFixed(0)} KB unpacked)`);
  const paths = packed.files.map((file) => file.path);
  check(paths.includes('dist/cli.js') && paths.includes('dist/broadsheet.1'), 'the tarball has no dist/cli.js or dist/broadsheet.1');
  check(!paths.some((path) => path.endsWith('.map') || /^(src|test|bench|scripts)\//.test(path)), `the tarball carries source maps or sources: ${paths.filter((p) => p.endsWith('.map') || /^(src|test)\//.test(p)).join(', ')}`);

  const prefix = join(work, 'prefix');
  execFileSync('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', join(work, packed.filename)], { stdio: ['ignore', 'inherit', 'inherit'] });
  step('installed with npm install -g into a temporary prefix');

  // Somewhere else entirely, with a library and a cache of its own.
  const elsewhere = join(work, 'elsewhere');
  mkdirSync(elsewhere);
  const env = { ...process.env, PATH: `${join(prefix, 'bin')}:${process.env.PATH}`, BROADSHEET_CONFIG_DIR: join(work, 'config'), BROADSHEET_CACHE_DIR: join(work, 'cache'), TERM: 'xterm-256color' };
  for (const name of ['BROADSHEET_ARCHIVE', 'NO_COLOR', 'FORCE_COLOR', 'CI']) delete env[name];
  const run = (...args) => execFileSync('broadsheet', args, { cwd: elsewhere, env, encoding: 'utf8' });

  const shown = run('--version').trim();
  check(shown === `broadsheet ${version}`, `--version printed '${shown}'`);
  // Every bundled sample is an article: as many as the repository's articles/ holds.
  const samples = readdirSync(new URL('../articles', import.meta.url), { recursive: true }).filter((name) => /\.(txt|md|html?)$/.test(String(name))).length;
  const list = run('list').trimEnd().split('\n');
  check(list.length === samples && list.some((line) => line.includes('China-Russia Relations')), `list printed ${list.length} lines, not ${samples}:\n${list.join('\n')}`);
  const doctor = run('doctor');
  check(doctor.includes(`${samples} articles loaded, 0 files skipped`), `doctor printed (${samples} samples):\n${doctor}`);
  const json = JSON.parse(run('list', '--json'));
  check(json.version === 1 && json.command === 'list' && json.data.length === list.length, 'list --json is not the documented envelope');
  check(existsSync(join(prefix, 'share', 'man', 'man1', 'broadsheet.1')), 'npm did not install the man page');
  const installed = join(prefix, 'lib', 'node_modules', 'broadsheet');
  const own = readdirSync(join(installed, 'node_modules'));
  check(own.includes('better-sqlite3') && !own.some((name) => ['ink', 'react', 'conf', 'fuse.js', 'yaml'].includes(name)), `installed dependencies: ${own.join(', ')}`);
  step(`--version, list (${list.length} articles), doctor, list --json, the man page: as expected, run from ${elsewhere}`);

  // The reader: its chunk (Ink, React) is only loaded here.
  const pty = nodePty.spawn('broadsheet', [], { cwd: elsewhere, env, cols: 100, rows: 30 });
  let screen = '';
  pty.onData((data) => {
    screen += data;
  });
  const exited = new Promise((resolve) => pty.onExit(resolve));
  const deadline = Date.now() + 20_000;
  while (!screen.includes(`${samples} articles`) || !screen.includes('Enter open')) {
    check(Date.now() < deadline, `the reader did not show the list in 20 s; it wrote:\n${screen.slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  pty.write('q');
  const { exitCode } = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve({ exitCode: 'none (still running after 10 s)' }), 10_000))]);
  check(exitCode === 0, `the reader exited with ${exitCode}`);
  step('the reader opened on the bundled articles and quit with q');
} finally {
  rmSync(work, { recursive: true, force: true });
}
