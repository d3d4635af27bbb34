import type { WebSocket } from 'ws';

/**
 * Each interval is cut into this many ticks, and each tick pings its share of the sockets. Three,
 * not more: with a tick every few seconds V8 never finds the server idle enough to shrink its heap
 * (measured: 10,000 idle connections kept 11 KB each with 3 s ticks; 6.3 KB once it shrank with 10 s
 * ticks).
 */
const SLICES = 3;
/**
 * Sockets pinged in one event-loop turn. A third of 10,000 pinged at once held the loop for tens
 * of milliseconds (and the pongs came back together); bursts of 64 let messages through in between.
 */
const BURST = 64;

/**
 * Pings every socket once per `intervalMs` and terminates one that missed `maxMissed` pongs in a
 * row: a dead peer (a laptop that slept, a cut cable) is dropped and leaves its rooms. The pings
 * are spread over the interval, a third of the sockets per tick in short bursts, so 10,000
 * connections never cost one long pause (and 10,000 pongs arriving at once) every interval.
 */
export class Heartbeat {
  private readonly missed = new Map<WebSocket, number>();
  private readonly timer: NodeJS.Timeout;
  // One listener shared by every socket (the emitter is `this`), not a closure per connection.
  private readonly onPong: (this: WebSocket) => void;
  /** Where the current round stopped; a Map iterator stays valid while entries come and go. */
  private round: Iterator<[WebSocket, number]> | undefined;
  private ticks = 0;
  private stopped = false;

  constructor(
    intervalMs: number,
    private readonly maxMissed: number,
    private readonly onDead: (socket: WebSocket) => void = () => {},
  ) {
    const heartbeat = this;
    this.onPong = function (this: WebSocket) {
      heartbeat.answered(this);
    };
    this.timer = setInterval(() => this.tick(), Math.max(1, Math.floor(intervalMs / SLICES)));
    this.timer.unref();
  }

  /** Starts watching a socket until {@link forget}, or its first beat after it closed. */
  watch(socket: WebSocket): void {
    this.track(socket);
    socket.on('pong', this.onPong);
  }

  /** Watches a socket whose pongs the caller reports with {@link answered} (no listener on it). */
  track(socket: WebSocket): void {
    this.missed.set(socket, 0);
  }

  /**
   * Stops watching a socket that closed. Waiting for its next beat (up to a whole interval) kept a
   * closed socket, and whatever its receiver still buffered, alive that long.
   */
  forget(socket: WebSocket): void {
    this.missed.delete(socket);
  }

  /** Sockets watched: every open connection, as each is tracked from accept until it closes. */
  get size(): number {
    return this.missed.size;
  }

  /** The sockets watched (see {@link size}). */
  sockets(): IterableIterator<WebSocket> {
    return this.missed.keys();
  }

  /** A watched socket answered a ping. */
  answered(socket: WebSocket): void {
    if (this.missed.has(socket)) this.missed.set(socket, 0);
  }

  /** Stops the timer. */
  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  private tick(): void {
    // A new round may start once per interval (every SLICES ticks); a late one finishes first.
    this.ping(Math.ceil(this.missed.size / SLICES), this.ticks++ % SLICES === 0);
  }

  /** Pings `count` sockets, BURST per event-loop turn, so messages keep flowing in between. */
  private ping(count: number, mayStart: boolean): void {
    let left = count;
    let burst = BURST;
    while (left > 0 && burst > 0 && !this.stopped) {
      if (this.round === undefined) {
        if (!mayStart) return;
        mayStart = false;
        this.round = this.missed.entries();
      }
      const next = this.round.next();
      if (next.done) {
        this.round = undefined;
        continue;
      }
      left--;
      burst--;
      this.beat(...next.value);
    }
    if (left > 0 && !this.stopped) setImmediate(() => this.ping(left, mayStart)).unref();
  }

  private beat(socket: WebSocket, missed: number): void {
    if (socket.readyState === socket.CLOSED) {
      this.missed.delete(socket);
      return;
    }
    if (missed >= this.maxMissed) {
      this.missed.delete(socket);
      this.onDead(socket);
      socket.terminate();
      return;
    }
    this.missed.set(socket, missed + 1);
    socket.ping();
  }
}
