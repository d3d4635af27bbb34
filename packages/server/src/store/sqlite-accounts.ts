import { type ChatMessage, mentionMatcher, type NotifyPrefs, type PrefsOutcome } from 'aurora-protocol';
import type Database from 'better-sqlite3';
import {
  type Account,
  type AccountListing,
  type AccountStore,
  INSPECTED_AFTER_MARKER,
  type MentionRule,
  type SessionRecord,
} from './accounts.js';
import { decodePrefs } from './prefs-json.js';
import type { Row } from './sqlite-rows.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS accounts (key TEXT PRIMARY KEY, name TEXT NOT NULL, password TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (
  token_hash TEXT PRIMARY KEY, account_key TEXT NOT NULL, created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL, revoked INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS sessions_by_account ON sessions (account_key);
-- Look-alike skeletons of registered names; rebuilt at every start by reindexSkeletons.
CREATE TABLE IF NOT EXISTS account_skeletons (skeleton TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (skeleton, key)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS read_markers (account_key TEXT NOT NULL, target TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (account_key, target));
-- Version 3: notification levels, mutes and keywords, one JSON document (NotifyPrefs) per account.
CREATE TABLE IF NOT EXISTS account_prefs (account_key TEXT PRIMARY KEY, prefs TEXT NOT NULL) WITHOUT ROWID;
-- Names of deleted accounts, held from registration until a time (an older server ignores the table).
CREATE TABLE IF NOT EXISTS name_holds (key TEXT PRIMARY KEY, until INTEGER NOT NULL) WITHOUT ROWID;
`;

/** Accounts, sessions and read markers in the same SQLite database as history. */
export class SqliteAccounts implements AccountStore {
  private readonly statements;
  private readonly create: (account: Account, skeleton: string) => boolean;
  private readonly reindex: (skeletonOf: (name: string) => string) => string[][];
  private readonly setPassword: (
    accountKey: string,
    password: string,
    endSessions: { readonly except: string } | false,
  ) => boolean;
  private readonly remove: (accountKey: string, heldUntil: number) => boolean;
  private readonly change: (
    accountKey: string,
    change: (current: NotifyPrefs) => PrefsOutcome,
  ) => PrefsOutcome;

  constructor(
    db: Database.Database,
    private readonly toMessage: (row: Row) => ChatMessage,
  ) {
    db.exec(SCHEMA);
    this.statements = {
      insertAccount: db.prepare<[string, string, string, number]>(
        'INSERT INTO accounts (key, name, password, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO NOTHING',
      ),
      account: db.prepare<[string], { key: string; name: string; password: string; created_at: number }>(
        'SELECT * FROM accounts WHERE key = ?',
      ),
      allAccounts: db.prepare<[], { key: string; name: string; created_at: number }>(
        'SELECT key, name, created_at FROM accounts ORDER BY key',
      ),
      skeletonHolder: db.prepare<[string], { key: string }>(
        'SELECT key FROM account_skeletons WHERE skeleton = ? ORDER BY key LIMIT 1',
      ),
      insertSkeleton: db.prepare<[string, string]>(
        'INSERT INTO account_skeletons (skeleton, key) VALUES (?, ?) ON CONFLICT DO NOTHING',
      ),
      clearSkeletons: db.prepare('DELETE FROM account_skeletons'),
      sharedSkeletons: db.prepare<[], { names: string }>(
        `SELECT json_group_array(a.name) AS names FROM account_skeletons s JOIN accounts a ON a.key = s.key
         GROUP BY s.skeleton HAVING COUNT(*) > 1`,
      ),
      insertSession: db.prepare<[string, string, number, number]>(
        'INSERT INTO sessions (token_hash, account_key, created_at, expires_at) VALUES (?, ?, ?, ?)',
      ),
      session: db.prepare<
        [string],
        { token_hash: string; account_key: string; created_at: number; expires_at: number; revoked: number }
      >('SELECT * FROM sessions WHERE token_hash = ?'),
      revoke: db.prepare<[string]>('UPDATE sessions SET revoked = 1 WHERE token_hash = ?'),
      revokeAll: db.prepare<[string]>('UPDATE sessions SET revoked = 1 WHERE account_key = ?'),
      revokeOthers: db.prepare<[string, string]>(
        'UPDATE sessions SET revoked = 1 WHERE account_key = ? AND token_hash <> ?',
      ),
      setPassword: db.prepare<[string, string]>('UPDATE accounts SET password = ? WHERE key = ?'),
      deleteAccount: db.prepare<[string]>('DELETE FROM accounts WHERE key = ?'),
      deleteOwned: [
        'DELETE FROM account_skeletons WHERE key = ?',
        'DELETE FROM read_markers WHERE account_key = ?',
        'DELETE FROM account_prefs WHERE account_key = ?',
      ].map((sql) => db.prepare<[string]>(sql)),
      hold: db.prepare<[string, number]>(
        'INSERT INTO name_holds (key, until) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET until = excluded.until',
      ),
      heldUntil: db.prepare<[string], { until: number }>('SELECT until FROM name_holds WHERE key = ?'),
      markRead: db.prepare<[string, string, number]>(
        `INSERT INTO read_markers (account_key, target, seq) VALUES (?, ?, ?)
         ON CONFLICT (account_key, target) DO UPDATE SET seq = MAX(seq, excluded.seq)`,
      ),
      startReading: db.prepare<[string, string, number]>(
        'INSERT INTO read_markers (account_key, target, seq) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
      ),
      stopReading: db.prepare<[string, string]>(
        'DELETE FROM read_markers WHERE account_key = ? AND target = ?',
      ),
      marker: db.prepare<[string, string], { seq: number }>(
        'SELECT seq FROM read_markers WHERE account_key = ? AND target = ?',
      ),
      markers: db.prepare<[string], { target: string; seq: number }>(
        'SELECT target, seq FROM read_markers WHERE account_key = ?',
      ),
      // The ignored keys come as one JSON array, so one statement serves any number of them.
      unread: db.prepare<[string, number, string, string], { n: number }>(
        `SELECT COUNT(*) AS n FROM messages WHERE target = ? AND seq > ? AND from_key != ? AND kind IN ('chat', 'action', 'dm')
         AND from_key NOT IN (SELECT value FROM json_each(?))`,
      ),
      mentions: db.prepare<[string, number, number, string], Row>(
        `SELECT * FROM messages WHERE target = ? AND seq > ? AND seq <= ? AND from_key != ?
         AND kind IN ('chat', 'action') ORDER BY seq`,
      ),
      directTargets: db.prepare<[string], { target: string }>(
        'SELECT target FROM conversations WHERE key = ?',
      ),
      directTo: db.prepare<[string, string, number], Row>(
        "SELECT * FROM messages WHERE to_key = ? AND from_key != ? AND kind NOT IN ('edit', 'delete', 'reaction') ORDER BY ts DESC LIMIT ?",
      ),
      prefs: db.prepare<[string], { prefs: string }>('SELECT prefs FROM account_prefs WHERE account_key = ?'),
      setPrefs: db.prepare<[string, string]>(
        `INSERT INTO account_prefs (account_key, prefs) VALUES (?, ?)
         ON CONFLICT (account_key) DO UPDATE SET prefs = excluded.prefs`,
      ),
    };
    this.change = db.transaction((accountKey: string, change: (current: NotifyPrefs) => PrefsOutcome) => {
      const outcome = change(decodePrefs(this.statements.prefs.get(accountKey)?.prefs));
      if (outcome.ok) this.statements.setPrefs.run(accountKey, JSON.stringify(outcome.prefs));
      return outcome;
    });
    this.setPassword = db.transaction(
      (accountKey: string, password: string, endSessions: { readonly except: string } | false) => {
        if (this.statements.setPassword.run(password, accountKey).changes !== 1) return false;
        if (endSessions) this.statements.revokeOthers.run(accountKey, endSessions.except);
        return true;
      },
    );
    this.remove = db.transaction((accountKey: string, heldUntil: number) => {
      if (this.statements.deleteAccount.run(accountKey).changes !== 1) return false;
      for (const statement of this.statements.deleteOwned) statement.run(accountKey);
      this.statements.revokeAll.run(accountKey);
      this.statements.hold.run(accountKey, heldUntil);
      return true;
    });
    this.create = db.transaction((account: Account, skeleton: string) => {
      if (this.statements.skeletonHolder.get(skeleton)) return false;
      const { key, name, password, createdAt } = account;
      if (this.statements.insertAccount.run(key, name, password, createdAt).changes !== 1) return false;
      this.statements.insertSkeleton.run(skeleton, key);
      return true;
    });
    this.reindex = db.transaction((skeletonOf: (name: string) => string) => {
      this.statements.clearSkeletons.run();
      for (const { key, name } of this.statements.allAccounts.all())
        this.statements.insertSkeleton.run(skeletonOf(name), key);
      // json_group_array is SQLite's own JSON of a list of strings.
      return this.statements.sharedSkeletons.all().map((row) => JSON.parse(row.names) as string[]);
    });
  }

  async createAccount(account: Account, skeleton: string): Promise<boolean> {
    return this.create(account, skeleton);
  }

  async accountBySkeleton(skeleton: string): Promise<Account | undefined> {
    const holder = this.statements.skeletonHolder.get(skeleton);
    return holder && this.account(holder.key);
  }

  async reindexSkeletons(skeletonOf: (name: string) => string): Promise<string[][]> {
    return this.reindex(skeletonOf);
  }

  async account(key: string): Promise<Account | undefined> {
    const row = this.statements.account.get(key);
    return row && { key: row.key, name: row.name, password: row.password, createdAt: row.created_at };
  }

  async listAccounts(): Promise<AccountListing[]> {
    return this.statements.allAccounts
      .all()
      .map((row) => ({ key: row.key, name: row.name, createdAt: row.created_at }));
  }

  async changePassword(
    accountKey: string,
    password: string,
    endSessions: { readonly except: string } | false,
  ): Promise<boolean> {
    return this.setPassword(accountKey, password, endSessions);
  }

  async deleteAccount(accountKey: string, _skeleton: string, heldUntil: number): Promise<boolean> {
    return this.remove(accountKey, heldUntil); // every skeleton row of the key goes, whatever its value
  }

  async nameHeldUntil(accountKey: string): Promise<number | undefined> {
    return this.statements.heldUntil.get(accountKey)?.until;
  }

  async createSession(session: Omit<SessionRecord, 'revoked'>): Promise<void> {
    this.statements.insertSession.run(
      session.tokenHash,
      session.accountKey,
      session.createdAt,
      session.expiresAt,
    );
  }

  async session(tokenHash: string): Promise<SessionRecord | undefined> {
    const row = this.statements.session.get(tokenHash);
    return (
      row && {
        tokenHash: row.token_hash,
        accountKey: row.account_key,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
        revoked: row.revoked === 1,
      }
    );
  }

  async revokeSession(tokenHash: string): Promise<void> {
    this.statements.revoke.run(tokenHash);
  }

  async revokeAllSessions(accountKey: string): Promise<void> {
    this.statements.revokeAll.run(accountKey);
  }

  async markRead(accountKey: string, target: string, seq: number): Promise<number> {
    this.statements.markRead.run(accountKey, target, seq);
    return this.statements.marker.get(accountKey, target)?.seq ?? seq;
  }

  async startReading(accountKey: string, target: string, seq: number): Promise<number> {
    this.statements.startReading.run(accountKey, target, seq);
    return this.statements.marker.get(accountKey, target)?.seq ?? seq;
  }

  async stopReading(accountKey: string, target: string): Promise<void> {
    this.statements.stopReading.run(accountKey, target);
  }

  async readMarkers(accountKey: string): Promise<Map<string, number>> {
    return new Map(this.statements.markers.all(accountKey).map((row) => [row.target, row.seq]));
  }

  async unreadCount(
    target: string,
    after: number,
    readerKey: string,
    ignored: readonly string[] = [],
  ): Promise<number> {
    return this.statements.unread.get(target, after, readerKey, JSON.stringify(ignored))?.n ?? 0;
  }

  async mentions(
    target: string,
    after: number,
    reader: MentionRule,
    readerKey: string,
    limit: number,
  ): Promise<ChatMessage[]> {
    // Every candidate is tested in JavaScript: no SQL pattern folds width and look-alikes as the rule does.
    const mentioned = mentionMatcher(reader.nick, reader.keywords);
    const ignored = new Set(reader.ignored);
    const found: ChatMessage[] = [];
    for (const row of this.statements.mentions.iterate(
      target,
      after,
      after + INSPECTED_AFTER_MARKER,
      readerKey,
    )) {
      if (ignored.has(row.from_key) || !mentioned(row.text)) continue;
      found.push(this.toMessage(row));
      if (found.length >= limit) break;
    }
    return found;
  }

  async directTargets(key: string): Promise<string[]> {
    return this.statements.directTargets.all(key).map((row) => row.target);
  }

  async directTo(key: string, limit: number): Promise<{ target: string; message: ChatMessage }[]> {
    return this.statements.directTo
      .all(key, key, limit)
      .reverse()
      .map((row) => ({ target: row.target, message: this.toMessage(row) }));
  }

  async prefs(accountKey: string): Promise<NotifyPrefs> {
    return decodePrefs(this.statements.prefs.get(accountKey)?.prefs);
  }

  async changePrefs(
    accountKey: string,
    change: (current: NotifyPrefs) => PrefsOutcome,
  ): Promise<PrefsOutcome> {
    return this.change(accountKey, change);
  }
}
