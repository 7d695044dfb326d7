/**
 * The Markdown and HTML parsers load on demand (src/archive/formats.ts). A
 * file read before its parser is loaded (a bug) must not be remembered as
 * skipped: it is a passing failure, read again next time. This file's module
 * state starts with no parser loaded (vitest isolates test files).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { loadParsersFor } from '../src/archive/formats.js';
import { readArticleFile } from '../src/archive/load.js';

const root = mkdtempSync(join(tmpdir(), 'broadsheet-lazy-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function load(name: string, text: string) {
  writeFileSync(join(root, name), text);
  return readArticleFile({ path: Buffer.from(join(root, name)), relPath: name, stats: { size: Buffer.byteLength(text) } }, name, root, 1_000_000);
}

it('reads a file whose parser is not loaded as a passing failure, and parses it once loaded', async () => {
  const page = '<title>Page headline</title><p>Body.</p>';
  const markdown = '# Markdown headline\n\nBody.\n';
  expect(load('a.html', page)).toEqual({ kind: 'skipped', reason: 'cannot read (HTML support was not loaded (a bug: please report it))', transient: true });
  expect(load('b.md', markdown)).toMatchObject({ kind: 'skipped', transient: true });
  await loadParsersFor(['x/a.html', 'y/b.md']);
  expect(load('a.html', page)).toMatchObject({ kind: 'article', article: { headline: 'Page headline', format: 'html' } });
  // The archive index reads it then: a skip for a passing reason is marked to be read again (indexer.ts).
  expect(load('b.md', markdown)).toMatchObject({ kind: 'article', article: { headline: 'Markdown headline', format: 'markdown' } });
});

it("holds the indexer's news of new rows until the parsers are loaded, so the reader never lists an article it cannot parse", async () => {
  const { parsersFirst } = await import('../src/archive/background.js');
  type Event = import('../src/archive/background.js').IndexEvent;
  let send: (event: Event) => void = () => {};
  const inner = { subscribe: (listener: (event: Event) => void) => ((send = listener), () => {}), stop: () => {} };
  let loaded: () => void = () => {};
  let loads = 0;
  const load = () => ((loads += 1), new Promise<void>((resolve) => (loaded = resolve)));
  const heard: string[] = [];
  let covered = true;
  parsersFirst(inner, load, () => covered).subscribe((event) => heard.push(event.type === 'progress' ? `${event.type} ${event.phase}` : event.type));

  send({ type: 'notice', message: 'hello' });
  send({ type: 'progress', phase: 'people', done: 0, total: 1 });
  send({ type: 'updated', summary: { added: 0, changed: 0, removed: 0, read: 0, articles: 2, first: false } });
  expect(heard).toEqual(['notice', 'progress people', 'updated']);
  expect(loads).toBe(0);
  send({ type: 'progress', phase: 'indexing', done: 1, total: 2 });
  send({ type: 'changed', what: 'catalogue' });
  expect(heard).toEqual(['notice', 'progress people', 'updated']);
  expect(loads).toBe(1);
  loaded();
  await new Promise((resolve) => setImmediate(resolve));
  expect(heard).toEqual(['notice', 'progress people', 'updated', 'progress indexing', 'changed']);
  send({ type: 'done' });
  expect(heard.at(-1)).toBe('done');
  expect(loads).toBe(1);
});

it('holds an update after which the catalogue lists formats whose parsers are not loaded (rows another process added)', async () => {
  const { parsersFirst } = await import('../src/archive/background.js');
  type Event = import('../src/archive/background.js').IndexEvent;
  let send: (event: Event) => void = () => {};
  const inner = { subscribe: (listener: (event: Event) => void) => ((send = listener), () => (send = () => {})), stop: () => {} };
  const updated: Event = { type: 'updated', summary: { added: 0, changed: 0, removed: 0, read: 0, articles: 3, first: false } };
  let loaded: () => void = () => {};
  const load = () => new Promise<void>((resolve) => (loaded = resolve));

  const heard: string[] = [];
  parsersFirst(inner, load, () => false).subscribe((event) => heard.push(event.type));
  send(updated);
  send({ type: 'done' });
  expect(heard).toEqual([]);
  loaded();
  await new Promise((resolve) => setImmediate(resolve));
  expect(heard).toEqual(['updated', 'done']);

  // A listener gone while the events wait hears nothing of them.
  const gone: string[] = [];
  const unsubscribe = parsersFirst(inner, load, () => false).subscribe((event) => gone.push(event.type));
  send(updated);
  unsubscribe();
  loaded();
  await new Promise((resolve) => setImmediate(resolve));
  expect(gone).toEqual([]);
});
