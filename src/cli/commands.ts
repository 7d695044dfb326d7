/**
 * The scriptable commands as functions from an archive to text, so tests call
 * them directly and the entry only prints. Article text is sanitised at load.
 */
import type { Archive, Article, ArticleText } from '../archive/article.js';
import { resolveRelated } from '../archive/related.js';
import { sectionOf } from '../archive/indexer.js';
import type { Style } from './style.js';
import { findHighlights, formatFigures, formatQuotes, type Highlight } from '../analysis/index.js';
import { columns, wrapWords } from '../text/columns.js';

export function listText(articles: readonly Article[], style: Style): string {
  const width = Math.max(0, ...articles.map((a) => a.id.length));
  // `~` in the gap before the date: only the file's modification time was known (columns stay aligned).
  return articles
    .map((a) => `${style.dim(a.id.padEnd(width))} ${a.dateOrigin === 'mtime' ? style.dim('~') : ' '}${a.date.slice(0, 10)}  ${a.headline}`)
    .join('\n');
}

/** `list --ids`: one id a line, for scripts and shell completion. */
export function listIds(articles: readonly Article[]): string {
  return articles.map((a) => a.id).join('\n');
}

export function listJson(articles: readonly Article[]): unknown[] {
  return articles.map((a) => ({
    id: a.id,
    date: a.date,
    dateOrigin: a.dateOrigin,
    headline: a.headline,
    source: a.source ?? null,
    dateline: a.dateline ?? null,
    path: a.relPath,
    section: sectionOf(a.relPath),
    words: a.wordCount,
  }));
}


const DATE_ORIGIN_LABEL: Record<Article['dateOrigin'], string> = {
  'front-matter': 'from front matter',
  page: "from the page's metadata",
  'file-name': 'from file name',
  dateline: 'from dateline',
  mtime: 'file modified',
};

/** The article as plain wrapped text for a pipe or pager. */
export function showText(article: Article, text: ArticleText, archive: Archive, width: number, style: Style): string {
  // Wrapped in terminal columns (src/text/columns.ts), styled afterwards: no escape code is ever measured.
  const room = (indent: string): number => Math.max(10, width - indent.length);
  const wrap = (text: string, indent = ''): string =>
    wrapWords(text, room(indent))
      .map((line) => indent + line)
      .join('\n');
  const meta = [
    article.dateline,
    article.source,
    article.author && `by ${article.author}`,
    `${article.date.slice(0, 10)} (${DATE_ORIGIN_LABEL[article.dateOrigin]})`,
    `${article.readingMinutes} min read`,
    `${article.wordCount.toLocaleString('en')} words`,
  ].filter(Boolean);
  const out = [style.bold(wrap(article.headline)), style.dim(wrap(meta.join(' · ')))];
  if (article.url) out.push(style.dim(wrap(article.url)));
  if (article.tags.length) out.push(style.dim(wrap(`tags: ${article.tags.join(', ')}`)));
  out.push('');
  for (const paragraph of text.paragraphs) out.push(wrap(paragraph), '');
  if (text.related.length) {
    out.push(style.bold('See also:'));
    for (const link of text.related) {
      const match = resolveRelated(archive, link, article.id);
      const date = link.date ? ` (${link.date})` : '';
      // A hanging indent: continuation lines sit under the headline, not the dash.
      const lines = wrapWords(`- ${link.headline}${date}`, room('  '));
      if (match) {
        const arrow = `  → ${match.id}`;
        const last = lines.length - 1;
        if (last >= 0 && columns(lines[last]!) + columns(arrow) <= room('  ')) lines[last] += style.dim(arrow);
        else lines.push(...wrapWords(`→ ${match.id}`, room('  ')).map((part) => style.dim(part)));
      }
      out.push(lines.map((line, i) => (i === 0 ? line : `  ${line}`)).join('\n'));
    }
    out.push('');
  }
  return out.join('\n').trimEnd();
}

export function showJson(article: Article, text: ArticleText, archive: Archive): unknown {
  return {
    id: article.id,
    path: article.relPath,
    format: article.format,
    headline: article.headline,
    dateline: article.dateline ?? null,
    source: article.source ?? null,
    author: article.author ?? null,
    url: article.url ?? null,
    tags: article.tags,
    date: article.date,
    dateOrigin: article.dateOrigin,
    paragraphs: text.paragraphs,
    related: text.related.map((link) => ({ ...link, id: resolveRelated(archive, link, article.id)?.id ?? null })),
    stats: { words: article.wordCount, readingMinutes: article.readingMinutes, paragraphs: text.paragraphs.length, bytes: article.size },
    highlights: findHighlights(text.paragraphs),
  };
}

export function doctorText(archive: Archive, style: Style): string {
  const { report } = archive;
  const lines = [
    `${style.bold('Archive')} ${report.root}`,
    `${report.loaded} article${report.loaded === 1 ? '' : 's'} loaded, ${report.skipped.length} file${report.skipped.length === 1 ? '' : 's'} skipped, ${report.scanned} looked at`,
  ];
  if (report.skipped.length) {
    lines.push('', style.bold('Skipped:'));
    for (const s of report.skipped) lines.push(`  ${s.relPath}: ${style.warn(s.reason)}`);
  }
  if (report.notes.length) {
    lines.push('', style.bold('Loaded with notes:'));
    for (const n of report.notes) lines.push(`  ${n.relPath}: ${n.note}`);
  }
  return lines.join('\n');
}

export function doctorJson(archive: Archive): unknown {
  return archive.report;
}

function count(highlights: readonly Highlight[], kind: Highlight['kind']): number {
  return highlights.filter((h) => h.kind === kind).length;
}

/** `quotes ID --json`: the article and its quotations (highlights of kind quote). */
export function quotesJson(article: Article, text: ArticleText): unknown {
  return { id: article.id, headline: article.headline, quotes: findHighlights(text.paragraphs).filter((h) => h.kind === 'quote') };
}

/** `figures ID --json`: the article and its figures. */
export function figuresJson(article: Article, text: ArticleText): unknown {
  return { id: article.id, headline: article.headline, figures: findHighlights(text.paragraphs).filter((h) => h.kind === 'figure') };
}

/** `broadsheet quotes ID`: each quotation with its speaker, paragraph numbers from 1. */
export function quotesText(article: Article, text: ArticleText, style: Style): string {
  const highlights = findHighlights(text.paragraphs);
  const n = count(highlights, 'quote');
  if (n === 0) return `${style.bold(article.headline)}\nNo quotations found.`;
  return `${style.bold(article.headline)}\n${n} quotation${n === 1 ? '' : 's'}\n\n${formatQuotes(highlights)}`;
}

/** `broadsheet figures ID`: each figure with the sentence it stands in. */
export function figuresText(article: Article, text: ArticleText, style: Style): string {
  const highlights = findHighlights(text.paragraphs);
  const n = count(highlights, 'figure');
  if (n === 0) return `${style.bold(article.headline)}\nNo figures found.`;
  return `${style.bold(article.headline)}\n${n} figure${n === 1 ? '' : 's'}\n\n${formatFigures(text.paragraphs, highlights)}`;
}
