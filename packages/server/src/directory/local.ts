import type { Member } from 'aurora-protocol';
import type { Directory, DirectoryMember, MembershipChange } from './directory.js';
import { hasOtherOwner, hasOwner, type Owners, withOwner, withoutOwner } from './owners.js';

interface Entry {
  member: DirectoryMember;
  owners: Owners;
}

interface Claim {
  nick: string;
  owners: Owners;
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
    if (hasOtherOwner(claim.owners, owner) && !(shared && claim.shared)) return false;
    claim.nick = nick;
    claim.owners = withOwner(claim.owners, owner);
    claim.shared = shared;
    return true;
  }

  async releaseName(key: string, owner: string): Promise<void> {
    const claim = this.names.get(key);
    if (!claim) return;
    const owners = withoutOwner(claim.owners, owner);
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
      entry.owners = withOwner(entry.owners, owner);
      return UNCHANGED;
    }
    members.set(member.key, { member, owners: owner });
    return CHANGED;
  }

  async removeMember(room: string, key: string, owner: string): Promise<MembershipChange> {
    const members = this.rooms.get(room);
    const entry = members?.get(key);
    if (!members || !entry || !hasOwner(entry.owners, owner)) return UNCHANGED;
    const owners = withoutOwner(entry.owners, owner);
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
    members.set(member.key, { member, owners: entry.owners });
  }

  async members(room: string): Promise<Member[]> {
    const members = [...(this.rooms.get(room)?.values() ?? [])].map(({ member }) => toMember(member));
    return members.sort((a, b) => a.nick.localeCompare(b.nick));
  }

  async roomCounts(): Promise<Map<string, number>> {
    return new Map([...this.rooms].map(([room, members]) => [room, members.size]));
  }

  async close(): Promise<void> {
    this.names.clear();
    this.rooms.clear();
  }
}

function toMember(member: DirectoryMember): Member {
  return { nick: member.nick, away: member.away, ...(member.status ? { status: member.status } : {}) };
}
