/**
 * The npm package: what package.json promises and what `npm pack` would
 * ship. (Installing the tarball and running it from elsewhere is
 * scripts/smoke-package.mjs, run by .ci/run: it compiles better-sqlite3,
 * too slow for every `npm test`.)
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './helpers/paths.js';

const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as Record<string, any>;

/** Every module specifier the built files import that is not ours or Node's. */
function bareImports(): Set<string> {
  const found = new Set<string>();
  for (const dir of ['dist', 'dist/chunks']) {
    for (const name of readdirSync(join(REPO, dir)).filter((n) => n.endsWith('.js'))) {
      const code = readFileSync(join(REPO, dir, name), 'utf8');
      // `from"x"`, `import"x"`, `import("x")`; not `Buffer.from("/")`.
      for (const [, specifier] of code.matchAll(/(?<![.\w$])(?:from\s*|import\s*\(?\s*)["']([^"']+)["']/g)) {
        if (!specifier!.startsWith('.') && !specifier!.startsWith('node:')) found.add(specifier!);
      }
    }
  }
  return found;
}

/** Packages src/ imports by name. */
function sourceImports(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name)) {
        for (const [, specifier] of readFileSync(path, 'utf8').matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)) {
          if (!specifier!.startsWith('.') && !specifier!.startsWith('node:')) found.add(specifier!.startsWith('@') ? specifier!.split('/').slice(0, 2).join('/') : specifier!.split('/')[0]!);
        }
      }
    }
  };
  walk(join(REPO, 'src'));
  return found;
}

describe('the package', () => {
  it('is ready to publish: public, licensed, with repository, bugs and keywords', () => {
    expect(pkg.private).toBeUndefined();
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(join(REPO, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} /);
    expect(pkg.repository.url).toMatch(/^git\+https:\/\/github\.com\/.+\.git$/);
    expect(pkg.bugs.url).toMatch(/^https:\/\//);
    expect(pkg.keywords.length).toBeGreaterThan(3);
    expect(pkg.bin.broadsheet).toBe('dist/cli.js');
    expect(pkg.man).toEqual(['./dist/broadsheet.1']);
    expect(pkg.scripts.prepack).toMatch(/build\.mjs --no-sourcemap/);
  });

  it('depends at run time only on what the bundle leaves out (better-sqlite3, native)', () => {
    expect(Object.keys(pkg.dependencies)).toEqual(['better-sqlite3']);
    // The built files import nothing by name but it (and Node's own modules).
    expect([...bareImports()].filter((name) => name !== 'better-sqlite3')).toEqual([]);
    // Everything src/ imports by name is bundled, so it is a development dependency.
    for (const name of sourceImports()) {
      if (name === 'better-sqlite3') continue;
      expect(pkg.devDependencies, name).toHaveProperty([name]);
    }
  });

  it('lists the licence of everything the bundle contains', () => {
    // Exits 1 and says so when THIRD_PARTY_NOTICES.md does not match the bundle.
    execFileSync(process.execPath, ['scripts/notices.mjs', '--check'], { cwd: REPO, stdio: 'pipe' });
    const notices = readFileSync(join(REPO, 'THIRD_PARTY_NOTICES.md'), 'utf8');
    for (const name of ['ink', 'react', 'fuse.js', 'markdown-it', 'linkedom', 'yaml', 'yoga-layout', 'chalk']) expect(notices).toMatch(new RegExp(`^## ${name.replace('.', '\\.')} \\d`, 'm'));
    expect(notices).not.toMatch(/^## (vitest|esbuild|typescript|node-pty|better-sqlite3) /m);
  });

  it('packs the bundle, the man page, the articles and the notices, and no source maps or sources', () => {
    // --ignore-scripts: dist/ as the tests built it (with maps), to show `files` keeps them out.
    const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
    const paths = (packed.files as Array<{ path: string }>).map((file) => file.path);
    for (const path of ['dist/cli.js', 'dist/archive-index.js', 'dist/broadsheet.1', 'LICENSE', 'README.md', 'THIRD_PARTY_NOTICES.md', 'articles/000_e474bb9dcb4c5a3e.txt']) {
      expect(paths).toContain(path);
    }
    expect(paths.filter((path) => path.endsWith('.map') || /^(src|test|bench|scripts|\.ci)\//.test(path))).toEqual([]);
    expect(paths.some((path) => path.startsWith('dist/chunks/'))).toBe(true);
  });
});
