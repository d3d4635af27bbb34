/** Numbers in [0, 1), as `Math.random` gives them. */
export type Random = () => number;

/**
 * A seeded generator (mulberry32): the same seed gives the same corpus and the same queries on
 * every run and machine, so two runs search the same words in the same messages.
 */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A whole number in [from, to], both included. */
export function between(random: Random, from: number, to: number): number {
  return from + Math.floor(random() * (to - from + 1));
}

/**
 * Draws from a Zipf-like law: item k (0-based) has weight 1 / (k + 1)^exponent, so the first few
 * are drawn often and the long tail rarely, as words are in text.
 */
export class ZipfSampler {
  private readonly cumulative: Float64Array;

  constructor(
    readonly count: number,
    readonly exponent: number,
  ) {
    if (count < 1) throw new RangeError('a Zipf sampler needs at least one item');
    this.cumulative = new Float64Array(count);
    let sum = 0;
    for (let k = 0; k < count; k++) {
      sum += 1 / (k + 1) ** exponent;
      this.cumulative[k] = sum;
    }
  }

  /** The share of draws item `k` gets. */
  share(k: number): number {
    const total = this.cumulative[this.count - 1]!;
    return (this.cumulative[k]! - (k === 0 ? 0 : this.cumulative[k - 1]!)) / total;
  }

  /** One draw: an index in [0, count). */
  sample(random: Random): number {
    const target = random() * this.cumulative[this.count - 1]!;
    let low = 0;
    let high = this.count - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.cumulative[middle]! <= target) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
