import type { Archive, Article, RelatedLink } from './article.js';

/**
 * Headlines in `See also` lists are typed by hand: quotes may be curly or
 * straight, case and punctuation vary. Compare letters and digits only.
 * The store keeps each article's key in an indexed column.
 */
export function headlineKey(headline: string): string {
  // NFKC changes nothing in ASCII text, which most headlines are.
  return (/[^\x00-\x7f]/.test(headline) ? headline.normalize('NFKC') : headline)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The archive article a `See also` line points at, preferring a same-day match when headlines repeat. */
export function resolveRelated(archive: Archive, link: RelatedLink, selfId?: string): Article | undefined {
  const candidates = archive.withHeadlineKey(headlineKey(link.headline)).filter((a) => a.id !== selfId);
  if (link.date) {
    const sameDay = candidates.find((a) => a.date.slice(0, 10) === link.date);
    if (sameDay) return sameDay;
  }
  return candidates[0];
}
