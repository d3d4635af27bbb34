const FINE_US = 10;
const FINE_LIMIT_US = 100_000;
const COARSE_US = 1000;
const COARSE_LIMIT_US = 60_000_000;
const FINE_BUCKETS = FINE_LIMIT_US / FINE_US;
const COARSE_BUCKETS = (COARSE_LIMIT_US - FINE_LIMIT_US) / COARSE_US;

/**
 * A latency histogram in microseconds: 10 µs buckets up to 100 ms, 1 ms buckets up to 60 s, then
 * one overflow bucket. Recording is an array increment, so the generator can afford one per
 * delivered message.
 */
export class LatencyHistogram {
  private readonly buckets = new Uint32Array(FINE_BUCKETS + COARSE_BUCKETS + 1);
  /** Samples recorded. */
  count = 0;

  /** Records one latency. */
  record(micros: number): void {
    const us = Math.max(0, micros);
    const index =
      us < FINE_LIMIT_US
        ? Math.floor(us / FINE_US)
        : us < COARSE_LIMIT_US
          ? FINE_BUCKETS + Math.floor((us - FINE_LIMIT_US) / COARSE_US)
          : FINE_BUCKETS + COARSE_BUCKETS;
    this.buckets[index]!++;
    this.count++;
  }

  /** Adds every sample of `other` to this one. */
  add(other: LatencyHistogram): void {
    for (let index = 0; index < this.buckets.length; index++) this.buckets[index]! += other.buckets[index]!;
    this.count += other.count;
  }

  /**
   * The latency in milliseconds below which `quantile` of `population` samples fall. Samples
   * never recorded (messages that were never delivered) count as infinitely late, so a quantile that
   * reaches into them is `Infinity`. Each answer is the upper edge of its bucket.
   */
  quantileMs(quantile: number, population: number = this.count): number {
    const rank = Math.max(1, Math.ceil(quantile * population));
    if (rank > this.count) return Number.POSITIVE_INFINITY;
    let seen = 0;
    for (let index = 0; index < this.buckets.length; index++) {
      seen += this.buckets[index]!;
      if (seen >= rank) return upperEdgeUs(index) / 1000;
    }
    return Number.POSITIVE_INFINITY;
  }
}

function upperEdgeUs(index: number): number {
  if (index < FINE_BUCKETS) return (index + 1) * FINE_US;
  if (index < FINE_BUCKETS + COARSE_BUCKETS) return FINE_LIMIT_US + (index - FINE_BUCKETS + 1) * COARSE_US;
  return Number.POSITIVE_INFINITY;
}
