import { performance } from 'node:perf_hooks';

/** How often the event loop's lateness is sampled. */
const SAMPLE_MS = 100;

/**
 * How late the event loop runs: a timer due every {@link SAMPLE_MS} notes by how much it fired
 * late. A loop that takes long between turns (a reconnect storm, a flood of joins) shows here
 * before anything else does, and before sockets start timing out.
 */
export class LoopLag {
  /** The lateness of the last sample, in ms. */
  lagMs = 0;
  private timer: NodeJS.Timeout | undefined;

  /** Starts sampling (the timer never keeps the process alive). */
  start(): this {
    let due = performance.now() + SAMPLE_MS;
    this.timer = setInterval(() => {
      const now = performance.now();
      this.lagMs = Math.max(0, now - due);
      due = now + SAMPLE_MS;
    }, SAMPLE_MS);
    this.timer.unref();
    return this;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/**
 * Whether a new greeting should be refused for now, and for how long: undefined below `limitMs` of
 * lag (0 turns shedding off); above it, a wait that grows with the lag (twice it, within 1 to 30 s), which clients stretch with jitter so they do not all come back at once.
 */
export function shedWait(lagMs: number, limitMs: number): number | undefined {
  if (limitMs <= 0 || lagMs <= limitMs) return undefined;
  return Math.min(30_000, Math.max(1000, Math.round(lagMs * 2)));
}
