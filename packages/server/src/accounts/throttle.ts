import type { Clock } from '../clock.js';
import { type AttemptLog, MemoryAttemptLog } from './attempt-log.js';

/** How many log-in attempts that were not correct one scope allows inside the window. */
export interface ThrottleLimits {
  /** Per account and address: the documented 5, so a mistyped password never locks anyone else. */
  readonly accountAddress: number;
  /** Per address, across all accounts: a much higher ceiling against guessing many accounts. */
  readonly address: number;
  /** Per account, across all addresses: bounds a guessing spread over many addresses. */
  readonly account: number;
  readonly windowMs: number;
}

/** Defaults: 5 per account and address, 50 per address, 100 per account, in 15 minutes. */
export const DEFAULT_THROTTLE_LIMITS: ThrottleLimits = {
  accountAddress: 5,
  address: 50,
  account: 100,
  windowMs: 15 * 60_000,
};

/** One log-in attempt that was counted before its password was checked. */
export interface ThrottleAttempt {
  readonly id: string;
  readonly keys: readonly string[];
  readonly accountAddressKey: string;
}

/**
 * Counts log-in attempts per account and address, per address and per account in a sliding window.
 * An attempt is counted when it starts, before the password is hashed, so concurrent guesses cannot
 * race past the limit; a correct one is taken back. A scope with its limit of attempts inside the
 * window is refused until the oldest of them leaves it. The counts live in an `AttemptLog`: this
 * process's on one node, Redis in a cluster, so every node enforces the same limits.
 */
export class LoginThrottle {
  #made = 0;

  constructor(
    private readonly clock: Pick<Clock, 'now'>,
    private readonly limits: ThrottleLimits = DEFAULT_THROTTLE_LIMITS,
    private readonly log: AttemptLog = new MemoryAttemptLog(),
    /** Makes attempt ids unique across the nodes that share the log. */
    private readonly idPrefix = '',
  ) {}

  /**
   * Counts an attempt to log in to `account` from `address`: the attempt to hash for, or the
   * milliseconds to wait when a scope is at its limit (then nothing is counted).
   */
  async begin(account: string, address: string): Promise<{ attempt: ThrottleAttempt } | { waitMs: number }> {
    // JSON keeps the pair unambiguous whatever characters a name sent to `login` holds.
    const accountAddressKey = `pair:${JSON.stringify([account, address])}`;
    const scopes = [
      { key: accountAddressKey, limit: this.limits.accountAddress },
      { key: `ip:${JSON.stringify(address)}`, limit: this.limits.address },
      { key: `account:${JSON.stringify(account)}`, limit: this.limits.account },
    ];
    const id = `${this.idPrefix}${++this.#made}`;
    const waitMs = await this.log.add(scopes, id, this.clock.now(), this.limits.windowMs);
    if (waitMs > 0) return { waitMs };
    return { attempt: { id, keys: scopes.map(({ key }) => key), accountAddressKey } };
  }

  /** Takes back an attempt whose password was right, and forgets that address's misses for the account. */
  async succeeded(attempt: ThrottleAttempt): Promise<void> {
    await this.cancel(attempt);
    await this.log.clear(attempt.accountAddressKey);
  }

  /** Takes back an attempt that was never checked (the hashing pool was full). */
  cancel(attempt: ThrottleAttempt): Promise<void> {
    return this.log.remove(attempt.keys, attempt.id);
  }
}
