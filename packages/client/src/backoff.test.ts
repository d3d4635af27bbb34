import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  const options = { initialMs: 500, maxMs: 30_000 };

  it('doubles per attempt within the jitter band', () => {
    expect(backoffDelay(0, () => 0, options)).toBe(250);
    expect(backoffDelay(0, () => 0.999_999, options)).toBe(500);
    expect(backoffDelay(3, () => 0, options)).toBe(2000);
    expect(backoffDelay(3, () => 0.5, options)).toBe(3000);
  });

  it('never passes the cap, however many attempts failed', () => {
    expect(backoffDelay(50, () => 0.999_999, options)).toBe(30_000);
    expect(backoffDelay(1000, () => 0, options)).toBe(15_000);
  });

  it('spreads clients that retry at the same attempt', () => {
    const delays = new Set([0.1, 0.4, 0.7, 0.9].map((r) => backoffDelay(4, () => r, options)));
    expect(delays.size).toBe(4);
  });
});
