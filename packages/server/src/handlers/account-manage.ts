import { type ClientMessageOf, canonicalName, ErrorCode } from 'aurora-protocol';
import { nameSkeleton } from 'aurora-protocol/skeleton';
import {
  checkPassword,
  countAttempt,
  hashing,
  logAccount,
  passwordAcceptable,
} from '../accounts/password-check.js';
import { hashPassword } from '../accounts/passwords.js';
import { resetCodeHash } from '../accounts/reset-code.js';
import type { Hub } from '../hub.js';
import type { Session } from '../session.js';

// People manage their own accounts: a new password, or the account deleted. Both need the current
// password, checked (and throttled) as a log-in is, so a device left logged in is not enough.

/** The account of a logged-in connection, or undefined after answering that one is needed. */
function loggedIn(session: Session, what: string, ref: string | undefined) {
  const account = session.identity?.account;
  if (!account)
    session.fail(ErrorCode.LoginRequired, `${what} needs a logged-in connection; log in first`, { ref });
  return account;
}

/**
 * `password`: stores the new password and, unless asked to keep them, ends the account's other
 * sessions: their tokens stop working and their connections close with 4002, on every node.
 */
export async function changePassword(
  hub: Hub,
  session: Session,
  message: ClientMessageOf<'password'>,
): Promise<void> {
  const { ref } = message;
  const account = loggedIn(session, 'changing the password', ref);
  if (!account || !passwordAcceptable(session, message.next, ref)) return;
  const stored = await checkPassword(hub, session, account.key, message.current, ref, 'password change');
  if (!stored) return;
  const hash = await hashing(hub, session, ref, () => hashPassword(message.next, hub.options.auth.scrypt));
  if (hash === undefined) return;
  const endSessions = message.keepSessions ? false : { except: account.tokenHash };
  if (!(await hub.options.store.accounts.changePassword(account.key, hash, endSessions)))
    return session.fail(ErrorCode.AuthFailed, 'this account no longer exists', { ref });
  logAccount(hub, session, 'password changed', stored.name);
  session.send({
    type: 'password_changed',
    sessionsEnded: endSessions !== false,
    ...(ref === undefined ? {} : { ref }),
  });
  if (endSessions)
    hub.closeAccountConnections({ accountKey: account.key, exceptTokenHash: account.tokenHash });
}

/**
 * `delete_account`: deletes the account (sessions, read markers, preferences; its messages stay),
 * holds its name from registration for `auth.nameHoldMs`, and closes all its connections.
 */
export async function deleteAccount(
  hub: Hub,
  session: Session,
  message: ClientMessageOf<'delete_account'>,
): Promise<void> {
  const { ref } = message;
  const account = loggedIn(session, 'deleting an account', ref);
  if (!account) return;
  const stored = await checkPassword(hub, session, account.key, message.password, ref, 'account deletion');
  if (!stored) return;
  const { store, clock, auth } = hub.options;
  const heldUntil = clock.now() + auth.nameHoldMs;
  if (!(await store.accounts.deleteAccount(account.key, nameSkeleton(stored.name), heldUntil)))
    return session.fail(ErrorCode.AuthFailed, 'this account no longer exists', { ref });
  // Its rooms' seats and a promoted admin flag go with it: a new account of the name inherits none.
  await store.moderation.forgetAccount(account.key);
  logAccount(hub, session, 'account deleted', stored.name);
  session.send({
    type: 'account_deleted',
    account: stored.name,
    heldUntil,
    ...(ref === undefined ? {} : { ref }),
  });
  hub.closeAccountConnections({ accountKey: account.key });
}

/**
 * `reset_password`: a new password with an admin's one-time code, from any connection, logged in or
 * not. A guess counts against the log-in throttle as a password does; the right code is used up, the
 * password replaced, and every session of the account ends, on every node.
 */
export async function resetPassword(
  hub: Hub,
  session: Session,
  message: ClientMessageOf<'reset_password'>,
): Promise<void> {
  const { ref } = message;
  if (!passwordAcceptable(session, message.next, ref)) return;
  const key = canonicalName(message.name);
  const attempt = await countAttempt(hub, session, key, ref, 'password reset');
  if (!attempt) return;
  const { store, clock, auth } = hub.options;
  // Hashed before the code is used up: a full hashing pool must not cost the person their code.
  const hash = await hashing(hub, session, ref, () => hashPassword(message.next, auth.scrypt));
  if (hash === undefined) return void (await auth.throttle.cancel(attempt));
  if (!(await store.resetCodes.redeemResetCode(key, resetCodeHash(message.code), clock.now()))) {
    logAccount(hub, session, 'password reset failed');
    return session.fail(
      ErrorCode.BadResetCode,
      'that reset code is wrong, used or expired; ask an admin for a new one',
      { ref },
    );
  }
  await auth.throttle.succeeded(attempt);
  // No token hash is '': every session of the account ends in the same step.
  if (!(await store.accounts.changePassword(key, hash, { except: '' })))
    return session.fail(ErrorCode.AuthFailed, 'this account no longer exists', { ref });
  logAccount(hub, session, 'password reset', key);
  session.send({ type: 'password_changed', sessionsEnded: true, ...(ref === undefined ? {} : { ref }) });
  hub.closeAccountConnections({ accountKey: key });
}
