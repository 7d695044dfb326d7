/**
 * Which parser reads a file, by its name, and the parsers themselves. Plain
 * text is parsed here (parse.ts), its character references decoded by the
 * entities package (loaded like a parser: its tables cost start-up); Markdown (markdown-it) and HTML (linkedom
 * and Readability) are chunks of their own, loaded only when an archive holds
 * files to parse: module loading that `list` never pays for a folder of .txt
 * files, nor for one whose headers are all cached. Loading is asynchronous
 * and parsing is not, so whatever parses calls `loadParsersFor` with the file
 * names first: the indexer for the files it reads, `show` for its article,
 * `search` for the whole archive, and the reader for the formats its
 * catalogue lists (every one once new files are being read: parsersFirst).
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
type EntitiesModule = typeof import('entities/decode');
let markdown: MarkdownModule | undefined;
let html: HtmlModule | undefined;
/** HTML character references in plain text (`&#163;`, `&amp;`): the entities package's decoder and its tables. */
let entities: EntitiesModule | undefined;

/** Loads the parsers the files named in `names` need (at most once per process). */
export function loadParsersFor(names: Iterable<string>): Promise<void> {
  const missing = missingFormats();
  const wanted = new Set<ArticleFormat>();
  if (missing.size > 0) {
    for (const name of names) {
      const format = formatOf(name) ?? 'text';
      if (missing.has(format)) wanted.add(format);
      if (wanted.size === missing.size) break;
    }
  }
  return loadFormats(wanted);
}

/** Loads the parsers of these formats (at most once per process). */
export async function loadFormats(formats: Iterable<ArticleFormat>): Promise<void> {
  const wanted = new Set(formats);
  const [md, page, references] = await Promise.all([
    wanted.has('markdown') && !markdown ? import('./markdown.js') : undefined,
    wanted.has('html') && !html ? import('./html.js') : undefined,
    wanted.has('text') && !entities ? import('entities/decode') : undefined,
  ]);
  markdown ??= md;
  html ??= page;
  entities ??= references;
}

/** Whether the parsers of all these formats are loaded. */
export function parsersLoaded(formats: Iterable<ArticleFormat>): boolean {
  const missing = missingFormats();
  for (const format of formats) if (missing.has(format)) return false;
  return true;
}

function missingFormats(): Set<ArticleFormat> {
  const missing = new Set<ArticleFormat>();
  if (!markdown) missing.add('markdown');
  if (!html) missing.add('html');
  if (!entities) missing.add('text');
  return missing;
}

export const ALL_FORMATS: readonly ArticleFormat[] = ['text', 'markdown', 'html'];

/** Every parser: for a process that reads articles it cannot know in advance (the reader, the indexer's thread). */
export function loadAllParsers(): Promise<void> {
  return loadFormats(ALL_FORMATS);
}

/**
 * Thrown when a parser is needed before `loadParsersFor` loaded it: a bug.
 * Not a ParseError, so the loader treats it as passing (the file is not
 * cached as skipped and is read again next time).
 */
export class ParserNotLoaded extends Error {}

/** A character reference: `&#163;`, `&#x2019;`, `&amp;` (with its semicolon: `AT&T` and `M&S` are text). */
const REFERENCE = /&(?:#\d{1,7}|#x[\da-f]{1,6}|[a-z][a-z\d]{1,31});/i;

/**
 * Plain text saved from web pages keeps HTML character references: they
 * are decoded (before sanitising, so `&#27;` is an escape like any other).
 */
function decodeReferences(text: string): string {
  if (!REFERENCE.test(text)) return text;
  if (!entities) throw new ParserNotLoaded('The character reference decoder was not loaded (a bug: please report it)');
  return entities.decodeHTML(text, entities.DecodingMode.Strict);
}

/**
 * Bytes to parsed article. Text and Markdown are decoded, then sanitised
 * whole before parsing (src/sanitize), text after its character references; HTML is decoded with its declared
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
  if (format === 'text') return { parsed: parseText(sanitizeBody(normaliseNewlines(decodeReferences(decoded.text)))), decoded };
  const text = sanitizeBody(normaliseNewlines(decoded.text));
  if (!markdown) throw new ParserNotLoaded('Markdown support was not loaded (a bug: please report it)');
  return { parsed: markdown.parseMarkdown(text), decoded };
}
