import type Database from 'better-sqlite3';
import type { SqliteSequences } from './sqlite-sequences.js';
import type { Retention } from './store.js';

/** Deletes the messages retention no longer keeps, with their search documents, keeping their seqs. */
export class SqliteRetention {
  private readonly statements;

  constructor(
    private readonly db: Database.Database,
    private readonly retention: Retention | undefined,
    private readonly sequences: SqliteSequences,
  ) {
    this.statements = {
      pruneByAge: db.prepare<[number]>('DELETE FROM messages WHERE ts < ?'),
      unindexByAge: db.prepare<[number]>(
        'DELETE FROM message_index WHERE rowid IN (SELECT doc FROM messages WHERE ts < ? AND doc IS NOT NULL)',
      ),
      unindexByCount: db.prepare<[string, number]>(
        'DELETE FROM message_index WHERE rowid IN (SELECT doc FROM messages WHERE target = ? AND seq <= ? AND doc IS NOT NULL)',
      ),
      recordAged: db.prepare<[number]>(
        `INSERT INTO sequences (target, last) SELECT target, MAX(seq) FROM messages WHERE ts < ? GROUP BY target
         ON CONFLICT (target) DO UPDATE SET last = MAX(last, excluded.last)`,
      ),
      targets: db.prepare<[], { target: string; last: number }>(
        'SELECT target, MAX(seq) AS last FROM messages GROUP BY target',
      ),
      pruneByCount: db.prepare<[string, number]>('DELETE FROM messages WHERE target = ? AND seq <= ?'),
    };
  }

  /** Deletes what is older than the age limit or beyond each target's count limit; returns how many. */
  prune(now: number): number {
    const { maxAgeMs, maxPerTarget } = this.retention ?? {};
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
          if (result.changes > 0) this.sequences.raise(target, last);
          removed += result.changes;
        }
      }
    })();
    return removed;
  }
}
