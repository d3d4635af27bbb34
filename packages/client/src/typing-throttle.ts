/**
 * Decides which typing notices to send: "typing" at most once per interval per room (the server
 * relays no more often), and "stopped" only after a "typing" that was sent.
 */
export class TypingThrottle {
  readonly #lastSent = new Map<string, number>();

  /** Makes a throttle for the given interval (ms). */
  #intervalMs: number;

  constructor(intervalMs: number) {
    this.#intervalMs = intervalMs;
  }

  /** True when a notice for `room` should go out now. */
  allows(room: string, active: boolean, now: number): boolean {
    const last = this.#lastSent.get(room);
    if (!active) return this.#lastSent.delete(room);
    if (last !== undefined && now - last < this.#intervalMs) return false;
    this.#lastSent.set(room, now);
    return true;
  }

  /** Forgets what was sent to `room`: the server cleared the indicator (the user's line arrived). */
  forget(room: string): void {
    this.#lastSent.delete(room);
  }

  /** Forgets what was sent (a new connection) and takes the server's interval. */
  reset(intervalMs: number): void {
    this.#intervalMs = intervalMs;
    this.#lastSent.clear();
  }
}
