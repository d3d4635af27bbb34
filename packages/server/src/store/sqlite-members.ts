import type Database from 'better-sqlite3';
import type { Logger } from '../logger.js';
import type { RememberedMember } from './store.js';

/** A room membership change waiting for the commit; `nick` null forgets the person. */
interface MemberChange {
  readonly room: string;
  readonly key: string;
  readonly nick: string | null;
}

/**
 * The members each room remembers, from which a restart decides its leave notices. Changes wait for
 * the tick's commit, like messages: a connect storm wrote one transaction per join (a WAL append
 * each) before. The last change of a person wins.
 */
export class SqliteMembers {
  /** Membership changes waiting for the next commit, by room and key. */
  private readonly changes = new Map<string, MemberChange>();
  private readonly statements;
  private writeChanges: ((changes: readonly MemberChange[]) => void) | undefined;

  constructor(
    private readonly db: Database.Database,
    private readonly logger: Pick<Logger, 'warn'> | undefined,
  ) {
    this.statements = {
      remember: db.prepare<[string, string, string]>(
        'INSERT INTO members (room, key, nick) VALUES (?, ?, ?) ON CONFLICT (room, key) DO UPDATE SET nick = excluded.nick',
      ),
      forget: db.prepare<[string, string]>('DELETE FROM members WHERE room = ? AND key = ?'),
      isRemembered: db.prepare<[string, string], { one: number }>(
        'SELECT 1 AS one FROM members WHERE room = ? AND key = ?',
      ),
      remembered: db.prepare<[], RememberedMember>('SELECT room, key, nick FROM members'),
    };
  }

  /** True while changes wait for a commit, which must then run to write them. */
  get waiting(): boolean {
    return this.changes.size > 0;
  }

  /** Queues a change for the next commit ({@link write}); the caller schedules that commit. */
  change(room: string, key: string, nick: string | null): void {
    this.changes.set(memberKey(room, key), { room, key, nick });
  }

  /** Whether a person is remembered in a room, counting the changes not committed yet. */
  isRemembered(room: string, key: string): boolean {
    const pending = this.changes.get(memberKey(room, key));
    if (pending !== undefined) return pending.nick !== null;
    return this.statements.isRemembered.get(room, key) !== undefined;
  }

  /** Every remembered member, after writing the waiting changes so none is missed. */
  all(): RememberedMember[] {
    this.write();
    return this.statements.remembered.all();
  }

  /** Writes the waiting changes in one transaction; a failure is logged, never thrown. */
  write(): void {
    if (this.changes.size === 0) return;
    const changes = [...this.changes.values()];
    this.changes.clear();
    this.writeChanges ??= this.db.transaction((list: readonly MemberChange[]) => {
      for (const { room, key, nick } of list)
        if (nick === null) this.statements.forget.run(room, key);
        else this.statements.remember.run(room, key, nick);
    });
    try {
      this.writeChanges(changes);
    } catch (error) {
      // Only what a restart's leave notices are decided from is lost; messages are unaffected.
      this.logger?.warn('storing room members failed', { error: (error as Error).message });
    }
  }
}

function memberKey(room: string, key: string): string {
  return `${room}\u0000${key}`;
}
