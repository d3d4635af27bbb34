import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from '../logger.js';
import { prepareDataFolder } from './data-folder.js';
import { checkSchemaVersion, recordSchemaVersion } from './schema-version.js';
import { addConversations, addDocColumn, buildSearchIndex, SEARCH_SCHEMA } from './sqlite-search.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS messages (
  target TEXT NOT NULL, seq INTEGER NOT NULL, id TEXT NOT NULL, kind TEXT NOT NULL,
  room TEXT, to_nick TEXT, to_key TEXT, from_nick TEXT NOT NULL, from_key TEXT NOT NULL, text TEXT NOT NULL,
  ts INTEGER NOT NULL, cid TEXT, event TEXT, from_account INTEGER, from_bot INTEGER, about INTEGER, detail TEXT,
  PRIMARY KEY (target, seq)
) WITHOUT ROWID;
-- The retry index leads with the cid: time-ordered cids (the terminal client's, ULIDs, counters)
-- then land at one place in it, where (from_key, cid) dirtied a page per sender in every commit.
DROP INDEX IF EXISTS messages_by_cid;
CREATE UNIQUE INDEX IF NOT EXISTS messages_by_client_id ON messages (cid, from_key) WHERE cid IS NOT NULL;
CREATE INDEX IF NOT EXISTS messages_by_ts ON messages (ts);
CREATE INDEX IF NOT EXISTS messages_by_recipient ON messages (to_key, ts) WHERE to_key IS NOT NULL;
CREATE TABLE IF NOT EXISTS sequences (target TEXT PRIMARY KEY, last INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rooms (name TEXT PRIMARY KEY, topic TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS members (room TEXT NOT NULL, key TEXT NOT NULL, nick TEXT NOT NULL, PRIMARY KEY (room, key));
`;

/** An opened aurora.db, and the file it is in (`:memory:` for `--memory`). */
export interface OpenedDatabase {
  readonly db: Database.Database;
  readonly file: string;
}

/**
 * Opens aurora.db (in memory when there is no folder) and brings it to this server's layout, so
 * the store prepares its statements against tables that are all there: every migration, in order.
 */
export function openDatabase(
  dataDir: string | undefined,
  indexing: boolean,
  logger?: Partial<Pick<Logger, 'info'>>,
): OpenedDatabase {
  let file = ':memory:';
  if (dataDir !== undefined) {
    prepareDataFolder(dataDir);
    file = join(dataDir, 'aurora.db');
  }
  const db = new Database(file);
  checkSchemaVersion(db, file);
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode: a commit survives the process crashing; only an OS crash or power loss
  // can take the last transactions.
  db.pragma('synchronous = NORMAL');
  db.exec(SCHEMA);
  addSenderColumns(db);
  addLifecycleColumns(db);
  db.exec(SEARCH_SCHEMA);
  addDocColumn(db);
  addConversations(db);
  // Version 2 added search: a database from before gets its index built here, once; so do the
  // messages stored while the index was off.
  if (indexing) buildSearchIndex(db, logger);
  recordSchemaVersion(db);
  return { db, file };
}

/**
 * Adds `about` and `detail` to a database made before messages could be edited, deleted, reacted
 * to or replied to (schema version 5): what they hold is absent from every older message.
 */
export function addLifecycleColumns(db: Database.Database): void {
  const columns = db.pragma('table_info(messages)') as { name: string }[];
  const missing = [
    ['about', 'INTEGER'],
    ['detail', 'TEXT'],
  ].filter(([name]) => !columns.some((column) => column.name === name));
  if (missing.length === 0) return;
  db.transaction(() => {
    for (const [name, type] of missing) db.exec(`ALTER TABLE messages ADD COLUMN ${name} ${type}`);
  })();
}

/**
 * Adds `from_account` and `from_bot` to a database made before messages said whether their sender
 * was registered, or a webhook.
 */
function addSenderColumns(db: Database.Database): void {
  const columns = db.pragma('table_info(messages)') as { name: string }[];
  for (const name of ['from_account', 'from_bot'])
    if (!columns.some((column) => column.name === name))
      db.exec(`ALTER TABLE messages ADD COLUMN ${name} INTEGER`);
}
