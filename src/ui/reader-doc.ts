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
  /** A long article laid out in slices: the share of its paragraphs laid out so far (a partial doc that grows). */
  laidOut?: number;
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
  const caches: Array<WeakMap<Archive, Map<string, unknown>>> = [analysedCache, docCache, previewCache, slicedCache, growingCache];
  for (const cache of caches) {
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
  // A sliced article asked for whole (a search in it, a resize): the rest of it laid out now.
  const sliced = growing(archive, article, layout, SLICE_CHARS);
  if (sliced) return grow(archive, sliced, Infinity, key);
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
 * Longer articles are analysed and laid out a slice at a time, between key
 * presses (`extendArticle`), so that no step holds the keys up: at ~2.5 ms per
 * 1,000 characters, a 4 MB article analysed whole would take seconds.
 */
export const SLICED_CHARS = 150_000;
/** About 5 ms of analysis and layout here. */
const SLICE_CHARS = 2_000;
/**
 * A slice is analysed with the text before it, so that a speaker named in
 * the paragraphs before (`Mr Blair` after `Tony Blair`) is still known. A
 * name met only further back shows as written in the slice.
 */
const CONTEXT_CHARS = 1_500;

/** The highlights of a sliced article, paragraph by paragraph; shared by every width. */
interface SlicedAnalysis {
  text: ArticleText;
  unreadable?: string;
  highlights: Highlight[];
  /** Paragraphs analysed so far. */
  upTo: number;
}
const slicedCache = new WeakMap<Archive, Map<string, SlicedAnalysis>>();

/** A sliced article being laid out at one width. */
interface Growing {
  analysis: SlicedAnalysis;
  builder: DocBuilder;
  doc: ReaderDoc;
}
const growingCache = new WeakMap<Archive, Map<string, Growing>>();

function perArchive<V>(cache: WeakMap<Archive, Map<string, V>>, archive: Archive): Map<string, V> {
  let map = cache.get(archive);
  if (!map) {
    map = new Map();
    cache.set(archive, map);
  }
  return map;
}

/** The article's text when it is long enough to be laid out in slices. */
function slicedText(archive: Archive, article: Article): SlicedAnalysis | undefined {
  const cached = perArchive(slicedCache, archive).get(articleKey(article));
  if (cached) return cached;
  // A file smaller than the threshold in bytes has fewer characters: most articles are ruled out unread.
  if (article.size < SLICED_CHARS) return undefined;
  const result = archive.readText(article);
  if (!result.ok) return undefined;
  let chars = 0;
  for (const p of result.text.paragraphs) chars += p.length;
  if (chars < SLICED_CHARS) return undefined;
  return remember(perArchive(slicedCache, archive), articleKey(article), { text: result.text, highlights: [], upTo: 0 }, 4);
}

/** Analyses the next paragraphs (at least one, about `chars` characters) with the text before them. */
function analyseSlice(a: SlicedAnalysis, chars = SLICE_CHARS): void {
  const { paragraphs } = a.text;
  const from = a.upTo;
  let to = from;
  for (let n = 0; to < paragraphs.length && (to === from || n < chars); to++) n += paragraphs[to]!.length;
  let context = from;
  for (let n = 0; context > 0 && n < CONTEXT_CHARS; ) n += paragraphs[--context]!.length;
  for (const h of findHighlights(paragraphs.slice(context, to))) {
    if (h.paragraph + context >= from) a.highlights.push({ ...h, paragraph: h.paragraph + context });
  }
  a.upTo = to;
}

/** Lays out analysed paragraphs, at least one and about `chars` characters of them. */
function layOut(b: DocBuilder, a: SlicedAnalysis, chars: number): void {
  const { paragraphs } = a.text;
  for (let n = 0; b.next < a.upTo && n < chars; ) {
    n += paragraphs[b.next]!.length;
    addParagraph(b, paragraphs[b.next]!, a.highlights);
  }
}

/** Lays out more of a sliced article, for about `budgetMs`; the whole document once the last paragraph is in. */
function grow(archive: Archive, g: Growing, budgetMs: number, key: string): ReaderDoc {
  const { analysis: a, builder: b } = g;
  const { paragraphs } = a.text;
  const started = performance.now();
  do {
    if (b.next >= a.upTo) analyseSlice(a);
    layOut(b, a, SLICE_CHARS);
  } while (b.next < paragraphs.length && performance.now() - started < budgetMs);
  if (b.next < paragraphs.length) {
    g.doc = { ...docSoFar(b), partial: true, laidOut: b.next / paragraphs.length };
    return g.doc;
  }
  perArchive(growingCache, archive).delete(key);
  return remember(perArchive(docCache, archive), key, finishDoc(archive, b, a.text.related), CACHE_LIMIT);
}

/** The growing layout of a sliced article at this width, started with about `firstChars` of it. */
function growing(archive: Archive, article: Article, layout: TextLayout, firstChars: number): Growing | undefined {
  const key = layoutKey(article, layout);
  const known = perArchive(growingCache, archive).get(key);
  if (known) return known;
  const analysis = slicedText(archive, article);
  if (!analysis) return undefined;
  const builder = startDoc(article, layout, undefined);
  const { paragraphs } = analysis.text;
  // The first screen: its paragraphs analysed as one slice when nothing is yet.
  if (analysis.upTo === 0) analyseSlice(analysis, firstChars);
  layOut(builder, analysis, firstChars);
  const g: Growing = { analysis, builder, doc: { ...docSoFar(builder), partial: true, laidOut: builder.next / paragraphs.length } };
  return remember(perArchive(growingCache, archive), key, g, 4);
}

/**
 * What to draw for an article right now: the whole layout when it is ready,
 * else the opening paragraphs only, so a long article's first frame does not
 * wait for the rest (a 100 KB article takes ~100 ms to analyse and lay out).
 * The reader lays out the whole article just after that frame (`extendArticle`).
 * Highlights in the preview come from the opening paragraphs alone; the
 * speakers of quotes may resolve differently, the spans do not. A sliced
 * article's preview is the start of its layout, which grows in place.
 */
export function previewArticle(archive: Archive, article: Article, layout: TextLayout, screenLines = 60): ReaderDoc {
  const { width } = layout;
  const key = layoutKey(article, layout);
  const full = docCache.get(archive)?.get(key);
  if (full) return full;
  const budget = Math.max(MIN_PREVIEW_CHARS, screenLines * width * PREVIEW_SCREENS);
  const sliced = growing(archive, article, layout, budget);
  if (sliced) return sliced.doc;
  const previews = perArchive(previewCache, archive);
  const cached = previews.get(key);
  if (cached) return cached;
  const result = archive.readText(article);
  const all = result.ok ? result.text.paragraphs : [];
  let count = 0;
  for (let chars = 0; count < all.length && chars < budget; count++) chars += all[count]!.length;
  if (count + 1 >= all.length) return layoutArticle(archive, article, layout);
  const paragraphs = all.slice(0, count + 1);
  const opening: Analysed = { text: { paragraphs, related: [] }, highlights: findHighlights(paragraphs) };
  return remember(previews, key, { ...buildDoc(archive, article, layout, opening), partial: true }, 4);
}

/**
 * Brings a partly laid-out article closer to whole: a sliced one by about
 * `budgetMs` of work, any other at once. Returns what to draw now.
 */
export function extendArticle(archive: Archive, article: Article, layout: TextLayout, budgetMs: number): ReaderDoc {
  const key = layoutKey(article, layout);
  const full = docCache.get(archive)?.get(key);
  if (full) return full;
  const g = perArchive(growingCache, archive).get(key);
  return g ? grow(archive, g, budgetMs, key) : layoutArticle(archive, article, layout);
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

/** A document being laid out: lines so far, and where the next paragraph starts. */
interface DocBuilder {
  article: Article;
  layout: TextLayout;
  lines: DocLine[];
  highlightStarts: number[];
  pointers: DocHighlight[];
  ordinals: { quote: number; figure: number };
  /** The next paragraph to lay out. */
  next: number;
  /** Where the search for the next paragraph's highlights resumes. */
  byParagraph: number;
}

function startDoc(article: Article, layout: TextLayout, unreadable: string | undefined): DocBuilder {
  const { width } = layout;
  const lines: DocLine[] = [];
  for (const text of wrapWords(article.headline, width)) lines.push(plainLine('headline', text));
  for (const text of wrapWords(metaText(article), width)) lines.push(plainLine('meta', text));
  if (unreadable !== undefined) {
    lines.push(BLANK);
    for (const line of wrapWords(`Cannot show this article: ${unreadable}.`, width)) lines.push(plainLine('related-missing', line));
  }
  return { article, layout, lines, highlightStarts: [], pointers: [], ordinals: { quote: 0, figure: 0 }, next: 0, byParagraph: 0 };
}

/** Lays out paragraph `b.next` with its highlights (`highlights`: the article's, in order, at least up to it). */
function addParagraph(b: DocBuilder, paragraph: string, highlights: readonly Highlight[]): void {
  const { width, notes } = b.layout;
  const { lines } = b;
  const index = b.next++;
  lines.push(BLANK);
  const own: Highlight[] = [];
  while (b.byParagraph < highlights.length && highlights[b.byParagraph]!.paragraph < index) b.byParagraph++;
  for (let i = b.byParagraph; i < highlights.length && highlights[i]!.paragraph === index; i++) own.push(highlights[i]!);
  const first = lines.length;
  const laid = layoutParagraphDetailed(paragraph, own, width);
  let previous: SegmentStyle = 'plain';
  laid.lines.forEach((segments, i) => {
    let starts = false;
    for (const segment of segments) {
      if (addsHighlight(previous, segment.style)) starts = true;
      previous = segment.style;
    }
    if (starts) b.highlightStarts.push(lines.length);
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
    const pointer: DocHighlight = { kind: h.kind, line: lineOf(h.start), ordinal: ++b.ordinals[h.kind], text: h.text, paragraph: index, start: h.start };
    if (h.speaker !== undefined) pointer.speaker = h.speaker;
    if (h.kind === 'figure') pointer.sentence = sentenceAt(paragraph, h.start, h.end);
    b.pointers.push(pointer);
    if (h.kind !== 'quote' || h.speaker === undefined) continue;
    // Quotations in a row by one speaker ("…," Wang said. "…") are named once, at the last.
    if (ends.at(-1)?.speaker === h.speaker) ends.pop();
    ends.push({ speaker: h.speaker, line: lineOf(Math.max(h.start, h.end - 1)) });
    if (speakersHere.at(-1) !== h.speaker) speakersHere.push(h.speaker);
  }
  if (notes > 0) {
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
}

/** What is laid out so far, as a document (sharing the builder's arrays: they only grow). */
function docSoFar(b: DocBuilder, openable: string[] = []): ReaderDoc {
  return { articleId: b.article.id, layout: b.layout, lines: b.lines, highlightStarts: b.highlightStarts, highlights: b.pointers, quotes: b.ordinals.quote, figures: b.ordinals.figure, openable };
}

/** Adds the "See also" links after the last paragraph: the document is complete. */
function finishDoc(archive: Archive, b: DocBuilder, related: readonly RelatedLink[]): ReaderDoc {
  const { lines, layout, article } = b;
  const openable: string[] = [];
  if (related.length > 0) {
    lines.push(BLANK, plainLine('heading', 'See also'));
    for (const link of related) {
      const target = resolveRelated(archive, link, article.id);
      const label = relatedLabel(link);
      if (target && openable.length < MAX_NUMBERED_RELATED) {
        openable.push(target.id);
        pushHanging(lines, 'related', `[${openable.length}] `, label, layout.width);
      } else {
        pushHanging(lines, 'related-missing', '  · ', target ? label : `${label} (not in this archive)`, layout.width);
      }
    }
  }
  return docSoFar(b, openable);
}

function buildDoc(archive: Archive, article: Article, layout: TextLayout, analysed: Analysed): ReaderDoc {
  const { text, highlights, unreadable } = analysed;
  const b = startDoc(article, layout, unreadable);
  for (const paragraph of text.paragraphs) addParagraph(b, paragraph, highlights);
  return finishDoc(archive, b, text.related);
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

