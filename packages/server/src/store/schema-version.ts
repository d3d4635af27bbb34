import type Database from 'better-sqlite3';

/** The layout of aurora.db this server writes (SQLite's user_version); raise it with each change. */
export const SCHEMA_VERSION = 6;

/** A database a newer Aurora wrote: this one would misread it. Code `DATA_TOO_NEW`. */
export class SchemaTooNewError extends Error {
  readonly code = 'DATA_TOO_NEW';
  override readonly name = 'SchemaTooNewError';
}

/**
 * Refuses a database whose layout is newer than this server's, before anything reads or writes it;
 * a database from before versions were recorded (0) is this layout.
 */
export function checkSchemaVersion(db: Database.Database, file: string): void {
  const found = db.pragma('user_version', { simple: true }) as number;
  if (found > SCHEMA_VERSION)
    throw new SchemaTooNewError(
      `${file} was written by a newer aurora-server (database version ${found}; this one reads up to ${SCHEMA_VERSION}): upgrade aurora-server, or start with another --data folder`,
    );
}

/** Records this server's layout in a database it has just set up. */
export function recordSchemaVersion(db: Database.Database): void {
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
}
