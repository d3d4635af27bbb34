/**
 * A stored role: room owners and operators, and voiced people, who may speak in a moderated room
 * (server admins are kept apart, in `admins`).
 */
export type StoredRole = 'owner' | 'operator' | 'voice';

/**
 * A room's stored settings (`/mode`). `topicProtected` absent: the default, protected when the room
 * has an owner. `passwordHash`: the join password, hashed as account passwords are.
 */
export interface StoredSettings {
  readonly moderated?: boolean | undefined;
  readonly inviteOnly?: boolean | undefined;
  readonly private?: boolean | undefined;
  readonly topicProtected?: boolean | undefined;
  readonly passwordHash?: string | undefined;
}

/**
 * A change to a room's settings: each field given is set, the others are left as they are; a
 * `passwordHash` of `null` removes the password. Fields change one by one, so two operators changing
 * different settings at once both count.
 */
export interface SettingsChange {
  readonly moderated?: boolean | undefined;
  readonly inviteOnly?: boolean | undefined;
  readonly private?: boolean | undefined;
  readonly topicProtected?: boolean | undefined;
  readonly passwordHash?: string | null | undefined;
}

/** An invite of a registered account to a room: it admits past invite-only and a join password. */
export interface Invite {
  readonly room: string;
  /** The account's canonical name. */
  readonly key: string;
  /** The name as shown. */
  readonly name: string;
  /** Who invited (a name as shown). */
  readonly by: string;
  /** When, ms since the epoch. */
  readonly at: number;
}

/** What a restriction does: a ban keeps a person out, a mute keeps them quiet. */
export type RestrictionKind = 'ban' | 'mute';

/** The scope of server-wide bans, where a room's name would be. Room names never contain `*`. */
export const SERVER_SCOPE = '*';

/** A ban or mute of one person, in a room or (scope `*`) on the whole server. */
export interface Restriction {
  /** A room, or {@link SERVER_SCOPE}. */
  readonly scope: string;
  readonly kind: RestrictionKind;
  /** The person's canonical name (the account's, for registered people). */
  readonly key: string;
  /** The name as shown. */
  readonly name: string;
  /** A guest's address, banned with the name; absent for accounts. */
  readonly address?: string | undefined;
  /** Who did it (a name as shown). */
  readonly by: string;
  readonly reason?: string | undefined;
  /** When it was made, ms since the epoch. */
  readonly at: number;
  /** When it ends by itself; absent: until lifted. */
  readonly until?: number | undefined;
}

/** How `restrict` and `invite` went: a new entry, one replacing the person's previous, or refused (list full). */
export type RestrictOutcome = 'added' | 'updated' | 'full';

/**
 * Rooms' owners and operators, bans and mutes, and the server admins: moderation state every node
 * reads alike, kept in the same store as history. Expired restrictions are never returned.
 */
export interface ModerationStore {
  /**
   * Records that a room exists, once: the first call wins and returns true, making `owner` (a
   * registered account's key) its owner; a room first made by a guest is recorded with no owner.
   */
  createRoom(room: string, owner: string | undefined): Promise<boolean>;
  /** Makes `key` the owner of a room that has none; false when it has one. */
  claimRoom(room: string, key: string): Promise<boolean>;
  /** A room's owners and operators, by canonical name. */
  roles(room: string): Promise<Map<string, StoredRole>>;
  /** Gives a person a role in a room, or with `undefined` takes it away. */
  setRole(room: string, key: string, role: StoredRole | undefined): Promise<void>;
  /**
   * Bans or mutes a person, replacing their previous entry of that kind in that scope; refused with
   * `full` when the scope already holds `max` live entries of that kind.
   */
  restrict(restriction: Restriction, max: number, now: number): Promise<RestrictOutcome>;
  /** Lifts a person's ban or mute; false when there was none. */
  lift(scope: string, kind: RestrictionKind, key: string): Promise<boolean>;
  /** The live restrictions of one kind in a scope, oldest first. */
  restrictions(scope: string, kind: RestrictionKind, now: number): Promise<Restriction[]>;
  /** The live restriction that applies to a person (by name, or for a guest by address), if any. */
  restrictionOf(
    scope: string,
    kind: RestrictionKind,
    person: { readonly key: string; readonly address?: string | undefined },
    now: number,
  ): Promise<Restriction | undefined>;
  /** The accounts promoted to server admin (`aurora-server admin promote`), sorted. */
  admins(): Promise<string[]>;
  /** Promotes (`true`) or demotes an account; false when nothing changed. */
  setAdmin(key: string, admin: boolean): Promise<boolean>;
  /**
   * Takes every role of a deleted account away (its rooms' owner and operator seats, its voice, its
   * invites, its admin flag),
   * so a new account of the same name inherits none; a room it alone owned can be claimed again.
   */
  forgetAccount(key: string): Promise<void>;
  /** A room's settings; a room never set reads as `{}`. */
  settings(room: string): Promise<StoredSettings>;
  /** Changes the settings a change names, leaving the others; the settings after it. */
  changeSettings(room: string, change: SettingsChange): Promise<StoredSettings>;
  /**
   * Invites an account to a room, replacing its previous invite there; refused with `full` when the
   * room already holds `max` invites.
   */
  invite(invite: Invite, max: number): Promise<RestrictOutcome>;
  /** Takes an invite back; false when there was none. */
  uninvite(room: string, key: string): Promise<boolean>;
  /** A room's invites, oldest first. */
  invites(room: string): Promise<Invite[]>;
  /** Whether an account is invited to a room. */
  isInvited(room: string, key: string): Promise<boolean>;
}

/** Whether a restriction still holds at `now`. */
export function isLive(restriction: Pick<Restriction, 'until'>, now: number): boolean {
  return restriction.until === undefined || restriction.until > now;
}
