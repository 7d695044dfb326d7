/**
 * The key reference, written once: the help overlay renders it and the
 * README table is generated from the same list (see `keyTableMarkdown`).
 */
import type { Archive } from '../archive/article.js';
import { MAX_NOTE_LENGTH } from '../library/schema.js';
import { SEARCH_SYNTAX_HELP } from '../search/index.js';
import { formatCount } from './text.js';
import { MEASURE_STEP } from './layout.js';

/** The title of the help's search section: `?` on the search line opens the help there. */
export const SEARCH_HELP_TITLE = 'Search syntax';

export interface KeyHelp {
  keys: string;
  does: string;
}
export interface KeyGroup {
  title: string;
  keys: KeyHelp[];
}

export const KEY_GROUPS: readonly KeyGroup[] = [
  {
    title: 'Everywhere',
    keys: [
      { keys: 'j / k / ↓ / ↑', does: 'move down / up one line' },
      { keys: 'Space / PgDn / Ctrl-f', does: 'page down' },
      { keys: 'PgUp / Ctrl-b', does: 'page up' },
      { keys: 'Ctrl-d / Ctrl-u', does: 'half a page down / up' },
      { keys: 'g / Home', does: 'go to the top' },
      { keys: 'G / End', does: 'go to the bottom' },
      { keys: '?', does: 'this help (again to close)' },
      { keys: '!', does: 'archive report: files skipped while loading' },
      { keys: 'T', does: 'theme: dark, light, mono in turn (remembered)' },
      { keys: 'Ctrl-c', does: 'quit at once' },
      { keys: 'Ctrl-z', does: 'suspend to the shell; fg brings the same screen back' },
    ],
  },
  {
    title: 'Article list',
    keys: [
      { keys: 'Enter / l / →', does: 'open the article' },
      { keys: 'n / p', does: 'next / previous row (as j / k)' },
      { keys: 'Tab', does: 'the next unread article (round to the top)' },
      { keys: 'c', does: 'sections: show one folder of the archive, or all' },
      { keys: 'U', does: 'only unread articles, or all again' },
      { keys: 'A', does: 'mark every article in view as read (asks first)' },
      { keys: 's', does: 'sort by date (newest first) or by title (remembered)' },
      { keys: 'S', does: 'newest first with file-dated (~) articles last, or among the rest' },
      { keys: 'o', does: "open the article's source URL in the browser ($BROWSER, else the desktop's)" },
      { keys: 'y', does: "copy the article's source URL (to the terminal's clipboard, OSC 52)" },
      { keys: 'b', does: 'bookmark the article, or remove its bookmark' },
      { keys: 'u', does: 'mark the article read / unread' },
      { keys: 'B', does: 'bookmarks' },
      { keys: 'P', does: 'people: everyone quoted in the archive' },
      { keys: '/', does: 'search the archive (the section shown) as you type' },
      { keys: 'q', does: 'quit' },
    ],
  },
  {
    title: 'Sections',
    keys: [
      { keys: 'Enter / l / →', does: 'show that section (or all of them)' },
      { keys: 'Esc / q / h / ← / c', does: 'back to the list as it was' },
    ],
  },
  {
    title: 'Search line',
    keys: [
      { keys: '↓ / ↑ / Ctrl-n / Ctrl-p', does: 'move through the results while typing' },
      { keys: 'PgDn / PgUp', does: 'a screen of results down / up (more are read in near the end)' },
      { keys: 'Enter', does: 'open the result (back returns to the results)' },
      { keys: 'Esc', does: 'leave the search; the list and its selection come back' },
      { keys: '?', does: 'the search syntax (this help, at the end)' },
    ],
  },
  {
    title: 'Text lines',
    keys: [
      { keys: '← / → / Ctrl-b / Ctrl-f', does: 'move the caret (search, find and note lines)' },
      { keys: 'Home / End / Ctrl-a / Ctrl-e', does: 'caret to the start / end' },
      { keys: 'Backspace / Ctrl-h', does: 'delete the character before the caret' },
      { keys: 'Ctrl-u / Ctrl-w', does: 'clear the line / delete a word' },
      { keys: 'Enter / Esc', does: 'find or save the note / cancel (on the search line, as above)' },
      { keys: 'Ctrl-c', does: 'quit at once, as everywhere' },
      { keys: 'Ctrl-z', does: 'suspend to the shell, as everywhere' },
    ],
  },
  {
    title: 'Reader',
    keys: [
      { keys: 'Esc / h / ← / q', does: 'back (to the list, the results or bookmarks, or the article you came from)' },
      { keys: 'n / p', does: 'next / previous article of what it was opened from: the results, the bookmarks, the list' },
      { keys: 'n / p', does: "opened from a search: the next / previous of its words off the screen, then the next result" },
      { keys: 'Tab', does: 'the next unread article' },
      { keys: '] / [', does: 'next / previous quote or figure (the footer says whose, or which figure)' },
      { keys: 'w', does: "who said what: the article's quotations by speaker, and its figures" },
      { keys: '1 – 9', does: 'open a numbered "See also" article' },
      { keys: 'o / y', does: "open the article's source URL in the browser / copy it" },
      { keys: '|', does: 'the article in your pager ($PAGER, else less); back here when it ends' },
      { keys: 'v', does: "the article's file in your editor ($VISUAL, $EDITOR, else vi); saved changes show at once" },
      { keys: '+ / = / -', does: `wider (= as +, unshifted) / narrower text, ${MEASURE_STEP} columns at a time (remembered as maxWidth)` },
      { keys: 'b / u', does: 'bookmark / mark read or unread this article' },
      { keys: '/', does: 'find in the article (plain text, any case)' },
      { keys: 'n / N', does: 'next / previous match while a find is active (p = N; Esc clears it)' },
    ],
  },
  {
    title: 'Who said what',
    keys: [
      { keys: 'Enter / l / →', does: 'go to the quotation or figure in the text' },
      { keys: 'Esc / q / h / ← / w', does: 'back to the article' },
      { keys: 'b / u', does: 'bookmark / mark read or unread the article' },
    ],
  },
  {
    title: 'People',
    keys: [
      { keys: 'Enter / l / →', does: "a person's quotations; on a quotation, open the article at it" },
      { keys: 'Esc / q / h / ←', does: 'back (to the people, or the list)' },
      { keys: 'P', does: 'back to the list' },
      { keys: 'b / u', does: "bookmark / mark read or unread a quotation's article" },
    ],
  },
  {
    title: 'Bookmarks',
    keys: [
      { keys: 'Enter / l / →', does: 'open the article (not for missing ones)' },
      { keys: 'n / p', does: 'next / previous bookmark (as j / k)' },
      { keys: 'd / x / b', does: 'remove the bookmark' },
      { keys: 'e / a', does: `write a short note, up to ${MAX_NOTE_LENGTH} characters: the line counts down (Enter saves, Esc cancels)` },
      { keys: 'o', does: "open the article's source URL in the browser" },
      { keys: 'y', does: "copy the article's source URL" },
      { keys: 'u', does: 'mark the article read / unread' },
      { keys: 'A', does: "this archive's bookmarks, or every archive's" },
      { keys: 'Esc / q / h / ← / B', does: 'back to the list' },
    ],
  },
  {
    title: 'Help and report',
    keys: [
      { keys: 'Esc / q / h / ←', does: 'close (as ? and ! do)' },
    ],
  },
  {
    title: 'Questions',
    keys: [
      { keys: 'y', does: 'yes (mark all read: the status line asks)' },
      { keys: 'any other key', does: 'no: nothing changes' },
    ],
  },
];

export const LEGEND: readonly string[] = [
  'In the list: * bookmarked, N not yet opened (headline in bold), ~ a date that is only the',
  "  file's modification time (the article has none of its own).",
  'Search results: under each, where its words are in the text; the words are marked in the',
  '  article opened from them.',
  'In articles: quotations in green, figures in bold yellow (red in the light theme);',
  '  without colour, quotations are underlined and figures bold. > marks the one ] or [ went to.',
  '  Who spoke a quotation is named beside the line it ends on (— Wang Yi), or under its',
  '  paragraph when the window is narrow; a quotation the text does not attribute has no name.',
  'Articles reopen where you left them; bookmarks, read marks and the sort are kept.',
];

/** Help overlay text, one entry per screen line. */
export function helpLines(): string[] {
  const keyWidth = Math.max(...KEY_GROUPS.flatMap((g) => g.keys.map((k) => k.keys.length)));
  const lines: string[] = [];
  for (const group of KEY_GROUPS) {
    if (lines.length > 0) lines.push('');
    lines.push(group.title);
    for (const k of group.keys) lines.push(`  ${k.keys.padEnd(keyWidth)}  ${k.does}`);
  }
  lines.push('', ...LEGEND);
  lines.push('', SEARCH_HELP_TITLE, ...SEARCH_SYNTAX_HELP.split('\n').map((line) => `  ${line}`));
  return lines;
}

/** README key table (Markdown), generated from the same source as the help overlay. */
export function keyTableMarkdown(): string {
  const rows = ['| Where | Keys | Does |', '|---|---|---|'];
  for (const group of KEY_GROUPS) {
    for (const k of group.keys) rows.push(`| ${group.title} | ${k.keys.replaceAll('|', '\\|')} | ${k.does} |`);
  }
  return rows.join('\n');
}

/** Archive report text: what was loaded, what was skipped and why. */
export function reportLines(archive: Archive): string[] {
  const { report } = archive;
  const lines = [
    `Archive: ${report.root}`,
    `${formatCount(report.loaded)} loaded · ${formatCount(report.skipped.length)} skipped · ${formatCount(report.scanned)} entries scanned`,
  ];
  lines.push('', report.skipped.length === 0 ? 'Nothing was skipped.' : 'Skipped');
  for (const s of report.skipped) lines.push(`  ${s.relPath}: ${s.reason}`);
  if (report.notes.length > 0) {
    lines.push('', 'Notes');
    for (const n of report.notes) lines.push(`  ${n.relPath}: ${n.note}`);
  }
  return lines;
}
