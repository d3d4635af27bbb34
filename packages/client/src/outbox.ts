import { ErrorCode, retryAfterReconnect, SEND_WINDOW } from 'aurora-protocol';
import { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF } from './backoff.js';
import type { Outgoing } from './connection-types.js';

/** Codes after which a message may be sent again later with the same cid. */
const RETRYABLE = new Set<string>([ErrorCode.StoreUnavailable, ErrorCode.Internal]);
/** Storage hiccups are retried this often before the message counts as failed. */
const MAX_RETRIES = 5;

interface Entry {
  readonly message: Outgoing;
  /** The socket generation it was last written to; -1 when it must be written again. */
  sentOn: number;
  retries: number;
  /** Held until then (ms since the epoch): its recipient was not back yet after a reconnect. */
  heldUntil: number;
}

/** What became of a message the server refused. */
export type Refusal =
  | { readonly kind: 'delayed'; readonly retryAt: number }
  | { readonly kind: 'failed' }
  | { readonly kind: 'unknown' };

/**
 * Sent messages until the server acknowledges them, in the order they were sent. Each is written once
 * per socket, at most `window` of them awaiting their acknowledgements at a time; a new socket writes
 * them again with their original cids. A rate limit pauses
 * every message until the time the server named; a storage failure retries with backoff.
 */
export class Outbox {
  readonly #entries = new Map<string, Entry>();
  #pausedUntilMs = 0;
  /**
   * After a rate limit, one message in flight at a time until the outbox empties: writing every
   * queued line again after each pause would have the server refuse all but the first, again and
   * again (frames growing with the square of the queue).
   */
  #oneAtATime = false;

  /** Makes an empty outbox; `random` is for the backoff jitter. */
  readonly #random: () => number;
  readonly #backoff: BackoffOptions;
  readonly #window: number;

  constructor(random: () => number, backoff: BackoffOptions = DEFAULT_BACKOFF, window: number = SEND_WINDOW) {
    this.#random = random;
    this.#backoff = backoff;
    this.#window = window;
  }

  /** Keeps a message until it is acknowledged. */
  add(message: Outgoing): void {
    this.#entries.set(message.cid, { message, sentOn: -1, retries: 0, heldUntil: 0 });
  }

  /** Forgets an acknowledged message. */
  ack(cid: string): void {
    this.#forget(cid);
  }

  /** Forgets the messages `unsendable` picks, which will never be written, and returns them. */
  drop(unsendable: (message: Outgoing) => boolean): Outgoing[] {
    const dropped = [...this.#entries.values()].map((entry) => entry.message).filter(unsendable);
    for (const message of dropped) this.#forget(message.cid);
    return dropped;
  }

  /** True while a message to `room` waits for its acknowledgement (direct messages never count). */
  holds(room: string): boolean {
    for (const { message } of this.#entries.values())
      if (message.kind !== 'dm' && message.target === room) return true;
    return false;
  }

  /** No message may be written before this time (ms since the epoch). */
  get pausedUntil(): number {
    return this.#pausedUntilMs;
  }

  /** The earliest time after `now` a paused or held message may go; undefined when none waits. */
  wakeAt(now: number): number | undefined {
    let at = this.#pausedUntilMs > now ? this.#pausedUntilMs : undefined;
    for (const { heldUntil } of this.#entries.values())
      if (heldUntil > now && (at === undefined || heldUntil < at)) at = heldUntil;
    return at;
  }

  /**
   * The messages to write on socket `generation` now, oldest first, marked as written. `ready` says
   * whether a message can go yet (its room joined on this socket).
   */
  due(generation: number, now: number, ready: (message: Outgoing) => boolean): Outgoing[] {
    if (now < this.#pausedUntilMs) return [];
    const entries = [...this.#entries.values()];
    let inFlight = 0;
    for (const entry of entries) if (entry.sentOn === generation) inFlight++;
    const room = this.#oneAtATime ? 1 - inFlight : this.#window - inFlight;
    const out: Outgoing[] = [];
    for (const entry of entries) {
      if (out.length >= room) break;
      if (entry.sentOn === generation || entry.heldUntil > now || !ready(entry.message)) continue;
      entry.sentOn = generation;
      out.push(entry.message);
    }
    return out;
  }

  /**
   * Decides what a refusal means for the message with `cid`. `sinceReconnectMs` (undefined on a first
   * connection) lets a line refused because its recipient is not back yet wait for them alone, by
   * the protocol's `retryAfterReconnect`, while the other lines go on.
   */
  refused(
    cid: string,
    code: string,
    retryAfterMs: number | undefined,
    now: number,
    sinceReconnectMs?: number,
  ): Refusal {
    const entry = this.#entries.get(cid);
    if (!entry) return { kind: 'unknown' };
    const again = retryAfterReconnect(code, sinceReconnectMs);
    if (again !== undefined) {
      entry.sentOn = -1;
      entry.heldUntil = now + again;
      return { kind: 'delayed', retryAt: entry.heldUntil };
    }
    const rateLimited = code === ErrorCode.RateLimited;
    if (!rateLimited && !(RETRYABLE.has(code) && entry.retries < MAX_RETRIES)) {
      this.#forget(cid);
      return { kind: 'failed' };
    }
    if (rateLimited) this.#oneAtATime = true;
    const wait = rateLimited
      ? (retryAfterMs ?? 1000)
      : backoffDelay(entry.retries, this.#random, this.#backoff);
    if (!rateLimited) entry.retries += 1;
    entry.sentOn = -1;
    this.#pausedUntilMs = Math.max(this.#pausedUntilMs, now + wait);
    return { kind: 'delayed', retryAt: this.#pausedUntilMs };
  }

  #forget(cid: string): void {
    this.#entries.delete(cid);
    if (this.#entries.size === 0) this.#oneAtATime = false;
  }
}
