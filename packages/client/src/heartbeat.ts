import type { Clock, TimerHandle } from './clock.js';

/**
 * Notices a dead connection the operating system has not reported (a laptop that slept, a dropped
 * NAT entry): every interval it pings, and when nothing at all arrived for two intervals it gives up.
 */
export class Heartbeat {
  private timer: TimerHandle | undefined;
  private lastHeard = 0;

  /** Makes a heartbeat that pings every `intervalMs`. */
  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
  ) {}

  /** Starts beating: `ping` every interval, `dead` (once) after two silent intervals. */
  start(ping: () => void, dead: () => void): void {
    this.stop();
    this.heard();
    const beat = () => {
      if (this.clock.now() - this.lastHeard > 2 * this.intervalMs) {
        this.timer = undefined;
        dead();
        return;
      }
      ping();
      this.timer = this.clock.setTimeout(beat, this.intervalMs);
    };
    this.timer = this.clock.setTimeout(beat, this.intervalMs);
  }

  /** Something arrived from the server. */
  heard(): void {
    this.lastHeard = this.clock.now();
  }

  /** Stops beating. */
  stop(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
