import { describe, expect, it } from 'vitest';
import { beforeAfter, overlaps, ratio, renderBeforeAfterSection } from './before-after.js';
import type { Summary } from './results.js';

const spread = (median: number, min = median, max = median) => ({ median, min, max });

function summaryOf(caps: Record<string, number>, p99s: Record<string, number>): Summary {
  const saturation = Object.fromEntries(
    Object.entries(caps).map(([name, cap]) => [name, { cap: spread(cap) }]),
  );
  const steady = Object.fromEntries(Object.entries(p99s).map(([name, p99]) => [name, { p99: spread(p99) }]));
  // Only the figures the section reads; the rest of a summary does not matter to it.
  return { saturation, steady } as unknown as Summary;
}

describe('before and after', () => {
  it('pairs each server with its -before twin and gives today over before', () => {
    const summary = summaryOf(
      {
        aurora: 900_000,
        'aurora-before': 1_000_000,
        'aurora-cluster': 60_000,
        'aurora-cluster-before': 50_000,
      },
      { aurora: 3, 'aurora-before': 2, 'aurora-cluster': 8, 'aurora-cluster-before': 8 },
    );
    const [one, cluster] = beforeAfter(summary);
    expect(one?.today).toBe('aurora');
    expect(ratio(one?.cap)).toBeCloseTo(0.9);
    expect(ratio(one?.steadyP99)).toBeCloseTo(1.5);
    expect(cluster?.before).toBe('aurora-cluster-before');
    expect(ratio(cluster?.cap)).toBeCloseTo(1.2);
    const section = renderBeforeAfterSection(summary).join('\n');
    expect(section).toContain('**0.90×**');
    expect(section).toContain('**1.20×**');
  });

  it('says nothing when no earlier build ran', () => {
    const summary = summaryOf({ aurora: 1 }, { aurora: 1 });
    expect(beforeAfter(summary)).toEqual([]);
    expect(renderBeforeAfterSection(summary)).toEqual([]);
  });

  it('calls ranges that overlap within noise, and ranges apart not', () => {
    expect(overlaps([spread(10, 9, 12), spread(11, 10, 13)])).toBe(true);
    expect(overlaps([spread(10, 9, 10), spread(12, 11, 13)])).toBe(false);
  });
});
