import { join } from 'node:path';
import { applyMessageEvent, type ChatMessage, ErrorCode } from 'aurora-protocol';
import Database from 'better-sqlite3';
import type { Clock } from '../clock.js';
import { createId, type IdFactory } from '../ids.js';
import type { Logger } from '../logger.js';
import { Checkpointer, type CheckpointOptions } from './checkpointer.js';
import { prepareDataFolder } from './data-folder.js';
import { eventMessage, inStoredOrder, lifecycleOf } from './message-state.js';
import { checkSchemaVersion, recordSchemaVersion } from './schema-version.js';
import type { SearchPage, StoreSearch } from './search.js';
import { isIndexed } from './search.js';
import { SqliteAccounts } from './sqlite-accounts.js';
import { SqliteModeration } from './sqlite-moderation.js';
import { SqliteResetCodes } from './sqlite-reset-codes.js';
import {
  addConversations,
  addDocColumn,
  buildSearchIndex,
  indexBody,
  lastDoc,
  prepareIndexInsert,
  runSearch,
  SEARCH_SCHEMA,
} from './sqlite-search.js';
import { SqliteWebhooks } from './sqlite-webhooks.js';
import {
  type AppendResult,
  type Bounds,
  type ChangeResult,
  type DecideChange,
  type NewMessage,
  type Page,
  type PageQuery,
  type RememberedMember,
  type Retention,
  type Store,
  type StoredMessage,
  StoreError,
} from './store.js';

/** Options for {@link SqliteStore}. */
export interface SqliteStoreOptions {
  /** Folder for `aurora.db`; omitted means an in-memory database (`--memory`). */
  readonly dataDir?: string;
  readonly retention?: Retention;
  /**
   * False: messages are stored without being indexed, and `search` finds nothing and says so
   * (`--search-index off`, the benchmark's baseline). The next start with it on indexes them.
   */
  readonly searchIndex?: boolean;
  readonly clock: Pick<Clock, 'now'>;
  readonly ids?: IdFactory;
  /** Told when a background WAL checkpoint fails, and of building the search index. */
  readonly logger?: Pick<Logger, 'warn'> & Partial<Pick<Logger, 'info'>>;
  /** When the WAL is checkpointed (on disk only); tests make it eager. */
  readonly checkpoint?: CheckpointOptions;
  /** Told how long each group commit took, in seconds (for the metrics). */
  readonly onCommit?: ((seconds: number) => void) | undefined;
}

/** A row of the messages table. */
export interface Row {
  target: string;
  seq: number;
  id: string;
  kind: ChatMessage['kind'];
  room: string | null;
  to_nick: string | null;
  to_key: string | null;
  from_nick: string;
  from_key: string;
  text: string;
  ts: number;
  cid: string | null;
  event: string | null;
  /** 1 when the sender was logged in to the account of that name. */
  from_account: number | null;
  /** 1 when an incoming webhook posted it. */
  from_bot: number | null;
  /** The search document number; null for system notices and events (not indexed), and deleted messages. */
  doc: number | null;
  /** On events: the seq of the message they change. */
  about: number | null;
  /** The lifecycle fields of the message (`lifecycleOf`) as JSON; null for a message never changed. */
  detail: string | null;
}

/** A row's columns in the order of the insert statement. */
type RowValues = [
  target: string,
  seq: number,
  id: string,
  kind: string,
  room: string | null,
  to_nick: string | null,
  to_key: string | null,
  from_nick: string,
  from_key: string,
  text: string,
  ts: number,
  cid: string | null,
  event: string | null,
  from_account: number | null,
  from_bot: number | null,
  doc: number | null,
  about: number | null,
  detail: string | null,
];

interface Pending {
  row: Row;
  /** The indexed tokens of the text (tokenized before the transaction, to keep it short). */
  body: string | undefined;
  message: ChatMessage;
  /** Sender and cid, while the append is in flight (see `pendingByCid`). */
  cidKey: string | undefined;
  resolve: (result: AppendResult) => void;
  reject: (error: Error) => void;
}

/** SQLite's own default: a commit that takes the WAL past this many pages checkpoints it. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;

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

/**
 * The embedded store: SQLite in WAL mode through better-sqlite3. Appends made in one event-loop turn
 * are committed together in one transaction (group commit), and each resolves only after that
 * commit, so an acknowledged message survives a crash of the process.
 */
export class SqliteStore implements Store {
  readonly accounts: SqliteAccounts;
  readonly webhooks: SqliteWebhooks;
  readonly moderation: SqliteModeration;
  readonly resetCodes: SqliteResetCodes;
  private readonly db: Database.Database;
  private readonly ids: IdFactory;
  private readonly lastSeq = new Map<string, number>();
  /**
   * The last committed seq of each target written since the sequences table was brought up to date
   * (see {@link recordSequences}): committing it with every message cost a page of WAL per commit.
   */
  private readonly unrecordedSeqs = new Map<string, number>();
  private readonly pendingByCid = new Map<string, Promise<AppendResult>>();
  private batch: Pending[] = [];
  private flushScheduled = false;
  private flushed: Promise<void> = Promise.resolve();
  private resolveFlushed: () => void = () => {};
  private writeBatch: ((rows: readonly Pending[]) => void) | undefined;
  private writeMembers: ((changes: readonly MemberChange[]) => void) | undefined;
  /** Membership changes waiting for the next commit, by room and key. */
  private readonly memberChanges = new Map<string, MemberChange>();
  /** `page` statements by their SQL: preparing one per join cost more than running it. */
  private readonly pageStatements = new Map<string, Database.Statement<(string | number)[], Row>>();
  private changeStep: ((target: string, seq: number, decide: DecideChange) => ChangeResult) | undefined;
  private readonly statements;
  private readonly indexMessage: ReturnType<typeof prepareIndexInsert>;
  private readonly noteConversation: Database.Statement<[string, string]>;
  /** The next search document number (see `search.ts`). */
  private nextDoc: number;
  private readonly checkpointer: Checkpointer | undefined;
  private readonly indexing: boolean;

  constructor(private readonly options: SqliteStoreOptions) {
    this.indexing = options.searchIndex ?? true;
    let file = ':memory:';
    if (options.dataDir !== undefined) {
      prepareDataFolder(options.dataDir);
      file = join(options.dataDir, 'aurora.db');
    }
    this.db = new Database(file);
    checkSchemaVersion(this.db, file);
    this.db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a commit survives the process crashing; only an OS crash or power loss
    // can take the last transactions.
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(SCHEMA);
    addSenderColumns(this.db);
    addLifecycleColumns(this.db);
    this.db.exec(SEARCH_SCHEMA);
    addDocColumn(this.db);
    addConversations(this.db);
    // Version 2 added search: a database from before gets its index built here, once; so do the
    // messages stored while the index was off.
    if (this.indexing) buildSearchIndex(this.db, options.logger);
    recordSchemaVersion(this.db);
    this.nextDoc = lastDoc(this.db) + 1;
    if (options.dataDir !== undefined) {
      // Checkpoints run on a worker thread instead of inside the commit that crosses SQLite's threshold.
      this.db.pragma('wal_autocheckpoint = 0');
      this.checkpointer = new Checkpointer(
        file,
        {
          error: (error) => options.logger?.warn('WAL checkpoint failed', { error }),
          stopped: () => {
            options.logger?.warn(
              'the checkpoint worker stopped: commits checkpoint the WAL themselves again',
            );
            this.db.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
          },
          // The commit that starts the WAL over is this one, which nobody waits for, rather than
          // that of the next message (a fsync on its way to the room).
          copied: () => this.recordSequences(),
        },
        options.checkpoint,
      );
    }
    this.ids = options.ids ?? createId;
    this.accounts = new SqliteAccounts(this.db, toMessage);
    this.webhooks = new SqliteWebhooks(this.db);
    this.moderation = new SqliteModeration(this.db, () => options.clock.now());
    this.resetCodes = new SqliteResetCodes(this.db);
    this.statements = {
      insert: this.db.prepare<RowValues>(
        `INSERT INTO messages (target, seq, id, kind, room, to_nick, to_key, from_nick, from_key, text, ts, cid, event, from_account, from_bot, doc, about, detail)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      bySeq: this.db.prepare<[string, number], Row>('SELECT * FROM messages WHERE target = ? AND seq = ?'),
      updateState: this.db.prepare<[string, number | null, string | null, string, number]>(
        'UPDATE messages SET text = ?, doc = ?, detail = ? WHERE target = ? AND seq = ?',
      ),
      // The text of a deleted message's edits goes with it (the edits stay, as events, without it).
      scrubEdits: this.db.prepare<[string, number, number]>(
        "UPDATE messages SET text = '' WHERE target = ? AND seq > ? AND kind = 'edit' AND about = ?",
      ),
      unindexDoc: this.db.prepare<[number]>('DELETE FROM message_index WHERE rowid = ?'),
      byCid: this.db.prepare<[string, string], Row>('SELECT * FROM messages WHERE cid = ? AND from_key = ?'),
      // A target's last seq outlives its messages (retention may delete them all), so seqs never repeat.
      lastSeq: this.db.prepare<[string, string], { last: number }>(
        `SELECT MAX(COALESCE((SELECT last FROM sequences WHERE target = ?), 0),
                COALESCE((SELECT MAX(seq) FROM messages WHERE target = ?), 0)) AS last`,
      ),
      firstSeq: this.db.prepare<[string], { first: number | null }>(
        'SELECT MIN(seq) AS first FROM messages WHERE target = ?',
      ),
      recordSeq: this.db.prepare<[string, number]>(
        'INSERT INTO sequences (target, last) VALUES (?, ?) ON CONFLICT (target) DO UPDATE SET last = MAX(last, excluded.last)',
      ),
      topic: this.db.prepare<[string], { topic: string }>('SELECT topic FROM rooms WHERE name = ?'),
      setTopic: this.db.prepare<[string, string]>(
        'INSERT INTO rooms (name, topic) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET topic = excluded.topic',
      ),
      remember: this.db.prepare<[string, string, string]>(
        'INSERT INTO members (room, key, nick) VALUES (?, ?, ?) ON CONFLICT (room, key) DO UPDATE SET nick = excluded.nick',
      ),
      forget: this.db.prepare<[string, string]>('DELETE FROM members WHERE room = ? AND key = ?'),
      isRemembered: this.db.prepare<[string, string], { one: number }>(
        'SELECT 1 AS one FROM members WHERE room = ? AND key = ?',
      ),
      remembered: this.db.prepare<[], RememberedMember>('SELECT room, key, nick FROM members'),
      pruneByAge: this.db.prepare<[number]>('DELETE FROM messages WHERE ts < ?'),
      unindexByAge: this.db.prepare<[number]>(
        'DELETE FROM message_index WHERE rowid IN (SELECT doc FROM messages WHERE ts < ? AND doc IS NOT NULL)',
      ),
      unindexByCount: this.db.prepare<[string, number]>(
        'DELETE FROM message_index WHERE rowid IN (SELECT doc FROM messages WHERE target = ? AND seq <= ? AND doc IS NOT NULL)',
      ),
      recordAged: this.db.prepare<[number]>(
        `INSERT INTO sequences (target, last) SELECT target, MAX(seq) FROM messages WHERE ts < ? GROUP BY target
         ON CONFLICT (target) DO UPDATE SET last = MAX(last, excluded.last)`,
      ),
      targets: this.db.prepare<[], { target: string; last: number }>(
        'SELECT target, MAX(seq) AS last FROM messages GROUP BY target',
      ),
      pruneByCount: this.db.prepare<[string, number]>('DELETE FROM messages WHERE target = ? AND seq <= ?'),
    };
    this.indexMessage = prepareIndexInsert(this.db);
    this.noteConversation = this.db.prepare<[string, string]>(
      'INSERT OR IGNORE INTO conversations (key, target) VALUES (?, ?)',
    );
  }

  append(input: NewMessage): Promise<AppendResult> {
    const cidKey = input.cid === undefined ? undefined : `${input.fromKey}\u0000${input.cid}`;
    if (cidKey !== undefined) {
      const inFlight = this.pendingByCid.get(cidKey);
      if (inFlight) return inFlight.then((result) => ({ message: result.message, duplicate: true }));
      const existing = this.statements.byCid.get(input.cid!, input.fromKey);
      if (existing) return Promise.resolve({ message: toMessage(existing), duplicate: true });
    }
    const seq = this.nextSeq(input.target);
    const row: Row = {
      target: input.target,
      seq,
      id: this.ids('m'),
      kind: input.kind,
      room: input.room ?? null,
      to_nick: input.to ?? null,
      to_key: input.toKey ?? null,
      from_nick: input.from,
      from_key: input.fromKey,
      text: input.text,
      ts: this.options.clock.now(),
      cid: input.cid ?? null,
      event: input.event ? JSON.stringify(input.event) : null,
      from_account: input.fromAccount ? 1 : null,
      from_bot: input.fromBot ? 1 : null,
      doc: this.indexing && isIndexed(input.kind) ? this.nextDoc++ : null,
      about: null,
      detail: input.replyTo === undefined ? null : JSON.stringify({ replyTo: input.replyTo }),
    };
    const body = row.doc === null ? undefined : indexBody(input.text);
    const promise = new Promise<AppendResult>((resolve, reject) => {
      this.batch.push({ row, body, message: toMessage(row), cidKey, resolve, reject });
    });
    if (cidKey !== undefined) this.pendingByCid.set(cidKey, promise);
    this.scheduleFlush();
    return promise;
  }

  async change(target: string, seq: number, decide: DecideChange): Promise<ChangeResult> {
    // Every append handed out a seq before this change is committed (and resolved) first, so the
    // event's seq follows theirs and is published after them.
    if (this.batch.length > 0) this.commit();
    this.changeStep ??= this.db.transaction((target: string, seq: number, decide: DecideChange) =>
      this.applyChange(target, seq, decide),
    );
    try {
      return this.changeStep(target, seq, decide);
    } catch (error) {
      this.lastSeq.delete(target);
      throw new StoreError(`storage failed: ${(error as Error).message}`);
    }
  }

  async message(target: string, seq: number): Promise<StoredMessage | undefined> {
    const row = this.statements.bySeq.get(target, seq);
    return row === undefined ? undefined : { message: toMessage(row), fromKey: row.from_key };
  }

  async page(target: string, query: PageQuery): Promise<Page> {
    const clauses = ['target = ?'];
    const params: (string | number)[] = [target];
    if (query.before !== undefined) {
      clauses.push('seq < ?');
      params.push(query.before);
    }
    if (query.after !== undefined) {
      clauses.push('seq > ?');
      params.push(query.after);
    }
    if (query.notBefore !== undefined) {
      clauses.push('ts >= ?');
      params.push(query.notBefore);
    }
    // Without `after` the page is the newest slice (read newest first, then reversed).
    const ascending = query.after !== undefined;
    const sql = `SELECT * FROM messages WHERE ${clauses.join(' AND ')} ORDER BY seq ${ascending ? 'ASC' : 'DESC'} LIMIT ?`;
    let statement = this.pageStatements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare<(string | number)[], Row>(sql);
      this.pageStatements.set(sql, statement);
    }
    const rows = statement.all(...params, query.limit + 1);
    const more = rows.length > query.limit;
    const kept = rows.slice(0, query.limit);
    if (!ascending) kept.reverse();
    return { messages: kept.map(toMessage), more };
  }

  async search(query: StoreSearch): Promise<SearchPage> {
    if (!this.indexing) return { found: [], unavailable: true };
    return runSearch<Row>(this.db, query, (row) => ({
      target: row.target,
      doc: row.doc,
      message: toMessage(row),
    }));
  }

  async bounds(target: string): Promise<Bounds> {
    const last = this.lastStoredSeq(target);
    const first = this.statements.firstSeq.get(target)?.first ?? (last === 0 ? 0 : last + 1);
    return { first, last };
  }

  async topic(room: string): Promise<string> {
    return this.statements.topic.get(room)?.topic ?? '';
  }

  async setTopic(room: string, topic: string): Promise<void> {
    this.statements.setTopic.run(room, topic);
  }

  async rememberMember(member: RememberedMember): Promise<void> {
    this.changeMember(member.room, member.key, member.nick);
  }

  async forgetMember(room: string, key: string): Promise<void> {
    this.changeMember(room, key, null);
  }

  async isRemembered(room: string, key: string): Promise<boolean> {
    const pending = this.memberChanges.get(memberKey(room, key));
    if (pending !== undefined) return pending.nick !== null;
    return this.statements.isRemembered.get(room, key) !== undefined;
  }

  async rememberedMembers(): Promise<RememberedMember[]> {
    this.writeMemberChanges();
    return this.statements.remembered.all();
  }

  /**
   * Membership changes wait for the tick's commit, like messages: a connect storm wrote one
   * transaction per join (a WAL append each) before. The last change of a person wins.
   */
  private changeMember(room: string, key: string, nick: string | null): void {
    this.memberChanges.set(memberKey(room, key), { room, key, nick });
    this.scheduleFlush();
  }

  private writeMemberChanges(): void {
    if (this.memberChanges.size === 0) return;
    const changes = [...this.memberChanges.values()];
    this.memberChanges.clear();
    this.writeMembers ??= this.db.transaction((list: readonly MemberChange[]) => {
      for (const { room, key, nick } of list)
        if (nick === null) this.statements.forget.run(room, key);
        else this.statements.remember.run(room, key, nick);
    });
    try {
      this.writeMembers(changes);
    } catch (error) {
      // Only what a restart's leave notices are decided from is lost; messages are unaffected.
      this.options.logger?.warn('storing room members failed', { error: (error as Error).message });
    }
  }

  async prune(now: number): Promise<number> {
    const { maxAgeMs, maxPerTarget } = this.options.retention ?? {};
    let removed = 0;
    // The last seq of a target whose messages all go must survive them: seqs never repeat. A
    // recent commit may not be in the sequences table yet (a crash before it was recorded), so the
    // seqs are taken from the rows about to be deleted, in the transaction that deletes them.
    this.db.transaction(() => {
      if (maxAgeMs !== undefined) {
        this.statements.recordAged.run(now - maxAgeMs);
        this.statements.unindexByAge.run(now - maxAgeMs);
        removed += this.statements.pruneByAge.run(now - maxAgeMs).changes;
      }
      if (maxPerTarget !== undefined) {
        for (const { target, last } of this.statements.targets.all()) {
          this.statements.unindexByCount.run(target, last - maxPerTarget);
          const result = this.statements.pruneByCount.run(target, last - maxPerTarget);
          if (result.changes > 0) this.statements.recordSeq.run(target, last);
          removed += result.changes;
        }
      }
    })();
    return removed;
  }

  /**
   * Writes the last seqs committed since the previous call to the sequences table. It runs after
   * each checkpoint that copied the whole WAL (and on close): that commit starts the WAL over.
   */
  private recordSequences(): void {
    if (this.unrecordedSeqs.size === 0) return;
    try {
      this.db.transaction(() => {
        for (const [target, seq] of this.unrecordedSeqs) this.statements.recordSeq.run(target, seq);
      })();
      this.unrecordedSeqs.clear();
    } catch (error) {
      // Nothing is lost: the seqs are in the messages table, and the next call tries again.
      this.options.logger?.warn('recording the last seqs failed', { error: (error as Error).message });
    }
  }

  flush(): Promise<void> {
    if (this.batch.length > 0 || this.memberChanges.size > 0) this.commit();
    return this.flushed;
  }

  async close(): Promise<void> {
    await this.flush();
    this.recordSequences();
    await this.checkpointer?.close();
    this.db.close();
  }

  /** The body of `change`, inside its transaction. */
  private applyChange(target: string, about: number, decide: DecideChange): ChangeResult {
    const row = this.statements.bySeq.get(target, about);
    const stored = row === undefined ? undefined : { message: toMessage(row), fromKey: row.from_key };
    const now = this.options.clock.now();
    const decision = decide(stored, now);
    if ('refuse' in decision) return { ok: false, code: decision.refuse, reason: decision.reason };
    if ('unchanged' in decision) return { ok: true, message: decision.unchanged };
    if (row === undefined || stored === undefined)
      return { ok: false, code: ErrorCode.NoSuchMessage, reason: 'there is no such message' };
    const change = decision.store;
    const seq = this.nextSeq(target);
    const event = eventMessage(change, this.ids('m'), seq, now);
    const eventRow = rowOf(event, target, change.toKey ?? null, change.fromKey);
    this.insertRow(eventRow);
    const message = applyMessageEvent(stored.message, event);
    let doc = row.doc;
    if (change.kind !== 'reaction' && doc !== null) {
      this.statements.unindexDoc.run(doc);
      doc = null;
    }
    if (change.kind === 'edit' && this.indexing) {
      doc = this.nextDoc++;
      this.indexMessage(doc, indexBody(message.text), row.from_key, target, about);
    }
    if (change.kind === 'delete') this.statements.scrubEdits.run(target, about, about);
    const detail = lifecycleOf(message);
    this.statements.updateState.run(
      message.text,
      doc,
      Object.keys(detail).length === 0 ? null : JSON.stringify(detail),
      target,
      about,
    );
    this.unrecordedSeqs.set(target, seq);
    this.checkpointer?.request(1);
    return { ok: true, event, message: inStoredOrder(message) };
  }

  private insertRow(row: Row): void {
    // Positional values: binding an object by names costs a property lookup per column.
    this.statements.insert.run(
      row.target,
      row.seq,
      row.id,
      row.kind,
      row.room,
      row.to_nick,
      row.to_key,
      row.from_nick,
      row.from_key,
      row.text,
      row.ts,
      row.cid,
      row.event,
      row.from_account,
      row.from_bot,
      row.doc,
      row.about,
      row.detail,
    );
  }

  private lastStoredSeq(target: string): number {
    return this.statements.lastSeq.get(target, target)?.last ?? 0;
  }

  private nextSeq(target: string): number {
    let last = this.lastSeq.get(target);
    if (last === undefined) last = this.lastStoredSeq(target);
    this.lastSeq.set(target, last + 1);
    return last + 1;
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    this.flushed = new Promise((resolve) => {
      this.resolveFlushed = resolve;
    });
    setImmediate(() => {
      // While the checkpointer catches up, the batch grows and is committed once it is done.
      if (this.checkpointer === undefined) this.commit();
      else this.checkpointer.whenReleased(() => this.commit());
    });
  }

  private commit(): void {
    const batch = this.batch;
    this.batch = [];
    const resolveFlushed = this.resolveFlushed;
    this.flushScheduled = false;
    this.resolveFlushed = () => {};
    this.writeMemberChanges();
    if (batch.length > 0) {
      const startedAt = performance.now();
      this.write(batch);
      this.options.onCommit?.((performance.now() - startedAt) / 1000);
    }
    resolveFlushed();
  }

  private write(batch: Pending[]): void {
    try {
      // Built once: better-sqlite3 makes four wrapper functions on every `transaction()` call.
      this.writeBatch ??= this.db.transaction((rows: readonly Pending[]) => {
        for (const pending of rows) {
          const row = pending.row;
          this.insertRow(row);
          if (row.to_key !== null) {
            this.noteConversation.run(row.from_key, row.target);
            this.noteConversation.run(row.to_key, row.target);
          }
          if (row.doc !== null && pending.body !== undefined)
            this.indexMessage(row.doc, pending.body, row.from_key, row.target, row.seq);
        }
      });
      this.writeBatch(batch);
    } catch (error) {
      // Nothing of the batch was stored: forget the seqs handed out so the next append re-reads them.
      const failure = new StoreError(`storage failed: ${(error as Error).message}`);
      for (const pending of batch) {
        this.lastSeq.delete(pending.row.target);
        this.settled(pending);
        pending.reject(failure);
      }
      return;
    }
    this.checkpointer?.request(batch.length);
    for (const pending of batch) {
      // Seqs only grow, so the batch's last row of a target is its last seq.
      this.unrecordedSeqs.set(pending.row.target, pending.row.seq);
      this.settled(pending);
      pending.resolve({ message: pending.message, duplicate: false });
    }
  }

  private settled(pending: Pending): void {
    if (pending.cidKey !== undefined) this.pendingByCid.delete(pending.cidKey);
  }
}

/** A room membership change waiting for the commit; `nick` null forgets the person. */
interface MemberChange {
  readonly room: string;
  readonly key: string;
  readonly nick: string | null;
}

function memberKey(room: string, key: string): string {
  return `${room}\u0000${key}`;
}

/** A stored row as the wire message. */
export function toMessage(row: Row): ChatMessage {
  // In the wire order, the optional fields only when present, and no spread temporaries: this runs
  // for every message stored.
  const message = { type: 'message', id: row.id, seq: row.seq, kind: row.kind } as ChatMessage;
  if (row.room !== null) message.room = row.room;
  if (row.to_nick !== null) message.to = row.to_nick;
  message.from = row.from_nick;
  if (row.from_account === 1) message.account = true;
  if (row.from_bot === 1) message.bot = true;
  message.text = row.text;
  message.ts = row.ts;
  if (row.cid !== null) message.cid = row.cid;
  if (row.event !== null) message.event = JSON.parse(row.event);
  if (row.detail !== null) Object.assign(message, JSON.parse(row.detail));
  return message;
}

/** The row an event (or any message built whole) is stored as. */
function rowOf(message: ChatMessage, target: string, toKey: string | null, fromKey: string): Row {
  const detail = lifecycleOf(message);
  return {
    target,
    seq: message.seq,
    id: message.id,
    kind: message.kind,
    room: message.room ?? null,
    to_nick: message.to ?? null,
    to_key: toKey,
    from_nick: message.from,
    from_key: fromKey,
    text: message.text,
    ts: message.ts,
    cid: message.cid ?? null,
    event: message.event === undefined ? null : JSON.stringify(message.event),
    from_account: message.account ? 1 : null,
    from_bot: message.bot ? 1 : null,
    doc: null,
    about: message.about ?? null,
    detail: Object.keys(detail).length === 0 ? null : JSON.stringify(detail),
  };
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
