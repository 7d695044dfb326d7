/**
 * What grows with an archive: which articles were read, and where the reader
 * stopped in each. One small SQLite database per archive, beside the library
 * file (`<config folder>/archives/<hash of the folder>.db`), so marking an
 * article read writes one row, not the whole library, at 100,000 articles as
 * at 10; and the marks of one archive never show in another.
 *
 * Unlike the archive index (a cache, rebuilt at will), this is the user's
 * data: a damaged file is kept aside and reported, never silently dropped.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

type Db = Database.Database;

const SCHEMA = 1;

const TABLES = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
-- Read articles, by id; the fingerprint lets a mark follow a file that moved.
CREATE TABLE IF NOT EXISTS read (id TEXT PRIMARY KEY, fingerprint TEXT, at TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS read_by_fingerprint ON read(fingerprint);
-- Where the reader stopped: a paragraph and an offset in it, so another width lands on the same text.
CREATE TABLE IF NOT EXISTS positions (id TEXT PRIMARY KEY, fingerprint TEXT, paragraph INTEGER NOT NULL, offset INTEGER NOT NULL, at TEXT NOT NULL) WITHOUT ROWID;
`;

/** The file holding the reading state of the archive at `root` (absolute). */
export function readingStatePath(root: string, configDir: string): string {
  const name = createHash('sha256').update(root).digest('hex').slice(0, 16);
  return join(configDir, 'archives', `${name}.db`);
}

/** Where the reader stopped in an article. */
export interface ReadingPosition {
  paragraph: number;
  offset: number;
}

export class ReadingState {
  readonly #db: Db;
  readonly #statements;
  /** Why the state is only in memory (a damaged or unwritable file), for the status line; undefined when all is well. */
  readonly notice: string | undefined;
  /** The file, or ':memory:'. */
  readonly path: string;

  private constructor(db: Db, path: string, notice?: string) {
    this.#db = db;
    this.path = path;
    this.notice = notice;
    this.#statements = {
      isRead: db.prepare('SELECT 1 FROM read WHERE id = ?').pluck(),
      markRead: db.prepare('INSERT INTO read (id, fingerprint, at) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET fingerprint = excluded.fingerprint'),
      markUnread: db.prepare('DELETE FROM read WHERE id = ?'),
      ids: db.prepare('SELECT id FROM read').pluck(),
      position: db.prepare('SELECT paragraph, offset FROM positions WHERE id = ?'),
      setPosition: db.prepare('INSERT INTO positions (id, fingerprint, paragraph, offset, at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET fingerprint = excluded.fingerprint, paragraph = excluded.paragraph, offset = excluded.offset, at = excluded.at'),
      clearPosition: db.prepare('DELETE FROM positions WHERE id = ?'),
    };
  }

  /**
   * Opens (creating) the state at `path`. A file that is not a database, or
   * cannot be written, leaves a state in memory and a notice; a damaged file
   * is moved aside (`….damaged-<time>`), never deleted.
   */
  static open(path: string | undefined): ReadingState {
    if (path === undefined) return ReadingState.#inMemory();
    try {
      mkdirSync(join(path, '..'), { recursive: true });
    } catch (error) {
      return ReadingState.#inMemory(`reading state cannot be saved (${describe(error)})`);
    }
    let setAside: string | undefined;
    for (let attempt = 0; attempt < 2; attempt++) {
      let db: Db | undefined;
      try {
        db = new Database(path);
        db.pragma('busy_timeout = 2000');
        db.pragma('journal_mode = WAL');
        // Every mark is a committed transaction: a crash loses nothing acknowledged.
        db.pragma('synchronous = FULL');
        db.exec(TABLES);
        db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', ?)").run(String(SCHEMA));
        return new ReadingState(db, path, setAside && `the reading state file was damaged: kept as ${setAside}, read marks and positions start afresh`);
      } catch (error) {
        db?.close();
        const code = (error as { code?: string }).code ?? '';
        if (attempt === 0 && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'))) {
          const aside = `${path}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
          try {
            renameSync(path, aside);
            // Its journal goes with it: it may hold the latest marks, and belongs to no new file.
            for (const suffix of ['-wal', '-shm']) if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix);
            setAside = aside;
          } catch {
            return ReadingState.#inMemory(`the reading state file is damaged and cannot be moved aside (${describe(error)})`);
          }
          continue;
        }
        return ReadingState.#inMemory(`reading state cannot be saved (${describe(error)})`);
      }
    }
    return ReadingState.#inMemory('reading state cannot be saved');
  }

  static #inMemory(notice?: string): ReadingState {
    const db = new Database(':memory:');
    db.exec(TABLES);
    return new ReadingState(db, ':memory:', notice ? `${notice}; read marks and positions are kept until you quit` : undefined);
  }

  /** The database, for queries that join it with the archive index (ATTACH by `path`). */
  get db(): Db {
    return this.#db;
  }

  isRead(id: string): boolean {
    return this.#statements.isRead.get(id) !== undefined;
  }

  readIds(): Set<string> {
    return new Set(this.#statements.ids.all() as string[]);
  }

  markRead(id: string, fingerprint?: string): void {
    this.#statements.markRead.run(id, fingerprint ?? null, new Date().toISOString());
  }

  markUnread(id: string): void {
    this.#statements.markUnread.run(id);
  }

  /** Marks many at once, in one transaction (mark all in view as read). */
  markAllRead(articles: Iterable<{ id: string; fingerprint?: string }>): void {
    const at = new Date().toISOString();
    this.#db.transaction(() => {
      for (const a of articles) this.#statements.markRead.run(a.id, a.fingerprint ?? null, at);
    })();
  }

  /** Undoes markAllRead for these ids. */
  markAllUnread(ids: Iterable<string>): void {
    this.#db.transaction(() => {
      for (const id of ids) this.#statements.markUnread.run(id);
    })();
  }

  /** Every saved position (one row per article left part-read: few, even in a large archive). */
  positions(): Map<string, ReadingPosition> {
    const rows = this.#db.prepare('SELECT id, paragraph, offset FROM positions').all() as Array<{ id: string } & ReadingPosition>;
    return new Map(rows.map(({ id, paragraph, offset }) => [id, { paragraph, offset }]));
  }

  position(id: string): ReadingPosition | undefined {
    return this.#statements.position.get(id) as ReadingPosition | undefined;
  }

  setPosition(id: string, position: ReadingPosition | undefined, fingerprint?: string): void {
    if (!position || (position.paragraph <= 0 && position.offset <= 0)) this.#statements.clearPosition.run(id);
    else this.#statements.setPosition.run(id, fingerprint ?? null, position.paragraph, position.offset, new Date().toISOString());
  }

  /**
   * Follows files that moved: marks and positions whose id is no longer an
   * article take the id of the article with the same fingerprint. Returns
   * the read marks that moved, and how many positions did.
   */
  follow(lookup: { get(id: string): unknown; withFingerprint(fingerprint: string): Array<{ id: string }> }): { read: Array<[from: string, to: string]>; positions: number } {
    const moved = { read: [] as Array<[string, string]>, positions: 0 };
    this.#db.transaction(() => {
      for (const table of ['read', 'positions'] as const) {
        const rows = this.#db.prepare(`SELECT id, fingerprint FROM ${table} WHERE fingerprint IS NOT NULL`).all() as Array<{ id: string; fingerprint: string }>;
        for (const row of rows) {
          if (lookup.get(row.id)) continue;
          const target = lookup.withFingerprint(row.fingerprint).find((a) => !this.#db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(a.id));
          if (!target) continue;
          this.#db.prepare(`UPDATE ${table} SET id = ? WHERE id = ?`).run(target.id, row.id);
          if (table === 'read') moved.read.push([row.id, target.id]);
          else moved.positions++;
        }
      }
    })();
    return moved;
  }

  /** Whether the state has no marks yet (a new archive, or one to migrate the old library's marks into). */
  isEmpty(): boolean {
    return this.#db.prepare('SELECT (SELECT count(*) FROM read) + (SELECT count(*) FROM positions)').pluck().get() === 0;
  }

  readMeta(key: string): string | undefined {
    return this.#db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined;
  }

  writeMeta(key: string, value: string): void {
    this.#db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  close(): void {
    this.#db.close();
  }
}

function describe(error: unknown): string {
  const e = error as { code?: string; message?: string };
  return e.code ? e.code.replace(/^SQLITE_/, '').toLowerCase().replace(/_/g, ' ') : String(e.message ?? error);
}
