/**
 * A deterministic archive generator for benchmarks. The core is pure: a seed
 * and a vocabulary go in, `{ relPath, text, mtime }` records come out. The
 * vocabulary is sampled from the BBC corpus when it is present (so word
 * frequencies, headline words and paragraph lengths are real), else from a
 * built-in syllable vocabulary. Only `writeArchive` touches the disk.
 */
import { mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** mulberry32: tiny, fast and good enough for picking words. */
export type Rng = () => number;

export function makeRng(seed: string): Rng {
  let state = 2166136261;
  for (const char of seed) state = Math.imul(state ^ char.charCodeAt(0), 16777619) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!;
}

function between(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

/**
 * Words with repeats, so picking uniformly from an array samples by frequency
 * (Zipf's law comes for free); lengths are empirical distributions.
 */
export interface Vocabulary {
  origin: 'corpus' | 'built-in';
  headlineWords: string[];
  bodyWords: string[];
  /** Capitalised words from inside sentences: people, places, companies. */
  names: string[];
  paragraphsPerArticle: number[];
  wordsPerParagraph: number[];
}

const WORD = /^[\p{L}][\p{L}'’-]*$/u;

/** Learn a vocabulary from a folder of stored `.txt` articles (read in sorted order, so it is deterministic). */
export function vocabularyFromCorpus(corpusDir: string): Vocabulary {
  const vocab: Vocabulary = { origin: 'corpus', headlineWords: [], bodyWords: [], names: [], paragraphsPerArticle: [], wordsPerParagraph: [] };
  for (const file of listTextFiles(corpusDir)) {
    const text = readFileSync(file, 'utf8').replace(/\r\n?/g, '\n');
    const [headline = '', ...rest] = text.split('\n');
    for (const word of headline.split(/\s+/)) if (WORD.test(word)) vocab.headlineWords.push(word);
    const paragraphs = rest.join('\n').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
    vocab.paragraphsPerArticle.push(paragraphs.length);
    for (const paragraph of paragraphs) {
      const tokens = paragraph.split(/\s+/);
      vocab.wordsPerParagraph.push(tokens.length);
      tokens.forEach((token, i) => {
        const word = token.replace(/^[“"'(]+|[”"'),.;:!?]+$/g, '');
        if (!WORD.test(word)) return;
        const sentenceStart = i === 0 || /[.!?]["”]?$/.test(tokens[i - 1]!);
        if (/^\p{Lu}\p{Ll}/u.test(word) && !sentenceStart) vocab.names.push(word);
        else if (!sentenceStart) vocab.bodyWords.push(word);
      });
    }
  }
  if (vocab.bodyWords.length === 0) return builtInVocabulary();
  return vocab;
}

function listTextFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listTextFiles(path));
    else if (entry.name.endsWith('.txt')) out.push(path);
  }
  return out;
}

/** Pseudo-words from syllables, with a Zipf-like repeat count, when no corpus is at hand. */
export function builtInVocabulary(seed = 'built-in'): Vocabulary {
  const rng = makeRng(seed);
  const syllables = ['ka', 'ro', 'mi', 'ten', 'sa', 'lo', 'ver', 'an', 'del', 'po', 'ri', 'mun', 'ta', 'ble', 'cor', 'es', 'in', 'gra'];
  const makeWord = (): string => Array.from({ length: between(rng, 1, 3) }, () => pick(rng, syllables)).join('');
  const zipf = (count: number, make: () => string): string[] => {
    const out: string[] = [];
    for (let rank = 1; rank <= count; rank++) {
      const word = make();
      for (let i = 0; i < Math.ceil(200 / rank); i++) out.push(word);
    }
    return out;
  };
  const capital = (w: string): string => w[0]!.toUpperCase() + w.slice(1);
  return {
    origin: 'built-in',
    headlineWords: zipf(800, () => capital(makeWord())),
    bodyWords: zipf(3000, makeWord),
    names: zipf(400, () => capital(makeWord())),
    paragraphsPerArticle: [3, 5, 6, 8, 8, 9, 10, 11, 12, 14, 16, 20, 25],
    wordsPerParagraph: [12, 18, 25, 28, 30, 34, 40, 45, 52, 60, 75, 110],
  };
}

const MONTHS_SHORT = ['Jan.', 'Feb.', 'Mar.', 'Apr.', 'May', 'Jun.', 'Jul.', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];
const PLACES = ['LONDON', 'WASHINGTON', 'NAIROBI, Kenya', 'BRUSSELS', 'TOKYO', 'Moscow', 'Beijing', 'SAO PAULO'];
const AGENCIES = ['Reuters', 'AP', 'AFP', 'Bloomberg'];
const ROLES = ['a spokesman', 'the chief executive', 'an analyst at a City bank', 'the minister', 'the coach', 'a union official'];
const LEFTOVERS = ['Similar Posts', 'Some media, including videos, may only be available to view at the original.', 'Share this article', 'Advertisement'];

/** ISO dates between 2015-01-01 and 2024-12-31. */
function randomDate(rng: Rng): { year: number; month: number; day: number } {
  return { year: between(rng, 2015, 2024), month: between(rng, 1, 12), day: between(rng, 1, 28) };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function figure(rng: Rng): string {
  switch (between(rng, 0, 6)) {
    case 0: return `$${between(rng, 1, 999)}.${between(rng, 1, 9)} billion`;
    case 1: return `${between(rng, 1, 99)} percent`;
    case 2: return `£${between(rng, 1, 99)}.${between(rng, 1, 9)}m`;
    case 3: return `${between(rng, 1, 9)}.${between(rng, 0, 9)}%`;
    case 4: return `${between(rng, 1, 99)},${pad(between(rng, 0, 999), 3)} jobs`;
    case 5: return `${between(rng, 0, 5)}-${between(rng, 0, 5)}`;
    default: return `€${between(rng, 2, 90)}bn`;
  }
}

function sentence(rng: Rng, vocab: Vocabulary, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    const r = rng();
    out.push(r < 0.1 ? pick(rng, vocab.names) : r < 0.115 ? figure(rng) : pick(rng, vocab.bodyWords));
  }
  const first = out[0] ?? 'the';
  out[0] = first[0]!.toUpperCase() + first.slice(1);
  return `${out.join(' ')}.`;
}

function paragraph(rng: Rng, vocab: Vocabulary, words: number): string {
  if (rng() < 0.3) {
    // A quotation, attributed the way news copy does it.
    const quote = sentence(rng, vocab, Math.max(6, Math.round(words * 0.7))).replace(/\.$/, ',');
    return `“${quote}” said ${pick(rng, vocab.names)} ${pick(rng, vocab.names)}, ${pick(rng, ROLES)}.`;
  }
  const parts: string[] = [];
  let left = words;
  while (left > 0) {
    const n = Math.min(left, between(rng, 8, 28));
    parts.push(sentence(rng, vocab, n));
    left -= n;
  }
  return parts.join(' ');
}

function headline(rng: Rng, vocab: Vocabulary): string {
  const words = Array.from({ length: between(rng, 4, 10) }, () => pick(rng, vocab.headlineWords));
  words[0] = words[0]![0]!.toUpperCase() + words[0]!.slice(1);
  return words.join(' ');
}

function slug(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 48) || 'article';
}

function dateline(rng: Rng): string {
  const place = pick(rng, PLACES);
  switch (between(rng, 0, 2)) {
    case 0: return `${place.toUpperCase()} (${pick(rng, AGENCIES)}) - `;
    case 1: return `${place} ( – `;
    default: return `${place.toUpperCase()} — `;
  }
}

export interface GeneratedFile {
  /** `/`-separated, below the archive root. */
  relPath: string;
  text: string;
  /** Seconds since the epoch, so articles without a date in their name still spread over the years. */
  mtime: number;
}

/** Where the 100 KB article lives and how to recognise it on screen. */
export interface LongReadInfo {
  relPath: string;
  headline: string;
  /** Words from its first paragraph, to wait for after opening it. */
  marker: string;
}

export const FILES_PER_FOLDER = 100;
export const LONG_READ_BYTES = 100 * 1024;
/** Older than every generated date and the corpus, so it is the last row of the newest-first list (`G` selects it). */
const LONG_READ_DATE = '2010-01-04';

/** The 4 MB article of the big-article probe: under the 5 MB limit, where layout that is not linear shows. */
export const BIG_ARTICLE_BYTES = 4.2 * 1024 * 1024;
export const BIG_ARTICLE_MARKER = 'Zephyrine ledger of the very long read';

/** The 100 KB article the `open` measurement opens (or, with `big`, the 4 MB one of the big-article probe). */
export function generateLongRead(seed: string, vocab: Vocabulary, big = false): { file: GeneratedFile; info: LongReadInfo } {
  const rng = makeRng(`${seed}:${big ? 'big' : 'long'}-read`);
  const title = `The ${big ? 'very ' : ''}long read: ${headline(rng, vocab)}`;
  const marker = big ? BIG_ARTICLE_MARKER : 'Zephyrine ledger of the long read';
  const paragraphs = [`${dateline(rng)}${marker}, ${paragraph(rng, vocab, 40)}`];
  let bytes = Buffer.byteLength(title) + paragraphs[0]!.length;
  while (bytes < (big ? BIG_ARTICLE_BYTES : LONG_READ_BYTES)) {
    const p = paragraph(rng, vocab, pick(rng, vocab.wordsPerParagraph) + 20);
    paragraphs.push(p);
    bytes += Buffer.byteLength(p) + 2;
  }
  const relPath = `longread/${LONG_READ_DATE}-${slug(title)}.txt`;
  return {
    file: { relPath, text: `${title}\n\n${paragraphs.join('\n\n')}\n`, mtime: Date.UTC(2010, 0, 4) / 1000 },
    info: { relPath, headline: title, marker },
  };
}

/**
 * `count` articles in the stored format: `count - 1` ordinary ones spread over
 * folders of 100, plus the 100 KB long read. Same seed, same bytes.
 */
export function* generateArticles(count: number, seed: string, vocab: Vocabulary): Generator<GeneratedFile> {
  const rng = makeRng(seed);
  const ordinary = Math.max(0, count - 1);
  // Headlines and dates first, so `See also:` lines can name other articles of the archive.
  const headlines: string[] = [];
  const dates: Array<{ year: number; month: number; day: number }> = [];
  for (let i = 0; i < ordinary; i++) {
    headlines.push(headline(rng, vocab));
    dates.push(randomDate(rng));
  }
  for (let i = 0; i < ordinary; i++) {
    const title = headlines[i]!;
    const { year, month, day } = dates[i]!;
    const paragraphCount = Math.max(1, pick(rng, vocab.paragraphsPerArticle));
    const paragraphs = Array.from({ length: paragraphCount }, () => paragraph(rng, vocab, Math.max(5, pick(rng, vocab.wordsPerParagraph))));
    if (rng() < 0.35) paragraphs[0] = dateline(rng) + paragraphs[0]!;
    const blocks = [title, ...paragraphs];
    if (i > 0 && rng() < 0.25) {
      const related = Array.from({ length: between(rng, 1, 3) }, () => {
        const other = between(rng, 0, ordinary - 1);
        const d = dates[other]!;
        return `${headlines[other]!} (${MONTHS_SHORT[d.month - 1]} ${d.day}, ${d.year})`;
      });
      blocks.push('See also:', ...related);
    }
    if (rng() < 0.2) blocks.push(pick(rng, LEFTOVERS));
    const folder = pad(Math.floor(i / FILES_PER_FOLDER), 4);
    // Half the files carry their date in the name, the rest only in their mtime.
    const name = rng() < 0.5 ? `${year}-${pad(month)}-${pad(day)}-${slug(title)}.txt` : `${pad(i, 6)}.txt`;
    yield { relPath: `${folder}/${name}`, text: `${blocks.join('\n\n')}\n`, mtime: Date.UTC(year, month - 1, day, 12) / 1000 };
  }
  if (count > 0) yield generateLongRead(seed, vocab).file;
}

/** Write the files below `outDir`; returns how many were written. */
export function writeArchive(outDir: string, files: Iterable<GeneratedFile>): number {
  const made = new Set<string>();
  let written = 0;
  for (const file of files) {
    const path = join(outDir, file.relPath);
    const folder = path.slice(0, path.lastIndexOf('/'));
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    writeFileSync(path, file.text);
    utimesSync(path, file.mtime, file.mtime);
    written++;
  }
  return written;
}
