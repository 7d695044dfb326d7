/**
 * Benchmark archives on disk, cached in bench/archives/ and reused. A folder
 * is only trusted once its hidden `.complete` stamp exists (hidden files are
 * not articles to Broadsheet), so an interrupted generation is redone.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { builtInVocabulary, generateArticles, generateLongRead, vocabularyFromCorpus, writeArchive, type Vocabulary } from './generate.js';

export interface BenchArchive {
  dir: string;
  /** What the table calls it, e.g. `2,225 (BBC corpus + 1 long read)`. */
  label: string;
}

let vocabulary: Vocabulary | undefined;

/** Corpus words when the corpus is present, else the built-in ones; learnt once per process. */
export function benchVocabulary(corpusDir: string | undefined): Vocabulary {
  vocabulary ??= corpusDir && existsSync(corpusDir) ? vocabularyFromCorpus(corpusDir) : builtInVocabulary();
  return vocabulary;
}

const stamp = (dir: string): string => join(dir, '.complete');

/** Generate (or reuse) `count` articles from `seed` in `dir`. */
export function generatedArchive(dir: string, count: number, seed: string, corpusDir: string | undefined, log: (line: string) => void): BenchArchive {
  const label = `${count.toLocaleString('en')} generated`;
  if (existsSync(stamp(dir))) return { dir, label };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const vocab = benchVocabulary(corpusDir);
  log(`generating ${count.toLocaleString('en')} articles (seed "${seed}", ${vocab.origin} vocabulary) in ${dir} …`);
  const written = writeArchive(dir, generateArticles(count, seed, vocab));
  writeFileSync(stamp(dir), JSON.stringify({ count: written, seed, vocabulary: vocab.origin }) + '\n');
  return { dir, label };
}

/**
 * The real corpus, read where it lies through symbolic links (it is never
 * copied), plus the generated 100 KB long read that the open probe needs.
 */
export function corpusArchive(dir: string, corpusDir: string, seed: string): BenchArchive {
  const sections = readdirSync(corpusDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  const label = 'BBC corpus (2,225) + 1 long read';
  if (existsSync(stamp(dir))) return { dir, label };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const section of sections) symlinkSync(resolve(corpusDir, section), join(dir, section));
  writeArchive(dir, [generateLongRead(seed, benchVocabulary(corpusDir)).file]);
  writeFileSync(stamp(dir), JSON.stringify({ corpus: resolve(corpusDir), seed }) + '\n');
  return { dir, label };
}

/** One 4 MB article alone (the big-article probe), generated once. */
export function bigArticleArchive(dir: string, seed: string, corpusDir: string | undefined): BenchArchive & { id: string; headline: string } {
  const { file, info } = generateLongRead(seed, benchVocabulary(corpusDir), true);
  const archive = { dir, label: 'one 4.2 MB article', id: info.relPath.replace(/\.txt$/, ''), headline: info.headline };
  if (existsSync(stamp(dir))) return archive;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeArchive(dir, [file]);
  writeFileSync(stamp(dir), JSON.stringify({ big: info.relPath, seed }) + '\n');
  return archive;
}
