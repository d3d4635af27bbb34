import type { ChatMessage } from 'aurora-protocol';
import type Database from 'better-sqlite3';
import type { Checkpointer } from './checkpointer.js';
import type { SqliteMembers } from './sqlite-members.js';
import { type Row, toMessage } from './sqlite-rows.js';
import type { prepareIndexInsert } from './sqlite-search.js';
import type { SqliteSequences } from './sqlite-sequences.js';
import { type AppendResult, StoreError } from './store.js';

/** An append waiting for the tick's commit. */
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

/** What a group commit writes with, and whom it tells. */
export interface GroupCommitParts {
  readonly db: Database.Database;
  readonly insertRow: (row: Row) => void;
  readonly indexMessage: ReturnType<typeof prepareIndexInsert>;
  readonly sequences: SqliteSequences;
  /** Their waiting changes are written at the start of every commit. */
  readonly members: SqliteMembers;
  /** Holds commits back while it catches up, and is told how many rows each wrote (on disk only). */
  readonly checkpointer: Checkpointer | undefined;
  /** Told how long each group commit took, in seconds (for the metrics). */
  readonly onCommit: ((seconds: number) => void) | undefined;
}

/**
 * Group commit: appends made in one event-loop turn are committed together in one transaction, and
 * each resolves only after that commit, so an acknowledged message survives a crash of the process.
 */
export class SqliteGroupCommit {
  private readonly db: Database.Database;
  private readonly insertRow: (row: Row) => void;
  private readonly indexMessage: ReturnType<typeof prepareIndexInsert>;
  private readonly noteConversation: Database.Statement<[string, string]>;
  private readonly sequences: SqliteSequences;
  private readonly members: SqliteMembers;
  private readonly checkpointer: Checkpointer | undefined;
  private readonly onCommit: ((seconds: number) => void) | undefined;
  private readonly pendingByCid = new Map<string, Promise<AppendResult>>();
  private batch: Pending[] = [];
  private flushScheduled = false;
  private flushed: Promise<void> = Promise.resolve();
  private resolveFlushed: () => void = () => {};
  private writeBatch: ((rows: readonly Pending[]) => void) | undefined;

  constructor(parts: GroupCommitParts) {
    this.db = parts.db;
    this.insertRow = parts.insertRow;
    this.indexMessage = parts.indexMessage;
    this.sequences = parts.sequences;
    this.members = parts.members;
    this.checkpointer = parts.checkpointer;
    this.onCommit = parts.onCommit;
    this.noteConversation = this.db.prepare<[string, string]>(
      'INSERT OR IGNORE INTO conversations (key, target) VALUES (?, ?)',
    );
  }

  /** True while appends wait for the commit. */
  get waiting(): boolean {
    return this.batch.length > 0;
  }

  /** The append of this sender and cid that waits for its commit: a retry is answered with it. */
  inFlight(cidKey: string): Promise<AppendResult> | undefined {
    return this.pendingByCid.get(cidKey);
  }

  /** Queues a row for the tick's commit; the promise settles once that commit is done. */
  add(row: Row, body: string | undefined, cidKey: string | undefined): Promise<AppendResult> {
    const promise = new Promise<AppendResult>((resolve, reject) => {
      this.batch.push({ row, body, message: toMessage(row), cidKey, resolve, reject });
    });
    if (cidKey !== undefined) this.pendingByCid.set(cidKey, promise);
    this.schedule();
    return promise;
  }

  /** Commits what waits now, and resolves once the scheduled commit (if any) is done. */
  flush(): Promise<void> {
    if (this.batch.length > 0 || this.members.waiting) this.commit();
    return this.flushed;
  }

  /** Makes sure a commit runs after this event-loop turn. */
  schedule(): void {
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

  /** Writes the waiting member changes, then the waiting appends, and settles them. */
  commit(): void {
    const batch = this.batch;
    this.batch = [];
    const resolveFlushed = this.resolveFlushed;
    this.flushScheduled = false;
    this.resolveFlushed = () => {};
    this.members.write();
    if (batch.length > 0) {
      const startedAt = performance.now();
      this.write(batch);
      this.onCommit?.((performance.now() - startedAt) / 1000);
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
        this.sequences.forget(pending.row.target);
        this.settled(pending);
        pending.reject(failure);
      }
      return;
    }
    this.checkpointer?.request(batch.length);
    for (const pending of batch) {
      // Seqs only grow, so the batch's last row of a target is its last seq.
      this.sequences.committed(pending.row.target, pending.row.seq);
      this.settled(pending);
      pending.resolve({ message: pending.message, duplicate: false });
    }
  }

  private settled(pending: Pending): void {
    if (pending.cidKey !== undefined) this.pendingByCid.delete(pending.cidKey);
  }
}
