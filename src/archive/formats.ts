/**
 * Which parser reads a file, by its name, and the parsers themselves. Plain
 * text is parsed here (parse.ts); Markdown (markdown-it) is a chunk of its
 * own, loaded only when an archive holds files to parse: module loading that `list` never pays for a folder of .txt
 * files, nor for one whose headers are all cached. Loading is asynchronous
 * and parsing is not, so whatever parses calls `loadParsersFor` with the file
 * names first: loadArchive for the files it parses, the parse and search
 * workers for theirs, `show` for its article, the reader and `search` for
 * the whole archive, the archive check for the archive it hands back.
 */
import type { ArticleFormat } from './article.js';
import { decode, normaliseNewlines, type Decoded } from './decode.js';
import { parseText, ParseError, type ParsedArticle } from './parse.js';
import { sanitizeBody } from '../sanitize/index.js';

const EXTENSIONS: ReadonlyArray<readonly [string, ArticleFormat]> = [
  ['.txt', 'text'],
  ['.md', 'markdown'],
  ['.markdown', 'markdown'],
];

/** For messages: `.txt, .md and .markdown`. */
export const ARTICLE_EXTENSIONS_TEXT = `${EXTENSIONS.slice(0, -1).map(([ext]) => ext).join(', ')} and ${EXTENSIONS.at(-1)![0]}`;

/** The format of a file named `name`, or undefined when it is not an article file. */
export function formatOf(name: string): ArticleFormat | undefined {
  const dot = name.lastIndexOf('.');
  if (dot < 0) return undefined;
  const ext = name.slice(dot).toLowerCase();
  for (const [known, format] of EXTENSIONS) if (ext === known) return format;
  return undefined;
}

type MarkdownModule = typeof import('./markdown.js');
let markdown: MarkdownModule | undefined;

/** Loads the parsers the files named in `names` need (at most once per process). */
export async function loadParsersFor(names: Iterable<string>): Promise<void> {
  if (markdown !== undefined) return;
  for (const name of names) {
    if (formatOf(name) === 'markdown') {
      markdown ??= await import('./markdown.js');
      return;
    }
  }
}

/** Thrown when a parser is needed before `loadParsersFor` loaded it: a bug, reported as the file's skip reason. */
export class ParserNotLoaded extends ParseError {}

/** Bytes to parsed article: decoded, then sanitised whole before parsing (src/sanitize). */
export function parseBytes(relPath: string, bytes: Uint8Array): { parsed: ParsedArticle; decoded: Decoded } {
  const format = formatOf(relPath) ?? 'text';
  const decoded = decode(bytes);
  const text = sanitizeBody(normaliseNewlines(decoded.text));
  if (format === 'text') return { parsed: parseText(text), decoded };
  if (!markdown) throw new ParserNotLoaded('Markdown support was not loaded (a bug: please report it)');
  return { parsed: markdown.parseMarkdown(text), decoded };
}
