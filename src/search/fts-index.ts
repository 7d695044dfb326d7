/**
 * What the full-text index holds for an article, and its vocabulary. The
 * store (src/archive/store.ts) keeps one FTS5 table; its text is folded here
 * first (lower case, no accents, no possessive `'s`, no apostrophes), the same
 * way queries are, so a word is spelt one way on both sides.
 */
import type { Db } from '../archive/store.js';
import { indexedText } from './text.js';
import type { ArticleText } from '../archive/article.js';
import type { SearchDoc, SearchHeader } from './types.js';

/** Bits of the fts columns, in order of importance: headline, source, tags, lead, body. */
export const FIELD = { headline: 0, source: 1, tags: 2, lead: 3, body: 4 } as const;
export const FIELD_NAMES = ['headline', 'source', 'tags', 'lead', 'body'] as const;

/**
 * The searchable part of an article: the lead is the first paragraph, the
 * body the rest. Without its text (unreadable now) only the header is searched.
 */
export function toSearchDoc(article: SearchHeader, text: ArticleText | undefined): SearchDoc {
  const paragraphs = text?.paragraphs ?? [];
  const doc: SearchDoc = {
    id: article.id,
    headline: article.headline,
    tags: article.tags,
    lead: paragraphs[0] ?? '',
    body: paragraphs.slice(1).join('\n\n'),
    date: article.date,
  };
  if (article.source !== undefined) doc.source = article.source;
  if (article.dateline !== undefined) doc.dateline = article.dateline;
  return doc;
}

function folded(text: string | undefined): string {
  return text ? indexedText(text) : '';
}

export type FtsColumns = [headline: string, source: string, tags: string, lead: string, body: string];

/** The fts row of a document: headline, source (with the dateline's place), tags, lead, body. */
export function ftsColumns(doc: SearchDoc): FtsColumns {
  return [
    folded(doc.headline),
    folded([doc.source, doc.dateline].filter(Boolean).join(' ')),
    folded(doc.tags.join(' ')),
    folded(doc.lead),
    folded(doc.body),
  ];
}

/** Writes an article's row into both full-text tables (the whole text, and its title fields alone). */
export function ftsWriter(db: Db) {
  const insertText = db.prepare('INSERT INTO fts (rowid, headline, source, tags, lead, body) VALUES (?, ?, ?, ?, ?, ?)');
  const insertTitles = titlesInsert(db);
  const deleteText = db.prepare('DELETE FROM fts WHERE rowid = ?');
  const deleteTitles = db.prepare('DELETE FROM fts_titles WHERE rowid = ?');
  return {
    insert(n: number, columns: FtsColumns): void {
      insertText.run(n, ...columns);
      insertTitles(n, columns);
    },
    remove(n: number): void {
      deleteText.run(n);
      deleteTitles.run(n);
    },
  };
}

function titlesInsert(db: Db): (n: number, columns: FtsColumns) => void {
  const insert = db.prepare('INSERT INTO fts_titles (rowid, headline, source, tags) VALUES (?, ?, ?, ?)');
  return (n, [headline, source, tags]) => void insert.run(n, headline, source, tags);
}

/** Fills the title fields' index from the catalogue (a store made before it existed). */
export function fillTitlesIndex(db: Db): void {
  const insert = titlesInsert(db);
  const rows = db.prepare('SELECT n, headline, source, dateline, tags FROM files WHERE id IS NOT NULL').all() as Array<{ n: number; headline: string; source: string | null; dateline: string | null; tags: string | null }>;
  // Read whole before writing: FTS5 flushes at every statement in between, one segment per row.
  for (const row of rows) {
    const doc: SearchDoc = { id: '', headline: row.headline, tags: row.tags ? row.tags.split('\n') : [], lead: '', body: '', date: '' };
    if (row.source !== null) doc.source = row.source;
    if (row.dateline !== null) doc.dateline = row.dateline;
    insert(row.n, ftsColumns(doc));
  }
}

/**
 * Merges the full-text index into one segment after many rows were replaced
 * (every file read again for a new parser): left as it was, a keystroke took
 * 34-41 ms where the merged index takes 26-34 ms (100,000 articles, the
 * bench's queries, back to back on a loaded machine); ~6 s of work at
 * 100,000. In steps of 256 pages, each its own transaction, so another
 * writer never waits long; throws SQLITE_BUSY when another holds the lock.
 */
export function mergeSegments(db: Db): void {
  const merge = db.prepare("INSERT INTO fts (fts, rank) VALUES ('merge', -256)");
  const changes = db.prepare('SELECT total_changes()').pluck();
  for (;;) {
    const before = changes.get() as number;
    merge.run();
    // FTS5 says so: fewer than two changes means there was nothing left to merge.
    if ((changes.get() as number) - before < 2) return;
  }
}

/**
 * Rebuilds the vocabulary table from the index: each word with a bit per
 * field it occurs in. Typo tolerance scans it; reading fts5vocab directly at
 * every start costs ~0.4 s at 100,000 articles.
 */
export function rebuildVocabulary(db: Db): void {
  db.prepare('DELETE FROM vocabulary').run();
  db.prepare(`INSERT INTO vocabulary (term, fields)
    SELECT term, SUM(CASE col WHEN 'headline' THEN 1 WHEN 'source' THEN 2 WHEN 'tags' THEN 4 WHEN 'lead' THEN 8 ELSE 16 END)
    FROM fts_terms GROUP BY term`).run();
}

/**
 * Writes documents into a store's catalogue and index directly, without
 * files: for tests and benchmarks of the search alone.
 */
export function indexDocs(db: Db, docs: readonly SearchDoc[]): void {
  const insert = db.prepare(`INSERT INTO files (path, rel, size, mtime, ino, id, format, headline, dateline, source, tags, date, date_origin, section, words, fingerprint, lead, headline_key)
    VALUES (?, ?, 0, 0, 0, ?, 'text', ?, ?, ?, ?, ?, 'file-name', ?, 0, '', ?, '') RETURNING n`);
  const fts = ftsWriter(db);
  db.transaction(() => {
    // Catalogue rows first, then the index: FTS5 flushes at every other statement in between (see storeWriter).
    // The section is the id's first folder, as the indexer takes it from the path.
    const sectionOf = (id: string): string => (id.includes('/') ? id.slice(0, id.indexOf('/')) : '');
    const rows = docs.map((doc) => (insert.get(Buffer.from(doc.id), doc.id, doc.id, doc.headline, doc.dateline ?? null, doc.source ?? null, doc.tags.join('\n') || null, doc.date, sectionOf(doc.id), doc.lead) as { n: number }).n);
    docs.forEach((doc, i) => fts.insert(rows[i]!, ftsColumns(doc)));
    rebuildVocabulary(db);
  })();
}
