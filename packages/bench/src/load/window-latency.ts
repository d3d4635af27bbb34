import { LatencyHistogram } from './histogram.js';

/** Latency quantiles in milliseconds over some slots of a window; `Infinity` reaches undelivered messages. */
export interface LatencyFigures {
  /** Share of the window's slots these figures cover. */
  readonly share: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly p999Ms: number;
}

/**
 * A measured window cut into slots by send time, each with its own latency histogram and count of
 * deliveries owed, so that the figures can be read over the whole window or over chosen slots only
 * (those during which nothing outside the servers disturbed the machine).
 */
export class WindowLatency {
  private readonly histograms: LatencyHistogram[];
  private readonly owed: number[];

  constructor(
    readonly startUs: number,
    readonly endUs: number,
    private readonly slotUs: number,
  ) {
    const slots = Math.max(1, Math.ceil((endUs - startUs) / slotUs));
    this.histograms = Array.from({ length: slots }, () => new LatencyHistogram());
    this.owed = new Array<number>(slots).fill(0);
  }

  /** Whether a message sent at `sentUs` belongs to the window. */
  covers(sentUs: number): boolean {
    return sentUs >= this.startUs && sentUs < this.endUs;
  }

  /** A message sent at `sentUs` owes `deliveries` arrivals. */
  owe(sentUs: number, deliveries: number): void {
    this.owed[this.slotOf(sentUs)]! += deliveries;
  }

  /** One arrival of a message sent at `sentUs`, `latencyUs` after it was due. */
  record(sentUs: number, latencyUs: number): void {
    this.histograms[this.slotOf(sentUs)]!.record(latencyUs);
  }

  /** Deliveries owed over the whole window. */
  get totalOwed(): number {
    return this.owed.reduce((sum, count) => sum + count, 0);
  }

  /**
   * Quantiles over the slots `keep` accepts (given each slot's send-time span); NaN everywhere when
   * it accepts none.
   */
  figures(keep: (fromUs: number, toUs: number) => boolean = () => true): LatencyFigures {
    const merged = new LatencyHistogram();
    let owed = 0;
    let kept = 0;
    this.histograms.forEach((histogram, slot) => {
      const fromUs = this.startUs + slot * this.slotUs;
      if (!keep(fromUs, Math.min(this.endUs, fromUs + this.slotUs))) return;
      merged.add(histogram);
      owed += this.owed[slot]!;
      kept++;
    });
    const quantile = (q: number) => (kept === 0 ? Number.NaN : merged.quantileMs(q, owed));
    return {
      share: kept / this.histograms.length,
      p50Ms: quantile(0.5),
      p99Ms: quantile(0.99),
      p999Ms: quantile(0.999),
    };
  }

  private slotOf(sentUs: number): number {
    return Math.min(this.histograms.length - 1, Math.floor((sentUs - this.startUs) / this.slotUs));
  }
}
