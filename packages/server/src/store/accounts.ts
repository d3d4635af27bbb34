import type { ChatMessage } from 'aurora-protocol';

/** A registered account. */
export interface Account {
  /** Canonical name. */
  readonly key: string;
  /** The name as registered, for display. */
  readonly name: string;
  /** `scrypt$N$r$p$salt$hash`. */
  readonly password: string;
  readonly createdAt: number;
}

/** A log-in session; the token itself is never stored, only its hash. */
export interface SessionRecord {
  readonly tokenHash: string;
  readonly accountKey: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly revoked: boolean;
}

/** Accounts, sessions and read markers, kept in the same store as history. */
export interface AccountStore {
  /**
   * Creates an account; false when the name is already registered, or a name with the same
   * look-alike `skeleton` (`nameSkeleton`) is. Both checks and the write are one atomic step.
   */
  createAccount(account: Account, skeleton: string): Promise<boolean>;
  account(key: string): Promise<Account | undefined>;
  /** A registered account whose name has this look-alike skeleton. */
  accountBySkeleton(skeleton: string): Promise<Account | undefined>;
  /**
   * Recomputes the skeleton of every registered name (at start: the confusables data may be newer
   * than the stored index). Accounts that now share a skeleton all keep working; the names of each
   * such group are returned, for a log line.
   */
  reindexSkeletons(skeletonOf: (name: string) => string): Promise<string[][]>;
  createSession(session: Omit<SessionRecord, 'revoked'>): Promise<void>;
  session(tokenHash: string): Promise<SessionRecord | undefined>;
  revokeSession(tokenHash: string): Promise<void>;
  revokeAllSessions(accountKey: string): Promise<void>;
  /** Moves a read marker forward (never back); resolves with the marker now stored. */
  markRead(accountKey: string, target: string, seq: number): Promise<number>;
  /** Every read marker of an account, by storage target. */
  readMarkers(accountKey: string): Promise<Map<string, number>>;
  /** Messages in a target after `seq` that others sent (system notices excluded). */
  unreadCount(target: string, after: number, readerKey: string): Promise<number>;
  /** Chat and action messages after `seq` in a room target that mention `nick`, oldest first. */
  mentions(
    target: string,
    after: number,
    nick: string,
    readerKey: string,
    limit: number,
  ): Promise<ChatMessage[]>;
  /** Direct messages sent to `key` by others, newest `limit`, oldest first, with their targets. */
  directTo(key: string, limit: number): Promise<{ target: string; message: ChatMessage }[]>;
}
