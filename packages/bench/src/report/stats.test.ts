import { describe, expect, it } from 'vitest';
import { formatNumber, formatSpread, spread } from './stats.js';

describe('spread', () => {
  it('takes the median and range of odd and even counts', () => {
    expect(spread([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3 });
    expect(spread([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4 });
  });

  it('keeps infinity (a run where messages were lost) as the largest value', () => {
    expect(spread([5, Number.POSITIVE_INFINITY, 7])).toEqual({
      median: 7,
      min: 5,
      max: Number.POSITIVE_INFINITY,
    });
  });
});

describe('spread of repetitions that measured nothing', () => {
  it('leaves them out, and is NaN only when none measured anything', () => {
    expect(spread([Number.NaN, 4, 2])).toEqual({ median: 3, min: 2, max: 4 });
    expect(spread([Number.NaN])).toEqual({ median: Number.NaN, min: Number.NaN, max: Number.NaN });
  });
});

describe('formatting', () => {
  it('writes figures people can compare at a glance', () => {
    expect(formatNumber(203_456)).toBe('203k');
    expect(formatNumber(1_234_567)).toBe('1.23M');
    expect(formatNumber(4.567)).toBe('4.57');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('∞');
    expect(formatSpread({ median: 12.34, min: 11, max: 13.5 })).toBe('12.3 [11.0–13.5]');
    expect(formatSpread({ median: 7, min: 7, max: 7 })).toBe('7.00');
  });
});
