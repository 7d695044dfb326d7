/**
 * A folder's stamp: one hash of every file the walk found (name, size,
 * modification and change times, inode), what the walk could not read, and
 * the size limit. Equal stamps mean a load would read nothing new: the reader's
 * background check compares the stamp stored with the list snapshot against
 * the folder's, and skips the header cache (100,000 entries, ~250 MB of heap
 * to bring back) when nothing changed, which is nearly every start.
 */
import { createHash } from 'node:crypto';
import type { FoundFile, WalkProblem } from './walk.js';

export function folderStamp(files: readonly FoundFile[], problems: readonly WalkProblem[], maxFileBytes: number): string {
  const hash = createHash('sha256');
  hash.update(`limit ${maxFileBytes}\n`);
  // Batched: one update per file costs more than the hashing at 100,000 files.
  let batch = '';
  for (const file of files) {
    const { size, mtimeMs, ctimeMs, ino } = file.stats;
    // The name's raw bytes (two names that are not UTF-8 can decode alike), and the change time:
    // a rename or a chmod (a file that was unreadable and no longer is) leaves size and mtime alone.
    batch += `${JSON.stringify(file.path.toString('latin1'))} ${size} ${mtimeMs} ${ctimeMs} ${ino}\n`;
    if (batch.length > 65_536) {
      hash.update(batch);
      batch = '';
    }
  }
  for (const problem of problems) batch += `! ${JSON.stringify(problem.relPath)} ${JSON.stringify(problem.reason)}\n`;
  hash.update(batch);
  return hash.digest('hex');
}
