import { ErrorCode, type ModerationAction, type Role } from 'aurora-protocol';
import type { StoredRole } from '../store/moderation.js';

/** Where a person stands in a room: their stored role, and whether they are a server admin. */
export interface Standing {
  readonly role?: StoredRole | undefined;
  readonly admin: boolean;
  /** Logged in to (or, as a target, the name of) a registered account. */
  readonly account: boolean;
}

/** A refused action: the stable code and the line the person reads. */
export interface Refusal {
  readonly code: ErrorCode;
  readonly message: string;
}

/** The role member lists show: an admin is marked as such in every room. */
export function shownRole(standing: Standing): Role | undefined {
  return standing.admin ? 'admin' : standing.role;
}

/** How much a person may do in a room: admin 3, owner 2, operator 1, member (voiced or not) 0. */
export function rank(standing: Standing): number {
  return standing.admin ? 3 : standing.role === 'owner' ? 2 : standing.role === 'operator' ? 1 : 0;
}

/** Whether a person may act as an operator in a room (owners and admins may). */
export function isOperator(standing: Standing): boolean {
  return rank(standing) >= 1;
}

/** What `refusal` needs to know about one action. */
export interface ActionCase {
  readonly actor: Standing;
  readonly target: Standing;
  /** The actor names themselves. */
  readonly self: boolean;
  /** Owners the room has (the last one cannot be removed). */
  readonly owners: number;
  /** Undefined: a server-wide action (`ban` without a room, `kill`). */
  readonly room: string | undefined;
}

/**
 * Whether an action is refused, and why; undefined when it may go ahead. The rules: operators kick,
 * ban and mute members and other operators, never owners or admins; owners give and take operator;
 * admins act as owners everywhere, ban server-wide and kill, but not one another; nobody removes the
 * last owner or acts on themselves.
 */
export function refusal(action: Exclude<ModerationAction, 'claim'>, c: ActionCase): Refusal | undefined {
  const { actor, target } = c;
  const server = c.room === undefined;
  if (action === 'kill' || (server && (action === 'ban' || action === 'unban'))) {
    if (!actor.admin)
      return {
        code: ErrorCode.NotAdmin,
        message: `only a server admin can ${server ? `${action} server-wide` : action}`,
      };
    if (action !== 'unban' && (c.self || target.admin))
      return protectedTarget(c.self ? 'yourself' : 'another server admin', action);
    return undefined;
  }
  if (server) return { code: ErrorCode.RoomInvalid, message: `say which room to ${action} in` };
  if (action === 'op' || action === 'deop') {
    if (rank(actor) < 2)
      return { code: ErrorCode.NotOwner, message: `only an owner of #${c.room} can ${action}` };
    if (!target.account)
      return { code: ErrorCode.NoSuchTarget, message: 'only registered accounts can be operators' };
    if (target.admin) return protectedTarget('a server admin', action);
    if (target.role === 'owner') {
      if (c.owners <= 1) return protectedTarget(`the last owner of #${c.room}`, action);
      if (!actor.admin) return protectedTarget(`an owner of #${c.room}`, action);
    }
    return undefined;
  }
  if (!isOperator(actor))
    return { code: ErrorCode.NotOperator, message: `only an operator of #${c.room} can ${action}` };
  if (action === 'unban' || action === 'unmute' || action === 'uninvite' || action === 'devoice')
    return undefined;
  if (action === 'invite' || action === 'voice') {
    if (!target.account)
      return {
        code: ErrorCode.NoSuchTarget,
        message: `only registered accounts can be ${action === 'invite' ? 'invited' : 'voiced'}; guests cannot`,
      };
    return undefined;
  }
  if (c.self) return protectedTarget('yourself', action);
  if (target.admin) return protectedTarget('a server admin', action);
  if (target.role === 'owner' && !actor.admin) return protectedTarget(`an owner of #${c.room}`, action);
  return undefined;
}

/**
 * Whether a topic change is refused: a protected topic (`/mode +t`; by default, an owned room's)
 * only its operators change. An unprotected one anyone in the room may.
 */
export function topicRefusal(actor: Standing, protectedTopic: boolean, room: string): Refusal | undefined {
  if (!protectedTopic || isOperator(actor)) return undefined;
  return { code: ErrorCode.NotOperator, message: `only an operator of #${room} can change its topic` };
}

function protectedTarget(who: string, action: string): Refusal {
  return { code: ErrorCode.TargetProtected, message: `you cannot ${action} ${who}` };
}
