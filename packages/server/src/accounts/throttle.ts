import type { Clock } from '../clock.js';

/**
 * Counts failed log-ins per key (an account, an address) in a sliding window; a key with `limit`
 * failures inside the window is refused until the oldest of them leaves it.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly clock: Pick<Clock, 'now'>,
    private readonly limit = 5,
    private readonly windowMs = 15 * 60_000,
  ) {}

  /** Milliseconds until any of `keys` may try again; 0 when none is throttled. */
  retryAfter(keys: readonly string[]): number {
    let wait = 0;
    for (const key of keys) {
      const recent = this.recent(key);
      if (recent.length >= this.limit)
        wait = Math.max(wait, recent[recent.length - this.limit]! + this.windowMs - this.clock.now());
    }
    return wait;
  }

  /** Records a failure against every key. */
  fail(keys: readonly string[]): void {
    for (const key of keys) this.failures.set(key, [...this.recent(key), this.clock.now()]);
  }

  /** Forgets the failures of a key (after a successful log-in to the account). */
  clear(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.clock.now() - this.windowMs;
    const kept = (this.failures.get(key) ?? []).filter((at) => at > since);
    if (kept.length === 0) this.failures.delete(key);
    return kept;
  }
}
