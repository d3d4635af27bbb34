import type { Clock, TimerHandle } from './clock.js';

/**
 * Paces read markers: per target at most one every `intervalMs` (a busy room scrolling by sends one
 * a second, not one a message), only ever forward, and the newest seq wins when several wait.
 */
export class ReadMarkers {
  readonly #sent = new Map<string, { readonly seq: number; readonly at: number }>();
  readonly #waiting = new Map<string, { seq: number; readonly timer: TimerHandle }>();

  /** Markers go out through `send`; the clock paces them. */
  readonly #send: (target: string, seq: number) => void;
  readonly #clock: Clock;
  readonly #intervalMs: number;

  constructor(send: (target: string, seq: number) => void, clock: Clock, intervalMs = 1000) {
    this.#send = send;
    this.#clock = clock;
    this.#intervalMs = intervalMs;
  }

  /** The user has seen `target` up to `seq`. */
  mark(target: string, seq: number): void {
    const last = this.#sent.get(target);
    if (last && seq <= last.seq) return;
    const waiting = this.#waiting.get(target);
    if (waiting) {
      waiting.seq = Math.max(waiting.seq, seq);
      return;
    }
    const wait = last ? last.at + this.#intervalMs - this.#clock.now() : 0;
    if (wait <= 0) {
      this.#write(target, seq);
      return;
    }
    const entry = {
      seq,
      timer: this.#clock.setTimeout(() => {
        this.#waiting.delete(target);
        this.#write(target, entry.seq);
      }, wait),
    };
    this.#waiting.set(target, entry);
  }

  /** Forgets everything (the user logged out, or in as someone else). */
  reset(): void {
    for (const { timer } of this.#waiting.values()) this.#clock.clearTimeout(timer);
    this.#waiting.clear();
    this.#sent.clear();
  }

  #write(target: string, seq: number): void {
    this.#sent.set(target, { seq, at: this.#clock.now() });
    this.#send(target, seq);
  }
}
