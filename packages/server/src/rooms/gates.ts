import { ErrorCode } from 'aurora-protocol';
import { verifyPassword } from '../accounts/passwords.js';
import type { Hub } from '../hub.js';
import type { Session } from '../session.js';
import type { Restriction } from '../store/moderation.js';
import { SERVER_SCOPE } from '../store/moderation.js';
import { postRefusal } from './privacy.js';
import type { Person } from './restriction-cache.js';
import { admittedByRole, maySpeakModerated } from './settings-rules.js';
import { isAdmin, standingIn } from './standing.js';

/** A refusal at a gate: the code, the line, and for throttles when to try again. */
export interface GateRefusal {
  readonly code: ErrorCode;
  readonly message: string;
  readonly retryAfterMs?: number;
}

/** Who a greeted session is, for the restriction lists: guests are matched by address too. */
export function personOf(session: Session): Person {
  const identity = session.identity!;
  return identity.account ? { key: identity.key } : { key: identity.key, address: session.info.ip };
}

/** Until when, and why, a ban or mute holds, as the end of a sentence. */
export function restrictionTerms(restriction: Restriction): string {
  const until =
    restriction.until === undefined
      ? ''
      : ` until ${new Date(restriction.until).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `${until}${restriction.reason ? ` (${restriction.reason})` : ''}`;
}

/** Whether a greeting is refused: the account (or a guest's name or address) is banned server-wide. */
export async function helloRefusal(
  hub: Hub,
  person: Person,
  account: boolean,
): Promise<GateRefusal | undefined> {
  const ban = await hub.restrictions.find(SERVER_SCOPE, 'ban', person);
  if (!ban || (await isAdmin(hub, person.key, account))) return undefined;
  return { code: ErrorCode.Banned, message: `you are banned from this server${restrictionTerms(ban)}` };
}

/**
 * Whether joining a room is refused: banned from it, kicked too often lately, or kept out by its
 * settings (invite-only, a join password) without an invite or a role that admits.
 */
export async function joinRefusal(
  hub: Hub,
  session: Session,
  room: string,
  entry: RoomEntry = {},
): Promise<GateRefusal | undefined> {
  const identity = session.identity!;
  const ban = await hub.restrictions.find(room, 'ban', personOf(session));
  if (ban && !(await isAdmin(hub, identity.key, identity.account !== undefined)))
    return { code: ErrorCode.Banned, message: `you are banned from #${room}${restrictionTerms(ban)}` };
  const wait = hub.rejoins.wait(room, identity.key);
  if (wait > 0)
    return {
      code: ErrorCode.RejoinThrottled,
      message: `you were kicked from #${room} repeatedly; you may rejoin in ${Math.ceil(wait / 1000)} s`,
      retryAfterMs: wait,
    };
  return settingsRefusal(hub, session, room, entry);
}

/** What a join brings to the settings gates. */
export interface RoomEntry {
  /** The room's join password, as typed. */
  readonly password?: string | undefined;
  /** A resumed join (`since`): someone the room still remembers as a member comes back in. */
  readonly resumed?: boolean | undefined;
}

/** The invite-only and password gates: an invite, operators, owners and admins pass both. */
async function settingsRefusal(
  hub: Hub,
  session: Session,
  room: string,
  { password, resumed }: RoomEntry,
): Promise<GateRefusal | undefined> {
  const settings = await hub.roomSettings.get(room);
  if (!settings.inviteOnly && settings.passwordHash === undefined) return undefined;
  const identity = session.identity!;
  // A reconnect of a member (the room was made invite-only while they were in it) is no new join.
  if (resumed && (await hub.options.store.isRemembered(room, identity.key))) return undefined;
  const account = identity.account !== undefined;
  if (account) {
    if (admittedByRole(await standingIn(hub, room, { key: identity.key, account }))) return undefined;
    if (await hub.options.store.moderation.isInvited(room, identity.key)) return undefined;
  }
  if (settings.inviteOnly)
    return {
      code: ErrorCode.InviteOnly,
      message: account
        ? `#${room} is invite-only: ask an operator of it to /invite you`
        : `#${room} is invite-only: only registered accounts can be invited (/register, then ask an operator)`,
    };
  const hash = settings.passwordHash!;
  if (password === undefined)
    return { code: ErrorCode.BadRoomPassword, message: `#${room} needs a password: /join #${room} PASSWORD` };
  return passwordRefusal(hub, session, room, password, hash);
}

/**
 * Checks a room's join password, counted by the log-in throttle (per room and address, per address,
 * per room) before any hashing, so passwords cannot be guessed fast; a right one is taken back.
 */
async function passwordRefusal(
  hub: Hub,
  session: Session,
  room: string,
  password: string,
  hash: string,
): Promise<GateRefusal | undefined> {
  const { throttle, pool } = hub.options.auth;
  // `#` keeps the room apart from account names, which never start with it.
  const counted = await throttle.begin(`#${room}`, session.info.ip);
  if ('waitMs' in counted) {
    const minutes = Math.ceil(counted.waitMs / 60_000);
    return {
      code: ErrorCode.RateLimited,
      message: `too many wrong passwords for #${room}; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
      retryAfterMs: counted.waitMs,
    };
  }
  const checked = await pool.run(() => verifyPassword(password, hash));
  if (checked === undefined) {
    await throttle.cancel(counted.attempt);
    return {
      code: ErrorCode.RateLimited,
      message: 'the server is busy; retry in a moment',
      retryAfterMs: 1000,
    };
  }
  if (!checked.value) return { code: ErrorCode.BadRoomPassword, message: `wrong password for #${room}` };
  await throttle.succeeded(counted.attempt);
  return undefined;
}

/**
 * Whether speaking in a room is refused: banned from it (posting needs no join), muted there, posting
 * from outside an invite-only or password room (privacy.ts), or the room is moderated and the person
 * neither an operator nor voiced.
 */
export async function speakRefusal(
  hub: Hub,
  session: Session,
  room: string,
): Promise<GateRefusal | undefined> {
  const person = personOf(session);
  const ban = await hub.restrictions.find(room, 'ban', person);
  const mute = ban ? undefined : await hub.restrictions.find(room, 'mute', person);
  const identity = session.identity!;
  const account = identity.account !== undefined;
  if (!ban && !mute) {
    const outsider = await postRefusal(hub, session, room);
    if (outsider) return outsider;
    if (!(await hub.roomSettings.get(room)).moderated) return undefined;
    if (maySpeakModerated(await standingIn(hub, room, { key: identity.key, account }))) return undefined;
    return {
      code: ErrorCode.Moderated,
      message: `#${room} is moderated: only its operators and voiced people speak; ask an operator for /voice`,
    };
  }
  if (await isAdmin(hub, identity.key, account)) return undefined;
  return ban
    ? { code: ErrorCode.Banned, message: `you are banned from #${room}${restrictionTerms(ban)}` }
    : { code: ErrorCode.Muted, message: `you are muted in #${room}${restrictionTerms(mute!)}` };
}
