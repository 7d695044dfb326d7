// What reading the stored formats costs, on the built chunks (run `npm run build` first):
//   npm run bench:formats
// For each parser: loading its chunk in a fresh process and the first parse
// (median of 7 processes), then ms per file once warm (mean of 100 after 50
// to warm up). Times are the process's CPU time (user + system), which other
// work on a shared machine disturbs less than the clock; the clock is shown too.
// The "typical saved page" is the sample page wrapped in what a news site's
// page carries around an article (~290 KB, ~2,700 elements: inline state JSON and scripts,
// style sheets, SVG icons, a mega-menu, teasers, comments, a footer),
// generated here from a fixed seed; no real page is copied.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');
const chunk = (prefix) => {
  const name = readdirSync(join(ROOT, 'dist/chunks')).find((f) => f.startsWith(`${prefix}-`) && f.endsWith('.js'));
  if (!name) throw new Error(`dist/chunks/${prefix}-*.js not found: run npm run build`);
  return pathToFileURL(join(ROOT, 'dist/chunks', name)).href;
};
const HTML_CHUNK = chunk('html');
const MARKDOWN_CHUNK = chunk('markdown');

let seed = 7;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const WORDS = 'the council said on tuesday that harbour shipping costs rose sharply after storms closed two ports for eleven days while ministers promised an inquiry into delays and a new fund for island services'.split(' ');
const words = (n) => Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
const links = (n, cls) => Array.from({ length: n }, (_, i) => `<li class="${cls}__item"><a class="${cls}__link" href="/${cls}/${i}" data-track="${cls}-${i}">${words(2)}</a></li>`).join('');
const svg = () => `<svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><path d="${Array.from({ length: 40 }, () => `M${Math.floor(random() * 24)} ${Math.floor(random() * 24)}L${Math.floor(random() * 24)} ${Math.floor(random() * 24)}`).join('')}Z"/></svg>`;
const teaser = (i) => `<li class="teaser"><a href="/news/${i}"><picture><source srcset="/img/${i}-480.webp 480w, /img/${i}-960.webp 960w" type="image/webp"><img src="/img/${i}.jpg" alt="${words(5)}" loading="lazy"></picture><h3 class="teaser__title">${words(8)}</h3><p class="teaser__summary">${words(22)}</p></a></li>`;

function typicalPage(sample) {
  const head = sample.slice(0, sample.indexOf('</head>'));
  const article = sample.slice(sample.indexOf('<article'), sample.indexOf('</article>') + '</article>'.length);
  const state = JSON.stringify({ props: { pageProps: { article: { body: Array.from({ length: 60 }, () => words(40)) }, recommendations: Array.from({ length: 200 }, (_, i) => ({ id: i, title: words(8), summary: words(30), url: `/news/${i}` })) } } });
  const bundle = `(function(){${Array.from({ length: 700 }, (_, i) => `function f${i}(a,b){return a.map(function(x){return x+${i}*b})}`).join(';')}})();`;
  const css = Array.from({ length: 900 }, (_, i) => `.c${i}{margin:${i % 17}px ${i % 5}px;color:#${((i * 4099) % 0xffffff).toString(16).padStart(6, '0')}}`).join('');
  return `${head}
${Array.from({ length: 30 }, (_, i) => `<meta name="x-meta-${i}" content="${words(6)}">`).join('\n')}
${Array.from({ length: 8 }, (_, i) => `<link rel="preload" href="/static/${i}.js" as="script">`).join('\n')}
<style>${css}</style>
<script>${bundle}</script>
<script>window.analytics=${JSON.stringify({ ids: Array.from({ length: 200 }, (_, i) => `id-${i}`) })}</script>
</head><body>
<div class="cookie-banner"><p>${words(30)}</p><button>Accept all</button><button>Settings</button></div>
<header class="masthead">${Array.from({ length: 15 }, svg).join('')}
<nav class="mega-menu"><ul>${Array.from({ length: 10 }, (_, i) => `<li><a href="/s/${i}">${words(1)}</a><ul>${links(45, `menu-${i}`)}</ul></li>`).join('')}</ul></nav></header>
<main>${article}
<aside class="most-read"><h2>Most read</h2><ol>${Array.from({ length: 10 }, (_, i) => teaser(100 + i)).join('')}</ol></aside>
<section class="related"><h2>Related</h2><ul>${Array.from({ length: 24 }, (_, i) => teaser(i)).join('')}</ul></section>
<section class="comments"><h2>Comments</h2>${Array.from({ length: 60 }, (_, i) => `<div class="comment"><p class="comment__author">reader${i}</p><p>${words(30)}</p></div>`).join('')}</section>
</main>
<footer>${Array.from({ length: 6 }, (_, i) => `<ul class="footer__col">${links(40, `footer-${i}`)}</ul>`).join('')}</footer>
<script id="__NEXT_DATA__" type="application/json">${state}</script>
</body></html>`;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Load the chunk in a fresh process, then one parse: median of 7 runs. */
const cpuMs = (since) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

function cold(chunkUrl, fn, file) {
  const script = `const cpu = (s) => { const u = process.cpuUsage(s); return (u.user + u.system) / 1000; };
const text = (await import('node:fs')).readFileSync(${JSON.stringify(file)}, 'utf8');
const c0 = process.cpuUsage(); const t0 = performance.now(); const m = await import(${JSON.stringify(chunkUrl)}); const load = cpu(c0), loadWall = performance.now() - t0;
const c1 = process.cpuUsage(); const t1 = performance.now(); m.${fn}(text); const first = cpu(c1), firstWall = performance.now() - t1;
console.log(JSON.stringify({ load, loadWall, first, firstWall }));`;
  const runs = Array.from({ length: 7 }, () => JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })));
  const pick = (key) => median(runs.map((r) => r[key]));
  return { load: pick('load'), loadWall: pick('loadWall'), first: pick('first'), firstWall: pick('firstWall') };
}

async function warm(chunkUrl, fn, text) {
  const m = await import(chunkUrl);
  for (let i = 0; i < 50; i++) m[fn](text);
  const since = process.cpuUsage();
  const t = performance.now();
  for (let i = 0; i < 100; i++) m[fn](text);
  return { cpu: cpuMs(since) / 100, wall: (performance.now() - t) / 100 };
}

const dir = mkdtempSync(join(tmpdir(), 'bench-formats-'));
try {
  const sample = readFileSync(join(ROOT, 'articles/world/island-ferry-strike.html'), 'utf8');
  const typical = typicalPage(sample);
  const markdown = readFileSync(join(ROOT, 'articles/tech/2023-10-05-library-app-outage.md'), 'utf8');
  const longMarkdown = `${markdown}\n${markdown.slice(markdown.indexOf('\n---\n') + 5).repeat(30)}`;
  const cases = [
    ['html', HTML_CHUNK, 'parseHtml', 'sample page (articles/world/island-ferry-strike.html)', sample],
    ['html', HTML_CHUNK, 'parseHtml', 'typical saved news page (generated)', typical],
    ['markdown', MARKDOWN_CHUNK, 'parseMarkdown', 'sample article (articles/tech/2023-10-05-library-app-outage.md)', markdown],
    ['markdown', MARKDOWN_CHUNK, 'parseMarkdown', 'long article (the sample body 30 times)', longMarkdown],
  ];
  const tags = (typical.match(/<[a-z]/gi) ?? []).length;
  console.log(`typical saved page: ${(Buffer.byteLength(typical) / 1024).toFixed(0)} KB, ${tags.toLocaleString('en-US')} start tags`);
  console.log('CPU ms (clock ms)\n');
  console.log('| parser | file | size | chunk load | first parse | warm, per file |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const [kind, url, fn, label, text] of cases) {
    const file = join(dir, `${kind}-${label.length}.txt`);
    writeFileSync(file, text);
    const c = cold(url, fn, file);
    const w = await warm(url, fn, text);
    const ms = (cpu, wall, digits = 1) => `${cpu.toFixed(digits)} (${wall.toFixed(digits)})`;
    console.log(`| ${kind} | ${label} | ${(Buffer.byteLength(text) / 1024).toFixed(0)} KB | ${ms(c.load, c.loadWall)} | ${ms(c.first, c.firstWall)} | ${ms(w.cpu, w.wall, 2)} |`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
