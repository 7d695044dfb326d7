/**
 * The stored formats beyond plain text: Markdown read with markdown-it and
 * saved web pages read with Readability over linkedom. The Markdown and HTML
 * files here were written for Broadsheet (the sample archive and
 * test/fixtures/formats); hostile pages are built in the test.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMarkdown } from '../src/archive/markdown.js';
import { decodeHtml, parseHtml } from '../src/archive/html.js';
import { formatOf } from '../src/archive/formats.js';
import { loadArchive } from '../src/archive/open.js';
import { ParseError } from '../src/archive/parse.js';
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

describe('saved web pages, read with Readability over linkedom', () => {
  const page = parseHtml(read(join(ARTICLES, 'world/island-ferry-strike.html')));
  const body = page.paragraphs.join('\n');

  it('takes headline, date, source, author, URL and tags from the page\'s metadata', () => {
    expect(page).toMatchObject({
      format: 'html',
      headline: 'Skerrin Islands Ferry Strike Ends After Nine Days',
      source: 'The Coastal Herald',
      author: 'Isla MacRury',
      url: 'https://www.coastalherald.example/news/2023/06/03/skerrin-ferry-strike-ends',
      date: { iso: '2023-06-03', origin: 'page' },
    });
    expect(page.tags).toEqual(['Ferries', 'Skerrin Islands', 'strikes', 'transport']);
  });

  it('keeps the story in order: standfirst, paragraphs, subheadings, list items and table rows', () => {
    const order = [
      'Crews accept a 6.5% pay offer',
      'PORT SKERRIN — Ferry crews on the Skerrin Islands voted on Friday to accept a 6.5 per cent pay offer',
      '“Nobody on this island wanted a strike, least of all the crews,” said Ewan Dalgleish',
      'What the islands lost',
      '• around £380,000 in lost bookings and sales;',
      '“We were told to plan for resilience,” one guest-house owner, Fiona Leask, told the Herald.',
      'Grade | Old weekly pay | New weekly pay',
      'Master | £1,085 | £1,156',
      'Westmere said it expected the timetable to be back to normal by Monday',
    ];
    const at = order.map((text) => page.paragraphs.findIndex((p) => p.startsWith(text)));
    expect(at.every((i) => i >= 0), `missing: ${order.filter((_, k) => at[k]! < 0).join(' / ')}`).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    expect(body).toContain('settlement would cost about £1.4m a year');
  });

  it('never shows scripts, styles, navigation, forms, ads, sharing, related links, comments or the footer', () => {
    for (const furniture of [
      'written by a script', 'gtag', 'font-family', 'Subscribe for', 'Skip to content', 'Opinion', 'Search the Herald',
      'Advertisement', 'Share this article', 'Airstrip Lights', 'seaview42', 'Comments (18)', 'About us', 'All rights reserved',
      'enable JavaScript', 'Sign up',
    ]) {
      expect(body, furniture).not.toContain(furniture);
    }
    expect(page.headline).not.toContain('|');
  });

  it('reads a fragment with no <html>, <head> or <body>', () => {
    const parsed = parseHtml('<title>Fragment headline</title><p>LONDON (Reuters) - Only a paragraph, and another <b>bold</b> word.</p>');
    expect(parsed.headline).toBe('Fragment headline');
    expect(parsed.source).toBe('Reuters');
    expect(parsed.paragraphs).toEqual(['Only a paragraph, and another bold word.']);
  });

  it('skips a page with neither title nor heading, saying why', () => {
    expect(() => parseHtml('<html><body><p>Just text.</p></body></html>')).toThrow(ParseError);
    expect(() => parseHtml('<html><body><p>Just text.</p></body></html>')).toThrow(/no headline/);
  });

  it('keeps only an http(s) URL: `o` hands it to the browser', () => {
    const page = (href: string) => parseHtml(`<html><head><title>T</title><link rel="canonical" href="${href}"></head><body><p>Text.</p></body></html>`);
    expect(page('javascript:alert(1)').url).toBeUndefined();
    expect(page('file:///etc/passwd').url).toBeUndefined();
    expect(page('/relative/path').url).toBeUndefined();
    expect(page('https://example.com/a b').url).toBe('https://example.com/a%20b');
  });

  it('decodes character references before sanitising: none becomes a control, none hides text', () => {
    const parsed = parseHtml(
      '<html><head><title>A &#27;]0;retitled&#7;title</title><meta property="og:site_name" content="Wire&#x1b;[2J"></head>' +
        '<body><h1>A &#27;]0;retitled&#7;title</h1><p>Body &#27;[31mred&#27;[0m, &#x9b;6n, &#x202E;bidi&#x202C;, zero&#8203;width and a &#27;]8;;https://evil.example/&#27;\\link&#27;]8;;&#27;\\.</p></body></html>',
    );
    expect(parsed.headline).toBe('A title');
    expect(parsed.source).toBe('Wire');
    expect(parsed.paragraphs).toEqual(['Body red, ›6n, ⟦RLO⟧bidi⟦PDF⟧, zerowidth and a link.']);
    for (const text of [parsed.headline, parsed.source!, ...parsed.paragraphs]) expect(containsForbidden(text)).toBe(false);
  });

  const nested = (depth: number): string =>
    `<html><head><title>Deep</title></head><body><nav>Menu</nav>${'<div>'.repeat(depth)}<p>At the bottom.</p>${'</div>'.repeat(depth)}</body></html>`;

  it('takes the whole text, furniture left out, of a page nested too deep for Readability, and says so', () => {
    // Readability took 6.9 s over 800 nested <div>s around one short paragraph (it retries short pages).
    const parsed = parseHtml(nested(3_000));
    expect(parsed.headline).toBe('Deep');
    expect(parsed.paragraphs).toEqual(['At the bottom.']);
    expect(parsed.notes.join()).toMatch(/page too large to look for its main text \(nested 3,00\d deep\)/);
  });

  it('skips a page nested deeper than any real one, or with more elements than any, before building it', () => {
    expect(() => parseHtml(nested(100_000))).toThrow(/HTML nested too deeply to read \(100,00\d levels; limit 5,000\)/);
    expect(() => parseHtml(`<title>Many</title>${'<b>x</b>'.repeat(250_000)}`)).toThrow(/too many HTML elements to read \(250,00\d; limit 200,000\)/);
    // Unclosed tags are not nesting: a long list of <li> and <p> without end tags still reads.
    const sloppy = parseHtml(`<title>Sloppy</title><ul>${'<li>item'.repeat(8_000)}</ul>`);
    expect(sloppy.paragraphs).toHaveLength(8_000);
  });

  it('takes the whole text, furniture left out, when the page has too many elements for Readability', () => {
    const words = Array.from({ length: 25_000 }, (_, i) => `<span>w${i}</span> <i>x</i>`).join(' ');
    const parsed = parseHtml(`<html><head><title>Huge</title></head><body><nav>Menu</nav><p>Start.</p><p>${words}</p><footer>Foot</footer></body></html>`);
    expect(parsed.paragraphs[0]).toBe('Start.');
    expect(parsed.paragraphs[1]).toMatch(/^w0 x w1 x/);
    expect(parsed.paragraphs.join(' ')).not.toMatch(/Menu|Foot/);
    expect(parsed.notes.join()).toMatch(/page too large to look for its main text \(50,00\d elements\)/);
  });
});

describe('the bytes of a saved page', () => {
  // Windows-1251: А..я are 0xC0..0xFF.
  const cp1251 = (text: string): Buffer => Buffer.from([...text].map((c) => (c >= 'А' && c <= 'я' ? c.charCodeAt(0) - 0x410 + 0xc0 : c.charCodeAt(0))));

  it('are decoded with the charset the page declares', () => {
    const bytes = cp1251('<html><head><meta charset="windows-1251"><title>Новости</title></head><body><p>Привет</p></body></html>');
    const decoded = decodeHtml(bytes);
    expect(decoded.encoding).toBe('charset:windows-1251');
    expect(decoded.note).toBeUndefined();
    expect(parseHtml(decoded.text)).toMatchObject({ headline: 'Новости', paragraphs: ['Привет'] });
  });

  it('the http-equiv form and an ISO-8859-1 label (read as windows-1252, as browsers do) work too', () => {
    const bytes = Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>\u0093Quoted\u0094 for \u00a3\u0035</p>', 'latin1');
    expect(decodeHtml(bytes).text).toContain('“Quoted” for £5');
  });

  it('valid UTF-8 wins over a stale declaration; an unknown charset falls back with a note', () => {
    expect(decodeHtml(Buffer.from('<meta charset="iso-8859-1"><p>Café £5</p>')).text).toContain('Café £5');
    const unknown = decodeHtml(Buffer.from([...Buffer.from('<meta charset="x-klingon"><p>'), 0xa3, 0x35]));
    expect(unknown.text).toContain('£5');
    expect(unknown.note).toMatch(/declared charset x-klingon is unknown/);
  });
});

describe('loading an archive with every format', () => {
  const root = mkdtempSync(join(tmpdir(), 'broadsheet-formats-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('walks .txt, .md, .markdown, .html and .htm (any case), and ids drop the extension', async () => {
    expect(['a.txt', 'a.MD', 'a.markdown', 'a.html', 'a.HTM', 'a.xhtml', 'a.json'].map(formatOf)).toEqual(['text', 'markdown', 'markdown', 'html', 'html', undefined, undefined]);
    writeFileSync(join(root, 'one.txt'), 'Plain headline\n\nBody.\n');
    writeFileSync(join(root, 'two.md'), '# Markdown headline\n\n* item\n');
    writeFileSync(join(root, 'three.htm'), '<title>Page headline</title><p>Page body.</p>');
    writeFileSync(join(root, 'four.xhtml'), '<p>not read</p>');
    const archive = await loadArchive(root);
    expect([...archive.all()].map((a) => [a.id, a.format, a.headline])).toEqual([
      ['one', 'text', 'Plain headline'],
      ['three', 'html', 'Page headline'],
      ['two', 'markdown', 'Markdown headline'],
    ]);
    expect(archive.report.skipped).toEqual([{ relPath: 'four.xhtml', reason: 'not an article file (only .txt, .md, .markdown, .html and .htm are read)' }]);
    const three = archive.get('three')!;
    expect(archive.readText(three)).toEqual({ ok: true, text: { paragraphs: ['Page body.'], related: [] } });
  });

  it('decodes HTML character references in plain text (saved from web pages), then sanitises what they made', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'broadsheet-references-'));
    try {
      writeFileSync(join(dir, 'caf.txt'), 'Caf&#233; prices &amp; rents\n\nA coffee costs &#163;3.50 at AT&T&#8217;s canteen; M&S says &lt;nothing&gt;. &#27;[31mRed&#x1b;[0m &bogus; stays.\n');
      const archive = await loadArchive(dir);
      const article = archive.get('caf')!;
      expect(article.headline).toBe('Café prices & rents');
      const text = archive.readText(article);
      expect(text.ok && text.text.paragraphs).toEqual(['A coffee costs £3.50 at AT&T’s canteen; M&S says <nothing>. Red &bogus; stays.']);
      expect(containsForbidden(JSON.stringify(text))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
