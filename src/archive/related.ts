import type { Archive, Article, RelatedLink } from './article.js';

/**
 * Headlines in `See also` lists are typed by hand: quotes may be curly or
 * straight, case and punctuation vary. Compare letters and digits only.
 */
export function headlineKey(headline: string): string {
  return headline
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const indexes = new WeakMap<Archive, Map<string, Article[]>>();

function headlineIndex(archive: Archive): Map<string, Article[]> {
  let index = indexes.get(archive);
  if (!index) {
    index = new Map();
    for (const article of archive.articles) {
      const key = headlineKey(article.headline);
      const bucket = index.get(key);
      if (bucket) bucket.push(article);
      else index.set(key, [article]);
    }
    indexes.set(archive, index);
  }
  return index;
}

/** The archive article a `See also` line points at, preferring a same-day match when headlines repeat. */
export function resolveRelated(archive: Archive, link: RelatedLink, selfId?: string): Article | undefined {
  const candidates = (headlineIndex(archive).get(headlineKey(link.headline)) ?? []).filter((a) => a.id !== selfId);
  if (link.date) {
    const sameDay = candidates.find((a) => a.date.slice(0, 10) === link.date);
    if (sameDay) return sameDay;
  }
  return candidates[0];
}
