import type { Clock } from './clock.js';

/** A token bucket: `burst` messages at once, refilled at `perSecond`. */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly clock: Pick<Clock, 'now'>,
  ) {
    this.tokens = burst;
    this.updatedAt = clock.now();
  }

  /** Takes one token; returns 0 when allowed, otherwise the milliseconds until one is available. */
  take(): number {
    const wait = this.wait();
    if (wait === 0) this.tokens -= 1;
    return wait;
  }

  /** The milliseconds until a token is available (0 when one is), taking nothing. */
  wait(): number {
    this.refill();
    if (this.tokens >= 1) return 0;
    // The epsilon keeps float noise (0.9999999) from rounding a whole wait up by a millisecond.
    return Math.ceil(((1 - this.tokens) / this.perSecond) * 1000 - 1e-6);
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.perSecond);
    this.updatedAt = now;
  }
}
