import { type ClientMessageOf, ErrorCode, type RoomSettings } from 'aurora-protocol';
import { hashing } from '../accounts/password-check.js';
import { hashPassword } from '../accounts/passwords.js';
import type { Hub } from '../hub.js';
import type { Session } from '../session.js';
import type { StoredRole } from '../store/moderation.js';
import { validRoom } from './membership.js';
import { announce } from './notices.js';
import { readRefusal } from './privacy.js';
import { isOperator } from './roles.js';
import { effectiveSettings, modeChange, modeRefusal } from './settings-rules.js';
import { ownerCount, standingIn } from './standing.js';

/**
 * A room's settings as people see them (`joined`, `topic`): the node's cached copy, with topic
 * protection following ownership when never set. `roles`: the room's, when the caller has read them.
 */
export async function shownSettings(
  hub: Hub,
  room: string,
  roles?: ReadonlyMap<string, StoredRole>,
): Promise<RoomSettings> {
  const [stored, owned] = await Promise.all([
    hub.roomSettings.get(room),
    roles === undefined ? hub.roomSettings.owned(room) : ownerCount(roles) > 0,
  ]);
  return effectiveSettings(stored, owned);
}

/**
 * `mode`: without `set`, a room's settings (members of a private room only); with it, its
 * operators change them: the store, every node's cache (over the broker), one stored notice per
 * setting turned on or off, and the settings as they now are to the actor.
 */
export async function mode(hub: Hub, session: Session, message: ClientMessageOf<'mode'>): Promise<void> {
  const { ref } = message;
  const room = validRoom(session, message.room, ref);
  if (room === undefined) return;
  const { store } = hub.options;
  const identity = session.identity!;
  const fail = (code: ErrorCode, text: string) => session.fail(code, text, { ref, room });
  const roles = await store.moderation.roles(room);
  const owned = ownerCount(roles) > 0;
  const stored = await store.moderation.settings(room);
  const reply = (settings = stored) =>
    session.send({
      type: 'mode',
      room,
      settings: effectiveSettings(settings, owned),
      ...(ref === undefined ? {} : { ref }),
    });
  if (message.set === undefined) {
    const hidden = await readRefusal(hub, session, room);
    if (hidden) return fail(hidden.code, hidden.message);
    return reply();
  }
  const actor = await standingIn(
    hub,
    room,
    { key: identity.key, account: identity.account !== undefined },
    roles,
  );
  const refused = modeRefusal(actor, room);
  if (refused) return fail(refused.code, refused.message);
  const password = message.set.password;
  let passwordHash: string | undefined;
  if (typeof password === 'string') {
    passwordHash = await hashing(hub, session, ref, () => hashPassword(password, hub.options.auth.scrypt));
    if (passwordHash === undefined) return;
  }
  const { change, changed } = modeChange(stored, owned, message.set, passwordHash);
  if (changed.length === 0) return reply();
  const next = await store.moderation.changeSettings(room, change);
  hub.roomControl({ kind: 'settings', room });
  for (const { setting, on } of changed)
    await announce(hub, room, { kind: 'mode', nick: identity.nick, setting, on }, identity.key);
  reply(next);
}

/** `invites`: a room's invites, for its operators. */
export async function listInvites(
  hub: Hub,
  session: Session,
  message: ClientMessageOf<'invites'>,
): Promise<void> {
  const { ref } = message;
  const room = validRoom(session, message.room, ref);
  if (room === undefined) return;
  const identity = session.identity!;
  if (
    !isOperator(await standingIn(hub, room, { key: identity.key, account: identity.account !== undefined }))
  ) {
    session.fail(ErrorCode.NotOperator, `only an operator of #${room} can list its invites`, { ref, room });
    return;
  }
  const invites = await hub.options.store.moderation.invites(room);
  session.send({
    type: 'invites',
    room,
    invites: invites.map((invite) => ({ name: invite.name, by: invite.by, at: invite.at })),
    ...(ref === undefined ? {} : { ref }),
  });
}
