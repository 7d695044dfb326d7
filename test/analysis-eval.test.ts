/**
 * Measured quality of findHighlights on the hand-labelled set in
 * test/fixtures/highlights/ (see its README for the labelling conventions).
 * Spans match when kind, paragraph and text are equal.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findHighlights, type Highlight } from '../src/analysis/index.js';
import { splitArticle } from './fixtures/highlights/split-article.js';
import { has } from './helpers/needs.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const fixtureDir = fileURLToPath(new URL('./fixtures/highlights/', import.meta.url));

interface Expected {
  kind: 'quote' | 'figure';
  paragraph: number;
  text: string;
  speaker?: string;
}

interface Fixture {
  name: string;
  /** A file, relative to the repository root (corpus files live beside it, in ../shared). */
  path?: string;
  /** Or the paragraphs themselves, for hand-written hard cases. */
  paragraphs?: string[];
  expected: Expected[];
}

const fixtures: Fixture[] = readdirSync(fixtureDir)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => ({ name: file, ...(JSON.parse(readFileSync(fixtureDir + file, 'utf8')) as Omit<Fixture, 'name'>) }));

function paragraphsOf(fixture: Fixture): string[] {
  if (fixture.paragraphs) return fixture.paragraphs;
  return splitArticle(readFileSync(repoRoot + fixture.path, 'utf8'));
}

interface Tally {
  found: number;
  expected: number;
  matched: number;
}

const key = (h: { kind: string; paragraph: number; text: string }): string => `${h.kind}|${h.paragraph}|${h.text}`;

/** Labels on BBC corpus files, read in place from ../shared/corpus. */
const isCorpus = (fixture: Fixture): boolean => fixture.path?.startsWith('../shared/corpus/') ?? false;
/** The seed, our sample articles and the hand-written hard cases: in every clone. */
const ownFixtures = fixtures.filter((fixture) => !isCorpus(fixture));

function expectLabelsOnRealText(set: readonly Fixture[]): void {
  for (const fixture of set) {
    const paragraphs = paragraphsOf(fixture);
    for (const label of fixture.expected) {
      expect(paragraphs[label.paragraph] ?? '', `${fixture.name}: ${label.text}`).toContain(label.text);
    }
  }
}

describe('labelled evaluation set', () => {
  it('has the seed article, our samples and the hard cases, every label pointing at real text', () => {
    expect(ownFixtures.some((f) => f.path === 'articles/000_e474bb9dcb4c5a3e.txt')).toBe(true);
    expect(ownFixtures.some((f) => f.paragraphs !== undefined)).toBe(true);
    expectLabelsOnRealText(ownFixtures);
  });

  it.skipIf(!has('corpus'))('has at least 15 articles with the corpus, every label pointing at real text', () => {
    expect(fixtures.filter((f) => f.path !== undefined).length).toBeGreaterThanOrEqual(16);
    expectLabelsOnRealText(fixtures.filter(isCorpus));
  });

  it('finds quotes and figures in our own articles and hard cases above the quality bar', () => {
    expectAboveTheBar(ownFixtures);
  });

  it.skipIf(!has('corpus'))('finds quotes and figures, and attributes quotes, above the quality bar on the whole set', () => {
    expectAboveTheBar(fixtures);
  });
});

function expectAboveTheBar(set: readonly Fixture[]): void {
  const tallies: Record<'quote' | 'figure', Tally> = {
    quote: { found: 0, expected: 0, matched: 0 },
    figure: { found: 0, expected: 0, matched: 0 },
  };
  let attributed = 0;
  let attributedRight = 0;
  const misses: string[] = [];
  for (const fixture of set) {
    const found = findHighlights(paragraphsOf(fixture));
    const unmatched = new Map<string, Highlight[]>();
    for (const h of found) {
      tallies[h.kind].found++;
      unmatched.set(key(h), [...(unmatched.get(key(h)) ?? []), h]);
    }
    for (const label of fixture.expected) {
      tallies[label.kind].expected++;
      const candidates = unmatched.get(key(label));
      const hit = candidates?.shift();
      if (!hit) {
        misses.push(`${fixture.name} missed ${label.kind} ¶${label.paragraph}: ${label.text}`);
        continue;
      }
      tallies[label.kind].matched++;
      if (label.kind === 'quote' && label.speaker !== undefined) {
        attributed++;
        if (hit.speaker === label.speaker) attributedRight++;
        else misses.push(`${fixture.name} speaker ¶${label.paragraph} ${label.text.slice(0, 30)}…: want ${label.speaker}, got ${hit.speaker ?? '(none)'}`);
      }
    }
    for (const rest of unmatched.values()) {
      for (const h of rest) misses.push(`${fixture.name} extra ${h.kind} ¶${h.paragraph}: ${h.text}`);
    }
  }
  const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);
  const quoteP = ratio(tallies.quote.matched, tallies.quote.found);
  const quoteR = ratio(tallies.quote.matched, tallies.quote.expected);
  const figureP = ratio(tallies.figure.matched, tallies.figure.found);
  const figureR = ratio(tallies.figure.matched, tallies.figure.expected);
  const attribution = ratio(attributedRight, attributed);
  console.log(
    [
      `highlights eval over ${set.length} fixtures:`,
      `  quotes  P=${quoteP.toFixed(3)} R=${quoteR.toFixed(3)} (${tallies.quote.matched}/${tallies.quote.found} found, ${tallies.quote.expected} labelled)`,
      `  figures P=${figureP.toFixed(3)} R=${figureR.toFixed(3)} (${tallies.figure.matched}/${tallies.figure.found} found, ${tallies.figure.expected} labelled)`,
      `  attribution ${attribution.toFixed(3)} (${attributedRight}/${attributed})`,
      ...misses.map((m) => `  - ${m}`),
    ].join('\n'),
  );
  expect(quoteP).toBeGreaterThanOrEqual(0.95);
  expect(quoteR).toBeGreaterThanOrEqual(0.95);
  expect(figureP).toBeGreaterThanOrEqual(0.9);
  expect(figureR).toBeGreaterThanOrEqual(0.9);
  expect(attribution).toBeGreaterThanOrEqual(0.8);
}
