import { canonicalName, ErrorCode } from 'aurora-protocol';
import type { Hub } from '../hub.js';
import type { Session } from '../session.js';
import type { GateRefusal } from './gates.js';
import { isOperator } from './roles.js';
import { isAdmin, standingIn } from './standing.js';

/**
 * Whether a person counts as a member of a room for reading it: this connection joined it, or
 * another of the person's connections (any device, any node) is in it.
 */
async function isMember(hub: Hub, session: Session, room: string): Promise<boolean> {
  if (session.rooms.has(room)) return true;
  const key = session.identity!.key;
  return (await hub.options.directory.members(room)).some((member) => canonicalName(member.nick) === key);
}

/**
 * Whether reading a room (history, members, search in it, its settings) is refused: private and
 * invite-only rooms answer only their members, their operators and owners, and server admins; other
 * rooms are public to read.
 */
export async function readRefusal(
  hub: Hub,
  session: Session,
  room: string,
): Promise<GateRefusal | undefined> {
  if (session.rooms.has(room)) return undefined;
  const settings = await hub.roomSettings.get(room);
  if (!settings.private && !settings.inviteOnly) return undefined;
  const identity = session.identity!;
  const standing = await standingIn(hub, room, {
    key: identity.key,
    account: identity.account !== undefined,
  });
  if (isOperator(standing)) return undefined;
  if (await isMember(hub, session, room)) return undefined;
  return {
    code: ErrorCode.NotMember,
    message: settings.private
      ? `#${room} is private: only its members can read it; join it first`
      : `#${room} is invite-only: only its members can read it`,
  };
}

/**
 * Whether posting to a room without being in it is refused: an invite-only room, or one with a join
 * password, takes posts only from its members, its operators, owners and admins, and the invited
 * (so `say` without `join` is no way around the gates). Other rooms take posts from anyone.
 */
export async function postRefusal(
  hub: Hub,
  session: Session,
  room: string,
): Promise<GateRefusal | undefined> {
  if (session.rooms.has(room)) return undefined;
  const settings = await hub.roomSettings.get(room);
  if (!settings.inviteOnly && settings.passwordHash === undefined) return undefined;
  const identity = session.identity!;
  const account = identity.account !== undefined;
  if (isOperator(await standingIn(hub, room, { key: identity.key, account }))) return undefined;
  if (account && (await hub.options.store.moderation.isInvited(room, identity.key))) return undefined;
  if (await isMember(hub, session, room)) return undefined;
  return {
    code: ErrorCode.NotMember,
    message: settings.inviteOnly
      ? `#${room} is invite-only: only its members post there`
      : `#${room} needs a password: join it (/join #${room} PASSWORD) to post there`,
  };
}

/**
 * The rooms of a list a person may see in `rooms`: private rooms only for their members and admins
 * (an operator not in the room knows its name).
 */
export async function listedRooms(
  hub: Hub,
  session: Session,
  rooms: readonly string[],
): Promise<Set<string>> {
  // Read at once, not one after the other: a Redis round trip each would add up over many rooms.
  const settings = await Promise.all(rooms.map((room) => hub.roomSettings.get(room)));
  const shown = new Set(rooms.filter((room, i) => !settings[i]?.private || session.rooms.has(room)));
  const hidden = rooms.filter((room) => !shown.has(room));
  if (hidden.length === 0) return shown;
  const identity = session.identity!;
  if (await isAdmin(hub, identity.key, identity.account !== undefined)) return new Set(rooms);
  for (const room of hidden) if (await isMember(hub, session, room)) shown.add(room);
  return shown;
}
