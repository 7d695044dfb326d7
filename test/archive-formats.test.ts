/**
 * The stored formats beyond plain text: Markdown read with markdown-it. The
 * Markdown files here were written for Broadsheet (the sample archive and
 * test/fixtures/formats).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMarkdown } from '../src/archive/markdown.js';
import { formatOf } from '../src/archive/formats.js';
import { loadArchive } from '../src/archive/load.js';
import { containsForbidden } from '../src/sanitize/index.js';
import { ARTICLES, REPO } from './helpers/paths.js';

const FIXTURES = join(REPO, 'test/fixtures/formats');
const read = (path: string): string => readFileSync(path, 'utf8');

describe('Markdown, read with markdown-it', () => {
  const outage = parseMarkdown(read(join(ARTICLES, 'tech/2023-10-05-library-app-outage.md')));
  const body = outage.paragraphs.join('\n');

  it('takes the headline from front matter and leaves out the same setext heading below it', () => {
    expect(outage.headline).toBe('Library Lending App Back After Four-Day Outage Left 60,000 Readers Locked Out');
    expect(body).not.toContain('=====');
    expect(outage.paragraphs[0]).toMatch(/^The e-book app used by the Brenmouth and District library service/);
    expect(outage.dateline).toBe('BRENMOUTH');
    expect(outage.date).toEqual({ iso: '2023-10-05', origin: 'front-matter' });
  });

  it('keeps each list item as a paragraph with its marker; a nested item shows its depth in the marker', () => {
    expect(outage.paragraphs).toContain('1. The update was installed at 23:10 on Sunday, on a server that still ran the old version of the loans database.');
    expect(outage.paragraphs).toContain('2. Sign-ins failed from about 23:30. The supplier\'s monitoring:');
    expect(outage.paragraphs).toContain('◦ raised an alert at 23:41;');
    expect(outage.paragraphs).toContain('3. Engineers found the cause on Wednesday afternoon and rolled the update back at 21:05.');
  });

  it('drops emphasis markers and resolves a reference link to its text', () => {
    expect(body).toContain('The e-book app used by the Brenmouth and District library service is working again after a four-day outage');
    expect(body).toContain('said Priya Ramaswamy, who runs the council\'s digital services.');
    expect(body).not.toMatch(/\*Brenmouth|\*\*four|__Priya|\[digital\]|example\.com\/brenmouth/);
  });

  it('keeps a line of code whole, a table row per paragraph, a setext subheading and the quote block', () => {
    expect(outage.paragraphs).toContain('ERR_LOAN_SYNC: token rejected (code 4011)');
    expect(outage.paragraphs).toContain('Day | Sign-ins attempted | Sign-ins that worked');
    expect(outage.paragraphs).toContain('Wednesday | 24,300 | 2,110');
    expect(outage.paragraphs).toContain('What went wrong');
    expect(body).not.toMatch(/```|-----|\| ---/);
    expect(body).toContain('Councillor Gwen Attwater, who chairs the culture committee, said the council would ask for a refund');
  });

  it('numbers footnote references and puts the footnote at the end; inline HTML tags go, their text stays', () => {
    expect(outage.paragraphs[0]).toContain('the council said on Thursday.[1] Readers who could not return');
    expect(outage.paragraphs.at(-1)).toBe('[1] The council\'s statement was published at 16:00 on 5 October.');
    expect(body).toContain('to have them restored.2');
    expect(body).not.toMatch(/<\/?sup>|\[\^1\]/);
  });

  const hall = parseMarkdown(read(join(FIXTURES, 'market-hall-reopens.md')));

  it('without front matter, takes the setext heading as the headline, struck-out words left out', () => {
    expect(hall.headline).toBe('Market Hall Reopens With Forty Stalls and a Roof Garden');
    expect(hall.dateline).toBe('ASHGROVE');
    expect(hall.date).toEqual({ iso: '2023-03-03', origin: 'dateline' });
    // A hard line break inside a paragraph does not split it.
    expect(hall.paragraphs[0]).toBe('The Victorian market hall on Tanner Street reopened on Friday after a two-year, £7.2m restoration, with forty stalls, a bakery school and a garden on the roof. Traders queued from 06:00 to collect their keys.');
  });

  it('shows the text of a raw HTML block with its entities decoded, not its tags', () => {
    expect(hall.paragraphs).toContain('“It smells like a market again,” said Dev Okafor, who sells cheese.');
  });

  it('keeps a loose list item\'s second paragraph, task items, nested quotes and escaped asterisks', () => {
    const i = hall.paragraphs.indexOf('• keep rents for the first year at 2019 levels;');
    expect(hall.paragraphs[i + 1]).toBe('Stallholders pay £95 a week, against £140 in newer halls nearby.');
    expect(hall.paragraphs).toContain('• [x] Roof repaired');
    expect(hall.paragraphs).toContain('“We had pigeons, a leaking roof and no heating. Now we have a waiting list.”');
    expect(hall.paragraphs).toContain('Prices are written as *per kilo* on every stall.');
    expect(hall.paragraphs.join('\n')).toContain('published at https://example.com/ashgrove/market, had three aims:');
  });

  it('reads a See also heading and list of links as related headlines with their dates', () => {
    expect(hall.related).toEqual([
      { headline: 'Tanner Street Traders Win Rent Freeze', date: '2022-09-08', dateText: 'Sept. 8, 2022' },
      { headline: 'Council Approves Market Hall Budget', date: '2021-11-30', dateText: '2021-11-30' },
    ]);
    expect(hall.paragraphs.join('\n')).not.toContain('See also');
  });

  it('sanitises what the parser decodes: a bidi override shows as a marker, a control reference never becomes a control', () => {
    const parsed = parseMarkdown('# Entities &#x202E;here\n\nBidi &#x202E;reversed&#x202C; and &#27;]0;x&#7; and &#x9b;6n.\n');
    expect(parsed.headline).toBe('Entities here');
    expect(parsed.paragraphs[0]).toContain('⟦RLO⟧reversed⟦PDF⟧');
    for (const text of [parsed.headline, ...parsed.paragraphs]) expect(containsForbidden(text)).toBe(false);
  });

  it('does not show inline or block scripts, styles or comments, nor any link target', () => {
    const parsed = parseMarkdown(
      '# Title\n\nSeen <script>hidden()</script> here <!-- hidden --> too.\n\n<style>p{content:"hidden"}</style>\n\n<div><script>hidden()</script><p>Seen again.</p></div>\n\n' +
        'A [link](javascript:hidden()) and <https://example.com/seen>.\n',
    );
    expect(parsed.paragraphs).toEqual(['Seen here too.', 'Seen again.', 'A link and https://example.com/seen.']);
  });
});

describe('loading an archive with every format', () => {
  const root = mkdtempSync(join(tmpdir(), 'broadsheet-formats-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('walks .txt, .md and .markdown (any case), and ids drop the extension', async () => {
    expect(['a.txt', 'a.MD', 'a.markdown', 'a.html', 'a.json'].map(formatOf)).toEqual(['text', 'markdown', 'markdown', undefined, undefined]);
    writeFileSync(join(root, 'one.txt'), 'Plain headline\n\nBody.\n');
    writeFileSync(join(root, 'two.md'), '# Markdown headline\n\n* item\n');
    writeFileSync(join(root, 'four.html'), '<p>not read</p>');
    const archive = await loadArchive(root);
    expect(archive.articles.map((a) => [a.id, a.format, a.headline])).toEqual([
      ['one', 'text', 'Plain headline'],
      ['two', 'markdown', 'Markdown headline'],
    ]);
    expect(archive.report.skipped).toEqual([{ relPath: 'four.html', reason: 'not an article file (only .txt, .md and .markdown are read)' }]);
    const two = archive.byId.get('two')!;
    expect(archive.readText(two)).toEqual({ ok: true, text: { paragraphs: ['• item'], related: [] } });
  });
});
