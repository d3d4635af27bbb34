import { mostStolen, sampleSteal } from '../proc-stats.js';

interface StealSample {
  readonly atUs: number;
  readonly stolen: readonly number[];
}

/**
 * Steal time sampled at a steady interval while a step runs, so that afterwards the parts of the
 * window during which the hypervisor took a CPU away can be told from the quiet ones. The kernel
 * counts steal per CPU in 10 ms ticks, so a quiet span is one whose counters did not move.
 */
export class StealTimeline {
  private readonly samples: StealSample[] = [];
  private timer: NodeJS.Timeout | undefined;

  /** `now` is in microseconds, on the clock the caller's windows are measured in. */
  constructor(
    private readonly now: () => number,
    private readonly read: () => readonly number[] = sampleSteal,
  ) {}

  /** Samples now and then every `intervalMs` until {@link stop}. */
  start(intervalMs: number): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  /** Takes the last sample and stops. */
  stop(): void {
    clearInterval(this.timer);
    this.sample();
  }

  /** Records the counters as they are now. */
  sample(): void {
    this.samples.push({ atUs: this.now(), stolen: this.read() });
  }

  /**
   * Seconds the most-robbed CPU lost from `fromUs` to `toUs`, widened out to the samples on either
   * side (the last one at or before `fromUs`, the first at or after `toUs`), so steal is never missed
   * for falling between samples.
   */
  stolenSeconds(fromUs: number, toUs: number): number {
    if (this.samples.length === 0) return 0;
    let before = this.samples[0]!;
    let after = this.samples.at(-1)!;
    for (const sample of this.samples) {
      if (sample.atUs <= fromUs) before = sample;
      if (sample.atUs >= toUs) {
        after = sample;
        break;
      }
    }
    return mostStolen(before.stolen, after.stolen);
  }
}
