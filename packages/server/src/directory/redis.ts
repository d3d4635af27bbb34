import type { Member } from 'aurora-protocol';
import type { Redis } from 'ioredis';
import { RedisKeys } from '../cluster/keys.js';
import type { LuaScript } from '../cluster/lua-script.js';
import { storage } from '../store/redis-call.js';
import type { Directory, DirectoryMember, MembershipChange } from './directory.js';
import {
  ADD_MEMBER,
  CLAIM,
  ONLINE_NICK,
  REAP,
  RELEASE,
  REMOVE_MEMBER,
  UPDATE_MEMBER,
} from './redis-scripts.js';

/** A person whose last connection was on a dead node, as the reaper reports them. */
export interface ReapedMember {
  readonly room: string;
  readonly member: DirectoryMember;
}

/**
 * The cluster directory: name claims and room membership in Redis, changed only by Lua scripts so two
 * nodes can never both win a name. Owners are recorded as `nodeId:sessionId`; a node's entries count
 * only while its heartbeat key (see `NodeHeartbeat`) exists.
 */
export class RedisDirectory implements Directory {
  private readonly keys: RedisKeys;

  constructor(
    private readonly redis: Redis,
    /** This node's id: the first part of every owner it records. */
    readonly nodeId: string,
    keys?: RedisKeys,
  ) {
    this.keys = keys ?? new RedisKeys();
  }

  async claimName(key: string, owner: string, nick: string, shared = false): Promise<boolean> {
    return (await this.run(CLAIM, this.owner(owner), [key, nick, shared ? '1' : '0'])) === 1;
  }

  async releaseName(key: string, owner: string): Promise<void> {
    await this.run(RELEASE, this.owner(owner), [key]);
  }

  async onlineNick(key: string): Promise<string | undefined> {
    return ((await this.run(ONLINE_NICK, '', [key])) as string | null) ?? undefined;
  }

  guestHolder(key: string): Promise<string | undefined> {
    return storage(async () => {
      const [shared, owners] = await Promise.all([
        this.redis.hget(this.keys.name(key), 'shared'),
        this.redis.smembers(this.keys.nameOwners(key)),
      ]);
      return shared === '1' || owners.length !== 1 ? undefined : owners[0];
    });
  }

  async addMember(room: string, member: DirectoryMember, owner: string): Promise<MembershipChange> {
    const changed = await this.run(ADD_MEMBER, this.owner(owner), [room, member.key, encodeMember(member)]);
    return { changed: changed === 1 };
  }

  async removeMember(room: string, key: string, owner: string): Promise<MembershipChange> {
    return { changed: (await this.run(REMOVE_MEMBER, this.owner(owner), [room, key])) === 1 };
  }

  async updateMember(room: string, previousKey: string, member: DirectoryMember): Promise<void> {
    await this.run(UPDATE_MEMBER, '', [room, previousKey, member.key, encodeMember(member)]);
  }

  members(room: string): Promise<Member[]> {
    return storage(async () => {
      const entries = await this.redis.hgetall(this.keys.members(room));
      const members = Object.entries(entries).map(([key, json]) => toMember(decodeMember(key, json)));
      return members.sort((a, b) => a.nick.localeCompare(b.nick));
    });
  }

  memberCount(room: string): Promise<number> {
    return storage(() => this.redis.hlen(this.keys.members(room)));
  }

  roomCounts(): Promise<Map<string, number>> {
    return storage(async () => {
      const rooms = await this.redis.smembers(this.keys.rooms);
      const counts = await Promise.all(rooms.map((room) => this.redis.hlen(this.keys.members(room))));
      return new Map(rooms.flatMap((room, i) => ((counts[i] ?? 0) > 0 ? [[room, counts[i] ?? 0]] : [])));
    });
  }

  /** Node ids that registered and were not reaped yet (this one included). */
  nodes(): Promise<string[]> {
    return storage(() => this.redis.smembers(this.keys.nodes));
  }

  /** Whether a node's heartbeat key exists. */
  isAlive(nodeId: string): Promise<boolean> {
    return storage(async () => (await this.redis.exists(this.keys.node(nodeId))) === 1);
  }

  /**
   * Drops everything a node owned once its heartbeat is gone; returns the people who thereby left
   * rooms. Empty when the node is alive or another node reaped it first.
   */
  async reap(nodeId: string): Promise<ReapedMember[]> {
    const flat = (await this.run(REAP, nodeId, [])) as string[];
    const reaped: ReapedMember[] = [];
    for (let i = 0; i + 2 < flat.length; i += 3)
      reaped.push({ room: flat[i]!, member: decodeMember(flat[i + 1]!, flat[i + 2]!) });
    return reaped;
  }

  async close(): Promise<void> {}

  private owner(sessionOwner: string): string {
    return `${this.nodeId}:${sessionOwner}`;
  }

  private run(script: LuaScript, owner: string, args: string[]): Promise<unknown> {
    return storage(() => script.run(this.redis, [], [this.keys.prefix, owner, ...args]));
  }
}

function encodeMember(member: DirectoryMember): string {
  return JSON.stringify({
    nick: member.nick,
    account: member.account,
    away: member.away,
    status: member.status,
  });
}

function decodeMember(key: string, json: string): DirectoryMember {
  // Written by encodeMember.
  const { nick, account, away, status } = JSON.parse(json) as {
    nick: string;
    account?: boolean;
    away: boolean;
    status?: string;
  };
  return { key, nick, ...(account ? { account } : {}), away, ...(status ? { status } : {}) };
}

function toMember(member: DirectoryMember): Member {
  return {
    nick: member.nick,
    ...(member.account ? { account: true } : {}),
    away: member.away,
    ...(member.status ? { status: member.status } : {}),
  };
}
