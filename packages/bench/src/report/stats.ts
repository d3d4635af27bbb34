/** The median of some repetitions and their range. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/**
 * Median and range of the values that were measured (NaN stands for a repetition that measured
 * nothing); none gives NaN everywhere.
 */
export function spread(values: readonly number[]): Spread {
  const sorted = values.filter((value) => !Number.isNaN(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN };
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)! };
}

/** A number for people: 3 significant figures, `k`/`M` for large ones, `∞` for never. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return '–';
  if (!Number.isFinite(value)) return '∞';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6) return `${(value / 1e6).toPrecision(3)}M`;
  if (magnitude >= 1e4) return `${(value / 1e3).toPrecision(3)}k`;
  if (magnitude >= 100) return value.toFixed(0);
  if (magnitude >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** `median [min–max]`, or just the median for one repetition. */
export function formatSpread(value: Spread): string {
  if (value.min === value.max || Number.isNaN(value.min)) return formatNumber(value.median);
  return `${formatNumber(value.median)} [${formatNumber(value.min)}–${formatNumber(value.max)}]`;
}
