import type Database from 'better-sqlite3';
import type { Logger } from '../logger.js';
import type { Bounds } from './store.js';

/**
 * The seqs of each target: handed out in memory on the message path, and written to the
 * sequences table so that they never repeat, even after retention deletes a target's messages.
 */
export class SqliteSequences {
  /** The last seq handed out per target, read from the database on first use. */
  private readonly handedOut = new Map<string, number>();
  /**
   * The last committed seq of each target written since the sequences table was brought up to date
   * (see {@link record}): committing it with every message cost a page of WAL per commit.
   */
  private readonly unrecorded = new Map<string, number>();
  private readonly statements;

  constructor(
    private readonly db: Database.Database,
    private readonly logger: Pick<Logger, 'warn'> | undefined,
  ) {
    this.statements = {
      // A target's last seq outlives its messages (retention may delete them all), so seqs never repeat.
      last: db.prepare<[string, string], { last: number }>(
        `SELECT MAX(COALESCE((SELECT last FROM sequences WHERE target = ?), 0),
                COALESCE((SELECT MAX(seq) FROM messages WHERE target = ?), 0)) AS last`,
      ),
      first: db.prepare<[string], { first: number | null }>(
        'SELECT MIN(seq) AS first FROM messages WHERE target = ?',
      ),
      record: db.prepare<[string, number]>(
        'INSERT INTO sequences (target, last) VALUES (?, ?) ON CONFLICT (target) DO UPDATE SET last = MAX(last, excluded.last)',
      ),
    };
  }

  /** The seq for a target's next row; the caller commits it, or calls {@link forget}. */
  next(target: string): number {
    let last = this.handedOut.get(target);
    if (last === undefined) last = this.stored(target);
    this.handedOut.set(target, last + 1);
    return last + 1;
  }

  /** Drops the seqs handed out for a target whose rows were not stored, so the next is re-read. */
  forget(target: string): void {
    this.handedOut.delete(target);
  }

  /** Notes a committed seq, for the sequences table's next update (see {@link record}). */
  committed(target: string, seq: number): void {
    this.unrecorded.set(target, seq);
  }

  /** Raises a target's recorded last seq now, inside the caller's transaction (retention's). */
  raise(target: string, last: number): void {
    this.statements.record.run(target, last);
  }

  /** The first and last stored seq of a target, as history's bounds. */
  bounds(target: string): Bounds {
    const last = this.stored(target);
    const first = this.statements.first.get(target)?.first ?? (last === 0 ? 0 : last + 1);
    return { first, last };
  }

  /**
   * Writes the last seqs committed since the previous call to the sequences table. It runs after
   * each checkpoint that copied the whole WAL (and on close): that commit starts the WAL over.
   */
  record(): void {
    if (this.unrecorded.size === 0) return;
    try {
      this.db.transaction(() => {
        for (const [target, seq] of this.unrecorded) this.statements.record.run(target, seq);
      })();
      this.unrecorded.clear();
    } catch (error) {
      // Nothing is lost: the seqs are in the messages table, and the next call tries again.
      this.logger?.warn('recording the last seqs failed', { error: (error as Error).message });
    }
  }

  private stored(target: string): number {
    return this.statements.last.get(target, target)?.last ?? 0;
  }
}
