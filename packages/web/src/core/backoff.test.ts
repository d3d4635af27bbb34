import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  it('doubles with each attempt and keeps half of the delay random', () => {
    expect(backoffDelay(0, () => 0)).toBe(250);
    expect(backoffDelay(0, () => 0.999_999)).toBe(500);
    expect(backoffDelay(1, () => 0)).toBe(500);
    expect(backoffDelay(3, () => 0.5)).toBe(3000);
  });

  it('never waits longer than the cap, however many attempts failed', () => {
    expect(backoffDelay(12, () => 0.999_999)).toBe(30_000);
    expect(backoffDelay(10_000, () => 0.999_999)).toBe(30_000);
    expect(backoffDelay(10_000, () => 0)).toBe(15_000);
  });

  it('spreads clients that fail together over a range instead of one instant', () => {
    const delays = new Set([0, 0.25, 0.5, 0.75].map((r) => backoffDelay(4, () => r)));
    expect(delays.size).toBe(4);
  });
});
