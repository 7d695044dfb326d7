import type { Archive, Article, SkippedFile } from '../../src/archive/article.js';

/** An article with sensible defaults; override what the test is about. */
export function makeArticle(overrides: Partial<Article> & { id: string }): Article {
  const paragraphs = overrides.paragraphs ?? ['First paragraph of the story.', 'Second paragraph of the story.'];
  const wordCount = paragraphs.join(' ').split(/\s+/).length;
  return {
    relPath: `${overrides.id}.txt`,
    path: `/archive/${overrides.id}.txt`,
    format: 'text',
    headline: `Headline ${overrides.id}`,
    tags: [],
    date: '2023-01-01',
    dateOrigin: 'file-name',
    paragraphs,
    related: [],
    wordCount,
    readingMinutes: Math.max(1, Math.round(wordCount / 230)),
    size: 1000,
    mtimeMs: 0,
    ...overrides,
  };
}

export function makeArchive(articles: Article[], skipped: SkippedFile[] = [], root = '/home/reader/news'): Archive {
  return {
    root,
    articles,
    byId: new Map(articles.map((a) => [a.id, a])),
    report: { root, scanned: articles.length + skipped.length, loaded: articles.length, skipped, notes: [] },
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
