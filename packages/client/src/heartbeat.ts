import type { Clock, TimerHandle } from './clock.js';

/** Silence after which the connection probes the server with a `ping`. */
export const PROBE_AFTER_MS = 25_000;

/** How long a probe may go unanswered before the connection counts as dead. */
export const ANSWER_WITHIN_MS = 10_000;

/**
 * Notices a dead connection the operating system has not reported (a laptop that slept, a dropped
 * NAT entry): after `probeAfterMs` with nothing from the server it pings, and when nothing at all
 * arrives in the next `answerWithinMs` it gives up. A dead link is noticed at most
 * 25 + 10 = 35 s after the last frame; a busy room never needs a ping.
 */
export class Heartbeat {
  #timer: TimerHandle | undefined;
  #lastHeard = 0;
  /** When the unanswered probe went out, if one is out. */
  #probedAt: number | undefined;

  /** Makes a heartbeat with the given silence and answer times. */
  readonly #clock: Clock;
  readonly #probeAfterMs: number;
  readonly #answerWithinMs: number;

  constructor(clock: Clock, probeAfterMs = PROBE_AFTER_MS, answerWithinMs = ANSWER_WITHIN_MS) {
    this.#clock = clock;
    this.#probeAfterMs = probeAfterMs;
    this.#answerWithinMs = answerWithinMs;
  }

  /** Starts watching: `ping` after a silence, `dead` (once) when a ping goes unanswered. */
  start(ping: () => void, dead: () => void): void {
    this.stop();
    this.heard();
    const check = () => {
      const now = this.#clock.now();
      if (this.#probedAt !== undefined && this.#lastHeard < this.#probedAt) {
        this.#timer = undefined;
        dead();
        return;
      }
      const quietFor = now - this.#lastHeard;
      if (quietFor >= this.#probeAfterMs) {
        this.#probedAt = now;
        ping();
        this.#timer = this.#clock.setTimeout(check, this.#answerWithinMs);
        return;
      }
      this.#probedAt = undefined;
      this.#timer = this.#clock.setTimeout(check, this.#probeAfterMs - quietFor);
    };
    this.#timer = this.#clock.setTimeout(check, this.#probeAfterMs);
  }

  /** Something arrived from the server. */
  heard(): void {
    this.#lastHeard = this.#clock.now();
  }

  /** Stops watching. */
  stop(): void {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#probedAt = undefined;
  }
}
