/** The archive as one RSS 2.0 feed, so newsboat can read the same articles. */
import type { Catalogue as Archive } from '../src/archive/catalogue.js';

function xml(text: string): string {
  // XML 1.0 forbids most control characters even when escaped.
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function rssFeed(title: string, archive: Archive): string {
  const items = [...archive.all()].map((a) => {
    const text = archive.readText(a);
    const lead = text.ok ? (text.text.paragraphs[0] ?? '') : '';
    const date = new Date(`${a.date.slice(0, 10)}T12:00:00Z`).toUTCString();
    return `<item><title>${xml(a.headline)}</title><guid isPermaLink="false">${xml(a.id)}</guid><pubDate>${date}</pubDate><description>${xml(lead)}</description></item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${xml(title)}</title><link>http://localhost/</link><description>Broadsheet benchmark archive</description>\n${items.join('\n')}\n</channel></rss>\n`;
}
