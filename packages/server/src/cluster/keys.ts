// Every Redis key and channel Aurora uses, in one place, so the store, the directory and the broker
// (and their Lua scripts) agree. Room names, canonical names and node ids never contain `:` or a
// space, so the separators below are unambiguous.
import { CONFUSABLES_UNICODE_VERSION } from 'aurora-protocol/skeleton';

/** The default prefix of every key and channel: one Aurora cluster per Redis server. */
export const DEFAULT_PREFIX = 'aurora:';

/** Builds the keys and channel names under one prefix. */
export class RedisKeys {
  constructor(readonly prefix: string = DEFAULT_PREFIX) {}

  /** The pub/sub channel every stored message and live frame travels on. */
  get fanout(): string {
    return `${this.prefix}fanout`;
  }

  /** The pub/sub channel for node-to-node requests (log-outs). */
  get control(): string {
    return `${this.prefix}control`;
  }

  /** A target's sequence counter. */
  seq(target: string): string {
    return `${this.prefix}seq:${target}`;
  }

  /** A target's messages: a sorted set scored by seq. */
  messages(target: string): string {
    return `${this.prefix}msgs:${target}`;
  }

  /** A target's idempotency keys: `fromKey\ncid` -> seq, removed with the message. */
  cids(target: string): string {
    return `${this.prefix}cids:${target}`;
  }

  /** A target's edits: the seq of a message -> the seqs of its `edit` events, so a delete can blank their text. */
  edits(target: string): string {
    return `${this.prefix}edits:${target}`;
  }

  /** The search document counter: one number per indexed message, across targets (see redis-search.ts). */
  get searchDocs(): string {
    return `${this.prefix}sx-docs`;
  }

  /** Whether the search index was built for the history from before search: `building:<base>` or `done`. */
  get searchBuilt(): string {
    return `${this.prefix}sx-built`;
  }

  /** While the search index is being built: target -> the last seq stored before it began. */
  get searchBuildUpTo(): string {
    return `${this.prefix}sx-build-upto`;
  }

  /** Held by the one node that builds the search index. */
  get searchBuildLock(): string {
    return `${this.prefix}sx-build-lock`;
  }

  /** The log-in attempts of one throttle scope (see accounts/throttle.ts): a sorted set by time. */
  loginAttempts(scope: string): string {
    return `${this.prefix}login:${scope}`;
  }

  /** Every target that ever had a message (what retention walks). */
  get targets(): string {
    return `${this.prefix}targets`;
  }

  /** The direct conversations a person takes part in. */
  directs(key: string): string {
    return `${this.prefix}dms:${key}`;
  }

  /** Room topics, by room. */
  get topics(): string {
    return `${this.prefix}topics`;
  }

  /** Remembered members: `room key` -> nick. */
  get remembered(): string {
    return `${this.prefix}remembered`;
  }

  /** Incoming webhooks: id -> JSON. */
  get webhooks(): string {
    return `${this.prefix}webhooks`;
  }

  /** Rooms that were ever made (moderation: the first maker of a room may own it), as a set. */
  get knownRooms(): string {
    return `${this.prefix}known-rooms`;
  }

  /** A room's owners and operators: canonical name -> role. */
  roomRoles(room: string): string {
    return `${this.prefix}roles:${room}`;
  }

  /** Bans or mutes in a scope (a room, or `*`): canonical name -> JSON. */
  restrictions(kind: string, scope: string): string {
    return `${this.prefix}restrict:${kind}:${scope}`;
  }

  /** A room's settings (`/mode`): field -> `1`/`0`, and `passwordHash`. */
  roomSettings(room: string): string {
    return `${this.prefix}settings:${room}`;
  }

  /** Rooms that ever held an invite, as a set (so a deleted account's invites can be found). */
  get invitedRooms(): string {
    return `${this.prefix}invited-rooms`;
  }

  /** A room's invites: canonical name -> JSON. */
  roomInvites(room: string): string {
    return `${this.prefix}invites:${room}`;
  }

  /** Accounts promoted to server admin, as a set. */
  get admins(): string {
    return `${this.prefix}admins`;
  }

  /** An account, as a hash. */
  account(key: string): string {
    return `${this.prefix}account:${key}`;
  }

  /**
   * Registered names by look-alike skeleton: skeleton -> account key. Named after the Unicode
   * version of the confusables data, so a node with newer data builds its own index at start.
   */
  get accountSkeletons(): string {
    return `${this.prefix}account-skeletons:${CONFUSABLES_UNICODE_VERSION}`;
  }

  /** A log-in session, as a hash that expires a while after the session does. */
  session(tokenHash: string): string {
    return `${this.prefix}session:${tokenHash}`;
  }

  /** The token hashes of an account's sessions. */
  accountSessions(accountKey: string): string {
    return `${this.prefix}account-sessions:${accountKey}`;
  }

  /** Until when a deleted account's name is held from registration (ms since the epoch). */
  nameHold(accountKey: string): string {
    return `${this.prefix}name-hold:${accountKey}`;
  }

  /** An account's one-time password reset code (its hash and expiry). */
  resetCode(accountKey: string): string {
    return `${this.prefix}reset-code:${accountKey}`;
  }

  /** An account's read markers: target -> seq. */
  readMarkers(accountKey: string): string {
    return `${this.prefix}read:${accountKey}`;
  }

  /** An account's notification preferences: levels, mutes and keywords, one JSON string (NotifyPrefs). */
  prefs(accountKey: string): string {
    return `${this.prefix}prefs:${accountKey}`;
  }

  /** A node's heartbeat; it expires when the node stops renewing it. */
  node(id: string): string {
    return `${this.prefix}node:${id}`;
  }

  /** Every node that registered and has not been reaped. */
  get nodes(): string {
    return `${this.prefix}nodes`;
  }

  /** The canonical names a node's connections claim. */
  nodeNames(id: string): string {
    return `${this.prefix}node-names:${id}`;
  }

  /** The memberships (`room key`) a node's connections hold. */
  nodeRooms(id: string): string {
    return `${this.prefix}node-rooms:${id}`;
  }

  /** A name claim: a hash of nick and shared. */
  name(key: string): string {
    return `${this.prefix}name:${key}`;
  }

  /** The owners (`node:session`) of a name claim. */
  nameOwners(key: string): string {
    return `${this.prefix}name-owners:${key}`;
  }

  /** A room's members: canonical name -> member JSON. */
  members(room: string): string {
    return `${this.prefix}members:${room}`;
  }

  /** The owners (`node:session`) of one person's membership of a room. */
  memberOwners(room: string, key: string): string {
    return `${this.prefix}owners:${room}:${key}`;
  }

  /** Rooms with at least one member. */
  get rooms(): string {
    return `${this.prefix}rooms`;
  }
}
