import type Database from 'better-sqlite3';
import type { ResetCodeStore } from './reset-codes.js';

// A table an older server ignores, as name_holds: no layout version change.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS reset_codes (account_key TEXT PRIMARY KEY, code_hash TEXT NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID;
`;

/** Reset codes in the server's SQLite database. */
export class SqliteResetCodes implements ResetCodeStore {
  private readonly statements;

  constructor(db: Database.Database) {
    db.exec(SCHEMA);
    this.statements = {
      issue: db.prepare<[string, string, number]>(
        `INSERT INTO reset_codes (account_key, code_hash, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (account_key) DO UPDATE SET code_hash = excluded.code_hash, expires_at = excluded.expires_at`,
      ),
      // One statement: the check and the removal cannot be split by another connection.
      redeem: db.prepare<[string, string, number]>(
        'DELETE FROM reset_codes WHERE account_key = ? AND code_hash = ? AND expires_at > ?',
      ),
    };
  }

  async issueResetCode(accountKey: string, codeHash: string, now: number, lifetimeMs: number): Promise<void> {
    this.statements.issue.run(accountKey, codeHash, now + lifetimeMs);
  }

  async redeemResetCode(accountKey: string, codeHash: string, now: number): Promise<boolean> {
    return this.statements.redeem.run(accountKey, codeHash, now).changes === 1;
  }
}
