import { describe, expect, it } from 'vitest';
import { TokenBucket } from './rate-limit.js';

describe('TokenBucket', () => {
  it('allows a burst, then refuses with the wait until the next token', () => {
    let now = 0;
    const bucket = new TokenBucket(5, 2, { now: () => now });
    for (let i = 0; i < 5; i++) expect(bucket.take()).toBe(0);
    expect(bucket.take()).toBe(500);
    now += 499;
    expect(bucket.take()).toBe(1);
    now += 1;
    expect(bucket.take()).toBe(0);
    expect(bucket.take()).toBe(500);
  });

  it('refills to the burst size and no further', () => {
    let now = 0;
    const bucket = new TokenBucket(3, 10, { now: () => now });
    for (let i = 0; i < 3; i++) bucket.take();
    now += 60_000;
    for (let i = 0; i < 3; i++) expect(bucket.take()).toBe(0);
    expect(bucket.take()).toBeGreaterThan(0);
  });
});
