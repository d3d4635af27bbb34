import { type ChatMessage, indexTokens, type SearchTerm } from 'aurora-protocol';
import type Database from 'better-sqlite3';
import type { Logger } from '../logger.js';
import {
  isIndexed,
  PREFIX_WORDS,
  type SearchFound,
  type SearchPage,
  type StoreSearch,
  searchPrefixes,
} from './search.js';

// The SQLite search index: a contentless FTS5 table (the text lives in `messages`; the index holds
// only the folded tokens, space-separated, which the `ascii` tokenizer splits back exactly as the
// shared tokenizer made them). Its rowid is the document number, kept in `messages.doc` so that a
// retention prune, and later an edit or a delete, removes the document with the message. The
// sender's canonical name is a second column, so `from:` is part of the index look-up.

/** The index table; `contentless_delete` lets prune (and later edits) delete documents. */
export const SEARCH_SCHEMA = `
CREATE VIRTUAL TABLE IF NOT EXISTS message_index USING fts5(
  body, sender, target UNINDEXED, seq UNINDEXED,
  content='', contentless_delete=1, contentless_unindexed=1, tokenize='ascii'
);
CREATE VIRTUAL TABLE IF NOT EXISTS temp.message_words USING fts5vocab(main, message_index, col);`;

/**
 * Who takes part in which direct conversation, so a search can list a person's conversations
 * without scanning messages; written with each direct message. Returns true when it was just made.
 */
export function addConversations(db: Database.Database): boolean {
  const exists = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'conversations'")
    .get();
  if (exists) return false;
  db.exec(`CREATE TABLE conversations (key TEXT NOT NULL, target TEXT NOT NULL, PRIMARY KEY (key, target)) WITHOUT ROWID;
    INSERT OR IGNORE INTO conversations SELECT from_key, target FROM messages WHERE to_key IS NOT NULL;
    INSERT OR IGNORE INTO conversations SELECT to_key, target FROM messages WHERE to_key IS NOT NULL;`);
  return true;
}

/** SQL true for a deleted message (its text is gone, so it is never indexed again). */
const DELETED = "COALESCE(json_extract(detail, '$.deleted'), 0)";

/** Messages indexed per transaction while building the index for an existing database. */
const BUILD_BATCH = 5000;

/** The indexed form of a message's text. */
export function indexBody(text: string): string {
  return indexTokens(text).join(' ');
}

/**
 * The indexed form of a sender's canonical name: its letters and digits as tokens (the ascii
 * tokenizer splits at punctuation), or its bytes in hex for a name of punctuation alone. The search
 * then also compares `from_key` itself, so names that index alike are never mixed up.
 */
function senderBody(fromKey: string): string {
  return (
    indexTokens(fromKey.replace(/[^\p{L}\p{N}]/gu, ' ')).join(' ') || Buffer.from(fromKey).toString('hex')
  );
}

/** Adds `messages.doc` to a database made before search (a no-op when it is there). */
export function addDocColumn(db: Database.Database): boolean {
  const columns = db.pragma('table_info(messages)') as { name: string }[];
  if (columns.some((column) => column.name === 'doc')) return false;
  db.exec('ALTER TABLE messages ADD COLUMN doc INTEGER');
  return true;
}

/**
 * Indexes every stored message that has no document yet, oldest first, in batches, logging progress:
 * what a database from before search gets on its first start.
 */
export function buildSearchIndex(db: Database.Database, logger?: Partial<Pick<Logger, 'info'>>): void {
  const pending = db.prepare<[], { n: number }>(
    `SELECT COUNT(*) AS n FROM messages WHERE doc IS NULL AND kind IN ('chat', 'action', 'dm') AND NOT ${DELETED}`,
  );
  const total = pending.get()?.n ?? 0;
  if (total === 0) return;
  logger?.info?.('building the search index', { messages: total });
  const batch = db.prepare<
    [number, string, number, number],
    {
      target: string;
      seq: number;
      text: string;
      from_key: string;
      ts: number;
      doc: number | null;
      kind: string;
      deleted: number;
    }
  >(
    `SELECT target, seq, text, from_key, ts, doc, kind, ${DELETED} AS deleted FROM messages WHERE (ts, target, seq) > (?, ?, ?)
     ORDER BY ts, target, seq LIMIT ?`,
  );
  const insert = prepareIndexInsert(db);
  const mark = db.prepare<[number, string, number]>(
    'UPDATE messages SET doc = ? WHERE target = ? AND seq = ?',
  );
  let doc = lastDoc(db);
  let done = 0;
  // Walked in (ts, target, seq) order with a key cursor, so each batch starts where the last ended.
  let after: [number, string, number] = [-1, '', 0];
  const step = db.transaction(() => {
    const rows = batch.all(after[0], after[1], after[2], BUILD_BATCH);
    for (const row of rows) {
      after = [row.ts, row.target, row.seq];
      if (row.doc !== null || !isIndexed(row.kind as ChatMessage['kind']) || row.deleted) continue;
      doc++;
      insert(doc, indexBody(row.text), row.from_key, row.target, row.seq);
      mark.run(doc, row.target, row.seq);
      done++;
    }
    return rows.length;
  });
  while (step() > 0) logger?.info?.('search index progress', { indexed: done, of: total });
  logger?.info?.('search index built', { messages: done });
}

/** The highest document number in the index (0 when empty). */
export function lastDoc(db: Database.Database): number {
  return (
    db
      .prepare<[], { doc: number }>('SELECT rowid AS doc FROM message_index ORDER BY rowid DESC LIMIT 1')
      .get()?.doc ?? 0
  );
}

/** Senders whose indexed names are kept at hand; past it the list starts over. */
const SENDER_CACHE = 4096;

/** The statement that indexes one message: (doc, body, sender, target, seq). */
export function prepareIndexInsert(db: Database.Database) {
  const insert = db.prepare<[number, string, string, string, number]>(
    'INSERT INTO message_index (rowid, body, sender, target, seq) VALUES (?, ?, ?, ?, ?)',
  );
  // A room's few senders send most of its messages: their names are tokenized once.
  const senders = new Map<string, string>();
  return (doc: number, body: string, fromKey: string, target: string, seq: number) => {
    let sender = senders.get(fromKey);
    if (sender === undefined) {
      sender = senderBody(fromKey);
      if (senders.size >= SENDER_CACHE) senders.clear();
      senders.set(fromKey, sender);
    }
    return insert.run(doc, body, sender, target, seq);
  };
}

/** An FTS5 phrase of tokens; tokens are letters and digits only, so quoting them is exact. */
function phrase(term: SearchTerm): string {
  return `"${term.tokens.join(' ')}"${term.prefix ? ' *' : ''}`;
}

/** The FTS5 expression of a search: every term in the body, and the sender when asked. */
export function matchExpression(query: StoreSearch): string | undefined {
  const parts = query.terms.map((term) => `body : ${phrase(term)}`);
  if (query.fromKey !== undefined) parts.push(`sender : "${senderBody(query.fromKey)}"`);
  return parts.length === 0 ? undefined : parts.join(' AND ');
}

/** A row of a search: the document number and the message's columns. */
export type SearchRow<Row> = Row & { doc: number };

/** Runs a search; `toFound` turns each row into a match. */
export function runSearch<Row extends { target: string; ts: number }>(
  db: Database.Database,
  query: StoreSearch,
  toFound: (row: SearchRow<Row>) => SearchFound,
): SearchPage {
  const match = matchExpression(query);
  if (match === undefined || query.scopes.length === 0) return { found: [] };
  const tooCommon = searchPrefixes(query).find((prefix) => prefixTooCommon(db, prefix, query));
  if (tooCommon !== undefined) return { found: [], tooCommon };
  const params: (string | number)[] = [match, JSON.stringify(query.scopes.map((scope) => scope.target))];
  const clauses = ['message_index MATCH ?', 'i.target IN (SELECT value FROM json_each(?))'];
  if (query.cursor !== undefined) {
    clauses.push('i.rowid < ?');
    params.push(query.cursor);
  }
  if (query.fromKey !== undefined) {
    clauses.push('m.from_key = ?');
    params.push(query.fromKey);
  }
  if (query.exceptFromKeys?.length) {
    clauses.push('m.from_key NOT IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(query.exceptFromKeys));
  }
  if (query.before !== undefined) {
    clauses.push('m.ts < ?');
    params.push(query.before);
  }
  if (query.after !== undefined) {
    clauses.push('m.ts >= ?');
    params.push(query.after);
  }
  const limited = query.scopes.filter((scope) => scope.notBefore !== undefined);
  if (limited.length > 0) {
    // Guests read a direct conversation only from when they took the name.
    clauses.push(
      "m.ts >= COALESCE((SELECT value ->> '$.n' FROM json_each(?) WHERE value ->> '$.t' = i.target), 0)",
    );
    params.push(JSON.stringify(limited.map((scope) => ({ t: scope.target, n: scope.notBefore }))));
  }
  const sql = `SELECT i.rowid AS doc, m.* FROM message_index i
    JOIN messages m ON m.target = i.target AND m.seq = i.seq
    WHERE ${clauses.join(' AND ')} ORDER BY i.rowid DESC LIMIT ?`;
  const rows = db.prepare<(string | number)[], SearchRow<Row>>(sql).all(...params, query.limit + 1);
  const found = rows.slice(0, query.limit).map(toFound);
  const last = found.at(-1);
  return rows.length > query.limit && last ? { found, next: last.doc } : { found };
}

/**
 * True when a prefix matches more than PREFIX_WORDS words in the targets searched (the rule Redis
 * keeps too). The vocabulary lists every target's words: when it has few enough, so do the targets;
 * otherwise each word is looked for in the targets until one too many is found.
 */
function prefixTooCommon(db: Database.Database, prefix: string, query: StoreSearch): boolean {
  const words = db
    .prepare<[string, string], { term: string }>(
      "SELECT term FROM temp.message_words WHERE col = 'body' AND term >= ? AND term < ? ORDER BY term",
    )
    .all(prefix, `${prefix}\u{10FFFF}`)
    .map((row) => row.term);
  if (words.length <= PREFIX_WORDS) return false;
  const inScope = db.prepare<[string, string], { found: number }>(
    `SELECT 1 AS found FROM message_index WHERE message_index MATCH ?
     AND target IN (SELECT value FROM json_each(?)) LIMIT 1`,
  );
  const targets = JSON.stringify(query.scopes.map((scope) => scope.target));
  let found = 0;
  for (const word of words) {
    if (inScope.get(`body : "${word.replaceAll('"', '""')}"`, targets) && ++found > PREFIX_WORDS) return true;
  }
  return false;
}
