import { describe, expect, it } from 'vitest';
import { createTimeFormat, differentDays } from './time-format.js';

const format = createTimeFormat('en-GB', 'UTC');
const noon = Date.UTC(2026, 2, 14, 12, 5);

describe('createTimeFormat', () => {
  it('shows 24-hour hours and minutes beside a message, whatever the locale', () => {
    expect(format.time(noon)).toBe('12:05');
    expect(createTimeFormat('en-US', 'UTC').time(noon + 12 * 3_600_000)).toBe('00:05');
  });

  it('labels today, yesterday and older days', () => {
    expect(format.day(noon, noon + 3_600_000)).toBe('Today');
    expect(format.day(noon, noon + 86_400_000)).toBe('Yesterday');
    expect(format.day(noon, noon + 3 * 86_400_000)).toBe('14 March 2026');
  });

  it('gives the full date for a tooltip', () => {
    expect(format.full(noon)).toMatch(/Saturday,? 14 March 2026/);
  });
});

describe('differentDays', () => {
  it('compares calendar days where the reader is', () => {
    const morning = new Date(2026, 2, 14, 8, 0).getTime();
    expect(differentDays(morning, new Date(2026, 2, 14, 23, 59).getTime())).toBe(false);
    expect(differentDays(morning, new Date(2026, 2, 15, 0, 1).getTime())).toBe(true);
  });
});
