import { canonicalName, checkRoom, ErrorCode } from 'aurora-protocol';
import type { Hub } from '../hub.js';
import type { Session } from '../session.js';
import { roomKey } from '../targets.js';
import { announce } from './notices.js';

// Who is in which room: leaving (by request, a kick, a ban or a shutdown), the leave notices a restart
// owes, and the names of rooms in requests. Joining, which replays history, is joining.ts.

/**
 * Leaves a room; `quiet` (server shutdown) skips the notices and keeps the person remembered, and
 * `notice: false` (a kick or ban, whose own notice is stored) skips the stored leave notice.
 */
export async function leaveRoom(
  hub: Hub,
  session: Session,
  room: string,
  options: { quiet: boolean; notice?: boolean },
): Promise<boolean> {
  if (!session.rooms.delete(room)) return false;
  const identity = session.identity!;
  const target = roomKey(room);
  hub.unsubscribe(session, target);
  session.forgetDelivered(target);
  if (hub.typing.stop(room, identity.key))
    hub.publish(target, { type: 'typing', room, nick: identity.nick, active: false });
  const { changed } = await hub.options.directory.removeMember(room, identity.key, session.id);
  if (changed && !options.quiet)
    hub.presence.move(room, {
      kind: 'leave',
      nick: identity.nick,
      key: identity.key,
      account: identity.account !== undefined,
      notice: true,
    });
  return true;
}

/** Resolves a room named in a request to its canonical name, or answers with an error. */
export function validRoom(session: Session, raw: string, ref: string | undefined): string | undefined {
  const checked = checkRoom(raw);
  if (checked.ok) return checked.name;
  session.fail(ErrorCode.RoomInvalid, checked.problem.message, { ref, room: raw });
  return undefined;
}

/** Resolves a room named in a request to the canonical room the session is in, or answers with an error. */
export function joinedRoom(session: Session, raw: string, ref: string | undefined): string | undefined {
  const room = validRoom(session, raw, ref);
  if (room === undefined || session.rooms.has(room)) return room;
  session.fail(ErrorCode.NotInRoom, `you are not in #${room}; join it first`, { ref, room });
  return undefined;
}

/**
 * After a restart, people the rooms remember but who did not come back within the grace period get
 * the leave notice their quiet disconnect skipped.
 */
export async function forgetAbsentMembers(hub: Hub): Promise<void> {
  const { store, directory } = hub.options;
  // Each room's members are listed once: per remembered member, it was O(n^2) in a room of n.
  const present = new Map<string, Set<string>>();
  for (const member of await store.rememberedMembers()) {
    let keys = present.get(member.room);
    if (keys === undefined) {
      keys = new Set((await directory.members(member.room)).map((m) => canonicalName(m.nick)));
      present.set(member.room, keys);
    }
    if (keys.has(member.key)) continue;
    await store.forgetMember(member.room, member.key);
    await announce(hub, member.room, { kind: 'leave', nick: member.nick }, member.key);
  }
}
