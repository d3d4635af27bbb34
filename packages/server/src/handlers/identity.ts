import {
  type ClientMessageOf,
  CloseCode,
  canonicalName,
  checkNick,
  ErrorCode,
  LIMITS,
  PROTOCOL_VERSION,
  type ServerLimits,
} from 'aurora-protocol';
import type { Hub, HubLimits } from '../hub.js';
import { claimNames, lookalikeClaim, registeredLookalike } from '../name-claims.js';
import { helloRefusal } from '../rooms/gates.js';
import { joinRoom } from '../rooms/joining.js';
import { announce, memberOf } from '../rooms/notices.js';
import { resumeConversation } from '../rooms/resume.js';
import type { Session } from '../session.js';
import { roomKey, userChannel } from '../targets.js';
import { authenticate, sendDigest } from './accounts.js';
import { resolveTarget } from './messages.js';
import { sendPrefs } from './prefs.js';

/**
 * `hello`: checks the version and the name, claims it, welcomes, then joins the rooms asked for and
 * resumes every target that came with a cursor. A refused hello leaves the socket open for another.
 */
export async function hello(hub: Hub, session: Session, message: ClientMessageOf<'hello'>): Promise<void> {
  const { ref } = message;
  if (session.identity) {
    session.fail(ErrorCode.AlreadyGreeted, 'this connection already said hello', { ref });
    return;
  }
  const wait = hub.options.overloaded?.();
  if (wait !== undefined) {
    // Refused before anything is claimed or read: shedding must cost less than serving.
    session.fail(ErrorCode.ServerBusy, `the server is busy; reconnect in ${wait} ms`, {
      ref,
      retryAfterMs: wait,
    });
    session.peer.close(CloseCode.TryAgainLater, 'server busy');
    return;
  }
  if (message.v !== PROTOCOL_VERSION) {
    session.fail(
      ErrorCode.UnsupportedVersion,
      `this server speaks protocol version ${PROTOCOL_VERSION}, not ${message.v}`,
      { ref },
    );
    return;
  }
  const claim = await claimIdentity(hub, session, message);
  if (!claim) return;
  const { nick, key, account } = claim;
  const { clock, limits, server } = hub.options;
  hub.greeted(session);
  session.identity = { nick, key, claimedAt: clock.now(), ...(account ? { account } : {}) };
  hub.subscribe(session, userChannel(key));
  session.send({
    type: 'welcome',
    v: PROTOCOL_VERSION,
    session: session.id,
    nick,
    server,
    limits: welcomeLimits(limits),
    ...(account ? { account: nick } : {}),
    ...(ref === undefined ? {} : { ref }),
  });

  // A hello with resume cursors is a reconnect: the person never went away, so no digest. The
  // preferences come every time: they may have changed on another device meanwhile.
  const resuming = message.resume !== undefined && Object.keys(message.resume).length > 0;
  const prefs = account ? await sendPrefs(hub, session, account.key) : undefined;
  if (prefs && !resuming) await sendDigest(hub, session, prefs);
  // Null-prototype either way: `resume.constructor` must not find Object for a room so named.
  const resume: Readonly<Record<string, number>> = message.resume ?? Object.create(null);
  const rooms = new Set([
    ...(message.rooms ?? []),
    ...Object.keys(resume).filter((target) => !target.startsWith('@')),
  ]);
  const passwords = message.passwords ?? Object.create(null);
  for (const room of rooms)
    await joinRoom(hub, session, room, { since: resume[room], ref, password: passwords[room] });
  for (const [raw, since] of Object.entries(resume)) {
    if (!raw.startsWith('@')) continue;
    const resolved = resolveTarget(session, raw);
    if ('error' in resolved) continue;
    const channel = userChannel(key);
    session.hold(channel);
    await resumeConversation(
      hub,
      session,
      { target: resolved.target, channel, name: resolved.name, notBefore: resolved.notBefore! },
      since,
    );
    session.release(channel);
  }
}

/**
 * Works out who a hello speaks for and claims the name: the account behind a token, or a guest name
 * that is valid, not registered and free. Answers with the error and returns undefined otherwise.
 */
async function claimIdentity(
  hub: Hub,
  session: Session,
  message: ClientMessageOf<'hello'>,
): Promise<{ nick: string; key: string; account?: { key: string; tokenHash: string } } | undefined> {
  const { ref } = message;
  const { directory, store } = hub.options;
  if (message.token !== undefined) {
    const login = await authenticate(hub, message.token);
    if (!login) {
      session.fail(ErrorCode.AuthFailed, 'your session expired or was logged out; log in again', { ref });
      return undefined;
    }
    const { account, tokenHash } = login;
    const banned = await helloRefusal(hub, { key: account.key }, true);
    if (banned) {
      session.fail(banned.code, banned.message, { ref });
      return undefined;
    }
    if (!(await claimNames(directory, session.id, { key: account.key, nick: account.name }, true))) {
      session.fail(ErrorCode.NameTaken, `the name ${account.name} is in use by a guest; try again shortly`, {
        ref,
      });
      return undefined;
    }
    return { nick: account.name, key: account.key, account: { key: account.key, tokenHash } };
  }
  const checked = checkNick(message.nick);
  if (!checked.ok) {
    session.fail(ErrorCode.NameInvalid, checked.problem.message, { ref });
    return undefined;
  }
  const nick = checked.name;
  // A name already in canonical form shares its string (claims, identity and member lists keep it).
  const canonical = canonicalName(nick);
  const key = canonical === nick ? nick : canonical;
  const registered = await registeredLookalike(store.accounts, key, nick);
  if (registered) {
    session.fail(
      ErrorCode.NameRegistered,
      `the name ${registered.name} is registered; log in to use it, or choose another`,
      { ref },
    );
    return undefined;
  }
  const banned = await helloRefusal(hub, { key, address: session.info.ip }, false);
  if (banned) {
    session.fail(banned.code, banned.message, { ref });
    return undefined;
  }
  if (!(await claimNames(directory, session.id, { key, nick }, false))) {
    session.fail(
      ErrorCode.NameTaken,
      `the name ${nick}, or one that looks like it, is taken; choose another`,
      {
        ref,
      },
    );
    return undefined;
  }
  return { nick, key };
}

/** Each hub's welcome limits, built at its first hello: every connection is announced the same. */
const announcedLimits = new WeakMap<HubLimits, ServerLimits>();

/** The limits a `welcome` announces: every protocol limit as configured, plus the rate. */
function welcomeLimits(limits: HubLimits): ServerLimits {
  let announced = announcedLimits.get(limits);
  if (announced === undefined) {
    const protocol = Object.fromEntries(
      Object.keys(LIMITS).map((name) => [name, limits[name as keyof typeof LIMITS]]),
    );
    announced = { ...(protocol as typeof LIMITS), ratePerSecond: limits.ratePerSecond, burst: limits.burst };
    announcedLimits.set(limits, announced);
  }
  return announced;
}

/** `nick`: claims the new name, releases the old one, and tells every room. */
export async function nick(hub: Hub, session: Session, message: ClientMessageOf<'nick'>): Promise<void> {
  const { directory, store } = hub.options;
  const checked = checkNick(message.nick);
  if (!checked.ok) {
    session.fail(ErrorCode.NameInvalid, checked.problem.message, { ref: message.ref });
    return;
  }
  const previous = session.identity!;
  const next = { ...previous, nick: checked.name, key: canonicalName(checked.name) };
  if (previous.account && next.key !== previous.key) {
    session.fail(
      ErrorCode.NameInvalid,
      'a logged-in connection keeps its account name; only its case may change',
      { ref: message.ref },
    );
    return;
  }
  const registered =
    next.key === previous.key ? undefined : await registeredLookalike(store.accounts, next.key, next.nick);
  if (registered) {
    session.fail(ErrorCode.NameRegistered, `the name ${registered.name} is registered; log in to use it`, {
      ref: message.ref,
    });
    return;
  }
  const shared = previous.account !== undefined;
  const claimed =
    next.key === previous.key
      ? await claimLookalike(hub, session, next.nick, shared)
      : await claimNames(directory, session.id, next, false);
  if (!claimed) {
    session.fail(
      ErrorCode.NameTaken,
      `the name ${next.nick}, or one that looks like it, is taken; choose another`,
      {
        ref: message.ref,
      },
    );
    return;
  }
  if (lookalikeClaim(previous.nick) !== lookalikeClaim(next.nick))
    await directory.releaseName(lookalikeClaim(previous.nick), session.id);
  if (next.key !== previous.key) {
    await directory.releaseName(previous.key, session.id);
    hub.unsubscribe(session, userChannel(previous.key));
    hub.subscribe(session, userChannel(next.key));
  } else {
    await directory.claimName(next.key, session.id, next.nick, shared);
  }
  session.identity = next;
  session.send({
    type: 'nick',
    nick: next.nick,
    from: previous.nick,
    ...(message.ref === undefined ? {} : { ref: message.ref }),
  });
  if (next.nick === previous.nick) return;
  for (const room of session.rooms) {
    await directory.updateMember(room, previous.key, memberOf(session));
    await store.forgetMember(room, previous.key);
    await store.rememberMember({ room, key: next.key, nick: next.nick });
    hub.publish(roomKey(room), {
      type: 'presence',
      room,
      event: 'rename',
      nick: next.nick,
      from: previous.nick,
    });
    await announce(hub, room, { kind: 'rename', nick: next.nick, from: previous.nick }, next.key);
  }
}

/** `away`: marks the person away (with a message) or back, in every room they are in. */
export async function away(hub: Hub, session: Session, message: ClientMessageOf<'away'>): Promise<void> {
  session.away = message.away;
  session.status = message.away && message.status ? message.status.replace(/\s+/g, ' ').trim() : undefined;
  const { nick, key } = session.identity!;
  for (const room of session.rooms) {
    await hub.options.directory.updateMember(room, key, memberOf(session));
    hub.publish(roomKey(room), {
      type: 'presence',
      room,
      event: message.away ? 'away' : 'back',
      nick,
      ...(session.status ? { status: session.status } : {}),
    });
  }
}

/** `ping` */
export async function ping(_hub: Hub, session: Session, message: ClientMessageOf<'ping'>): Promise<void> {
  session.send({
    type: 'pong',
    ...(message.t === undefined ? {} : { t: message.t }),
    ...(message.ref === undefined ? {} : { ref: message.ref }),
  });
}

/** Claims the look-alike skeleton of a new spelling of the same name (`alice` to `ALICE`). */
async function claimLookalike(hub: Hub, session: Session, nick: string, shared: boolean): Promise<boolean> {
  return hub.options.directory.claimName(lookalikeClaim(nick), session.id, nick, shared);
}
