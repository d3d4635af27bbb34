import type { Member } from 'aurora-protocol';
import * as oneOrSet from '../one-or-set.js';
import type { Directory, DirectoryMember, MembershipChange } from './directory.js';

/** A person in a room (the room's Map holds their canonical name): one object, no wrapped member. */
interface Entry {
  nick: string;
  account: boolean;
  away: boolean;
  status: string | undefined;
  owners: oneOrSet.OneOrSet<string>;
}

function entryOf(member: DirectoryMember, owners: oneOrSet.OneOrSet<string>): Entry {
  return {
    nick: member.nick,
    account: member.account === true,
    away: member.away,
    status: member.status,
    owners,
  };
}

interface Claim {
  nick: string;
  owners: oneOrSet.OneOrSet<string>;
  shared: boolean;
}

// Shared answers: callers only read them.
const CHANGED: MembershipChange = Object.freeze({ changed: true });
const UNCHANGED: MembershipChange = Object.freeze({ changed: false });

/** The single-node directory, in memory. */
export class LocalDirectory implements Directory {
  private readonly names = new Map<string, Claim>();
  private readonly rooms = new Map<string, Map<string, Entry>>();

  async claimName(key: string, owner: string, nick: string, shared = false): Promise<boolean> {
    const claim = this.names.get(key);
    if (claim === undefined) {
      this.names.set(key, { nick, owners: owner, shared });
      return true;
    }
    if (oneOrSet.hasOther(claim.owners, owner) && !(shared && claim.shared)) return false;
    claim.nick = nick;
    claim.owners = oneOrSet.add(claim.owners, owner);
    claim.shared = shared;
    return true;
  }

  async guestHolder(key: string): Promise<string | undefined> {
    const claim = this.names.get(key);
    if (!claim || claim.shared) return undefined;
    if (oneOrSet.size(claim.owners) !== 1) return undefined;
    const [owner] = oneOrSet.values(claim.owners);
    return owner;
  }

  async releaseName(key: string, owner: string): Promise<void> {
    const claim = this.names.get(key);
    if (!claim) return;
    const owners = oneOrSet.remove(claim.owners, owner);
    if (owners === undefined) this.names.delete(key);
    else claim.owners = owners;
  }

  async onlineNick(key: string): Promise<string | undefined> {
    return this.names.get(key)?.nick;
  }

  async addMember(room: string, member: DirectoryMember, owner: string): Promise<MembershipChange> {
    let members = this.rooms.get(room);
    if (!members) {
      members = new Map();
      this.rooms.set(room, members);
    }
    const entry = members.get(member.key);
    if (entry) {
      entry.owners = oneOrSet.add(entry.owners, owner);
      return UNCHANGED;
    }
    members.set(member.key, entryOf(member, owner));
    return CHANGED;
  }

  async removeMember(room: string, key: string, owner: string): Promise<MembershipChange> {
    const members = this.rooms.get(room);
    const entry = members?.get(key);
    if (!members || !entry || !oneOrSet.has(entry.owners, owner)) return UNCHANGED;
    const owners = oneOrSet.remove(entry.owners, owner);
    if (owners !== undefined) {
      entry.owners = owners;
      return UNCHANGED;
    }
    members.delete(key);
    if (members.size === 0) this.rooms.delete(room);
    return CHANGED;
  }

  async updateMember(room: string, previousKey: string, member: DirectoryMember): Promise<void> {
    const members = this.rooms.get(room);
    const entry = members?.get(previousKey);
    if (!members || !entry) return;
    members.delete(previousKey);
    members.set(member.key, entryOf(member, entry.owners));
  }

  async members(room: string): Promise<Member[]> {
    const members = [...(this.rooms.get(room)?.values() ?? [])].map(toMember);
    return members.sort((a, b) => a.nick.localeCompare(b.nick));
  }

  async memberCount(room: string): Promise<number> {
    return this.rooms.get(room)?.size ?? 0;
  }

  async roomCounts(): Promise<Map<string, number>> {
    return new Map([...this.rooms].map(([room, members]) => [room, members.size]));
  }

  async close(): Promise<void> {
    this.names.clear();
    this.rooms.clear();
  }
}

function toMember(entry: Entry): Member {
  return {
    nick: entry.nick,
    ...(entry.account ? { account: true } : {}),
    away: entry.away,
    ...(entry.status ? { status: entry.status } : {}),
  };
}
