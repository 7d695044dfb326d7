import type { Article, ArticleOrder, ArticleText, SkippedFile, TextResult } from '../../src/archive/article.js';
import { Catalogue } from '../../src/archive/catalogue.js';
import { articleFingerprint } from '../../src/archive/fingerprint.js';
import { storeWriter } from '../../src/archive/indexer.js';
import { openStore } from '../../src/archive/store.js';

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
    // The file's size, as the index records it: at least its text's bytes.
    size: Math.max(1000, Buffer.byteLength(paragraphs.join('\n\n'))),
    mtimeMs: 0,
    ...header,
    fingerprint: articleFingerprint(header.headline ?? `Headline ${overrides.id}`, paragraphs[0] ?? ''),
  };
}

/** A catalogue whose texts come from the fixtures, not from files. */
class FixtureCatalogue extends Catalogue {
  override readText(article: Article): TextResult {
    const text = texts.get(article.id);
    return text ? { ok: true, text } : { ok: false, reason: 'the file is gone (moved or deleted since the archive loaded)' };
  }

  override fileOf(article: Article): string {
    return article.path;
  }
}

/** The articles in a store of their own, in memory, as the indexer would have written them. */
export function makeArchive(articles: Article[], skipped: SkippedFile[] = [], root = '/home/reader/news'): Catalogue {
  const { db } = openStore(undefined);
  const writer = storeWriter(db);
  let ino = 1;
  db.transaction(() => {
    for (const article of articles) {
      const file = { path: Buffer.from(`${root}/${article.relPath}`), relPath: article.relPath, stats: { size: article.size, mtimeMs: article.mtimeMs, ino: ino++ } };
      const text = texts.get(article.id) ?? { paragraphs: [], related: [] };
      writer.upsert(file, article.id, { kind: 'article', article: { ...article, path: `${root}/${article.relPath}` }, text, notes: [] });
    }
    for (const skip of skipped) {
      const file = { path: Buffer.from(`${root}/${skip.relPath}`), relPath: skip.relPath, stats: { size: 0, mtimeMs: 0, ino: ino++ } };
      writer.upsert(file, skip.relPath, { kind: 'skipped', reason: skip.reason });
    }
    writer.finish();
  })();
  db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('scanned', ?)").run(String(articles.length + skipped.length));
  return new FixtureCatalogue(db, root, 5 * 1024 * 1024);
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

/** Every id of an order, in order (tests compare whole orders). */
export function idsOf(order: ArticleOrder): string[] {
  return Array.from({ length: order.length }, (_, index) => order.idAt(index)!);
}
