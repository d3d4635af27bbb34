import { applyMessageEvent, ErrorCode } from 'aurora-protocol';
import type Database from 'better-sqlite3';
import type { Clock } from '../clock.js';
import { createId, type IdFactory } from '../ids.js';
import type { Logger } from '../logger.js';
import { Checkpointer, type CheckpointOptions } from './checkpointer.js';
import { eventMessage, inStoredOrder, lifecycleOf } from './message-state.js';
import type { SearchPage, StoreSearch } from './search.js';
import { isIndexed } from './search.js';
import { SqliteAccounts } from './sqlite-accounts.js';
import { SqliteGroupCommit } from './sqlite-group-commit.js';
import { SqliteMembers } from './sqlite-members.js';
import { SqliteModeration } from './sqlite-moderation.js';
import { SqlitePages } from './sqlite-pages.js';
import { SqliteResetCodes } from './sqlite-reset-codes.js';
import { SqliteRetention } from './sqlite-retention.js';
import { prepareRowInsert, type Row, rowOf, toMessage } from './sqlite-rows.js';
import { openDatabase } from './sqlite-schema.js';
import { indexBody, lastDoc, prepareIndexInsert, runSearch } from './sqlite-search.js';
import { SqliteSequences } from './sqlite-sequences.js';
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

/** SQLite's own default: a commit that takes the WAL past this many pages checkpoints it. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;

/**
 * The embedded store: SQLite in WAL mode through better-sqlite3. Appends made in one event-loop turn
 * are committed together in one transaction (group commit, `sqlite-group-commit.ts`), and each
 * resolves only after that commit, so an acknowledged message survives a crash of the process.
 * The schema is in `sqlite-schema.ts`, rows in `sqlite-rows.ts`, seqs in `sqlite-sequences.ts`.
 */
export class SqliteStore implements Store {
  readonly accounts: SqliteAccounts;
  readonly webhooks: SqliteWebhooks;
  readonly moderation: SqliteModeration;
  readonly resetCodes: SqliteResetCodes;
  private readonly db: Database.Database;
  private readonly ids: IdFactory;
  private readonly sequences: SqliteSequences;
  private readonly members: SqliteMembers;
  private readonly retention: SqliteRetention;
  private readonly commits: SqliteGroupCommit;
  private readonly pages: SqlitePages;
  private changeStep: ((target: string, seq: number, decide: DecideChange) => ChangeResult) | undefined;
  private readonly statements;
  private readonly insertRow: (row: Row) => void;
  private readonly indexMessage: ReturnType<typeof prepareIndexInsert>;
  /** The next search document number (see `search.ts`). */
  private nextDoc: number;
  private readonly checkpointer: Checkpointer | undefined;
  private readonly indexing: boolean;

  constructor(private readonly options: SqliteStoreOptions) {
    this.indexing = options.searchIndex ?? true;
    const { db, file } = openDatabase(options.dataDir, this.indexing, options.logger);
    this.db = db;
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
          copied: () => this.sequences.record(),
        },
        options.checkpoint,
      );
    }
    this.ids = options.ids ?? createId;
    this.accounts = new SqliteAccounts(this.db, toMessage);
    this.webhooks = new SqliteWebhooks(this.db);
    this.moderation = new SqliteModeration(this.db, () => options.clock.now());
    this.resetCodes = new SqliteResetCodes(this.db);
    this.sequences = new SqliteSequences(this.db, options.logger);
    this.statements = {
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
      topic: this.db.prepare<[string], { topic: string }>('SELECT topic FROM rooms WHERE name = ?'),
      setTopic: this.db.prepare<[string, string]>(
        'INSERT INTO rooms (name, topic) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET topic = excluded.topic',
      ),
    };
    this.insertRow = prepareRowInsert(this.db);
    this.indexMessage = prepareIndexInsert(this.db);
    this.pages = new SqlitePages(this.db);
    this.members = new SqliteMembers(this.db, options.logger);
    this.retention = new SqliteRetention(this.db, options.retention, this.sequences);
    this.commits = new SqliteGroupCommit({
      db: this.db,
      insertRow: this.insertRow,
      indexMessage: this.indexMessage,
      sequences: this.sequences,
      members: this.members,
      checkpointer: this.checkpointer,
      onCommit: options.onCommit,
    });
  }

  append(input: NewMessage): Promise<AppendResult> {
    const cidKey = input.cid === undefined ? undefined : `${input.fromKey}\u0000${input.cid}`;
    if (cidKey !== undefined) {
      const inFlight = this.commits.inFlight(cidKey);
      if (inFlight) return inFlight.then((result) => ({ message: result.message, duplicate: true }));
      const existing = this.statements.byCid.get(input.cid!, input.fromKey);
      if (existing) return Promise.resolve({ message: toMessage(existing), duplicate: true });
    }
    const seq = this.sequences.next(input.target);
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
    return this.commits.add(row, body, cidKey);
  }

  async change(target: string, seq: number, decide: DecideChange): Promise<ChangeResult> {
    // Every append handed out a seq before this change is committed (and resolved) first, so the
    // event's seq follows theirs and is published after them.
    if (this.commits.waiting) this.commits.commit();
    this.changeStep ??= this.db.transaction((target: string, seq: number, decide: DecideChange) =>
      this.applyChange(target, seq, decide),
    );
    try {
      return this.changeStep(target, seq, decide);
    } catch (error) {
      this.sequences.forget(target);
      throw new StoreError(`storage failed: ${(error as Error).message}`);
    }
  }

  async message(target: string, seq: number): Promise<StoredMessage | undefined> {
    const row = this.statements.bySeq.get(target, seq);
    return row === undefined ? undefined : { message: toMessage(row), fromKey: row.from_key };
  }

  async page(target: string, query: PageQuery): Promise<Page> {
    return this.pages.page(target, query);
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
    return this.sequences.bounds(target);
  }

  async topic(room: string): Promise<string> {
    return this.statements.topic.get(room)?.topic ?? '';
  }

  async setTopic(room: string, topic: string): Promise<void> {
    this.statements.setTopic.run(room, topic);
  }

  async rememberMember(member: RememberedMember): Promise<void> {
    this.members.change(member.room, member.key, member.nick);
    this.commits.schedule();
  }

  async forgetMember(room: string, key: string): Promise<void> {
    this.members.change(room, key, null);
    this.commits.schedule();
  }

  async isRemembered(room: string, key: string): Promise<boolean> {
    return this.members.isRemembered(room, key);
  }

  async rememberedMembers(): Promise<RememberedMember[]> {
    return this.members.all();
  }

  async prune(now: number): Promise<number> {
    return this.retention.prune(now);
  }

  flush(): Promise<void> {
    return this.commits.flush();
  }

  async close(): Promise<void> {
    await this.flush();
    this.sequences.record();
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
    const seq = this.sequences.next(target);
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
    this.sequences.committed(target, seq);
    this.checkpointer?.request(1);
    return { ok: true, event, message: inStoredOrder(message) };
  }
}
