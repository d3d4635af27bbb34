import type { ServerMessageOf } from 'aurora-protocol';
import type { BackoffOptions } from './backoff.js';
import type { Clock, TimerHandle } from './clock.js';
import type { ConnectionEvent, Outgoing } from './connection-types.js';
import { Outbox } from './outbox.js';

/** Where delivery writes, asked afresh at every flush. */
export interface DeliveryTarget {
  /** The socket generation to write on, or undefined while nothing may be written (not greeted). */
  generation(): number | undefined;
  /** Whether a message can go on this socket yet (its room joined here). */
  ready(message: Outgoing): boolean;
  write(message: Outgoing): void;
  /** Ms since the connection was welcomed again after a drop; undefined on a first connection. */
  sinceReconnect(): number | undefined;
}

type SendEvent = Extract<ConnectionEvent, { type: 'send-failed' | 'send-delayed' }>;

/**
 * The outbox at work: writes each unacknowledged message once per socket, waits out a pause (rate
 * limit, storage retry) on a timer, and turns the server's refusals into events.
 */
export class Delivery {
  readonly #outbox: Outbox;
  #timer: TimerHandle | undefined;

  /** Delivery through `target`; `random` and `backoff` pace retries after storage failures. */
  readonly #clock: Clock;
  readonly #target: DeliveryTarget;

  constructor(clock: Clock, target: DeliveryTarget, random: () => number, backoff?: BackoffOptions) {
    this.#clock = clock;
    this.#target = target;
    this.#outbox = new Outbox(random, backoff);
  }

  /** Keeps a message until acknowledged, and writes it if it can go now. */
  add(message: Outgoing): void {
    this.#outbox.add(message);
    this.flush();
  }

  /** Forgets an acknowledged message, and writes the next one if they go one at a time. */
  ack(cid: string): void {
    this.#outbox.ack(cid);
    this.flush();
  }

  /** Forgets the messages `unsendable` picks (they will never be written), and returns them. */
  drop(unsendable: (message: Outgoing) => boolean): Outgoing[] {
    return this.#outbox.drop(unsendable);
  }

  /** True while a message to `room` waits for its acknowledgement. */
  holds(room: string): boolean {
    return this.#outbox.holds(room);
  }

  /** Writes every message that can go now: greeted, not paused, and its room ready. */
  flush(): void {
    const generation = this.#target.generation();
    if (generation === undefined) return;
    const now = this.#clock.now();
    if (now >= this.#outbox.pausedUntil)
      for (const message of this.#outbox.due(generation, now, (m) => this.#target.ready(m)))
        this.#target.write(message);
    this.#later();
  }

  /** What an error about one of our messages means; undefined when the error is about none of them. */
  refused(error: ServerMessageOf<'error'>): SendEvent | undefined {
    const { cid, code, message } = error;
    if (cid === undefined) return undefined;
    const refusal = this.#outbox.refused(
      cid,
      code,
      error.retryAfterMs,
      this.#clock.now(),
      this.#target.sinceReconnect(),
    );
    if (refusal.kind === 'unknown') return undefined;
    if (refusal.kind === 'failed') {
      this.flush();
      return { type: 'send-failed', cid, code, message };
    }
    this.#later();
    return { type: 'send-delayed', cid, code, message, retryAt: refusal.retryAt };
  }

  /** Cancels a pending flush (the connection closed or the socket changes). */
  stop(): void {
    if (this.#timer) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Flushes again when the first paused or held message may go, if one waits. */
  #later(): void {
    this.stop();
    const now = this.#clock.now();
    const at = this.#outbox.wakeAt(now);
    if (at === undefined) return;
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = undefined;
      this.flush();
    }, at - now);
  }
}
