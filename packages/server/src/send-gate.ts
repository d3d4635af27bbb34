import type { Clock } from './clock.js';
import { TokenBucket } from './rate-limit.js';

/** How long a refused message holds back the ones after it, for a client that never sends it again. */
export const HOLD_MS = 30_000;

/**
 * A connection's rate limit, keeping its messages in the order it sent them. A client writes lines
 * back to back and hears of a refusal only later; a token that refills in between would store a
 * later line before the refused one is sent again, and everyone would read them out of order. So
 * after a message with a cid is refused, every other message with a cid is refused too until that
 * one comes back and passes (or `HOLD_MS` goes by). Requests without a cid (search, topic) only
 * take tokens.
 */
export class SendGate {
  readonly #bucket: TokenBucket;
  readonly #clock: Pick<Clock, 'now'>;
  #held: string | undefined;
  #heldSince = 0;

  /** `burst` messages at once, refilled at `perSecond`. */
  constructor(burst: number, perSecond: number, clock: Pick<Clock, 'now'>) {
    this.#bucket = new TokenBucket(burst, perSecond, clock);
    this.#clock = clock;
  }

  /** Whether a request may go now: 0 when it may (a token is taken), else the milliseconds to wait. */
  admit(cid: string | undefined): number {
    const now = this.#clock.now();
    if (this.#held !== undefined && now - this.#heldSince >= HOLD_MS) this.#held = undefined;
    if (this.#held !== undefined && cid !== undefined && cid !== this.#held)
      return Math.max(1, this.#bucket.wait());
    const wait = this.#bucket.take();
    if (wait > 0) {
      if (cid !== undefined && this.#held === undefined) {
        this.#held = cid;
        this.#heldSince = now;
      }
      return wait;
    }
    if (cid === this.#held) this.#held = undefined;
    return 0;
  }
}
