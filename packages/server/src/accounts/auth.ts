import type { Clock } from '../clock.js';
import { DEFAULT_SCRYPT, HashingPool, type ScryptParams } from './passwords.js';
import { LoginThrottle } from './throttle.js';

/** What the hub needs to run sign-up and log-in. */
export interface AuthOptions {
  readonly pool: HashingPool;
  readonly throttle: LoginThrottle;
  /** How long a session token works. */
  readonly sessionTtlMs: number;
  /** How long the name of a deleted account stays held from registration. */
  readonly nameHoldMs: number;
  readonly scrypt: ScryptParams;
}

/**
 * Defaults: two hashes at a time, 64 waiting, sessions of 30 days, names of deleted accounts held for
 * 30 days (a session's life: no device still logged in as the old account can meet a new one), the
 * throttle's default limits.
 */
export function createAuth(clock: Pick<Clock, 'now'>, overrides: Partial<AuthOptions> = {}): AuthOptions {
  return {
    pool: new HashingPool(2, 64),
    throttle: new LoginThrottle(clock),
    sessionTtlMs: 30 * 86_400_000,
    nameHoldMs: 30 * 86_400_000,
    scrypt: DEFAULT_SCRYPT,
    ...overrides,
  };
}
