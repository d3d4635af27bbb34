import type Database from 'better-sqlite3';
import { type Row, toMessage } from './sqlite-rows.js';
import type { Page, PageQuery } from './store.js';

/** Reads slices of a target's history, the query every join and scroll-back runs. */
export class SqlitePages {
  /** Statements by their SQL: preparing one per join cost more than running it. */
  private readonly statements = new Map<string, Database.Statement<(string | number)[], Row>>();

  constructor(private readonly db: Database.Database) {}

  /** The page of a target's messages that a query asks for, oldest first. */
  page(target: string, query: PageQuery): Page {
    const clauses = ['target = ?'];
    const params: (string | number)[] = [target];
    if (query.before !== undefined) {
      clauses.push('seq < ?');
      params.push(query.before);
    }
    if (query.after !== undefined) {
      clauses.push('seq > ?');
      params.push(query.after);
    }
    if (query.notBefore !== undefined) {
      clauses.push('ts >= ?');
      params.push(query.notBefore);
    }
    // Without `after` the page is the newest slice (read newest first, then reversed).
    const ascending = query.after !== undefined;
    const sql = `SELECT * FROM messages WHERE ${clauses.join(' AND ')} ORDER BY seq ${ascending ? 'ASC' : 'DESC'} LIMIT ?`;
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare<(string | number)[], Row>(sql);
      this.statements.set(sql, statement);
    }
    const rows = statement.all(...params, query.limit + 1);
    const more = rows.length > query.limit;
    const kept = rows.slice(0, query.limit);
    if (!ascending) kept.reverse();
    return { messages: kept.map(toMessage), more };
  }
}
