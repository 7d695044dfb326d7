import type { Archive, Article, ArticleText, SkippedFile } from '../../src/archive/article.js';
import { articleFingerprint } from '../../src/archive/fingerprint.js';

/** Texts of fixture articles, by id: `makeArchive` serves them as if read from files. */
const texts = new Map<string, ArticleText>();

/** An article with sensible defaults; override what the test is about (its text too). */
export function makeArticle(overrides: Partial<Article & ArticleText> & { id: string }): Article {
  const { paragraphs = ['First paragraph of the story.', 'Second paragraph of the story.'], related = [], ...header } = overrides;
  const wordCount = paragraphs.join(' ').split(/\s+/).length;
  texts.set(overrides.id, { paragraphs, related });
  return {
    relPath: `${overrides.id}.txt`,
    path: `/archive/${overrides.id}.txt`,
    format: 'text',
    headline: `Headline ${overrides.id}`,
    tags: [],
    date: '2023-01-01',
    dateOrigin: 'file-name',
    wordCount,
    readingMinutes: Math.max(1, Math.round(wordCount / 230)),
    size: 1000,
    mtimeMs: 0,
    ...header,
    fingerprint: articleFingerprint(header.headline ?? `Headline ${overrides.id}`, paragraphs[0] ?? ''),
  };
}

export function makeArchive(articles: Article[], skipped: SkippedFile[] = [], root = '/home/reader/news'): Archive {
  return {
    root,
    articles,
    byId: new Map(articles.map((a) => [a.id, a])),
    report: { root, scanned: articles.length + skipped.length, loaded: articles.length, skipped, notes: [] },
    fileOf: (article) => article.path,
    readText: (article) => {
      const text = texts.get(article.id);
      return text ? { ok: true, text } : { ok: false, reason: 'the file is gone (moved or deleted since the archive loaded)' };
    },
  };
}

/** `count` articles, one a day going back from 2023-12-31, so date order is predictable: a000 is newest. */
export function manyArticles(count: number): Article[] {
  const start = Date.UTC(2023, 11, 31);
  return Array.from({ length: count }, (_, i) => {
    const id = `a${String(i).padStart(3, '0')}`;
    return makeArticle({ id, headline: `Story number ${i}`, date: new Date(start - i * 86_400_000).toISOString().slice(0, 10) });
  });
}

/** A long article: `count` paragraphs of about 40 words each. */
export function longParagraphs(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `Paragraph ${i + 1}. ${'Lorem ipsum dolor sit amet consectetur adipiscing elit. '.repeat(5).trim()}`);
}
