import { type ClientMessageOf, canonicalName, checkNick, checkRoom, ErrorCode } from 'aurora-protocol';
import type { Hub } from '../hub.js';
import { type ChangePlace, type ChangeRequest, decideChange, reactionEmoji } from '../messages/lifecycle.js';
import { speakRefusal } from '../rooms/gates.js';
import { isOperator } from '../rooms/roles.js';
import { standingIn } from '../rooms/standing.js';
import type { Session } from '../session.js';
import { dmKey, roomKey, userChannel } from '../targets.js';

/** Where a change to a target goes, or why the connection may not change anything there. */
type Placed = { place: ChangePlace; channels: string[]; wire: string } | undefined;

/**
 * Resolves an `edit`, `delete` or `react` target: a room the connection is in (`not_in_room`
 * otherwise), or `@nick`, the conversation with that person (only its two people can name it).
 */
function placeOf(session: Session, raw: string, ref: string | undefined): Placed {
  const identity = session.identity!;
  if (raw.startsWith('@')) {
    const checked = checkNick(raw.slice(1));
    if (!checked.ok) {
      session.fail(ErrorCode.BadMessage, checked.problem.message, { ref });
      return undefined;
    }
    const toKey = canonicalName(checked.name);
    return {
      place: {
        target: dmKey(identity.key, toKey),
        to: checked.name,
        toKey,
        ...(identity.account ? {} : { notBefore: identity.claimedAt }),
      },
      channels:
        toKey === identity.key ? [userChannel(toKey)] : [userChannel(identity.key), userChannel(toKey)],
      wire: `@${checked.name}`,
    };
  }
  const checked = checkRoom(raw);
  if (!checked.ok) {
    session.fail(ErrorCode.RoomInvalid, checked.problem.message, { ref, room: raw });
    return undefined;
  }
  const room = checked.name;
  if (!session.rooms.has(room)) {
    session.fail(ErrorCode.NotInRoom, `you are not in #${room}; join it first`, { ref, room });
    return undefined;
  }
  return { place: { target: roomKey(room), room }, channels: [roomKey(room)], wire: room };
}

/** Runs one change through the lifecycle rules and the store, then answers `changed` or the refusal. */
async function change(
  hub: Hub,
  session: Session,
  raw: string,
  seq: number,
  request: ChangeRequest,
  ref: string | undefined,
): Promise<void> {
  const placed = placeOf(session, raw, ref);
  if (placed === undefined) return;
  const identity = session.identity!;
  const account = identity.account !== undefined;
  const { room } = placed.place;
  // Someone banned or muted in a room changes nothing there either; moderators may delete anything.
  const refused = room === undefined ? undefined : await speakRefusal(hub, session, room);
  if (refused) return session.fail(refused.code, refused.message, { ref, room });
  const moderator =
    room !== undefined &&
    request.kind === 'delete' &&
    isOperator(await standingIn(hub, room, { key: identity.key, account }));
  const actor = { nick: identity.nick, key: identity.key, account, moderator };
  const decide = decideChange(actor, placed.place, seq, request, hub.options.limits);
  const result = await hub.changeAndPublish(placed.place.target, seq, decide, placed.channels);
  if (!result.ok) {
    session.fail(result.code, result.reason, { ref });
    return;
  }
  session.send({
    type: 'changed',
    target: placed.wire,
    seq: result.event?.seq ?? result.message.rev ?? result.message.seq,
    about: seq,
    ...(ref === undefined ? {} : { ref }),
  });
}

/** `edit`: the author replaces the text of their message, within the edit window. */
export async function edit(hub: Hub, session: Session, message: ClientMessageOf<'edit'>): Promise<void> {
  await change(hub, session, message.target, message.seq, { kind: 'edit', text: message.text }, message.ref);
}

/** `delete`: the author removes their message; its text is gone from the store. */
export async function remove(hub: Hub, session: Session, message: ClientMessageOf<'delete'>): Promise<void> {
  await change(hub, session, message.target, message.seq, { kind: 'delete' }, message.ref);
}

/** `react`: puts a reaction on a message, or takes one's own off. */
export async function react(hub: Hub, session: Session, message: ClientMessageOf<'react'>): Promise<void> {
  const emoji = reactionEmoji(message.emoji);
  if ('refuse' in emoji) {
    session.fail(emoji.refuse, emoji.reason, { ref: message.ref });
    return;
  }
  await change(
    hub,
    session,
    message.target,
    message.seq,
    { kind: 'reaction', emoji: emoji.emoji, on: message.on },
    message.ref,
  );
}
