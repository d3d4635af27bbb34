import { CloseCode } from 'aurora-protocol';
import { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF } from './backoff.js';
import type { Clock, TimerHandle } from './clock.js';
import { closeReason } from './close-reason.js';
import type { Socket, SocketFactory } from './connection-types.js';

/**
 * How long a greeted session must last before its failure starts the backoff afresh. Whatever a
 * server does (welcome and close, welcome and send nonsense), it cannot make this client reconnect
 * faster than the growing backoff: 200 reconnects in 2.4 s were seen before this.
 */
export const STABLE_SESSION_MS = 10_000;

/** What the transport reports about the socket it holds. */
export interface TransportHandlers {
  open(): void;
  message(data: string): void;
  /** The socket closed; `why` says it in words (the transport error, else the close code). */
  closed(code: number, why: string): void;
}

/** Options for {@link Transport}. */
export interface TransportOptions {
  readonly url: string;
  readonly socketFactory: SocketFactory;
  readonly clock: Clock;
  /** Returns a number in [0, 1); used for jitter. */
  readonly random: () => number;
  readonly backoff?: BackoffOptions;
}

/**
 * One socket at a time, and the timing of the next: opens sockets, ignores whatever a replaced
 * socket reports later (each socket is a new generation), and schedules reconnects with exponential
 * backoff and jitter. What a socket says and when to reconnect is the connection's business.
 */
export class Transport {
  #socket: Socket | undefined;
  #retryTimer: TimerHandle | undefined;
  #lastError = '';
  #attempts = 0;
  /** When the current socket's session was greeted; undefined while it was not. */
  #greetedAt: number | undefined;
  #opened = false;
  /** Counts sockets; messages written on an older generation are written again on a newer one. */
  generation = 0;

  /** A transport that reports to `handlers`; nothing opens until {@link connect}. */
  readonly #options: TransportOptions;
  readonly #handlers: TransportHandlers;

  constructor(options: TransportOptions, handlers: TransportHandlers) {
    this.#options = options;
    this.#handlers = handlers;
  }

  /** True while a socket is open or opening. */
  get connected(): boolean {
    return this.#socket !== undefined;
  }

  /** Failed attempts since the last successful greeting. */
  get attempt(): number {
    return this.#attempts;
  }

  /** True once any socket of this transport opened. */
  get everOpened(): boolean {
    return this.#opened;
  }

  /** Opens a new socket (dropping the current one, if any) and cancels a scheduled reconnect. */
  connect(): void {
    this.drop('replaced');
    this.#lastError = '';
    const generation = this.generation;
    const current = () => generation === this.generation && this.#socket !== undefined;
    this.#socket = this.#options.socketFactory(this.#options.url, {
      open: () => {
        if (!current()) return;
        this.#opened = true;
        this.#handlers.open();
      },
      message: (data) => {
        if (current()) this.#handlers.message(data);
      },
      error: (message) => {
        if (current()) this.#lastError = message;
      },
      close: (code, reason) => {
        if (!current()) return;
        this.#socket = undefined;
        this.#handlers.closed(code, this.#lastError || closeReason(code, reason));
      },
    });
  }

  /** Writes a frame to the open socket, if there is one. */
  write(data: string): void {
    this.#socket?.send(data);
  }

  /** Closes the socket without reporting it, and cancels a scheduled reconnect. */
  drop(reason: string, code: number = CloseCode.Normal): void {
    if (this.#retryTimer) this.#options.clock.clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    const socket = this.#socket;
    this.#socket = undefined;
    this.generation += 1;
    socket?.close(code, reason);
  }

  /**
   * Runs `reconnect` after a growing, jittered delay, never longer than `ceilingMs` unless the
   * server asked for longer (`retryAfterMs`, see {@link busyDelay}); returns the attempt number and
   * when it runs.
   */
  retryLater(
    reconnect: () => void,
    ceilingMs = Number.POSITIVE_INFINITY,
    retryAfterMs?: number,
  ): { attempt: number; retryAt: number } {
    const now = this.#options.clock.now();
    if (this.#greetedAt !== undefined && now - this.#greetedAt >= STABLE_SESSION_MS) this.#attempts = 0;
    this.#greetedAt = undefined;
    const backoff = this.#options.backoff ?? DEFAULT_BACKOFF;
    const delay = Math.max(
      backoffDelay(this.#attempts, this.#options.random, {
        ...backoff,
        maxMs: Math.min(backoff.maxMs, ceilingMs),
      }),
      retryAfterMs === undefined ? 0 : busyDelay(retryAfterMs, this.#options.random),
    );
    this.#attempts += 1;
    this.#retryTimer = this.#options.clock.setTimeout(() => {
      this.#retryTimer = undefined;
      reconnect();
    }, delay);
    return { attempt: this.#attempts, retryAt: now + delay };
  }

  /**
   * The connection was greeted. Once it has lasted {@link STABLE_SESSION_MS}, the next failure waits
   * the shortest again; a session that fails sooner keeps the backoff growing.
   */
  succeeded(): void {
    this.#greetedAt = this.#options.clock.now();
  }

  /** The user starts afresh (a new identity): the next failure waits the shortest. */
  restart(): void {
    this.#attempts = 0;
    this.#greetedAt = undefined;
  }
}

/**
 * How long to wait after a server said it is busy and to come back in `retryAfterMs`: at least that,
 * and up to half as long again, at random, so the crowd it refused does not return all at once.
 */
export function busyDelay(retryAfterMs: number, random: () => number): number {
  return Math.round(retryAfterMs * (1 + random() / 2));
}
