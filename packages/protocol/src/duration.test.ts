import { describe, expect, it } from 'vitest';
import { looksLikeDuration, MAX_DURATION_MS, parseDuration } from './duration.js';

describe('parseDuration', () => {
  it('reads minutes, hours, days, weeks and runs of them', () => {
    expect(parseDuration('10m')).toBe(600_000);
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(parseDuration('7d')).toBe(7 * 86_400_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('45s')).toBe(45_000);
    expect(parseDuration('1W')).toBe(604_800_000);
  });

  it('refuses zero, words, and anything past the bound', () => {
    expect(parseDuration('0m')).toBeUndefined();
    expect(parseDuration('bob')).toBeUndefined();
    expect(parseDuration('10')).toBeUndefined();
    expect(parseDuration('367d')).toBeUndefined();
    expect(parseDuration('366d')).toBe(MAX_DURATION_MS);
    expect(parseDuration('2h', 3_600_000)).toBeUndefined();
  });

  it('tells a duration-shaped word from a name', () => {
    expect(looksLikeDuration('10m')).toBe(true);
    expect(looksLikeDuration('999d')).toBe(true);
    expect(looksLikeDuration('bob')).toBe(false);
    expect(looksLikeDuration('m10')).toBe(false);
  });
});
