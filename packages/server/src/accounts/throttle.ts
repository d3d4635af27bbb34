import type { Clock } from '../clock.js';

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
  readonly at: number;
  readonly keys: readonly string[];
  readonly accountAddressKey: string;
}

/**
 * Counts log-in attempts per account and address, per address and per account in a sliding window.
 * An attempt is counted when it starts, before the password is hashed, so concurrent guesses cannot
 * race past the limit; a correct one is taken back. A scope with its limit of attempts inside the
 * window is refused until the oldest of them leaves it.
 */
export class LoginThrottle {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly clock: Pick<Clock, 'now'>,
    private readonly limits: ThrottleLimits = DEFAULT_THROTTLE_LIMITS,
  ) {}

  /**
   * Counts an attempt to log in to `account` from `address`: the attempt to hash for, or the
   * milliseconds to wait when a scope is at its limit (then nothing is counted).
   */
  begin(account: string, address: string): { attempt: ThrottleAttempt } | { waitMs: number } {
    // JSON keeps the pair unambiguous whatever characters a name sent to `login` holds.
    const accountAddressKey = `pair:${JSON.stringify([account, address])}`;
    const scopes: [string, number][] = [
      [accountAddressKey, this.limits.accountAddress],
      [`ip:${address}`, this.limits.address],
      [`account:${account}`, this.limits.account],
    ];
    const now = this.clock.now();
    let waitMs = 0;
    for (const [key, limit] of scopes) {
      const recent = this.recent(key);
      if (recent.length >= limit)
        waitMs = Math.max(waitMs, recent[recent.length - limit]! + this.limits.windowMs - now);
    }
    if (waitMs > 0) return { waitMs };
    const keys = scopes.map(([key]) => key);
    for (const key of keys) this.attempts.set(key, [...this.recent(key), now]);
    return { attempt: { at: now, keys, accountAddressKey } };
  }

  /** Takes back an attempt whose password was right, and forgets that address's misses for the account. */
  succeeded(attempt: ThrottleAttempt): void {
    this.cancel(attempt);
    this.attempts.delete(attempt.accountAddressKey);
  }

  /** Takes back an attempt that was never checked (the hashing pool was full). */
  cancel(attempt: ThrottleAttempt): void {
    for (const key of attempt.keys) {
      const recent = this.attempts.get(key);
      const index = recent?.lastIndexOf(attempt.at) ?? -1;
      if (index >= 0) recent!.splice(index, 1);
      if (recent?.length === 0) this.attempts.delete(key);
    }
  }

  private recent(key: string): number[] {
    const since = this.clock.now() - this.limits.windowMs;
    const kept = (this.attempts.get(key) ?? []).filter((at) => at > since);
    if (kept.length === 0) this.attempts.delete(key);
    return kept;
  }
}
