import type { Archive, Article, ArticleText } from '../../src/archive/article.js';

/** An article's text as the reader would read it; a test fails loudly if it cannot be read. */
export function textOf(archive: Archive, article: Article | undefined): ArticleText {
  if (!article) throw new Error('no such article');
  const result = archive.readText(article);
  if (!result.ok) throw new Error(`cannot read ${article.relPath}: ${result.reason}`);
  return result.text;
}
