import { createHash } from 'node:crypto';

/**
 * A stable, shell-safe id from a path below the archive root: `business/001.txt`
 * becomes `business/001` (likewise .md, .markdown, .html, .htm). Characters a shell would trip on become `_`, and
 * then a short hash of the real path keeps two such names apart.
 */
export function articleId(relPath: string): string {
  const withoutExt = relPath.replace(/\.(?:txt|md|markdown|html?)$/i, '');
  let id = withoutExt.replace(/[^A-Za-z0-9._/-]+/g, '_').replace(/\/{2,}/g, '/');
  // No leading `-` (reads as a flag) and no `.`/`..` segments.
  id = id.replace(/(^|\/)-/g, '$1_').replace(/(^|\/)\.(?=\/|\.|$)/g, '$1_');
  if (id !== withoutExt || id === '') id = `${id || 'article'}-${shortHash(relPath)}`;
  return id;
}

export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 6);
}

/** Make ids unique when two files map to one id (`a.txt` and `a.md`). */
export function uniqueIds(relPaths: string[]): string[] {
  const ids = relPaths.map(articleId);
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return ids.map((id, i) => {
    if (counts.get(id) === 1) return id;
    const ext = /\.([A-Za-z]+)$/.exec(relPaths[i]!)?.[1] ?? 'x';
    return `${id}.${ext.toLowerCase()}`;
  });
}
