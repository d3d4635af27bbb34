import { ErrorCode } from 'aurora-protocol';
import type { Hub } from '../hub.js';
import type { Session } from '../session.js';
import type { Restriction } from '../store/moderation.js';
import { SERVER_SCOPE } from '../store/moderation.js';
import type { Person } from './restriction-cache.js';
import { isAdmin } from './standing.js';

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

/** Whether joining a room is refused: banned from it, or kicked too often lately. */
export async function joinRefusal(
  hub: Hub,
  session: Session,
  room: string,
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
  return undefined;
}

/** Whether speaking in a room is refused: banned from it (posting needs no join), or muted there. */
export async function speakRefusal(
  hub: Hub,
  session: Session,
  room: string,
): Promise<GateRefusal | undefined> {
  const person = personOf(session);
  const ban = await hub.restrictions.find(room, 'ban', person);
  const mute = ban ? undefined : await hub.restrictions.find(room, 'mute', person);
  if (!ban && !mute) return undefined;
  const identity = session.identity!;
  if (await isAdmin(hub, identity.key, identity.account !== undefined)) return undefined;
  return ban
    ? { code: ErrorCode.Banned, message: `you are banned from #${room}${restrictionTerms(ban)}` }
    : { code: ErrorCode.Muted, message: `you are muted in #${room}${restrictionTerms(mute!)}` };
}
