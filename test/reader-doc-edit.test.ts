/**
 * An article edited under the reader (`v`): everything read and laid out for
 * it is forgotten, so the next look shows the saved text, for a short article
 * and for a long one laid out in slices, and the reducer keeps the reader's
 * place without laying a long one out whole.
 */
import { describe, expect, it } from 'vitest';
import { forgetArticle, layoutArticle, previewArticle, SLICED_CHARS } from '../src/ui/reader-doc.js';
import type { ReaderDoc } from '../src/ui/reader-doc.js';
import { frameFor, readerMeasure } from '../src/ui/layout.js';
import { createEnv, currentFrame, initialState, reduce } from '../src/ui/state.js';
import { longParagraphs, makeArchive, makeArticle } from './helpers/ui-fixtures.js';

const text = (doc: ReaderDoc): string => doc.lines.map((line) => line.segments.map((s) => s.text).join('')).join('\n');

describe('an article edited under the reader', () => {
  it('shows the saved text once forgotten: short, and long in slices', () => {
    const layout = readerMeasure(80);
    const short = makeArticle({ id: 'short', paragraphs: ['The original opening.', 'More.'] });
    const long = makeArticle({ id: 'long', paragraphs: longParagraphs(2000) });
    expect(longParagraphs(2000).join('').length).toBeGreaterThan(SLICED_CHARS);
    const archive = makeArchive([short, long]);
    expect(text(layoutArticle(archive, short, layout))).toContain('The original opening.');
    const grown = previewArticle(archive, long, layout, 28);
    expect(grown.laidOut).toBeDefined();
    expect(text(grown)).toContain('Paragraph 1.');

    // The files change (the fixtures serve the new text for the same ids).
    makeArticle({ id: 'short', paragraphs: ['An opening written in the editor.', 'More.'] });
    makeArticle({ id: 'long', paragraphs: ['A long article cut down to one paragraph in the editor.'] });
    // Cached until forgotten: the reader only reads again what it was told changed.
    expect(text(layoutArticle(archive, short, layout))).toContain('The original opening.');
    forgetArticle(archive, 'short');
    forgetArticle(archive, 'long');
    expect(text(layoutArticle(archive, short, layout))).toContain('An opening written in the editor.');
    const edited = previewArticle(archive, long, layout, 28);
    expect(edited.partial).toBeFalsy();
    expect(text(edited)).toContain('A long article cut down to one paragraph in the editor.');
    expect(text(edited)).not.toContain('Paragraph 1.');
  });

  it('keeps the place, within the new text, and says so', () => {
    const article = makeArticle({ id: 'story', paragraphs: longParagraphs(40) });
    const archive = makeArchive([article]);
    const env = createEnv(archive);
    let s = reduce(initialState(80, 20), { type: 'open' }, env);
    s = reduce(s, { type: 'edge', to: 'last' }, env);
    expect(currentFrame(s)!.top).toBeGreaterThan(20);
    makeArticle({ id: 'story', paragraphs: longParagraphs(2) });
    forgetArticle(archive, 'story');
    s = reduce(s, { type: 'articleEdited', id: 'story' }, env);
    const lines = layoutArticle(archive, article, readerMeasure(80)).lines.length;
    expect(currentFrame(s)!.top).toBe(Math.max(0, lines - frameFor(20).contentHeight));
    expect(s.status).toBe('Showing the article as saved in the editor');
  });
});
