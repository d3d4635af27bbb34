import type Database from 'better-sqlite3';
import {
  type Invite,
  isLive,
  type ModerationStore,
  type Restriction,
  type RestrictionKind,
  type RestrictOutcome,
  type SettingsChange,
  type StoredRole,
  type StoredSettings,
} from './moderation.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS known_rooms (room TEXT PRIMARY KEY, created_at INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS room_roles (
  room TEXT NOT NULL, key TEXT NOT NULL, role TEXT NOT NULL, PRIMARY KEY (room, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS restrictions (
  scope TEXT NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL, name TEXT NOT NULL, address TEXT,
  by_nick TEXT NOT NULL, reason TEXT, at INTEGER NOT NULL, until INTEGER,
  PRIMARY KEY (scope, kind, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS server_admins (key TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS room_settings (room TEXT PRIMARY KEY, settings TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS room_invites (
  room TEXT NOT NULL, key TEXT NOT NULL, name TEXT NOT NULL, by_nick TEXT NOT NULL, at INTEGER NOT NULL,
  PRIMARY KEY (room, key)
) WITHOUT ROWID;
`;

interface RestrictionRow {
  scope: string;
  kind: RestrictionKind;
  key: string;
  name: string;
  address: string | null;
  by_nick: string;
  reason: string | null;
  at: number;
  until: number | null;
}

const toRestriction = (row: RestrictionRow): Restriction => ({
  scope: row.scope,
  kind: row.kind,
  key: row.key,
  name: row.name,
  ...(row.address === null ? {} : { address: row.address }),
  by: row.by_nick,
  ...(row.reason === null ? {} : { reason: row.reason }),
  at: row.at,
  ...(row.until === null ? {} : { until: row.until }),
});

/**
 * Moderation state in the SQLite database (schema version 4; room settings and invites since 6: a
 * database from before gets their empty tables). Every read goes to the database, so an
 * admin promoted by `aurora-server admin` (another process) counts at once.
 */
export class SqliteModeration implements ModerationStore {
  private readonly statements;
  private readonly restrictInTransaction;

  constructor(db: Database.Database, now: () => number) {
    db.exec(SCHEMA);
    this.statements = {
      createRoom: db.prepare<[string, number]>(
        'INSERT INTO known_rooms (room, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING',
      ),
      owner: db.prepare<[string], { key: string }>(
        "SELECT key FROM room_roles WHERE room = ? AND role = 'owner' LIMIT 1",
      ),
      roles: db.prepare<[string], { key: string; role: StoredRole }>(
        'SELECT key, role FROM room_roles WHERE room = ?',
      ),
      setRole: db.prepare<[string, string, string]>(
        'INSERT INTO room_roles (room, key, role) VALUES (?, ?, ?) ON CONFLICT (room, key) DO UPDATE SET role = excluded.role',
      ),
      dropRole: db.prepare<[string, string]>('DELETE FROM room_roles WHERE room = ? AND key = ?'),
      dropRoles: db.prepare<[string]>('DELETE FROM room_roles WHERE key = ?'),
      dropAdmin: db.prepare<[string]>('DELETE FROM server_admins WHERE key = ?'),
      upsert: db.prepare<
        [string, string, string, string, string | null, string, string | null, number, number | null]
      >(
        `INSERT INTO restrictions (scope, kind, key, name, address, by_nick, reason, at, until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (scope, kind, key) DO UPDATE SET name = excluded.name, address = excluded.address,
         by_nick = excluded.by_nick, reason = excluded.reason, at = excluded.at, until = excluded.until`,
      ),
      exists: db.prepare<[string, string, string], { n: number }>(
        'SELECT 1 AS n FROM restrictions WHERE scope = ? AND kind = ? AND key = ?',
      ),
      prune: db.prepare<[string, string, number]>(
        'DELETE FROM restrictions WHERE scope = ? AND kind = ? AND until IS NOT NULL AND until <= ?',
      ),
      count: db.prepare<[string, string], { n: number }>(
        'SELECT COUNT(*) AS n FROM restrictions WHERE scope = ? AND kind = ?',
      ),
      lift: db.prepare<[string, string, string]>(
        'DELETE FROM restrictions WHERE scope = ? AND kind = ? AND key = ?',
      ),
      list: db.prepare<[string, string, number], RestrictionRow>(
        'SELECT * FROM restrictions WHERE scope = ? AND kind = ? AND (until IS NULL OR until > ?) ORDER BY at, key',
      ),
      of: db.prepare<[string, string, string, string | null, number, string], RestrictionRow>(
        `SELECT * FROM restrictions WHERE scope = ? AND kind = ? AND (key = ? OR (address IS NOT NULL AND address = ?))
         AND (until IS NULL OR until > ?) ORDER BY key = ? DESC LIMIT 1`,
      ),
      admins: db.prepare<[], { key: string }>('SELECT key FROM server_admins ORDER BY key'),
      promote: db.prepare<[string]>('INSERT INTO server_admins (key) VALUES (?) ON CONFLICT DO NOTHING'),
      demote: db.prepare<[string]>('DELETE FROM server_admins WHERE key = ?'),
      settings: db.prepare<[string], { settings: string }>(
        'SELECT settings FROM room_settings WHERE room = ?',
      ),
      setSettings: db.prepare<[string, string]>(
        'INSERT INTO room_settings (room, settings) VALUES (?, ?) ON CONFLICT (room) DO UPDATE SET settings = excluded.settings',
      ),
      invite: db.prepare<[string, string, string, string, number]>(
        `INSERT INTO room_invites (room, key, name, by_nick, at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (room, key)
         DO UPDATE SET name = excluded.name, by_nick = excluded.by_nick, at = excluded.at`,
      ),
      invited: db.prepare<[string, string], { n: number }>(
        'SELECT 1 AS n FROM room_invites WHERE room = ? AND key = ?',
      ),
      inviteCount: db.prepare<[string], { n: number }>(
        'SELECT COUNT(*) AS n FROM room_invites WHERE room = ?',
      ),
      uninvite: db.prepare<[string, string]>('DELETE FROM room_invites WHERE room = ? AND key = ?'),
      invites: db.prepare<[string], { room: string; key: string; name: string; by_nick: string; at: number }>(
        'SELECT * FROM room_invites WHERE room = ? ORDER BY at, key',
      ),
      dropInvites: db.prepare<[string]>('DELETE FROM room_invites WHERE key = ?'),
    };
    const s = this.statements;
    this.createInTransaction = db.transaction((room: string, owner: string | undefined): boolean => {
      if (s.createRoom.run(room, now()).changes === 0) return false;
      if (owner !== undefined) s.setRole.run(room, owner, 'owner');
      return true;
    });
    this.claimInTransaction = db.transaction((room: string, key: string): boolean => {
      if (s.owner.get(room)) return false;
      s.createRoom.run(room, now());
      s.setRole.run(room, key, 'owner');
      return true;
    });
    this.changeInTransaction = db.transaction((room: string, change: SettingsChange): StoredSettings => {
      const row = s.settings.get(room);
      // Written here from a StoredSettings.
      const next: Record<string, unknown> = row ? (JSON.parse(row.settings) as Record<string, unknown>) : {};
      for (const [field, value] of Object.entries(change)) {
        if (value === null) delete next[field];
        else if (value !== undefined) next[field] = value;
      }
      s.setSettings.run(room, JSON.stringify(next));
      return next as StoredSettings;
    });
    this.inviteInTransaction = db.transaction((i: Invite, max: number): RestrictOutcome => {
      const existed = s.invited.get(i.room, i.key) !== undefined;
      if (!existed && (s.inviteCount.get(i.room)?.n ?? 0) >= max) return 'full';
      s.invite.run(i.room, i.key, i.name, i.by, i.at);
      return existed ? 'updated' : 'added';
    });
    this.restrictInTransaction = db.transaction(
      (r: Restriction, max: number, at: number): RestrictOutcome => {
        s.prune.run(r.scope, r.kind, at);
        const existed = s.exists.get(r.scope, r.kind, r.key) !== undefined;
        if (!existed && (s.count.get(r.scope, r.kind)?.n ?? 0) >= max) return 'full';
        s.upsert.run(
          r.scope,
          r.kind,
          r.key,
          r.name,
          r.address ?? null,
          r.by,
          r.reason ?? null,
          r.at,
          r.until ?? null,
        );
        return existed ? 'updated' : 'added';
      },
    );
  }

  private readonly inviteInTransaction;
  private readonly changeInTransaction;
  private readonly createInTransaction;
  private readonly claimInTransaction;
  /**
   * Rooms known to exist: nothing deletes a known room, so once seen it needs no write. Every join
   * asks, and a connect storm paid a transaction (a WAL append) per joiner to learn nothing.
   */
  private readonly knownRooms = new Set<string>();

  async createRoom(room: string, owner: string | undefined): Promise<boolean> {
    if (this.knownRooms.has(room)) return false;
    const created = this.createInTransaction(room, owner);
    this.knownRooms.add(room);
    return created;
  }

  async claimRoom(room: string, key: string): Promise<boolean> {
    const claimed = this.claimInTransaction(room, key);
    this.knownRooms.add(room);
    return claimed;
  }

  async roles(room: string): Promise<Map<string, StoredRole>> {
    return new Map(this.statements.roles.all(room).map((row) => [row.key, row.role]));
  }

  async setRole(room: string, key: string, role: StoredRole | undefined): Promise<void> {
    if (role === undefined) this.statements.dropRole.run(room, key);
    else this.statements.setRole.run(room, key, role);
  }

  async restrict(restriction: Restriction, max: number, now: number): Promise<RestrictOutcome> {
    return this.restrictInTransaction(restriction, max, now);
  }

  async lift(scope: string, kind: RestrictionKind, key: string): Promise<boolean> {
    return this.statements.lift.run(scope, kind, key).changes > 0;
  }

  async restrictions(scope: string, kind: RestrictionKind, now: number): Promise<Restriction[]> {
    return this.statements.list.all(scope, kind, now).map(toRestriction);
  }

  async restrictionOf(
    scope: string,
    kind: RestrictionKind,
    person: { readonly key: string; readonly address?: string | undefined },
    now: number,
  ): Promise<Restriction | undefined> {
    const row = this.statements.of.get(scope, kind, person.key, person.address ?? null, now, person.key);
    const found = row && toRestriction(row);
    return found && isLive(found, now) ? found : undefined;
  }

  async admins(): Promise<string[]> {
    return this.statements.admins.all().map((row) => row.key);
  }

  async setAdmin(key: string, admin: boolean): Promise<boolean> {
    return (admin ? this.statements.promote.run(key) : this.statements.demote.run(key)).changes > 0;
  }

  async forgetAccount(key: string): Promise<void> {
    this.statements.dropRoles.run(key);
    this.statements.dropInvites.run(key);
    this.statements.dropAdmin.run(key);
  }

  async settings(room: string): Promise<StoredSettings> {
    const row = this.statements.settings.get(room);
    // Written by changeSettings from a StoredSettings.
    return row ? (JSON.parse(row.settings) as StoredSettings) : {};
  }

  async changeSettings(room: string, change: SettingsChange): Promise<StoredSettings> {
    return this.changeInTransaction(room, change);
  }

  async invite(invite: Invite, max: number): Promise<RestrictOutcome> {
    return this.inviteInTransaction(invite, max);
  }

  async uninvite(room: string, key: string): Promise<boolean> {
    return this.statements.uninvite.run(room, key).changes > 0;
  }

  async invites(room: string): Promise<Invite[]> {
    return this.statements.invites
      .all(room)
      .map((row) => ({ room: row.room, key: row.key, name: row.name, by: row.by_nick, at: row.at }));
  }

  async isInvited(room: string, key: string): Promise<boolean> {
    return this.statements.invited.get(room, key) !== undefined;
  }
}
