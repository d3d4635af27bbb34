import type { Clock, Timer } from './clock.js';

/**
 * Closes connections that are not greeted in time, with one timer for all of them. Every connection
 * gets the same time, so deadlines come in the order connections opened: a queue, and a timer for
 * its head. A timer per connection cost each a Timeout object and a timer-list insert and removal
 * (a connect storm of 10,000 made and cleared 10,000 of them); here a greeted connection is passed
 * over when its deadline comes.
 */
export class HelloDeadlines<T> {
  /** Connections in the order they opened; a forgotten one's slot is emptied. */
  private readonly waiting: (T | undefined)[] = [];
  private readonly deadlines: number[] = [];
  /** Index of the first entry still waiting; the arrays are cut down once half of them is done. */
  private head = 0;
  /** How many entries were cut from the front so far: an entry's place is its index plus this. */
  private cut = 0;
  private timer: Timer | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly timeoutMs: number,
    /** Called at the deadline of each connection; it decides whether the connection was greeted. */
    private readonly expire: (connection: T) => void,
  ) {}

  /** Starts the clock of a new connection; returns its place, for {@link forget}. */
  add(connection: T): number {
    this.waiting.push(connection);
    this.deadlines.push(this.clock.now() + this.timeoutMs);
    if (this.timer === undefined) this.schedule(this.timeoutMs);
    return this.cut + this.waiting.length - 1;
  }

  /**
   * Lets go of a connection before its deadline (it was greeted, or it closed): a closed one kept
   * until then would keep its socket and whatever it had buffered alive for the whole timeout.
   */
  forget(place: number): void {
    const at = place - this.cut;
    if (at >= this.head && at < this.waiting.length) this.waiting[at] = undefined;
  }

  /** Stops the timer (shutdown); connections waiting are no longer closed. */
  stop(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.cut += this.waiting.length;
    this.waiting.length = 0;
    this.deadlines.length = 0;
    this.head = 0;
  }

  private schedule(ms: number): void {
    this.timer = this.clock.setTimeout(() => this.fire(), Math.max(0, ms));
  }

  private fire(): void {
    this.timer = undefined;
    const now = this.clock.now();
    while (this.head < this.waiting.length && this.deadlines[this.head]! <= now) {
      const connection = this.waiting[this.head];
      this.waiting[this.head] = undefined;
      this.head++;
      if (connection !== undefined) this.expire(connection);
    }
    if (this.head > 0 && this.head * 2 >= this.waiting.length) {
      this.waiting.splice(0, this.head);
      this.deadlines.splice(0, this.head);
      this.cut += this.head;
      this.head = 0;
    }
    if (this.head < this.waiting.length) this.schedule(this.deadlines[this.head]! - now);
  }
}
