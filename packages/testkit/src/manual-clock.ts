import type { Clock, TimerHandle } from 'aurora-protocol';

/** A clock for tests: time moves only when `advance` is called, and due timers run in order. */
export class ManualClock implements Clock {
  private time: number;
  private timers: { at: number; id: number; callback: () => void }[] = [];
  private nextId = 0;

  /** Starts at `start` ms since the epoch. */
  constructor(start = Date.UTC(2026, 2, 3, 12, 0, 0)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const timer = { at: this.time + Math.max(0, ms), id: this.nextId++, callback };
    this.timers.push(timer);
    return timer;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers = this.timers.filter((timer) => timer !== handle);
  }

  /** Moves time forward by `ms`, running every timer that falls due on the way. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = Math.max(this.time, due.at);
      due.callback();
    }
    this.time = end;
  }

  /** How many timers are waiting. */
  pending(): number {
    return this.timers.length;
  }
}
