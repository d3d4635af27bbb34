import Database from 'better-sqlite3';
import { type RankRange, WORD_CLASSES, type WordClass } from './query-words.js';

/** The FTS5 index's share of the database file. */
export interface IndexSize {
  /** `dbstat`: SQLite's page-level accounting; `blocks`: the index's segment bytes, without pages. */
  readonly method: 'dbstat' | 'blocks';
  readonly databaseBytes: number;
  readonly indexBytes: number;
  /** indexBytes / databaseBytes. */
  readonly share: number;
  /** Bytes per table (dbstat only; the index's shadow tables are `message_index_*`). */
  readonly tables: Readonly<Record<string, number>>;
}

/** How many messages the words of each class are in: the least and the most of its words. */
export type ClassFrequencies = Readonly<
  Record<WordClass, { readonly minDocs: number; readonly maxDocs: number }>
>;

/** The index's tables: the FTS5 table's shadow tables and their automatic indexes. */
export function isIndexTable(name: string): boolean {
  return /^(sqlite_autoindex_)?message_index_/.test(name);
}

/**
 * Checkpoints the WAL into the database (so its file is the whole of it, and a copy of the folder
 * needs only that file) and measures the index's share. Must run with no server on the folder.
 */
export function measureIndexSize(file: string): IndexSize {
  const db = new Database(file);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const databaseBytes = (db.pragma('page_count', { simple: true }) as number) * pageSize;
    try {
      const rows = db
        .prepare<[], { name: string; bytes: number }>(
          'SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC',
        )
        .all();
      const tables = Object.fromEntries(rows.map((row) => [row.name, row.bytes]));
      const indexBytes = rows
        .filter((row) => isIndexTable(row.name))
        .reduce((sum, row) => sum + row.bytes, 0);
      return { method: 'dbstat', databaseBytes, indexBytes, share: indexBytes / databaseBytes, tables };
    } catch {
      // A SQLite built without SQLITE_ENABLE_DBSTAT_VTAB: the segments' bytes, a lower bound.
      const blocks = db
        .prepare<[], { bytes: number | null }>('SELECT SUM(LENGTH(block)) AS bytes FROM message_index_data')
        .get();
      const indexBytes = blocks?.bytes ?? 0;
      return { method: 'blocks', databaseBytes, indexBytes, share: indexBytes / databaseBytes, tables: {} };
    }
  } finally {
    db.close();
  }
}

/** Counts the messages each class's words are in, from the index's own vocabulary (fts5vocab). */
export function classFrequencies(
  file: string,
  vocabulary: readonly string[],
  ranks: Record<WordClass, RankRange>,
): ClassFrequencies {
  const db = new Database(file);
  try {
    db.exec("CREATE VIRTUAL TABLE temp.words USING fts5vocab(main, 'message_index', 'col')");
    const docs = db.prepare<[string], { doc: number }>(
      "SELECT doc FROM temp.words WHERE col = 'body' AND term = ?",
    );
    const entries = WORD_CLASSES.map((wordClass) => {
      const { from, to } = ranks[wordClass];
      const counts = vocabulary.slice(from - 1, to).map((word) => docs.get(word)?.doc ?? 0);
      return [wordClass, { minDocs: Math.min(...counts), maxDocs: Math.max(...counts) }] as const;
    });
    return Object.fromEntries(entries) as Record<WordClass, { minDocs: number; maxDocs: number }>;
  } finally {
    db.close();
  }
}
