import type { ChatMessage, NotifyPrefs, PrefsOutcome } from 'aurora-protocol';

/** Messages after a read marker inspected for unread counts and mentions, at most (bounds the work). */
export const INSPECTED_AFTER_MARKER = 10_000;

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

/** What an account listing shows of an account: never its password hash. */
export type AccountListing = Omit<Account, 'password'>;

/** A log-in session; the token itself is never stored, only its hash. */
export interface SessionRecord {
  readonly tokenHash: string;
  readonly accountKey: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly revoked: boolean;
}

/** Accounts, sessions, read markers and notification preferences, kept in the same store as history. */
export interface AccountStore {
  /**
   * Creates an account; false when the name is already registered, or a name with the same
   * look-alike `skeleton` (`nameSkeleton`) is. Both checks and the write are one atomic step.
   */
  createAccount(account: Account, skeleton: string): Promise<boolean>;
  account(key: string): Promise<Account | undefined>;
  /** Every registered account, without its password hash, by canonical name (`admin accounts`). */
  listAccounts(): Promise<AccountListing[]>;
  /** A registered account whose name has this look-alike skeleton. */
  accountBySkeleton(skeleton: string): Promise<Account | undefined>;
  /**
   * Recomputes the skeleton of every registered name (at start: the confusables data may be newer
   * than the stored index). Accounts that now share a skeleton all keep working; the names of each
   * such group are returned, for a log line.
   */
  reindexSkeletons(skeletonOf: (name: string) => string): Promise<string[][]>;
  /**
   * Replaces an account's password hash and, unless `endSessions` is false, revokes each of its
   * sessions but `endSessions.except` (a token hash), in one step. False when there is no such account.
   */
  changePassword(
    accountKey: string,
    password: string,
    endSessions: { readonly except: string } | false,
  ): Promise<boolean>;
  /**
   * Deletes an account with its look-alike `skeleton` entry, sessions, read markers and preferences,
   * and holds its name from registration until `heldUntil`, in one step. Its messages stay. False
   * when there is no such account.
   */
  deleteAccount(accountKey: string, skeleton: string, heldUntil: number): Promise<boolean>;
  /** Until when a deleted account's name is held from registration (undefined: it is not held). */
  nameHeldUntil(accountKey: string): Promise<number | undefined>;
  createSession(session: Omit<SessionRecord, 'revoked'>): Promise<void>;
  session(tokenHash: string): Promise<SessionRecord | undefined>;
  revokeSession(tokenHash: string): Promise<void>;
  revokeAllSessions(accountKey: string): Promise<void>;
  /** Moves a read marker forward (never back); resolves with the marker now stored. */
  markRead(accountKey: string, target: string, seq: number): Promise<number>;
  /**
   * Starts a marker at `seq` when the account has none for the target (it joined a room): from then
   * on the room is the account's, and its digest and unread counts look there even if no device
   * ever opened it. An existing marker stays where it is. Resolves with the marker now stored.
   */
  startReading(accountKey: string, target: string, seq: number): Promise<number>;
  /** Drops the account's marker for a target (it left the room): its digest stops looking there. */
  stopReading(accountKey: string, target: string): Promise<void>;
  /** Every read marker of an account, by storage target. */
  readMarkers(accountKey: string): Promise<Map<string, number>>;
  /**
   * Messages in a target after `seq` that others sent (system notices excluded), leaving out those
   * of the `ignored` keys (canonical names) the reader ignores.
   */
  unreadCount(target: string, after: number, readerKey: string, ignored?: readonly string[]): Promise<number>;
  /**
   * Chat and action messages by others after `seq` in a room target that mention the reader (their
   * `nick` or one of their highlight `keywords`, by the protocol's `mentionMatcher`) and are not by
   * someone they ignore (`ignored`, canonical names as stored in `fromKey`), oldest first,
   * among the first INSPECTED_AFTER_MARKER messages.
   */
  mentions(
    target: string,
    after: number,
    reader: MentionRule,
    readerKey: string,
    limit: number,
  ): Promise<ChatMessage[]>;
  /** The direct conversations (storage targets) a person takes part in, as sender or recipient. */
  directTargets(key: string): Promise<string[]>;
  /** Direct messages sent to `key` by others, newest `limit`, oldest first, with their targets. */
  directTo(key: string, limit: number): Promise<{ target: string; message: ChatMessage }[]>;
  /** The account's notification preferences as stored (`EMPTY_PREFS` when it never set any). */
  prefs(accountKey: string): Promise<NotifyPrefs>;
  /**
   * Changes the account's preferences as one step, even while another node changes them too:
   * `change` gets what is stored and returns the new preferences (stored) or a refusal (nothing is
   * stored). It may be called more than once, so it must not do anything but compute.
   */
  changePrefs(accountKey: string, change: (current: NotifyPrefs) => PrefsOutcome): Promise<PrefsOutcome>;
}

/**
 * Who mentions are looked for: a name, and the words its account counts as mentions too, in
 * messages by anyone but the people it ignores (canonical names; absent: nobody).
 */
export interface MentionRule {
  readonly nick: string;
  readonly keywords: readonly string[];
  readonly ignored?: readonly string[];
}
