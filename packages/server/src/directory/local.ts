import type { Member } from 'aurora-protocol';
import type { Directory, DirectoryMember, MembershipChange } from './directory.js';

interface Entry {
  member: DirectoryMember;
  owners: Set<string>;
}

/** The single-node directory, in memory. */
export class LocalDirectory implements Directory {
  private readonly names = new Map<string, { nick: string; owners: Set<string>; shared: boolean }>();
  private readonly rooms = new Map<string, Map<string, Entry>>();

  async claimName(key: string, owner: string, nick: string, shared = false): Promise<boolean> {
    const claim = this.names.get(key);
    const othersHoldIt = claim !== undefined && [...claim.owners].some((o) => o !== owner);
    if (othersHoldIt && !(shared && claim.shared)) return false;
    this.names.set(key, { nick, owners: new Set([...(claim?.owners ?? []), owner]), shared });
    return true;
  }

  async releaseName(key: string, owner: string): Promise<void> {
    const claim = this.names.get(key);
    if (!claim) return;
    claim.owners.delete(owner);
    if (claim.owners.size === 0) this.names.delete(key);
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
      entry.owners.add(owner);
      return { changed: false };
    }
    members.set(member.key, { member, owners: new Set([owner]) });
    return { changed: true };
  }

  async removeMember(room: string, key: string, owner: string): Promise<MembershipChange> {
    const members = this.rooms.get(room);
    const entry = members?.get(key);
    const removed = entry?.owners.delete(owner) ?? false;
    if (!members || !entry || !removed) return { changed: false };
    if (entry.owners.size > 0) return { changed: false };
    members.delete(key);
    if (members.size === 0) this.rooms.delete(room);
    return { changed: true };
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
