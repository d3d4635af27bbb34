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

/**
 * Who holds a name. Never changed once made (a change replaces it), so one claim can stand for two
 * names: a person's canonical name and its look-alike skeleton are claimed together, by the same
 * connection with the same nick, and share one object (48 bytes a connection fewer).
 */
interface Claim {
  readonly nick: string;
  /** A Set here is never changed either: adding or removing an owner makes a new one. */
  readonly owners: oneOrSet.OneOrSet<string>;
  readonly shared: boolean;
}

// Shared answers: callers only read them.
const CHANGED: MembershipChange = Object.freeze({ changed: true });
const UNCHANGED: MembershipChange = Object.freeze({ changed: false });

/**
 * A room's members by canonical name, and the same entries kept sorted by nick: every `joined` lists
 * the room, and sorting it for each joiner was most of a connect storm's member-list cost (a sorted
 * insert is a binary search and one move of pointers).
 */
interface RoomMembers {
  readonly byKey: Map<string, Entry>;
  readonly sorted: Entry[];
}

/** The single-node directory, in memory. */
export class LocalDirectory implements Directory {
  private readonly names = new Map<string, Claim>();
  private readonly rooms = new Map<string, RoomMembers>();
  /** The claim made last, given again to the next new claim with the same owner, nick and kind. */
  private lastClaim: Claim | undefined;

  async claimName(key: string, owner: string, nick: string, shared = false): Promise<boolean> {
    const claim = this.names.get(key);
    if (claim === undefined) {
      const last = this.lastClaim;
      const made =
        last !== undefined && last.owners === owner && last.nick === nick && last.shared === shared
          ? last
          : { nick, owners: owner, shared };
      this.lastClaim = made;
      this.names.set(key, made);
      return true;
    }
    if (oneOrSet.hasOther(claim.owners, owner) && !(shared && claim.shared)) return false;
    const owners = oneOrSet.has(claim.owners, owner) ? claim.owners : withOwner(claim.owners, owner);
    this.names.set(key, { nick, owners, shared });
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
    if (!oneOrSet.has(claim.owners, owner)) return;
    const owners = withoutOwner(claim.owners, owner);
    if (owners === undefined) this.names.delete(key);
    else this.names.set(key, { ...claim, owners });
  }

  async onlineNick(key: string): Promise<string | undefined> {
    return this.names.get(key)?.nick;
  }

  async addMember(room: string, member: DirectoryMember, owner: string): Promise<MembershipChange> {
    let members = this.rooms.get(room);
    if (!members) {
      members = { byKey: new Map(), sorted: [] };
      this.rooms.set(room, members);
    }
    const entry = members.byKey.get(member.key);
    if (entry) {
      entry.owners = oneOrSet.add(entry.owners, owner);
      return UNCHANGED;
    }
    insert(members, member.key, entryOf(member, owner));
    return CHANGED;
  }

  async removeMember(room: string, key: string, owner: string): Promise<MembershipChange> {
    const members = this.rooms.get(room);
    const entry = members?.byKey.get(key);
    if (!members || !entry || !oneOrSet.has(entry.owners, owner)) return UNCHANGED;
    const owners = oneOrSet.remove(entry.owners, owner);
    if (owners !== undefined) {
      entry.owners = owners;
      return UNCHANGED;
    }
    remove(members, key, entry);
    if (members.byKey.size === 0) this.rooms.delete(room);
    return CHANGED;
  }

  async updateMember(room: string, previousKey: string, member: DirectoryMember): Promise<void> {
    const members = this.rooms.get(room);
    const entry = members?.byKey.get(previousKey);
    if (!members || !entry) return;
    remove(members, previousKey, entry);
    insert(members, member.key, entryOf(member, entry.owners));
  }

  async members(room: string): Promise<Member[]> {
    return this.rooms.get(room)?.sorted.map(toMember) ?? [];
  }

  async memberCount(room: string): Promise<number> {
    return this.rooms.get(room)?.byKey.size ?? 0;
  }

  async roomCounts(): Promise<Map<string, number>> {
    return new Map([...this.rooms].map(([room, members]) => [room, members.byKey.size]));
  }

  async close(): Promise<void> {
    this.names.clear();
    this.rooms.clear();
  }
}

/** A claim's owners and one more, leaving the claim's own Set as it is. */
function withOwner(owners: oneOrSet.OneOrSet<string>, owner: string): oneOrSet.OneOrSet<string> {
  return oneOrSet.add(owners instanceof Set ? new Set(owners) : owners, owner);
}

/** A claim's owners without one, leaving the claim's own Set as it is. */
function withoutOwner(
  owners: oneOrSet.OneOrSet<string>,
  owner: string,
): oneOrSet.OneOrSet<string> | undefined {
  return oneOrSet.remove(owners instanceof Set ? new Set(owners) : owners, owner);
}

/** Adds an entry after every entry whose nick sorts at or before its own (as a stable sort would). */
function insert(members: RoomMembers, key: string, entry: Entry): void {
  // As a Map's set would: an entry already under this key (a rename onto it) is replaced.
  const replaced = members.byKey.get(key);
  if (replaced !== undefined) remove(members, key, replaced);
  const { sorted } = members;
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]!.nick.localeCompare(entry.nick) <= 0) low = middle + 1;
    else high = middle;
  }
  sorted.splice(low, 0, entry);
  members.byKey.set(key, entry);
}

function remove(members: RoomMembers, key: string, entry: Entry): void {
  members.byKey.delete(key);
  const at = members.sorted.indexOf(entry);
  if (at >= 0) members.sorted.splice(at, 1);
}

function toMember(entry: Entry): Member {
  // Literals in the wire's key order, not spreads of temporary objects: a join in a room of 100
  // lists 100 of these.
  const { nick, away, status } = entry;
  if (entry.account) return status ? { nick, account: true, away, status } : { nick, account: true, away };
  return status ? { nick, away, status } : { nick, away };
}
