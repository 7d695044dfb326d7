/**
 * Lays an article out as the reader's lines for one text width. Done once per
 * (article, width) and memoised, so scrolling only slices an array.
 */
import type { Archive, Article, ArticleText, RelatedLink } from '../archive/article.js';
import { resolveRelated } from '../archive/related.js';
import { findHighlights, layoutParagraphDetailed, sentenceAt } from './highlights.js';
import type { Highlight, SegmentStyle, StyledLine } from './highlights.js';
import type { TextLayout } from './layout.js';
import { formatDate, sourceOf, truncate, widthOf, wrapWords } from './text.js';

export type LineKind = 'headline' | 'meta' | 'body' | 'blank' | 'heading' | 'related' | 'related-missing' | 'speaker';

export interface DocLine {
  kind: LineKind;
  segments: StyledLine;
  /** True when a quote or figure begins on this line: the stops for `]` and `[`. */
  startsHighlight: boolean;
  /** Body lines: where in the text the line begins (paragraph index and offset in it). */
  at?: { paragraph: number; offset: number };
  /** In the right margin: who spoke the quotations that end on this line (`— Wang Yi`). */
  note?: string;
}

/** A quotation or figure as the reader points at it (`]`/`[`, the quotes panel). */
export interface DocHighlight {
  kind: 'quote' | 'figure';
  /** The line it starts on. */
  line: number;
  /** 1-based among the article's highlights of its kind. */
  ordinal: number;
  text: string;
  paragraph: number;
  start: number;
  speaker?: string;
  /** Figures: the sentence it stands in. */
  sentence?: string;
}

export interface ReaderDoc {
  articleId: string;
  layout: TextLayout;
  lines: DocLine[];
  /** Indexes into `lines` of the lines that start a highlight, ascending. */
  highlightStarts: number[];
  /** Every quotation and figure, in reading order. */
  highlights: DocHighlight[];
  quotes: number;
  figures: number;
  /** Related articles found in the archive, in the order they are numbered (1 = first). */
  openable: string[];
  /** Only the opening paragraphs, drawn while the whole article is laid out (see previewArticle). */
  partial?: boolean;
}

/** Related links beyond 9 are listed but not numbered: one key per link keeps keys predictable. */
export const MAX_NUMBERED_RELATED = 9;

const docCache = new WeakMap<Archive, Map<string, ReaderDoc>>();
const CACHE_LIMIT = 64;

/** An article's text and highlights: independent of the width, so a resize does not read the file again. */
interface Analysed {
  text: ArticleText;
  highlights: Highlight[];
  /** Why the text could not be read, shown in place of it. */
  unreadable?: string;
}
const analysedCache = new WeakMap<Archive, Map<string, Analysed>>();
const ANALYSED_LIMIT = 16;

function remember<V>(map: Map<string, V>, key: string, value: V, limit: number): V {
  if (map.size >= limit) {
    // Oldest first: Map keeps insertion order.
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
  map.set(key, value);
  return value;
}

/** An article as the archive knows it: a file the index has read again (a new size or time) is another entry. */
const articleKey = (article: Article): string => `${article.id}\u0000${article.size}\u0000${article.mtimeMs}`;

/**
 * Forgets everything read and laid out for an article: its file changed
 * under the reader (an editor), so the next look reads it again.
 */
export function forgetArticle(archive: Archive, id: string): void {
  const prefix = `${id}\u0000`;
  for (const cache of [analysedCache, docCache, previewCache]) {
    const perArchive = cache.get(archive);
    if (!perArchive) continue;
    for (const key of [...perArchive.keys()]) if (key.startsWith(prefix)) perArchive.delete(key);
  }
}

function analyse(archive: Archive, article: Article): Analysed {
  let perArchive = analysedCache.get(archive);
  if (!perArchive) {
    perArchive = new Map();
    analysedCache.set(archive, perArchive);
  }
  const cached = perArchive.get(articleKey(article));
  if (cached) return cached;
  const result = archive.readText(article);
  const analysed: Analysed = result.ok
    ? { text: result.text, highlights: findHighlights(result.text.paragraphs) }
    : { text: { paragraphs: [], related: [] }, highlights: [], unreadable: result.reason };
  return remember(perArchive, articleKey(article), analysed, ANALYSED_LIMIT);
}

const layoutKey = (article: Article, layout: TextLayout): string => `${articleKey(article)}\u0000${layout.width}\u0000${layout.notes}`;

export function layoutArticle(archive: Archive, article: Article, layout: TextLayout): ReaderDoc {
  let perArchive = docCache.get(archive);
  if (!perArchive) {
    perArchive = new Map();
    docCache.set(archive, perArchive);
  }
  const key = layoutKey(article, layout);
  const cached = perArchive.get(key);
  if (cached) return cached;
  return remember(perArchive, key, buildDoc(archive, article, layout, analyse(archive, article)), CACHE_LIMIT);
}

/**
 * A preview holds about this many screens of text (one more paragraph follows,
 * for a quote running on): enough to draw the first frame and a page down
 * before the whole layout replaces it, just after that frame. Its cost
 * is analysing it (~2.5 ms per 1,000 characters here), on the open's critical path.
 */
const PREVIEW_SCREENS = 1.5;
const MIN_PREVIEW_CHARS = 1_500;
const previewCache = new WeakMap<Archive, Map<string, ReaderDoc>>();

/**
 * What to draw for an article right now: the whole layout when it is ready,
 * else the opening paragraphs only, so a long article's first frame does not
 * wait for the rest (a 100 KB article takes ~100 ms to analyse and lay out).
 * The reader lays out the whole article just after that frame (`layoutArticle`).
 * Highlights in the preview come from the opening paragraphs alone; the
 * speakers of quotes may resolve differently, the spans do not.
 */
export function previewArticle(archive: Archive, article: Article, layout: TextLayout, screenLines = 60): ReaderDoc {
  const { width } = layout;
  const key = layoutKey(article, layout);
  const full = docCache.get(archive)?.get(key);
  if (full) return full;
  let perArchive = previewCache.get(archive);
  if (!perArchive) {
    perArchive = new Map();
    previewCache.set(archive, perArchive);
  }
  const cached = perArchive.get(key);
  if (cached) return cached;
  const result = archive.readText(article);
  const all = result.ok ? result.text.paragraphs : [];
  let count = 0;
  const budget = Math.max(MIN_PREVIEW_CHARS, screenLines * width * PREVIEW_SCREENS);
  for (let chars = 0; count < all.length && chars < budget; count++) chars += all[count]!.length;
  if (count + 1 >= all.length) return layoutArticle(archive, article, layout);
  const paragraphs = all.slice(0, count + 1);
  const opening: Analysed = { text: { paragraphs, related: [] }, highlights: findHighlights(paragraphs) };
  return remember(perArchive, key, { ...buildDoc(archive, article, layout, opening), partial: true }, 4);
}

function plainLine(kind: LineKind, text: string): DocLine {
  return { kind, segments: text === '' ? [] : [{ text, style: 'plain' }], startsHighlight: false };
}

const BLANK: DocLine = { kind: 'blank', segments: [], startsHighlight: false };

export function metaText(article: Article): string {
  const parts: string[] = [];
  if (article.dateline) parts.push(article.dateline);
  if (article.source && article.source !== article.dateline) parts.push(article.source);
  if (parts.length === 0) {
    const folder = sourceOf(article);
    if (folder) parts.push(folder);
  }
  parts.push(formatDate(article.date));
  parts.push(`${article.readingMinutes} min read`);
  if (article.author) parts.unshift(`By ${article.author}`);
  return parts.join(' · ');
}

function buildDoc(archive: Archive, article: Article, layout: TextLayout, analysed: Analysed): ReaderDoc {
  const { width } = layout;
  const lines: DocLine[] = [];
  for (const text of wrapWords(article.headline, width)) lines.push(plainLine('headline', text));
  for (const text of wrapWords(metaText(article), width)) lines.push(plainLine('meta', text));

  const { text, highlights, unreadable } = analysed;
  if (unreadable !== undefined) {
    lines.push(BLANK);
    for (const line of wrapWords(`Cannot show this article: ${unreadable}.`, width)) lines.push(plainLine('related-missing', line));
  }
  const pointers: DocHighlight[] = [];
  const ordinals = { quote: 0, figure: 0 };
  let byParagraph = 0;
  text.paragraphs.forEach((paragraph, index) => {
    lines.push(BLANK);
    const own: Highlight[] = [];
    while (byParagraph < highlights.length && highlights[byParagraph]!.paragraph < index) byParagraph++;
    for (let i = byParagraph; i < highlights.length && highlights[i]!.paragraph === index; i++) own.push(highlights[i]!);
    const first = lines.length;
    const laid = layoutParagraphDetailed(paragraph, own, width);
    let previous: SegmentStyle = 'plain';
    laid.lines.forEach((segments, i) => {
      let starts = false;
      for (const segment of segments) {
        if (addsHighlight(previous, segment.style)) starts = true;
        previous = segment.style;
      }
      lines.push({ kind: 'body', segments, startsHighlight: starts, at: { paragraph: index, offset: laid.starts[i] ?? 0 } });
    });
    // The line holding an offset: the last whose first character is at or before it.
    const lineOf = (offset: number): number => {
      let line = 0;
      while (line + 1 < laid.starts.length && laid.starts[line + 1]! <= offset) line++;
      return first + line;
    };
    const speakersHere: string[] = [];
    /** Attributed quotations of this paragraph: the speaker and the line the quotation ends on. */
    const ends: Array<{ speaker: string; line: number }> = [];
    for (const h of own) {
      const pointer: DocHighlight = { kind: h.kind, line: lineOf(h.start), ordinal: ++ordinals[h.kind], text: h.text, paragraph: index, start: h.start };
      if (h.speaker !== undefined) pointer.speaker = h.speaker;
      if (h.kind === 'figure') pointer.sentence = sentenceAt(paragraph, h.start, h.end);
      pointers.push(pointer);
      if (h.kind !== 'quote' || h.speaker === undefined) continue;
      // Quotations in a row by one speaker ("…," Wang said. "…") are named once, at the last.
      if (ends.at(-1)?.speaker === h.speaker) ends.pop();
      ends.push({ speaker: h.speaker, line: lineOf(Math.max(h.start, h.end - 1)) });
      if (speakersHere.at(-1) !== h.speaker) speakersHere.push(h.speaker);
    }
    if (layout.notes > 0) {
      // Beside the line the quotation ends on; two ending on one line share it.
      for (const { speaker, line } of ends) {
        const end = lines[line]!;
        end.note = end.note ? `${end.note} · ${speaker}` : speaker;
      }
      speakersHere.length = 0;
    }
    // No margin: the paragraph's speakers on a line of their own under it, right-aligned.
    if (speakersHere.length > 0) {
      const label = truncate(`— ${speakersHere.join(' · ')}`, width);
      lines.push(plainLine('speaker', `${' '.repeat(Math.max(0, width - widthOf(label)))}${label}`));
    }
  });

  const openable: string[] = [];
  if (text.related.length > 0) {
    lines.push(BLANK, plainLine('heading', 'See also'));
    for (const link of text.related) {
      const target = resolveRelated(archive, link, article.id);
      const label = relatedLabel(link);
      if (target && openable.length < MAX_NUMBERED_RELATED) {
        openable.push(target.id);
        pushHanging(lines, 'related', `[${openable.length}] `, label, width);
      } else {
        pushHanging(lines, 'related-missing', '  · ', target ? label : `${label} (not in this archive)`, width);
      }
    }
  }

  const highlightStarts: number[] = [];
  lines.forEach((line, i) => {
    if (line.startsHighlight) highlightStarts.push(i);
  });
  return { articleId: article.id, layout, lines, highlightStarts, highlights: pointers, quotes: ordinals.quote, figures: ordinals.figure, openable };
}

/** The line showing offset `offset` of paragraph `paragraph`, or undefined when the layout has no such paragraph. */
export function lineAt(doc: ReaderDoc, paragraph: number, offset: number): number | undefined {
  let found: number | undefined;
  doc.lines.forEach((line, index) => {
    if (line.at && line.at.paragraph === paragraph && line.at.offset <= offset) found = index;
  });
  return found;
}

/** A highlight starts where a style gains a kind (quote or figure) the previous text did not have. */
function addsHighlight(before: SegmentStyle, after: SegmentStyle): boolean {
  const kinds = (s: SegmentStyle) => ({ quote: s.includes('quote'), figure: s.includes('figure') });
  const a = kinds(before);
  const b = kinds(after);
  return (b.quote && !a.quote) || (b.figure && !a.figure);
}

function relatedLabel(link: RelatedLink): string {
  const when = link.date ?? link.dateText;
  return when ? `${link.headline} (${when})` : link.headline;
}

/** Wrap with a hanging indent so continuation lines sit under the text, not the marker. */
function pushHanging(lines: DocLine[], kind: LineKind, marker: string, text: string, width: number): void {
  const indent = ' '.repeat(marker.length);
  const wrapped = wrapWords(text, Math.max(1, width - marker.length));
  wrapped.forEach((part, i) => lines.push(plainLine(kind, (i === 0 ? marker : indent) + part)));
}

