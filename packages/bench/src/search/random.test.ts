import { describe, expect, it } from 'vitest';
import { between, seededRandom, ZipfSampler } from './random.js';

describe('seededRandom', () => {
  it('gives the same numbers for the same seed, other numbers for another, all in [0, 1)', () => {
    const first = Array.from({ length: 1000 }, seededRandom(7));
    expect(Array.from({ length: 1000 }, seededRandom(7))).toEqual(first);
    expect(Array.from({ length: 1000 }, seededRandom(8))).not.toEqual(first);
    expect(first.every((value) => value >= 0 && value < 1)).toBe(true);
    // Spread out, not stuck: the mean of uniform draws is near a half.
    expect(first.reduce((sum, value) => sum + value, 0) / first.length).toBeCloseTo(0.5, 1);
  });

  it('draws whole numbers with both ends included', () => {
    const random = seededRandom(1);
    const drawn = new Set(Array.from({ length: 500 }, () => between(random, 3, 8)));
    expect([...drawn].sort()).toEqual([3, 4, 5, 6, 7, 8]);
  });
});

describe('ZipfSampler', () => {
  it('gives item k a share proportional to 1 / (k + 1)^exponent', () => {
    const zipf = new ZipfSampler(1000, 1);
    expect(zipf.share(0) / zipf.share(1)).toBeCloseTo(2, 10);
    expect(zipf.share(0) / zipf.share(9)).toBeCloseTo(10, 10);
    const total = Array.from({ length: 1000 }, (_, k) => zipf.share(k)).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(1, 10);
  });

  it('draws the head often and the tail rarely, as its shares say', () => {
    const zipf = new ZipfSampler(1000, 1);
    const random = seededRandom(3);
    const counts = new Array<number>(1000).fill(0);
    const draws = 200_000;
    for (let i = 0; i < draws; i++) counts[zipf.sample(random)]!++;
    expect(counts[0]! / draws).toBeCloseTo(zipf.share(0), 2);
    expect(counts[9]! / draws).toBeCloseTo(zipf.share(9), 2);
    const tail = counts.slice(500).reduce((a, b) => a + b, 0) / draws;
    expect(tail).toBeGreaterThan(0.05);
    expect(tail).toBeLessThan(0.15);
    expect(Math.max(...counts.map((_, k) => k).filter((k) => counts[k]! > 0))).toBeGreaterThan(990);
  });

  it('needs at least one item', () => {
    expect(() => new ZipfSampler(0, 1)).toThrow(RangeError);
  });
});
