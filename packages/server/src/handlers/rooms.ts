import {
  type ClientMessageOf,
  canonicalName,
  checkRoom,
  ErrorCode,
  MEMBERS_PAGE_MAX,
  type Member,
} from 'aurora-protocol';
import type { Hub } from '../hub.js';
import { speakRefusal } from '../rooms/gates.js';
import { joinRoom } from '../rooms/joining.js';
import { joinedRoom, leaveRoom } from '../rooms/membership.js';
import { announce } from '../rooms/notices.js';
import { listedRooms, readRefusal } from '../rooms/privacy.js';
import { topicRefusal } from '../rooms/roles.js';
import { shownSettings } from '../rooms/settings.js';
import { standingIn, withRoles } from '../rooms/standing.js';
import type { Session } from '../session.js';
import { roomKey } from '../targets.js';

/** `join` */
export async function join(hub: Hub, session: Session, message: ClientMessageOf<'join'>): Promise<void> {
  await joinRoom(hub, session, message.room, {
    since: message.since,
    ref: message.ref,
    password: message.password,
  });
}

/** `leave` */
export async function leave(hub: Hub, session: Session, message: ClientMessageOf<'leave'>): Promise<void> {
  const room = joinedRoom(session, message.room, message.ref);
  if (room === undefined) return;
  await leaveRoom(hub, session, room, { quiet: false });
  const identity = session.identity!;
  // Left on purpose, and on no other device: the room is no longer the account's.
  if (identity.account) {
    const members = await hub.options.directory.members(room);
    if (!members.some((member) => canonicalName(member.nick) === identity.key))
      await hub.options.store.accounts.stopReading(identity.account.key, roomKey(room));
  }
  session.send({ type: 'left', room, ...(message.ref === undefined ? {} : { ref: message.ref }) });
}

/** `topic`: topics are one line; line breaks become spaces. */
export async function topic(hub: Hub, session: Session, message: ClientMessageOf<'topic'>): Promise<void> {
  const room = joinedRoom(session, message.room, message.ref);
  if (room === undefined) return;
  const identity = session.identity!;
  const roles = await hub.options.store.moderation.roles(room);
  const actor = await standingIn(
    hub,
    room,
    { key: identity.key, account: identity.account !== undefined },
    roles,
  );
  const settings = await shownSettings(hub, room, roles);
  const refused = topicRefusal(actor, settings.topicProtected, room);
  if (refused) {
    session.fail(refused.code, refused.message, { ref: message.ref, room });
    return;
  }
  const text = message.topic.replace(/\s+/g, ' ').trim();
  await hub.options.store.setTopic(room, text);
  await announce(
    hub,
    room,
    { kind: 'topic', nick: session.identity!.nick, topic: text },
    session.identity!.key,
  );
}

/** `rooms` */
export async function rooms(hub: Hub, session: Session, message: ClientMessageOf<'rooms'>): Promise<void> {
  const counts = await hub.options.directory.roomCounts();
  const shown = await listedRooms(hub, session, [...counts.keys()]);
  const list = await Promise.all(
    [...counts]
      .filter(([room]) => shown.has(room))
      .map(async ([room, members]) => ({
        room,
        members,
        topic: await hub.options.store.topic(room),
      })),
  );
  list.sort((a, b) => a.room.localeCompare(b.room));
  session.send({ type: 'rooms', rooms: list, ...(message.ref === undefined ? {} : { ref: message.ref }) });
}

/** `members` */
export async function members(
  hub: Hub,
  session: Session,
  message: ClientMessageOf<'members'>,
): Promise<void> {
  const checked = checkRoom(message.room);
  if (!checked.ok) {
    session.fail(ErrorCode.RoomInvalid, checked.problem.message, { ref: message.ref, room: message.room });
    return;
  }
  const hidden = await readRefusal(hub, session, checked.name);
  if (hidden) {
    session.fail(hidden.code, hidden.message, { ref: message.ref, room: checked.name });
    return;
  }
  const list = await withRoles(hub, checked.name, await hub.options.directory.members(checked.name));
  if (message.limit === undefined && message.after === undefined) {
    session.send({
      type: 'members',
      room: checked.name,
      members: list,
      ...(message.ref === undefined ? {} : { ref: message.ref }),
    });
    return;
  }
  const page = memberPage(list, message.after, message.limit ?? MEMBERS_PAGE_MAX);
  session.send({
    type: 'members',
    room: checked.name,
    members: page.members,
    more: page.more,
    count: list.length,
    ...(message.ref === undefined ? {} : { ref: message.ref }),
  });
}

/** The members after the nick `after` (in the list's order, by name), at most `limit` of them. */
export function memberPage(
  sorted: readonly Member[],
  after: string | undefined,
  limit: number,
): { members: Member[]; more: boolean } {
  let start = 0;
  if (after !== undefined) {
    start = sorted.findIndex((member) => member.nick.localeCompare(after) > 0);
    if (start < 0) start = sorted.length;
  }
  return { members: sorted.slice(start, start + limit), more: start + limit < sorted.length };
}

/** `typing`: relayed at most once per interval per person and room; stops are relayed when active. */
export async function typing(hub: Hub, session: Session, message: ClientMessageOf<'typing'>): Promise<void> {
  const room = joinedRoom(session, message.room, message.ref);
  if (room === undefined) return;
  const { key, nick } = session.identity!;
  // Someone who may not speak here (muted, or unvoiced in a moderated room) is not shown typing.
  if (message.active && (await speakRefusal(hub, session, room))) return;
  const relay = message.active ? hub.typing.start(room, key, nick) : hub.typing.stop(room, key);
  if (relay) hub.publish(roomKey(room), { type: 'typing', room, nick, active: message.active });
}
