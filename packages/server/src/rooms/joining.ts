import { checkRoom, ErrorCode } from 'aurora-protocol';
import { unreadIn } from '../accounts/attention.js';
import type { Hub } from '../hub.js';
import type { Session } from '../session.js';
import { roomKey } from '../targets.js';
import { joinRefusal } from './gates.js';
import { memberOf } from './notices.js';
import { planResume, replay } from './resume.js';
import { shownSettings } from './settings.js';
import { withRoles } from './standing.js';

/** Options for joining a room. */
export interface JoinOptions {
  /** The last seq the client saw: replay what followed instead of sending recent history. */
  readonly since?: number | undefined;
  /** The room's join password, when it has one. */
  readonly password?: string | undefined;
  readonly ref?: string | undefined;
}

/**
 * Joins a room: membership, a join notice when the person was not already there, then the room's
 * state and either recent history or a replay from `since`. A resumed join of someone the room still
 * remembers (the server restarted under them) is quiet: they never left.
 */
export async function joinRoom(
  hub: Hub,
  session: Session,
  rawRoom: string,
  options: JoinOptions = {},
): Promise<void> {
  const { store, directory, limits } = hub.options;
  const checked = checkRoom(rawRoom);
  if (!checked.ok) {
    session.fail(ErrorCode.RoomInvalid, checked.problem.message, { ref: options.ref, room: rawRoom });
    return;
  }
  const room = checked.name;
  if (!session.rooms.has(room) && session.rooms.size >= limits.maxRoomsPerConnection) {
    session.fail(ErrorCode.TooManyRooms, `you can be in at most ${limits.maxRoomsPerConnection} rooms`, {
      ref: options.ref,
      room,
    });
    return;
  }
  const identity = session.identity!;
  const target = roomKey(room);
  if (!session.rooms.has(room)) {
    const refused = await joinRefusal(hub, session, room, {
      password: options.password,
      resumed: options.since !== undefined,
    });
    if (refused) {
      session.fail(refused.code, refused.message, {
        ref: options.ref,
        room,
        ...(refused.retryAfterMs === undefined ? {} : { retryAfterMs: refused.retryAfterMs }),
      });
      return;
    }
    // The first registered account to make a room owns it; a room with history from before rooms had
    // owners, or made by a guest, waits for a `claim`.
    const owner = identity.account && (await store.bounds(target)).last === 0 ? identity.key : undefined;
    await store.moderation.createRoom(room, owner);
  }
  session.hold(target);
  if (!session.rooms.has(room)) {
    session.rooms.add(room);
    hub.subscribe(session, target);
    const remembered = options.since !== undefined && (await store.isRemembered(room, identity.key));
    const { changed } = await directory.addMember(room, memberOf(session), session.id);
    if (changed) {
      const role = (
        await withRoles(hub, room, [
          { nick: identity.nick, away: false, ...(identity.account ? { account: true } : {}) },
        ])
      )[0]?.role;
      await hub.presence.move(room, {
        kind: 'join',
        nick: identity.nick,
        key: identity.key,
        account: identity.account !== undefined,
        notice: !remembered,
        ...(role === undefined ? {} : { role }),
      });
    }
  }
  // A big room's list is paged on demand: listing thousands to each joiner is O(n^2) in a storm.
  const count = await directory.memberCount(room);
  const big = count > limits.bigRoomMembers;
  const [topic, members, unread, settings] = await Promise.all([
    store.topic(room),
    big ? [] : directory.members(room).then((list) => withRoles(hub, room, list)),
    unreadIn(hub, session, room),
    shownSettings(hub, room),
  ]);
  const ref = {
    settings,
    ...(big ? { memberCount: count } : {}),
    ...unread,
    ...(options.ref === undefined ? {} : { ref: options.ref }),
  };

  if (options.since !== undefined) {
    const plan = await planResume(hub, target, options.since);
    if (plan.recovered) {
      session.send({
        type: 'joined',
        room,
        topic,
        members,
        seq: plan.last,
        history: [],
        more: plan.older,
        ...ref,
      });
      await replay(hub, session, { target, channel: target, name: room }, options.since);
      session.release(target);
      return;
    }
  }
  const page = await hub.recentHistory.get(target, () => store.page(target, { limit: limits.joinHistory }));
  const last = page.messages.at(-1)?.seq ?? 0;
  session.send({
    type: 'joined',
    room,
    topic,
    members,
    seq: last,
    history: page.messages,
    more: page.more,
    ...ref,
  });
  session.markDelivered(target, last);
  if (options.since !== undefined)
    session.send({ type: 'resumed', target: room, recovered: false, replayed: 0, seq: last });
  session.release(target);
}
