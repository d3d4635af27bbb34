import {
  type ClientMessageOf,
  canonicalName,
  checkNick,
  ErrorCode,
  MODERATION_LIMITS,
  type ServerMessageOf,
} from 'aurora-protocol';
import type { Hub } from '../hub.js';
import type { Session } from '../session.js';
import { SERVER_SCOPE } from '../store/moderation.js';
import { userChannel } from '../targets.js';
import type { RoomControl } from './evictions.js';
import { grant } from './grants.js';
import { validRoom } from './membership.js';
import { announce } from './notices.js';
import { isOperator, refusal } from './roles.js';
import { isAdmin, ownerCount, standingIn } from './standing.js';

type Moderated = ServerMessageOf<'moderated'>;

/**
 * `moderate`: checks the actor may (roles.ts), changes the store, stores a notice in the room, tells
 * the actor and the target, and has every node apply it (evictions.ts).
 */
export async function moderate(
  hub: Hub,
  session: Session,
  message: ClientMessageOf<'moderate'>,
): Promise<void> {
  const { store, directory, clock } = hub.options;
  const identity = session.identity!;
  const { action, ref } = message;
  const checked = checkNick(message.name);
  if (!checked.ok) {
    session.fail(ErrorCode.NameInvalid, checked.problem.message, { ref });
    return;
  }
  const key = canonicalName(checked.name);
  const serverWide =
    action === 'kill' || (message.room === undefined && (action === 'ban' || action === 'unban'));
  let room: string | undefined;
  if (!serverWide) {
    room = validRoom(session, message.room ?? '', ref);
    if (room === undefined) return;
  }
  const roles = room === undefined ? new Map() : await store.moderation.roles(room);
  const account = await store.accounts.account(key);
  const actorIsAccount = identity.account !== undefined;
  const actor =
    room === undefined
      ? { admin: await isAdmin(hub, identity.key, actorIsAccount), account: actorIsAccount }
      : await standingIn(hub, room, { key: identity.key, account: actorIsAccount }, roles);
  const target =
    room === undefined
      ? { admin: await isAdmin(hub, key, account !== undefined), account: account !== undefined }
      : await standingIn(hub, room, { key, account: account !== undefined }, roles);
  const refused = refusal(action, {
    actor,
    target,
    self: key === identity.key,
    owners: ownerCount(roles),
    room,
  });
  if (refused) {
    session.fail(refused.code, refused.message, { ref, ...(room === undefined ? {} : { room }) });
    return;
  }
  const name = (await directory.onlineNick(key)) ?? account?.name ?? checked.name;
  const noTarget = (why: string) =>
    session.fail(ErrorCode.NoSuchTarget, why, { ref, ...(room ? { room } : {}) });
  const now = clock.now();
  const until =
    message.forMs === undefined || (action !== 'ban' && action !== 'mute') ? undefined : now + message.forMs;
  const scope = room ?? SERVER_SCOPE;
  let control: RoomControl | undefined;
  switch (action) {
    case 'kick': {
      const members = await directory.members(room!);
      if (!members.some((member) => canonicalName(member.nick) === key))
        return noTarget(`${name} is not in #${room}`);
      control = { kind: 'evict', room: room!, key, removed: 'kicked' };
      break;
    }
    case 'kill':
      if ((await directory.onlineNick(key)) === undefined) return noTarget(`nobody called ${name} is online`);
      control = { kind: 'kill', key, by: identity.nick, reason: message.reason };
      break;
    case 'ban':
    case 'mute': {
      const restriction = {
        scope,
        kind: action,
        key,
        name,
        by: identity.nick,
        at: now,
        ...(message.reason ? { reason: message.reason } : {}),
        ...(until === undefined ? {} : { until }),
      };
      const outcome = await store.moderation.restrict(restriction, MODERATION_LIMITS.maxBansPerRoom, now);
      if (outcome === 'full') {
        session.fail(
          ErrorCode.BanListFull,
          `${room ? `#${room}` : 'the server'} already has ${MODERATION_LIMITS.maxBansPerRoom} ${action}s; lift one first (/bans lists them)`,
          { ref, ...(room ? { room } : {}) },
        );
        return;
      }
      control =
        action === 'mute'
          ? { kind: 'changed', scope }
          : room === undefined
            ? { kind: 'kill', key, by: identity.nick, reason: message.reason, ban: restriction }
            : { kind: 'evict', room, key, removed: 'banned', ban: restriction };
      break;
    }
    case 'unban':
    case 'unmute':
      if (!(await store.moderation.lift(scope, action === 'unban' ? 'ban' : 'mute', key)))
        return noTarget(
          `${name} is not ${action === 'unban' ? 'banned' : 'muted'}${room ? ` in #${room}` : ''}`,
        );
      control = { kind: 'changed', scope };
      break;
    case 'op':
      await store.moderation.setRole(room!, key, 'operator');
      break;
    case 'deop':
      if (roles.get(key) === undefined || roles.get(key) === 'voice')
        return noTarget(`${name} is not an operator of #${room}`);
      await store.moderation.setRole(room!, key, undefined);
      break;
    default: {
      const refused = await grant(hub, action, { room: room!, key, name, by: identity.nick, roles, now });
      if (refused) {
        session.fail(refused.code, refused.message, { ref, room });
        return;
      }
    }
  }
  const facts: Moderated = {
    type: 'moderated',
    action,
    by: identity.nick,
    target: name,
    ...(room === undefined ? {} : { room }),
    ...(message.reason ? { reason: message.reason } : {}),
    ...(until === undefined ? {} : { until }),
  };
  await record(hub, session, facts);
  if (key !== identity.key) hub.publish(userChannel(key), facts);
  if (control) hub.roomControl(control);
  session.send({ ...facts, ...(ref === undefined ? {} : { ref }) });
}

/** `claim`: a registered account takes a room nobody owns. */
export async function claim(hub: Hub, session: Session, message: ClientMessageOf<'claim'>): Promise<void> {
  const identity = session.identity!;
  const room = validRoom(session, message.room, message.ref);
  if (room === undefined) return;
  if (!identity.account) {
    session.fail(ErrorCode.LoginRequired, 'only registered accounts can own rooms; /register first', {
      ref: message.ref,
      room,
    });
    return;
  }
  if (!(await hub.options.store.moderation.claimRoom(room, identity.key))) {
    session.fail(ErrorCode.RoomOwned, `#${room} already has an owner`, { ref: message.ref, room });
    return;
  }
  // An owned room's topic is protected unless set otherwise: every node's copy of the room's
  // settings (and of whether it has an owner) goes, and the change is said like any /mode.
  hub.roomControl({ kind: 'settings', room });
  const facts: Moderated = {
    type: 'moderated',
    action: 'claim',
    by: identity.nick,
    target: identity.nick,
    room,
  };
  await record(hub, session, facts);
  if ((await hub.roomSettings.get(room)).topicProtected === undefined)
    await announce(
      hub,
      room,
      { kind: 'mode', nick: identity.nick, setting: 'topicProtected', on: true },
      identity.key,
    );
  session.send({ ...facts, ...(message.ref === undefined ? {} : { ref: message.ref }) });
}

/** `bans`: a room's bans for its operators, or the server-wide ones for admins. */
export async function listBans(hub: Hub, session: Session, message: ClientMessageOf<'bans'>): Promise<void> {
  const identity = session.identity!;
  const { ref } = message;
  let room: string | undefined;
  if (message.room !== undefined) {
    room = validRoom(session, message.room, ref);
    if (room === undefined) return;
  }
  const account = identity.account !== undefined;
  if (room === undefined) {
    if (!(await isAdmin(hub, identity.key, account))) {
      session.fail(ErrorCode.NotAdmin, 'only a server admin can list server-wide bans', { ref });
      return;
    }
  } else if (!isOperator(await standingIn(hub, room, { key: identity.key, account }))) {
    session.fail(ErrorCode.NotOperator, `only an operator of #${room} can list its bans`, { ref, room });
    return;
  }
  const bans = await hub.options.store.moderation.restrictions(
    room ?? SERVER_SCOPE,
    'ban',
    hub.options.clock.now(),
  );
  session.send({
    type: 'bans',
    ...(room === undefined ? {} : { room }),
    bans: bans.map((ban) => ({
      name: ban.name,
      by: ban.by,
      at: ban.at,
      ...(ban.reason === undefined ? {} : { reason: ban.reason }),
      ...(ban.until === undefined ? {} : { until: ban.until }),
      ...(ban.address === undefined ? {} : { address: true }),
    })),
    ...(ref === undefined ? {} : { ref }),
  });
}

/** Stores the notice of an action in its room, so history and resume show it. */
async function record(hub: Hub, session: Session, facts: Moderated): Promise<void> {
  if (facts.room === undefined) return;
  await announce(
    hub,
    facts.room,
    {
      kind: 'moderation',
      nick: facts.by,
      action: facts.action,
      target: facts.target,
      ...(facts.reason === undefined ? {} : { reason: facts.reason }),
      ...(facts.until === undefined ? {} : { until: facts.until }),
    },
    session.identity!.key,
  );
}
