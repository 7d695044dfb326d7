/**
 * Every kind of bad input gets a one-line reason in the archive report, or is
 * decoded sensibly; none of it throws. Each case makes its own hostile file.
 */
import { execFileSync } from 'node:child_process';
import { linkSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadArchive } from '../src/archive/open.js';
import type { Catalogue as Archive } from '../src/archive/catalogue.js';
import { describeFsError, walkFolders, type FoundFile } from '../src/archive/walk.js';
import { decode } from '../src/archive/decode.js';
import { tempDir } from './helpers/tmp.js';
import { textOf } from './helpers/text.js';
import { writeHostileArchive } from './helpers/hostile.js';

const TEXT = 'Harbour reopens\n\nThe harbour reopened on Monday, officials said.\n';

function utf16(text: string, bigEndian: boolean): Buffer {
  const le = Buffer.from(text, 'utf16le');
  const body = bigEndian ? Buffer.from(le).swap16() : le;
  return Buffer.concat([Buffer.from(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]), body]);
}

describe('a symbolic link to a folder above the archive', () => {
  it('is a loop: reported, and neither the parent nor anything in it is read', () => {
    const outer = tempDir('broadsheet-ancestor-');
    const root = join(outer, 'news', 'archive');
    mkdirSync(join(root, 'deep'), { recursive: true });
    writeFileSync(join(root, 'kept.txt'), TEXT);
    writeFileSync(join(outer, 'outside.txt'), TEXT);
    writeFileSync(join(outer, 'news', 'beside.txt'), TEXT);
    symlinkSync('..', join(root, 'loop'));
    symlinkSync('../../..', join(root, 'deep', 'up-three'));
    symlinkSync(outer, join(root, 'absolute'));
    const files: FoundFile[] = [];
    const walked = walkFolders(root, (found) => files.push(...found.map(({ file }) => file)));
    expect(files.map((f) => f.relPath)).toEqual(['kept.txt']);
    for (const relPath of ['loop', 'deep/up-three', 'absolute']) {
      expect(walked.problems.find((p) => p.relPath === relPath)?.reason, relPath).toMatch(/symbolic link loop: .*a folder the archive is in/);
    }
    // The walk looked at the archive only.
    expect(walked.scanned).toBe(1);
  });
});

describe('one file under several names', () => {
  /** What the walk reads, as `relPath → id`, and why it leaves the rest. */
  const walked = (root: string) => {
    const ids: Record<string, string> = {};
    const { problems } = walkFolders(root, (found) => found.forEach(({ file, id }) => (ids[file.relPath] = id)));
    return { ids, reasons: Object.fromEntries(problems.map((p) => [p.relPath, p.reason])) };
  };

  it('is read once, under its own name rather than a link, whichever folder the walk meets first', () => {
    const root = tempDir('broadsheet-names-');
    for (const folder of ['a-links', 'b-real']) mkdirSync(join(root, folder));
    writeFileSync(join(root, 'b-real', 'story.txt'), TEXT);
    // Met before its target: the link is the second name, not the file.
    symlinkSync('../b-real/story.txt', join(root, 'a-links', 'story.txt'));
    const outside = tempDir('broadsheet-outside-');
    writeFileSync(join(outside, 'far.txt'), TEXT);
    symlinkSync(join(outside, 'far.txt'), join(root, 'a-links', 'far-1.txt'));
    symlinkSync(join(outside, 'far.txt'), join(root, 'a-links', 'far-2.txt'));
    expect(walked(root)).toEqual({
      ids: { 'b-real/story.txt': 'b-real/story', 'a-links/far-1.txt': 'a-links/far-1' },
      reasons: {
        'a-links/story.txt': 'same file as b-real/story.txt (linked twice)',
        'a-links/far-2.txt': 'same file as a-links/far-1.txt (linked twice)',
      },
    });
  });

  // The ids the whole-list walk before this one gave: read marks and bookmarks are kept by id.
  it('keeps the ids it always gave: hard links by first path, a second name beside its file, a folder through a link met first', () => {
    const hard = tempDir('broadsheet-hard-');
    mkdirSync(join(hard, 'a'));
    writeFileSync(join(hard, 'z.txt'), TEXT);
    linkSync(join(hard, 'z.txt'), join(hard, 'a', 'x.txt'));
    expect(walked(hard)).toEqual({ ids: { 'a/x.txt': 'a/x' }, reasons: { 'z.txt': 'same file as a/x.txt (linked twice)' } });

    const besideLink = tempDir('broadsheet-beside-');
    writeFileSync(join(besideLink, 'a.txt'), TEXT);
    symlinkSync('a.txt', join(besideLink, 'a.md'));
    expect(walked(besideLink).ids).toEqual({ 'a.txt': 'a' });

    const besideHard = tempDir('broadsheet-beside-hard-');
    writeFileSync(join(besideHard, 'a.txt'), TEXT);
    linkSync(join(besideHard, 'a.txt'), join(besideHard, 'a.md'));
    writeFileSync(join(besideHard, 'b.txt'), TEXT);
    writeFileSync(join(besideHard, 'b.md'), TEXT);
    expect(walked(besideHard).ids).toEqual({ 'a.md': 'a', 'b.md': 'b.md', 'b.txt': 'b.txt' });

    const folderLink = tempDir('broadsheet-folder-link-');
    mkdirSync(join(folderLink, 'a'));
    mkdirSync(join(folderLink, 'b'));
    writeFileSync(join(folderLink, 'b', 'x.txt'), TEXT);
    symlinkSync('../b', join(folderLink, 'a', 'link'));
    expect(walked(folderLink)).toEqual({ ids: { 'a/link/x.txt': 'a/link/x' }, reasons: { b: 'folder already read as a/link (symbolic link loop or duplicate)' } });
  });
});

describe('a folder of hostile and broken files', () => {
  const root = tempDir();
  let archive: Archive;

  beforeAll(async () => {
    const w = (name: string, data: string | Buffer): void => writeFileSync(join(root, name), data);
    w('utf8-bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]));
    w('utf16le.txt', utf16(TEXT, false));
    w('utf16be.txt', utf16(TEXT, true));
    w('invalid-utf8.txt', Buffer.concat([Buffer.from('Bad bytes\n\nBefore '), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(' after.\n')]));
    w('latin1.txt', Buffer.from('Price rise\n\nTickets now cost \xa35 more.\n', 'latin1'));
    w('crlf.txt', 'Windows headline\r\n\r\nFirst paragraph.\r\n\r\nSecond paragraph.\r\n');
    w('cr.txt', 'Old Mac headline\r\rFirst paragraph.\r\rSecond paragraph.\r');
    w('binary.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]));
    w('empty.txt', '');
    w('blank.txt', '\n\n   \n\u00a0\n');
    w('huge.txt', Buffer.alloc(6 * 1024 * 1024, 'a'));
    w('escapes.txt', 'Title\x1b]0;pwned\x07 here\n\nBody \x1b[2Jcleared \x1b]52;c;ZXZpbA==\x07 and \x9b6n done.\n');
    w('notes.pdf', 'not an article');
    w('esc\x1b[31mname.txt', TEXT);
    w('new\nline.txt', TEXT);
    mkdirSync(join(root, 'folder.txt'));
    writeFileSync(join(root, 'folder.txt', 'inside.txt'), TEXT);
    mkdirSync(join(root, 'loop'));
    symlinkSync('..', join(root, 'loop', 'up'));
    symlinkSync('does-not-exist.txt', join(root, 'dangling.txt'));
    symlinkSync('self-a.txt', join(root, 'self-b.txt'));
    symlinkSync('self-b.txt', join(root, 'self-a.txt'));
    symlinkSync('crlf.txt', join(root, 'alias.txt'));
    execFileSync('mkfifo', [join(root, 'pipe.txt')]);
    // A file name that is not valid UTF-8 (raw 0xE9), written through a Buffer path.
    writeFileSync(Buffer.from(`${root}/caf\xe9.txt`, 'latin1'), TEXT);
    archive = await loadArchive(root);
  }, 30_000);

  const reasonFor = (relPath: string): string | undefined => archive.report.skipped.find((s) => s.relPath === relPath)?.reason;
  const byPath = (relPath: string) => [...archive.all()].find((a) => a.relPath === relPath);

  it.each(['utf8-bom.txt', 'utf16le.txt', 'utf16be.txt'])('decodes %s', (name) => {
    const article = byPath(name)!;
    expect(article.headline).toBe('Harbour reopens');
    expect(textOf(archive, article).paragraphs).toEqual(['The harbour reopened on Monday, officials said.']);
  });

  it('replaces invalid UTF-8 bytes and notes it', () => {
    expect(textOf(archive, byPath('invalid-utf8.txt')).paragraphs[0]).toMatch(/^Before .*\(.* after\.$/);
    expect(archive.report.notes.some((n) => n.relPath === 'invalid-utf8.txt' && /not valid UTF-8/.test(n.note))).toBe(true);
  });

  it('reads a stray Latin-1 byte as the character it meant', () => {
    expect(textOf(archive, byPath('latin1.txt')).paragraphs[0]).toBe('Tickets now cost £5 more.');
  });

  it.each(['crlf.txt', 'cr.txt'])('normalises the line endings of %s', (name) => {
    const article = byPath(name)!;
    expect(textOf(archive, article).paragraphs).toEqual(['First paragraph.', 'Second paragraph.']);
    expect(article.headline).not.toMatch(/\r/);
  });

  it.each([
    ['binary.txt', /binary file/],
    ['empty.txt', /empty file/],
    ['blank.txt', /no text/],
    ['huge.txt', /too large \(6\.0 MB, limit 5\.0 MB/],
    ['notes.pdf', /not an article file/],
    ['dangling.txt', /broken symbolic link/],
    ['self-a.txt', /symbolic link loop/],
    ['pipe.txt', /not a regular file \(a named pipe\)/],
    ['alias.txt', /same file as crlf\.txt/],
    ['loop/up', /already read/],
  ])('skips %s with a reason', (relPath, reason) => {
    expect(reasonFor(relPath)).toMatch(reason);
  });

  it('reads inside a folder whose name ends in .txt', () => {
    expect(byPath('folder.txt/inside.txt')?.headline).toBe('Harbour reopens');
  });

  it('neutralises escape sequences and control characters in text and names', () => {
    const everything = JSON.stringify(archive);
    // eslint-disable-next-line no-control-regex
    expect(everything).not.toMatch(/[\u001b\u0007\u009b\u009d]|\\u001b|\\u0007|\\u009b/);
    const escapes = byPath('escapes.txt')!;
    expect(escapes.headline).toBe('Title here');
    expect(textOf(archive, escapes).paragraphs[0]).toBe('Body cleared and done.');
    expect([...archive.all()].some((a) => a.relPath.includes('name.txt') && a.relPath.startsWith('esc'))).toBe(true);
    expect([...archive.all()].some((a) => /^new.line\.txt$/.test(a.relPath))).toBe(true);
  });

  it('opens a file whose name is not valid UTF-8 and gives it a shell-safe id', () => {
    const article = [...archive.all()].find((a) => a.relPath.startsWith('caf') && a.relPath.endsWith('.txt'))!;
    expect(article.headline).toBe('Harbour reopens');
    expect(article.id).toMatch(/^caf_-[0-9a-f]{6}$/);
  });

  it('gives every article a unique, shell-safe id', () => {
    const ids = [...archive.all()].map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_.][A-Za-z0-9._/-]*$/);
  });

  it('honours a smaller size limit', async () => {
    const small = await loadArchive(root, { maxFileBytes: 10 });
    expect(small.report.skipped.find((s) => s.relPath === 'utf8-bom.txt')?.reason).toMatch(/too large/);
  });
});

describe('reasons a user can act on', () => {
  it.each([
    ['EACCES', 'permission denied'],
    ['EPERM', 'permission denied'],
    ['ENOENT', 'removed while the archive was loading'],
    ['EISDIR', 'is a folder'],
  ])('%s reads as "%s"', (code, text) => {
    expect(describeFsError(Object.assign(new Error('x'), { code }))).toBe(text);
  });

  it('replaces a dangling odd byte of UTF-16 text instead of throwing', () => {
    expect(decode(Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x42])).text).toBe('A\uFFFD');
    expect(decode(Buffer.from([0xfe, 0xff, 0x00, 0x41, 0x42])).text).toBe('A\uFFFD');
  });
});

describe('article text read on open', () => {
  it('keeps only headers in the archive and reads the text from the file when asked', async () => {
    const root = tempDir();
    writeFileSync(join(root, 'a.txt'), 'Harbour reopens\n\nThe harbour reopened on Monday.\n\nShips queued at dawn.\n');
    const archive = await loadArchive(root);
    const article = [...archive.all()][0]!;
    // The list model never holds a body: at 100,000 articles bodies are most of the memory.
    expect(JSON.stringify(article)).not.toContain('Ships queued');
    expect(article.wordCount).toBe(9);
    expect(textOf(archive, article).paragraphs).toEqual(['The harbour reopened on Monday.', 'Ships queued at dawn.']);
  });

  it('says why when the file went away or turned into something unreadable after loading', async () => {
    const root = tempDir();
    writeFileSync(join(root, 'gone.txt'), TEXT);
    writeFileSync(join(root, 'binary.txt'), TEXT);
    writeFileSync(join(root, 'pipe.txt'), TEXT);
    const archive = await loadArchive(root);
    const byName = (name: string) => [...archive.all()].find((a) => a.relPath === name)!;
    rmSync(join(root, 'gone.txt'));
    writeFileSync(join(root, 'binary.txt'), Buffer.from([0x50, 0x00, 0x01]));
    rmSync(join(root, 'pipe.txt'));
    execFileSync('mkfifo', [join(root, 'pipe.txt')]);
    expect(archive.readText(byName('gone.txt'))).toEqual({ ok: false, reason: 'the file is gone (moved or deleted since the archive loaded)' });
    expect(archive.readText(byName('binary.txt'))).toMatchObject({ ok: false, reason: expect.stringMatching(/binary file/) });
    // A FIFO would block an open() forever: it is refused before opening.
    expect(archive.readText(byName('pipe.txt'))).toEqual({ ok: false, reason: 'no longer a regular file' });
  });
});
