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

/** What the heartbeat pings: a socket (ws's, or a test's) that keeps its own count of missed pongs. */
export interface Beating {
  /** Pings sent since the last pong; the heartbeat counts, {@link Heartbeat.answered} resets. */
  missedPongs: number;
  readonly readyState: number;
  readonly OPEN: number;
  ping(): void;
  terminate(): void;
}

/**
 * Pings every socket once per `intervalMs` and terminates one that missed `maxMissed` pongs in a
 * row: a dead peer (a laptop that slept, a cut cable) is dropped and leaves its rooms. The pings
 * are spread over the interval, a third of the sockets per tick in short bursts, so 10,000
 * connections never cost one long pause (and 10,000 pongs arriving at once) every interval.
 *
 * It keeps no set of its own: `sockets` walks the server's open connections (the hub's sessions),
 * and each socket holds its count. A Map of socket to count cost 46 bytes a connection.
 */
export class Heartbeat<T extends Beating = Beating> {
  private readonly timer: NodeJS.Timeout;
  /** Where the current round stopped; a Set's iterator (the sessions') stays valid while entries come and go. */
  private round: Iterator<T> | undefined;
  private ticks = 0;
  private stopped = false;

  constructor(
    intervalMs: number,
    private readonly maxMissed: number,
    /** A new walk over the sockets to ping, in a stable order (one per round). */
    private readonly sockets: () => Iterator<T>,
    /** How many sockets there are, so each tick pings its share. */
    private readonly count: () => number,
    private readonly onDead: (socket: T) => void = () => {},
  ) {
    this.timer = setInterval(() => this.tick(), Math.max(1, Math.floor(intervalMs / SLICES)));
    this.timer.unref();
  }

  /** A socket answered a ping. */
  answered(socket: T): void {
    socket.missedPongs = 0;
  }

  /** Stops the timer. */
  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  private tick(): void {
    // A new round may start once per interval (every SLICES ticks); a late one finishes first.
    this.ping(Math.ceil(this.count() / SLICES), this.ticks++ % SLICES === 0);
  }

  /** Pings `count` sockets, BURST per event-loop turn, so messages keep flowing in between. */
  private ping(count: number, mayStart: boolean): void {
    let left = count;
    let burst = BURST;
    while (left > 0 && burst > 0 && !this.stopped) {
      if (this.round === undefined) {
        if (!mayStart) return;
        mayStart = false;
        this.round = this.sockets();
      }
      const next = this.round.next();
      if (next.done) {
        this.round = undefined;
        continue;
      }
      left--;
      burst--;
      this.beat(next.value);
    }
    if (left > 0 && !this.stopped) setImmediate(() => this.ping(left, mayStart)).unref();
  }

  private beat(socket: T): void {
    // A closing or closed socket is walked until its connection is cleaned up; it is not pinged.
    if (socket.readyState !== socket.OPEN) return;
    if (socket.missedPongs >= this.maxMissed) {
      this.onDead(socket);
      socket.terminate();
      return;
    }
    socket.missedPongs++;
    socket.ping();
  }
}
