import type Database from 'better-sqlite3';
import type { Webhook, WebhookStore } from './webhooks.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS webhooks (
  id TEXT PRIMARY KEY, room TEXT NOT NULL, name TEXT NOT NULL, secret_hash TEXT NOT NULL, created_at INTEGER NOT NULL
);
`;

interface WebhookRow {
  id: string;
  room: string;
  name: string;
  secret_hash: string;
  created_at: number;
}

const toWebhook = (row: WebhookRow): Webhook => ({
  id: row.id,
  room: row.room,
  name: row.name,
  secretHash: row.secret_hash,
  createdAt: row.created_at,
});

/**
 * Webhooks in the SQLite database. Every read goes to the database, so one made or revoked by
 * `aurora-server webhook` (another process, another connection) counts at once.
 */
export class SqliteWebhooks implements WebhookStore {
  private readonly statements;

  constructor(db: Database.Database) {
    db.exec(SCHEMA);
    this.statements = {
      insert: db.prepare<[string, string, string, string, number]>(
        'INSERT INTO webhooks (id, room, name, secret_hash, created_at) VALUES (?, ?, ?, ?, ?)',
      ),
      one: db.prepare<[string], WebhookRow>('SELECT * FROM webhooks WHERE id = ?'),
      all: db.prepare<[], WebhookRow>('SELECT * FROM webhooks ORDER BY created_at, id'),
      remove: db.prepare<[string]>('DELETE FROM webhooks WHERE id = ?'),
    };
  }

  async createWebhook(webhook: Webhook): Promise<void> {
    this.statements.insert.run(webhook.id, webhook.room, webhook.name, webhook.secretHash, webhook.createdAt);
  }

  async webhook(id: string): Promise<Webhook | undefined> {
    const row = this.statements.one.get(id);
    return row && toWebhook(row);
  }

  async webhooks(): Promise<Webhook[]> {
    return this.statements.all.all().map(toWebhook);
  }

  async revokeWebhook(id: string): Promise<boolean> {
    return this.statements.remove.run(id).changes > 0;
  }
}
