// `node bench/hostile-frames.mjs [runs]`: how fast each hostile article shows.
// For every file of the hostile suite that loads (test/helpers/hostile.ts), in
// a folder of its own: load it, draw the list, open it (the reader's first
// frame) and jump to its end; the median of 5 runs each, in milliseconds.
// The budget is 100 ms from key to first reader frame; rows over it are
// marked. A benchmark, not a test: timings depend on the machine.
//
// The TypeScript sources are bundled with esbuild first
// (React in production mode, as the shipped CLI runs it).
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { NODE_ESM } from '../scripts/esbuild-node.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.argv[2] ?? 5);
const BUDGET_MS = 100;

const harness = `
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createElement } from 'react';
import { render } from 'ink-testing-library';
import { HOSTILE_FILES, withoutSgr } from './test/helpers/hostile.ts';
import { loadArchive } from './src/archive/load.ts';
import { App } from './src/ui/app.tsx';
import { createTheme } from './src/ui/theme.ts';

const tick = () => new Promise((r) => setImmediate(r));
async function until(instance, predicate) {
  const deadline = performance.now() + 10000;
  while (performance.now() < deadline) {
    if (predicate(withoutSgr(instance.lastFrame() ?? ''))) return;
    await tick();
  }
  throw new Error('frame never came: ' + withoutSgr(instance.lastFrame() ?? ''));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function measure(runs) {
  const rows = [];
  for (const file of HOSTILE_FILES.filter((f) => f.expect.loads)) {
    const dir = mkdtempSync(join(tmpdir(), 'broadsheet-hostile-bench-'));
    try {
      file.create(join(dir, file.name));
      const times = { load: [], list: [], reader: [], end: [] };
      for (let run = 0; run < runs; run++) {
        let t = performance.now();
        const archive = await loadArchive(dir);
        times.load.push(performance.now() - t);
        t = performance.now();
        const instance = render(createElement(App, { archive, theme: createTheme(false), size: { cols: 80, rows: 24 }, onQuit: () => {} }));
        await until(instance, (f) => f.includes('Enter open'));
        times.list.push(performance.now() - t);
        t = performance.now();
        instance.stdin.write('\\r');
        await until(instance, (f) => f.includes('Esc back'));
        times.reader.push(performance.now() - t);
        t = performance.now();
        instance.stdin.write('G');
        await until(instance, (f) => / (End|All) *$/.test(f.trimEnd().split('\\n').pop() ?? ''));
        times.end.push(performance.now() - t);
        instance.unmount();
      }
      rows.push({ name: file.name, load: median(times.load), list: median(times.list), reader: median(times.reader), end: median(times.end) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}
`;

// Inside the checkout (bench/archives/ is git-ignored), so the bundle's imports find node_modules.
const out = join(root, 'bench/archives/.hostile-frames');
mkdirSync(out, { recursive: true });
try {
  await build({
    stdin: { contents: harness, resolveDir: root, sourcefile: 'hostile-frames-harness.ts', loader: 'ts' },
    outfile: join(out, 'harness.mjs'),
    ...NODE_ESM,
    packages: 'external',
    // test/helpers/paths.ts finds the repository from its own URL; keep that URL true once bundled.
    define: { 'process.env.NODE_ENV': '"production"', 'import.meta.url': JSON.stringify(pathToFileURL(join(root, 'test/helpers/paths.ts')).href) },
  });
  process.env.FORCE_COLOR ??= '1';
  const { measure } = await import(pathToFileURL(join(out, 'harness.mjs')).href);
  const rows = await measure(runs);
  const fmt = (ms) => ms.toFixed(1).padStart(7);
  const name = (n) => JSON.stringify(n).slice(1, -1).slice(0, 34).padEnd(34);
  console.log(`Hostile files: median of ${runs} runs, ms (budget ${BUDGET_MS} ms for the reader's first frame)\n`);
  console.log(`${'file'.padEnd(34)}    load    list  reader     end`);
  for (const r of rows) {
    const flag = r.reader > BUDGET_MS ? '  OVER BUDGET' : '';
    console.log(`${name(r.name)} ${fmt(r.load)} ${fmt(r.list)} ${fmt(r.reader)} ${fmt(r.end)}${flag}`);
  }
  const worst = rows.reduce((a, b) => (b.reader > a.reader ? b : a));
  console.log(`\nslowest first reader frame: ${worst.reader.toFixed(1)} ms (${JSON.stringify(worst.name)})`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
