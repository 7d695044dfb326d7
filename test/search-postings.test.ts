/**
 * The packed posting lists give back exactly what was added, in document
 * order, whether the documents were encoded in one batch or many.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIST, listOf, PostingsBuilder, type List } from '../src/search/postings.js';

/** Per document: word id → field bits (1..31). */
const documents = fc.array(
  fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 31 })), { selector: ([word]) => word, maxLength: 12 }),
  { maxLength: 60 },
);

function read(postings: ReturnType<PostingsBuilder['finish']>, words: number): Array<Array<[number, number]>> {
  const lists: Array<Array<[number, number]>> = [];
  for (let word = 0; word < words; word++) {
    for (const list of [LIST.title, LIST.lead, LIST.body] as List[]) {
      const found: Array<[number, number]> = [];
      postings.forEach(word, list, (doc, mask) => found.push([doc, mask]));
      expect(postings.has(word, list)).toBe(found.length > 0);
      lists.push(found);
    }
  }
  return lists;
}

describe('PostingsBuilder', () => {
  it('gives back every (document, fields) per word and list, the same across batch sizes', () => {
    fc.assert(
      fc.property(documents, fc.integer({ min: 1, max: 20 }), (docs, batch) => {
        const expected: Array<Array<[number, number]>> = Array.from({ length: 41 * 3 }, () => []);
        docs.forEach((words, doc) => {
          for (const [word, mask] of words) expected[word * 3 + listOf(mask)]!.push([doc, mask]);
        });
        const build = (builder: PostingsBuilder) => {
          for (const words of docs) builder.addDocument(new Map(words), 41);
          return read(builder.finish(41), 41);
        };
        const whole = build(new PostingsBuilder());
        expect(whole).toEqual(expected);
        expect(build(new PostingsBuilder(batch))).toEqual(expected);
      }),
    );
  });

  it('keeps gaps of many documents (multi-byte numbers) exact', () => {
    const builder = new PostingsBuilder(3);
    const docs = [0, 1, 200, 20_000, 3_000_000];
    let next = 0;
    for (let doc = 0; doc <= 3_000_000; doc++) {
      const words = doc === docs[next] ? (next++, new Map([[0, 0b11111]])) : new Map<number, number>();
      builder.addDocument(words, 1);
    }
    const postings = builder.finish(1);
    const found: number[] = [];
    postings.forEach(0, LIST.title, (doc, mask) => {
      expect(mask).toBe(0b11111);
      found.push(doc);
    });
    expect(found).toEqual(docs);
  });
});
