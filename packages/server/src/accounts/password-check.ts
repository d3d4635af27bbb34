import { ErrorCode, LIMITS } from 'aurora-protocol';
import type { Hub } from '../hub.js';
import type { Session } from '../session.js';
import type { Account } from '../store/accounts.js';
import { hashPassword, verifyPassword } from './passwords.js';
import type { ThrottleAttempt } from './throttle.js';

// What every proof of an account goes through (a log-in, a password change, a deletion, a reset
// code): the log-in throttle first, then the bounded hashing pool.

/** Verified against when a name has no account, so a miss takes as long as a wrong password. */
let decoyHash: Promise<string> | undefined;

/** One line per account event: the connection, its address and the account (never a secret). */
export function logAccount(hub: Hub, session: Session, event: string, account?: string): void {
  hub.options.logger.info(event, { conn: session.id, address: session.info.ip, account: account ?? null });
}

/** Checks a password's length; answers with an error and returns false when it is out of bounds. */
export function passwordAcceptable(session: Session, password: string, ref: string | undefined): boolean {
  const length = [...password].length;
  if (length >= LIMITS.minPasswordLength && length <= LIMITS.maxPasswordLength) return true;
  session.fail(
    ErrorCode.PasswordInvalid,
    `a password needs ${LIMITS.minPasswordLength} to ${LIMITS.maxPasswordLength} characters`,
    { ref },
  );
  return false;
}

/** Runs a hashing job in the bounded pool; answers "busy" and returns undefined when it is full. */
export async function hashing<T>(
  hub: Hub,
  session: Session,
  ref: string | undefined,
  job: () => Promise<T>,
): Promise<T | undefined> {
  const result = await hub.options.auth.pool.run(job);
  if (!result)
    session.fail(ErrorCode.RateLimited, 'the server is busy with log-ins; retry in a moment', {
      ref,
      retryAfterMs: 1000,
    });
  return result?.value;
}

/**
 * The account `key` if `password` is its password, else undefined after answering why. Every check
 * (a log-in, a password change, a deletion) counts against the log-in throttle before any hashing.
 * `purpose` names the check in the log.
 */
export async function checkPassword(
  hub: Hub,
  session: Session,
  key: string,
  password: string,
  ref: string | undefined,
  purpose: string,
): Promise<Account | undefined> {
  const { throttle } = hub.options.auth;
  const attempt = await countAttempt(hub, session, key, ref, purpose);
  if (!attempt) return undefined;
  const account = await hub.options.store.accounts.account(key);
  decoyHash ??= hashPassword('decoy password', hub.options.auth.scrypt);
  const stored = account?.password ?? (await decoyHash);
  const valid = await hashing(hub, session, ref, () => verifyPassword(password, stored));
  if (valid === undefined) {
    throttle.cancel(attempt);
    return undefined;
  }
  if (!account || !valid) {
    // The name is logged only when it is an account's: people type passwords into name fields.
    logAccount(hub, session, `${purpose} failed`, account?.name);
    session.fail(ErrorCode.AuthFailed, purpose === 'login' ? 'wrong name or password' : 'wrong password', {
      ref,
    });
    return undefined;
  }
  await throttle.succeeded(attempt);
  return account;
}

/**
 * Counts an attempt to prove `key` against the log-in throttle, before any hashing (so concurrent
 * guesses cannot race past the limits); undefined after answering `login_throttled` when a limit is
 * reached. The caller takes a right attempt back (`throttle.succeeded`).
 */
export async function countAttempt(
  hub: Hub,
  session: Session,
  key: string,
  ref: string | undefined,
  purpose: string,
): Promise<ThrottleAttempt | undefined> {
  const counted = await hub.options.auth.throttle.begin(key, session.info.ip);
  if ('attempt' in counted) return counted.attempt;
  const minutes = Math.ceil(counted.waitMs / 60_000);
  logAccount(hub, session, `${purpose} throttled`);
  session.fail(
    ErrorCode.LoginThrottled,
    `too many failed log-ins; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
    { ref, retryAfterMs: counted.waitMs },
  );
  return undefined;
}
