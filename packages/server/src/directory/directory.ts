import type { Member } from 'aurora-protocol';

/** A person in a room, as the directory tracks them. */
export interface DirectoryMember {
  /** Canonical name. */
  readonly key: string;
  readonly nick: string;
  /** Logged in to the account of that name. */
  readonly account?: boolean;
  readonly away: boolean;
  readonly status?: string;
}

/** The outcome of adding or removing one connection of a person. */
export interface MembershipChange {
  /** True when the person was not in the room before (a join) or is no longer in it (a leave). */
  readonly changed: boolean;
}

/**
 * Who is online and where: name claims and room membership, shared by every node. A person may be
 * connected several times (several devices); each connection is an `owner`, and the person counts
 * once. In-process now; Redis in cluster mode, where claims must be race-free across nodes.
 */
export interface Directory {
  /**
   * Claims a canonical name for a connection; false when another person's connection holds it.
   * `shared` claims (connections logged in to the account of that name) coexist; guest claims do not.
   */
  claimName(key: string, owner: string, nick: string, shared?: boolean): Promise<boolean>;
  releaseName(key: string, owner: string): Promise<void>;
  /** The display nick of an online person, or undefined when nobody holds that name. */
  onlineNick(key: string): Promise<string | undefined>;
  /**
   * The owner (connection) holding a guest's claim on a name; undefined when nobody holds it or when
   * it is an account's shared claim. A new value means a different guest connection uses the name.
   */
  guestHolder(key: string): Promise<string | undefined>;
  addMember(room: string, member: DirectoryMember, owner: string): Promise<MembershipChange>;
  removeMember(room: string, key: string, owner: string): Promise<MembershipChange>;
  /** Replaces a person's entry in a room (rename, away) without changing membership. */
  updateMember(room: string, previousKey: string, member: DirectoryMember): Promise<void>;
  members(room: string): Promise<Member[]>;
  /** How many people a room has, without listing them. */
  memberCount(room: string): Promise<number>;
  /** Rooms with at least one member, with member counts. */
  roomCounts(): Promise<Map<string, number>>;
  close(): Promise<void>;
}
