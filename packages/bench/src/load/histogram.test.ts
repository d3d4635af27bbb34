import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from './histogram.js';

describe('LatencyHistogram', () => {
  it('answers quantiles to the 10 µs bucket below 100 ms', () => {
    const histogram = new LatencyHistogram();
    for (let us = 1; us <= 1000; us++) histogram.record(us * 50);
    expect(histogram.quantileMs(0.5)).toBeCloseTo(25, 1);
    expect(histogram.quantileMs(0.99)).toBeCloseTo(49.5, 1);
    expect(histogram.quantileMs(1)).toBeCloseTo(50, 1);
  });

  it('uses 1 ms buckets for slow deliveries', () => {
    const histogram = new LatencyHistogram();
    histogram.record(2_500_400);
    expect(histogram.quantileMs(0.5)).toBe(2501);
  });

  it('counts messages that never arrived as infinitely late', () => {
    const histogram = new LatencyHistogram();
    for (let i = 0; i < 98; i++) histogram.record(1000);
    expect(histogram.quantileMs(0.5, 100)).toBeCloseTo(1, 1);
    expect(histogram.quantileMs(0.98, 100)).toBeCloseTo(1, 1);
    expect(histogram.quantileMs(0.99, 100)).toBe(Number.POSITIVE_INFINITY);
  });

  it('adds another histogram sample by sample', () => {
    const fast = new LatencyHistogram();
    const slow = new LatencyHistogram();
    for (let i = 0; i < 99; i++) fast.record(1000);
    slow.record(80_000);
    fast.add(slow);
    expect(fast.count).toBe(100);
    expect(fast.quantileMs(0.99)).toBeCloseTo(1.01, 2);
    expect(fast.quantileMs(1)).toBeCloseTo(80.01, 2);
  });
});
