/**
 * Which parser reads a file, by its name, and the parsers themselves. Plain
 * text is parsed here (parse.ts); Markdown (markdown-it) and HTML (linkedom
 * and Readability) are chunks of their own, loaded only when an archive holds
 * files to parse: module loading that `list` never pays for a folder of .txt
 * files, nor for one whose headers are all cached. Loading is asynchronous
 * and parsing is not, so whatever parses calls `loadParsersFor` with the file
 * names first: loadArchive for the files it parses, the parse and search
 * workers for theirs, `show` for its article, the reader and `search` for
 * the whole archive, the archive check for the archive it hands back.
 */
import type { ArticleFormat } from './article.js';
import { decode, normaliseNewlines, type Decoded } from './decode.js';
import { parseText, type ParsedArticle } from './parse.js';
import { sanitizeBody } from '../sanitize/index.js';

/** For messages: `.txt, .md, .markdown, .html and .htm`. */
export const ARTICLE_EXTENSIONS_TEXT = '.txt, .md, .markdown, .html and .htm';

/**
 * The format of a file named `name`, or undefined when it is not an article
 * file. Called for every file of the archive (100,000 at times): a switch
 * over the short extension, no regular expression.
 */
export function formatOf(name: string): ArticleFormat | undefined {
  const dot = name.lastIndexOf('.');
  if (dot < 0 || name.length - dot > 9) return undefined;
  switch (name.slice(dot).toLowerCase()) {
    case '.txt':
      return 'text';
    case '.md':
    case '.markdown':
      return 'markdown';
    case '.html':
    case '.htm':
      return 'html';
    default:
      return undefined;
  }
}

type MarkdownModule = typeof import('./markdown.js');
type HtmlModule = typeof import('./html.js');
let markdown: MarkdownModule | undefined;
let html: HtmlModule | undefined;

/** Loads the parsers the files named in `names` need (at most once per process). */
export async function loadParsersFor(names: Iterable<string>): Promise<void> {
  let wantMarkdown = markdown === undefined;
  let wantHtml = html === undefined;
  if (!wantMarkdown && !wantHtml) return;
  let needMarkdown = false;
  let needHtml = false;
  for (const name of names) {
    const format = formatOf(name);
    if (format === 'markdown' && wantMarkdown) {
      needMarkdown = true;
      wantMarkdown = false;
    } else if (format === 'html' && wantHtml) {
      needHtml = true;
      wantHtml = false;
    }
    if (!wantMarkdown && !wantHtml) break;
  }
  const [md, page] = await Promise.all([needMarkdown ? import('./markdown.js') : undefined, needHtml ? import('./html.js') : undefined]);
  markdown ??= md;
  html ??= page;
}

/** Every parser: for a process that reads articles it cannot know in advance (the reader, the indexer's thread). */
export function loadAllParsers(): Promise<void> {
  return loadParsersFor(['any.md', 'any.html']);
}

/**
 * Thrown when a parser is needed before `loadParsersFor` loaded it: a bug.
 * Not a ParseError, so the loader treats it as passing (the file is not
 * cached as skipped and is read again next time).
 */
export class ParserNotLoaded extends Error {}

/**
 * Bytes to parsed article. Text and Markdown are decoded, then sanitised
 * whole before parsing (src/sanitize); HTML is decoded with its declared
 * charset and parsed raw, because its entities (`&#27;`) become characters
 * only in the parser and its lines may be longer than the sanitiser keeps:
 * the HTML parser sanitises everything it extracts.
 */
export function parseBytes(relPath: string, bytes: Uint8Array): { parsed: ParsedArticle; decoded: Decoded } {
  const format = formatOf(relPath) ?? 'text';
  if (format === 'html') {
    if (!html) throw new ParserNotLoaded('HTML support was not loaded (a bug: please report it)');
    const decoded = html.decodeHtml(bytes);
    return { parsed: html.parseHtml(normaliseNewlines(decoded.text)), decoded };
  }
  const decoded = decode(bytes);
  const text = sanitizeBody(normaliseNewlines(decoded.text));
  if (format === 'text') return { parsed: parseText(text), decoded };
  if (!markdown) throw new ParserNotLoaded('Markdown support was not loaded (a bug: please report it)');
  return { parsed: markdown.parseMarkdown(text), decoded };
}
