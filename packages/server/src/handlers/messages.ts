import { type ClientMessageOf, canonicalName, checkNick, checkRoom, ErrorCode } from 'aurora-protocol';
import { noteGuestConnections } from '../guest-notices.js';
import type { Hub } from '../hub.js';
import { isLine } from '../messages/lifecycle.js';
import { speakRefusal } from '../rooms/gates.js';
import { validRoom } from '../rooms/membership.js';
import { readRefusal } from '../rooms/privacy.js';
import type { Session } from '../session.js';
import { dmKey, roomKey, userChannel } from '../targets.js';

/**
 * `say` and `action`: stored, then published to the room, then acknowledged. Posting does not need
 * membership (anyone may join anyway), so a bot's one-shot `aurora-chat send` leaves no join and
 * leave notices behind.
 */
export async function say(
  hub: Hub,
  session: Session,
  message: ClientMessageOf<'say' | 'action'>,
): Promise<void> {
  const room = validRoom(session, message.room, message.ref);
  if (room === undefined) return;
  const refused = await speakRefusal(hub, session, room);
  if (refused) {
    session.fail(refused.code, refused.message, { ref: message.ref, room, cid: message.cid });
    return;
  }
  const { nick, key } = session.identity!;
  const target = roomKey(room);
  if (!(await repliesToLine(hub, session, target, message))) return;
  if (hub.typing.stop(room, key)) hub.publish(target, { type: 'typing', room, nick, active: false });
  const { message: stored } = await hub.storeAndPublish(
    {
      target,
      kind: message.type === 'say' ? 'chat' : 'action',
      room,
      from: nick,
      fromKey: key,
      fromAccount: session.identity!.account !== undefined,
      text: message.text,
      cid: message.cid,
      ...(message.replyTo === undefined ? {} : { replyTo: message.replyTo }),
    },
    [target],
  );
  session.send({
    type: 'ack',
    cid: message.cid,
    id: stored.id,
    seq: stored.seq,
    room,
    ts: stored.ts,
    ...(message.ref === undefined ? {} : { ref: message.ref }),
  });
}

/** `dm`: stored in the two people's conversation and delivered to every connection of both. */
export async function dm(hub: Hub, session: Session, message: ClientMessageOf<'dm'>): Promise<void> {
  const { nick, key } = session.identity!;
  const checked = checkNick(message.to);
  const toKey = checked.ok ? canonicalName(checked.name) : undefined;
  // Accounts receive direct messages while offline (they see them in their digest); guests do not.
  const toNick =
    toKey === undefined
      ? undefined
      : ((await hub.options.directory.onlineNick(toKey)) ??
        (await hub.options.store.accounts.account(toKey))?.name);
  if (toKey === undefined || toNick === undefined) {
    session.fail(ErrorCode.NoSuchUser, `nobody called ${message.to} is online`, {
      ref: message.ref,
      cid: message.cid,
    });
    return;
  }
  const channels = toKey === key ? [userChannel(key)] : [userChannel(key), userChannel(toKey)];
  const target = dmKey(key, toKey);
  if (!(await repliesToLine(hub, session, target, message))) return;
  if (toKey !== key)
    await noteGuestConnections(
      hub,
      target,
      [
        { key, nick },
        { key: toKey, nick: toNick },
      ],
      channels,
    );
  const { message: stored } = await hub.storeAndPublish(
    {
      target,
      kind: 'dm',
      to: toNick,
      toKey,
      from: nick,
      fromKey: key,
      fromAccount: session.identity!.account !== undefined,
      text: message.text,
      cid: message.cid,
      ...(message.replyTo === undefined ? {} : { replyTo: message.replyTo }),
    },
    channels,
  );
  session.send({
    type: 'ack',
    cid: message.cid,
    id: stored.id,
    seq: stored.seq,
    to: stored.to ?? toNick,
    ts: stored.ts,
    ...(message.ref === undefined ? {} : { ref: message.ref }),
  });
}

/**
 * True when a message has no `replyTo`, or names a message of its target that people sent and that
 * is not deleted; otherwise answers `no_such_message` (a reply to nothing would quote nothing).
 */
async function repliesToLine(
  hub: Hub,
  session: Session,
  target: string,
  message: ClientMessageOf<'say' | 'action' | 'dm'>,
): Promise<boolean> {
  if (message.replyTo === undefined) return true;
  const original = (await hub.options.store.message(target, message.replyTo))?.message;
  const notBefore = session.identity!.account ? undefined : session.identity!.claimedAt;
  if (
    original !== undefined &&
    isLine(original) &&
    !original.deleted &&
    (target.startsWith('room:') || notBefore === undefined || original.ts >= notBefore)
  )
    return true;
  session.fail(ErrorCode.NoSuchMessage, `there is no message ${message.replyTo} to reply to`, {
    ref: message.ref,
    cid: message.cid,
  });
  return false;
}

/** Where a `history` or resume target is stored, or an error sentence. */
export function resolveTarget(
  session: Session,
  raw: string,
): { target: string; name: string; notBefore?: number } | { error: string } {
  const identity = session.identity!;
  if (raw.startsWith('@')) {
    const checked = checkNick(raw.slice(1));
    if (!checked.ok) return { error: checked.problem.message };
    // Guests have no account to prove they are the same person as an earlier holder of the name,
    // so they read direct messages only from when they took it.
    const target = dmKey(identity.key, canonicalName(checked.name));
    const name = `@${checked.name}`;
    return identity.account ? { target, name } : { target, name, notBefore: identity.claimedAt };
  }
  const checked = checkRoom(raw);
  if (!checked.ok) return { error: checked.problem.message };
  return { target: roomKey(checked.name), name: checked.name };
}

/**
 * `history`: one page, oldest first. Rooms are public, except private and invite-only ones (their
 * members only); direct conversations only their two people's.
 */
export async function history(
  hub: Hub,
  session: Session,
  message: ClientMessageOf<'history'>,
): Promise<void> {
  const resolved = resolveTarget(session, message.target);
  if ('error' in resolved) {
    session.fail(ErrorCode.BadMessage, resolved.error, { ref: message.ref });
    return;
  }
  const hidden = resolved.name.startsWith('@') ? undefined : await readRefusal(hub, session, resolved.name);
  if (hidden) {
    session.fail(hidden.code, hidden.message, { ref: message.ref, room: resolved.name });
    return;
  }
  const store = hub.options.store;
  const [page, bounds] = await Promise.all([
    store.page(resolved.target, {
      limit: message.limit ?? hub.options.limits.historyPageDefault,
      ...(message.before === undefined ? {} : { before: message.before }),
      ...(message.after === undefined ? {} : { after: message.after }),
      ...(resolved.notBefore === undefined ? {} : { notBefore: resolved.notBefore }),
    }),
    store.bounds(resolved.target),
  ]);
  session.send({
    type: 'history',
    target: resolved.name,
    messages: page.messages,
    more: page.more,
    // Never behind a message of the page, even if the two reads straddled a write.
    seq: Math.max(bounds.last, page.messages.at(-1)?.seq ?? 0),
    ...(message.ref === undefined ? {} : { ref: message.ref }),
  });
}
