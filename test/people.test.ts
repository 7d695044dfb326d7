import { describe, expect, it } from 'vitest';
import { nameMatches, personKey } from '../src/analysis/people.js';
import { keptText, QUOTE_TEXT_KEPT } from '../src/archive/analyse.js';

describe('personKey', () => {
  it('gives the same key for the same full name, whatever its case, accents or title', () => {
    expect(personKey('Tony Blair')).toBe('tony blair');
    expect(personKey('TONY BLAIR')).toBe(personKey('Tony Blair'));
    expect(personKey('Mr Tony Blair')).toBe(personKey('Tony Blair'));
    expect(personKey('Dr. Tony Blair')).toBe(personKey('Tony Blair'));
    expect(personKey('Sir Alex Ferguson')).toBe(personKey('Alex Ferguson'));
    expect(personKey('José Mourinho')).toBe(personKey('Jose Mourinho'));
    expect(personKey('Martin O’Neill')).toBe(personKey("Martin O'Neill"));
    expect(personKey('  Tony   Blair ')).toBe('tony blair');
  });

  it('keeps different people apart', () => {
    expect(personKey('Tony Blair')).not.toBe(personKey('Cherie Blair'));
    expect(personKey('Gary Neville')).not.toBe(personKey('Phil Neville'));
    expect(personKey('Anna-Lena Groenefeld')).not.toBe(personKey('Anna Groenefeld'));
  });
});

describe('nameMatches', () => {
  it('matches a name as a person types it', () => {
    for (const query of ['blair', 'Blair', 'Mr Blair', 'tony blair', 'Tony Blair', 'tony', 'BLAIR', 'blair tony']) {
      expect(nameMatches(query, 'Tony Blair'), query).toBe(true);
    }
    expect(nameMatches('mourinho', 'José Mourinho')).toBe(true);
    expect(nameMatches('josé', 'Jose Mourinho')).toBe(true);
    expect(nameMatches('groenefeld', 'Anna-Lena Groenefeld')).toBe(true);
    expect(nameMatches("o'neill", 'Martin O’Neill')).toBe(true);
    expect(nameMatches('goldsmith', 'Lord Goldsmith')).toBe(true);
  });

  it('does not match other words, parts of words or nothing at all', () => {
    expect(nameMatches('Blairs', 'Tony Blair')).toBe(false);
    expect(nameMatches('bla', 'Tony Blair')).toBe(false);
    expect(nameMatches('cherie blair', 'Tony Blair')).toBe(false);
    expect(nameMatches('brown', 'Tony Blair')).toBe(false);
    expect(nameMatches('', 'Tony Blair')).toBe(false);
    expect(nameMatches('Mr', 'Tony Blair')).toBe(false);
    expect(nameMatches('  ', 'Tony Blair')).toBe(false);
  });
});

describe('a quotation as the people index keeps it', () => {
  it('is its first words, cut at a space, with an ellipsis; short ones stay whole', () => {
    expect(keptText('“We will win,” he said')).toBe('“We will win,” he said');
    const long = `“${'word '.repeat(60)}end”`;
    const kept = keptText(long);
    expect(kept.length).toBeLessThanOrEqual(QUOTE_TEXT_KEPT);
    expect(kept).toMatch(/^“word( word)+…$/);
  });

  it('never keeps half of an emoji, whose half the database cannot store', () => {
    const kept = keptText(`“${'x'.repeat(QUOTE_TEXT_KEPT - 3)}😀${'y'.repeat(40)}”`);
    expect(kept.endsWith('…')).toBe(true);
    expect(kept).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});
