import type { Redis } from 'ioredis';
import type { RedisKeys } from '../cluster/keys.js';
import { LuaScript } from '../cluster/lua-script.js';
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
import { storage } from './redis-call.js';

/** Records a room once (KEYS: known rooms, the room's roles); the first maker may own it. */
const CREATE_ROOM = new LuaScript(`
if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
if ARGV[2] ~= '' then redis.call('HSET', KEYS[2], ARGV[2], 'owner') end
return 1`);

/** Makes ARGV[2] the owner unless the room has one (KEYS: known rooms, the room's roles). */
const CLAIM_ROOM = new LuaScript(`
for _, role in ipairs(redis.call('HVALS', KEYS[2])) do
  if role == 'owner' then return 0 end
end
redis.call('SADD', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[2], ARGV[2], 'owner')
return 1`);

/** Adds or replaces an entry unless the list is full (ARGV: key, json, max); bans, mutes and invites. */
const RESTRICT = new LuaScript(`
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
  return 'updated'
end
if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[3]) then return 'full' end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 'added'`);

/** A room's settings from their hash: booleans as `1`/`0`, the password hash as it is. */
function fromSettingsHash(hash: Record<string, string>): StoredSettings {
  const flag = (field: string) => (hash[field] === undefined ? {} : { [field]: hash[field] === '1' });
  return {
    ...flag('moderated'),
    ...flag('inviteOnly'),
    ...flag('private'),
    ...flag('topicProtected'),
    ...(hash.passwordHash === undefined ? {} : { passwordHash: hash.passwordHash }),
  };
}

/** Moderation state in Redis, shared by every node; the same rules as SQLite's (one contract). */
export class RedisModeration implements ModerationStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  createRoom(room: string, owner: string | undefined): Promise<boolean> {
    return storage(
      async () =>
        (await CREATE_ROOM.run(
          this.redis,
          [this.keys.knownRooms, this.keys.roomRoles(room)],
          [room, owner ?? ''],
        )) === 1,
    );
  }

  claimRoom(room: string, key: string): Promise<boolean> {
    return storage(
      async () =>
        (await CLAIM_ROOM.run(this.redis, [this.keys.knownRooms, this.keys.roomRoles(room)], [room, key])) ===
        1,
    );
  }

  roles(room: string): Promise<Map<string, StoredRole>> {
    return storage(async () => {
      const all = await this.redis.hgetall(this.keys.roomRoles(room));
      // Written by setRole, createRoom and claimRoom: always a StoredRole.
      return new Map(Object.entries(all) as [string, StoredRole][]);
    });
  }

  setRole(room: string, key: string, role: StoredRole | undefined): Promise<void> {
    return storage(async () => {
      if (role === undefined) await this.redis.hdel(this.keys.roomRoles(room), key);
      else await this.redis.hset(this.keys.roomRoles(room), key, role);
    });
  }

  restrict(restriction: Restriction, max: number, now: number): Promise<RestrictOutcome> {
    return storage(async () => {
      const list = this.keys.restrictions(restriction.kind, restriction.scope);
      await this.prune(list, now);
      const outcome = await RESTRICT.run(
        this.redis,
        [list],
        [restriction.key, JSON.stringify(restriction), max],
      );
      return outcome as RestrictOutcome;
    });
  }

  lift(scope: string, kind: RestrictionKind, key: string): Promise<boolean> {
    return storage(async () => (await this.redis.hdel(this.keys.restrictions(kind, scope), key)) > 0);
  }

  restrictions(scope: string, kind: RestrictionKind, now: number): Promise<Restriction[]> {
    return storage(async () =>
      (await this.read(this.keys.restrictions(kind, scope)))
        .filter((entry) => isLive(entry, now))
        .sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    );
  }

  restrictionOf(
    scope: string,
    kind: RestrictionKind,
    person: { readonly key: string; readonly address?: string | undefined },
    now: number,
  ): Promise<Restriction | undefined> {
    return storage(async () => {
      const list = this.keys.restrictions(kind, scope);
      const own = await this.redis.hget(list, person.key);
      const byName = own === null ? undefined : (JSON.parse(own) as Restriction);
      if (byName && isLive(byName, now)) return byName;
      if (person.address === undefined) return undefined;
      // Address bans are rare and the list is bounded (1,000): reading it whole is cheap enough.
      return (await this.read(list)).find((entry) => entry.address === person.address && isLive(entry, now));
    });
  }

  admins(): Promise<string[]> {
    return storage(async () => (await this.redis.smembers(this.keys.admins)).sort());
  }

  setAdmin(key: string, admin: boolean): Promise<boolean> {
    return storage(
      async () =>
        (admin
          ? await this.redis.sadd(this.keys.admins, key)
          : await this.redis.srem(this.keys.admins, key)) > 0,
    );
  }

  forgetAccount(key: string): Promise<void> {
    return storage(async () => {
      // Every room with roles is a known room (createRoom and claimRoom record it): walk them in batches.
      const rooms = this.redis.sscanStream(this.keys.knownRooms, { count: 500 });
      for await (const batch of rooms as AsyncIterable<string[]>) {
        if (batch.length === 0) continue;
        const pipeline = this.redis.pipeline();
        for (const room of batch) pipeline.hdel(this.keys.roomRoles(room), key);
        await pipeline.exec();
      }
      const invited = this.redis.sscanStream(this.keys.invitedRooms, { count: 500 });
      for await (const batch of invited as AsyncIterable<string[]>) {
        if (batch.length === 0) continue;
        const pipeline = this.redis.pipeline();
        for (const room of batch) pipeline.hdel(this.keys.roomInvites(room), key);
        await pipeline.exec();
      }
      await this.redis.srem(this.keys.admins, key);
    });
  }

  settings(room: string): Promise<StoredSettings> {
    return storage(async () => fromSettingsHash(await this.redis.hgetall(this.keys.roomSettings(room))));
  }

  changeSettings(room: string, change: SettingsChange): Promise<StoredSettings> {
    return storage(async () => {
      const key = this.keys.roomSettings(room);
      // One field each, in one transaction: a change leaves the settings it does not name alone.
      const multi = this.redis.multi();
      for (const [field, value] of Object.entries(change)) {
        if (value === null) multi.hdel(key, field);
        else if (typeof value === 'boolean') multi.hset(key, field, value ? '1' : '0');
        else if (typeof value === 'string') multi.hset(key, field, value);
      }
      multi.hgetall(key);
      const replies = (await multi.exec()) ?? [];
      const all = replies.at(-1)?.[1] as Record<string, string> | undefined;
      return fromSettingsHash(all ?? {});
    });
  }

  invite(invite: Invite, max: number): Promise<RestrictOutcome> {
    return storage(async () => {
      // Not the known rooms: those decide who owns a room first made later.
      await this.redis.sadd(this.keys.invitedRooms, invite.room);
      const outcome = await RESTRICT.run(
        this.redis,
        [this.keys.roomInvites(invite.room)],
        [invite.key, JSON.stringify(invite), max],
      );
      return outcome as RestrictOutcome;
    });
  }

  uninvite(room: string, key: string): Promise<boolean> {
    return storage(async () => (await this.redis.hdel(this.keys.roomInvites(room), key)) > 0);
  }

  invites(room: string): Promise<Invite[]> {
    return storage(async () =>
      // Written by invite from an Invite.
      Object.values(await this.redis.hgetall(this.keys.roomInvites(room)))
        .map((json) => JSON.parse(json) as Invite)
        .sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    );
  }

  isInvited(room: string, key: string): Promise<boolean> {
    return storage(async () => (await this.redis.hexists(this.keys.roomInvites(room), key)) === 1);
  }

  private async read(list: string): Promise<Restriction[]> {
    // Written by restrict from a Restriction.
    return Object.values(await this.redis.hgetall(list)).map((json) => JSON.parse(json) as Restriction);
  }

  private async prune(list: string, now: number): Promise<void> {
    const expired = (await this.read(list)).filter((entry) => !isLive(entry, now)).map((entry) => entry.key);
    if (expired.length > 0) await this.redis.hdel(list, ...expired);
  }
}
