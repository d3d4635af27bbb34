import {
  adoptPrefs,
  type ChatMessage,
  type ClientMessageOf,
  canonicalName,
  checkNick,
  ErrorCode,
  isIgnored,
  type NotifyPrefs,
} from 'aurora-protocol';
import { nameSkeleton } from 'aurora-protocol/skeleton';
import { mentionRule, mutedNow } from '../accounts/attention.js';
import { checkPassword, hashing, logAccount, passwordAcceptable } from '../accounts/password-check.js';
import { hashPassword } from '../accounts/passwords.js';
import { hashToken, newSessionToken } from '../accounts/tokens.js';
import type { Hub } from '../hub.js';
import { claimNames, lookalikeClaim, registeredLookalike } from '../name-claims.js';
import { memberOf } from '../rooms/notices.js';
import { withRoles } from '../rooms/standing.js';
import type { Session } from '../session.js';
import type { Account } from '../store/accounts.js';
import { roomKey, userChannel } from '../targets.js';
import { resolveTarget } from './messages.js';
import { sendPrefs } from './prefs.js';

/** Entries a digest lists at most, for mentions and for direct messages each. */
const DIGEST_LIMIT = 50;

/** Issues a session token for an account and answers `auth`. */
async function issueSession(
  hub: Hub,
  session: Session,
  account: Account,
  ref: string | undefined,
): Promise<string> {
  const { token, hash } = newSessionToken();
  const now = hub.options.clock.now();
  const expiresAt = now + hub.options.auth.sessionTtlMs;
  await hub.options.store.accounts.createSession({
    tokenHash: hash,
    accountKey: account.key,
    createdAt: now,
    expiresAt,
  });
  session.send({
    type: 'auth',
    account: account.name,
    token,
    expiresAt,
    ...(ref === undefined ? {} : { ref }),
  });
  return hash;
}

/**
 * `register`: creates an account for a free name. A guest registering the name it is using becomes
 * that account on the spot; anyone else connects again with the token.
 */
export async function register(
  hub: Hub,
  session: Session,
  message: ClientMessageOf<'register'>,
): Promise<void> {
  const { ref } = message;
  const checked = checkNick(message.name);
  if (!checked.ok) return session.fail(ErrorCode.NameInvalid, checked.problem.message, { ref });
  if (!passwordAcceptable(session, message.password, ref)) return;
  const key = canonicalName(checked.name);
  const skeleton = nameSkeleton(checked.name);
  const { store, directory, clock } = hub.options;
  const registered = await registeredLookalike(store.accounts, key, checked.name);
  if (registered) {
    return session.fail(
      ErrorCode.NameRegistered,
      `${registered.name} is already registered; log in instead`,
      {
        ref,
      },
    );
  }
  const heldUntil = await store.accounts.nameHeldUntil(key);
  if (heldUntil !== undefined && heldUntil > clock.now()) {
    const day = new Date(heldUntil).toISOString().slice(0, 10);
    return session.fail(
      ErrorCode.NameHeld,
      `${checked.name} belonged to an account deleted lately; it can be registered again from ${day}`,
      { ref },
    );
  }
  const mine = session.identity?.key === key;
  const holder = mine ? undefined : await directory.onlineNick(key);
  const lookalikeHolder = mine ? undefined : await directory.onlineNick(lookalikeClaim(checked.name));
  if (holder !== undefined || lookalikeHolder !== undefined) {
    return session.fail(
      ErrorCode.NameTaken,
      `${checked.name} is in use by someone online; choose another name`,
      { ref },
    );
  }
  const password = await hashing(hub, session, ref, () =>
    hashPassword(message.password, hub.options.auth.scrypt),
  );
  if (password === undefined) return;
  const account: Account = { key, name: checked.name, password, createdAt: clock.now() };
  if (!(await store.accounts.createAccount(account, skeleton))) {
    return session.fail(
      ErrorCode.NameRegistered,
      `${checked.name}, or a name like it, is registered; log in instead`,
      {
        ref,
      },
    );
  }
  // The guest's mutes, levels, keywords and ignored people, as its client kept them, carry over,
  // whether it registers in place or signs up before saying hello (the browser's join screen).
  const guest = message.prefs;
  if (guest)
    await store.accounts.changePrefs(key, (current) => ({
      ok: true,
      prefs: adoptPrefs(current, guest, clock.now()),
    }));
  const tokenHash = await issueSession(hub, session, account, ref);
  logAccount(hub, session, 'account registered', account.name);
  if (session.identity?.key === key) {
    session.identity = { ...session.identity, account: { key, tokenHash } };
    await claimNames(directory, session.id, session.identity, true);
    await adoptRooms(hub, session, key);
    await sendPrefs(hub, session, key);
  }
}

/**
 * `login`: counts the attempt against the per-account, per-address and per-pair limits before any
 * hashing (so concurrent guesses cannot race past them), checks the password, then issues a token.
 */
export async function login(hub: Hub, session: Session, message: ClientMessageOf<'login'>): Promise<void> {
  const { ref } = message;
  const account = await checkPassword(
    hub,
    session,
    canonicalName(message.name),
    message.password,
    ref,
    'login',
  );
  if (!account) return;
  await issueSession(hub, session, account, ref);
  logAccount(hub, session, 'logged in', account.name);
}

/** `logout`: revokes this connection's session, or every session of the account. */
export async function logout(hub: Hub, session: Session, message: ClientMessageOf<'logout'>): Promise<void> {
  const account = session.identity?.account;
  if (!account)
    return session.fail(ErrorCode.LoginRequired, 'this connection is not logged in', { ref: message.ref });
  const { accounts } = hub.options.store;
  if (message.everywhere) await accounts.revokeAllSessions(account.key);
  else await accounts.revokeSession(account.tokenHash);
  logAccount(hub, session, message.everywhere ? 'logged out everywhere' : 'logged out', account.key);
  session.send({
    type: 'logged_out',
    everywhere: message.everywhere,
    ...(message.ref === undefined ? {} : { ref: message.ref }),
  });
  hub.closeAccountConnections({
    accountKey: account.key,
    ...(message.everywhere ? {} : { tokenHash: account.tokenHash }),
  });
}

/** `read`: moves the account's marker and tells its other connections. */
export async function read(hub: Hub, session: Session, message: ClientMessageOf<'read'>): Promise<void> {
  const account = session.identity?.account;
  if (!account)
    return session.fail(ErrorCode.LoginRequired, 'read markers need an account; log in first', {
      ref: message.ref,
    });
  const resolved = resolveTarget(session, message.target);
  if ('error' in resolved) return session.fail(ErrorCode.BadMessage, resolved.error, { ref: message.ref });
  const seq = await hub.options.store.accounts.markRead(account.key, resolved.target, message.seq);
  hub.publish(userChannel(account.key), { type: 'read', target: resolved.name, seq });
}

/** Resolves a `hello.token` to its account; undefined when unknown, expired or revoked. */
export async function authenticate(
  hub: Hub,
  token: string,
): Promise<{ account: Account; tokenHash: string } | undefined> {
  const tokenHash = hashToken(token);
  const { accounts } = hub.options.store;
  const record = await accounts.session(tokenHash);
  if (!record || record.revoked || record.expiresAt <= hub.options.clock.now()) return undefined;
  const account = await accounts.account(record.accountKey);
  return account && { account, tokenHash };
}

/**
 * A guest became an account in place: the rooms it is in become the account's, read up to now, and
 * their member lists mark the name registered at once (a quiet join: nobody came or went).
 */
export async function adoptRooms(hub: Hub, session: Session, accountKey: string): Promise<void> {
  const { store, directory } = hub.options;
  const { nick, key } = session.identity!;
  for (const room of session.rooms) {
    const target = roomKey(room);
    await store.accounts.startReading(accountKey, target, (await store.bounds(target)).last);
    await directory.updateMember(room, key, memberOf(session));
    const [member] = await withRoles(hub, room, [{ nick, away: session.away, account: true }]);
    const role = member?.role === undefined ? {} : { role: member.role };
    await hub.presence.move(room, { kind: 'join', nick, key, account: true, notice: false, ...role });
  }
}

/**
 * Sends "while you were away": mentions (of the name or a highlight keyword) and direct messages
 * since the account's read markers, leaving out rooms and conversations muted now and people the
 * account ignores. Every room the account joined has a marker (see {@link unreadIn}), so each of
 * them is looked at.
 */
export async function sendDigest(hub: Hub, session: Session, prefs: NotifyPrefs): Promise<void> {
  const identity = session.identity!;
  const account = identity.account!;
  const { accounts } = hub.options.store;
  const markers = await accounts.readMarkers(account.key);
  const rule = mentionRule(identity.nick, prefs);
  const mentions: ChatMessage[] = [];
  for (const [target, seq] of markers) {
    if (!target.startsWith('room:') || mutedNow(hub, prefs, target.slice('room:'.length))) continue;
    mentions.push(...(await accounts.mentions(target, seq, rule, account.key, DIGEST_LIMIT + 1)));
  }
  const direct = (await accounts.directTo(account.key, DIGEST_LIMIT + 1))
    .filter(({ target, message }) => message.seq > (markers.get(target) ?? 0))
    .filter(({ message }) => !mutedNow(hub, prefs, `@${canonicalName(message.from)}`))
    .filter(({ message }) => !isIgnored(prefs, message.from))
    .map(({ message }) => message);
  mentions.sort((a, b) => a.ts - b.ts);
  session.send({
    type: 'digest',
    mentions: mentions.slice(-DIGEST_LIMIT),
    direct: direct.slice(-DIGEST_LIMIT),
    truncated: mentions.length > DIGEST_LIMIT || direct.length > DIGEST_LIMIT,
  });
}
