import { describe, expect, it } from 'vitest';
import { createTimeFormat } from './time-format.js';

describe('createTimeFormat', () => {
  const ts = Date.UTC(2026, 2, 3, 23, 30);

  it('shows HH:MM in the given time zone, 24-hour', () => {
    expect(createTimeFormat({ timeZone: 'UTC' }).clock(ts)).toBe('23:30');
    expect(createTimeFormat({ timeZone: 'Asia/Tokyo' }).clock(ts)).toBe('08:30');
    expect(createTimeFormat({ timeZone: 'UTC' }).clock(Date.UTC(2026, 0, 1, 0, 5))).toBe('00:05');
  });

  it('tells days apart by the local date, not the UTC one', () => {
    const tokyo = createTimeFormat({ timeZone: 'Asia/Tokyo' });
    expect(tokyo.day(ts)).toBe('2026-03-04');
    expect(createTimeFormat({ timeZone: 'UTC' }).day(ts)).toBe('2026-03-03');
    expect(createTimeFormat({ timeZone: 'Asia/Tokyo', locale: 'en-US' }).dayLabel(ts)).toBe(
      'Wednesday, March 4, 2026',
    );
  });

  it('names the day in the locale asked for', () => {
    expect(createTimeFormat({ timeZone: 'UTC', locale: 'en-US' }).dayLabel(ts)).toBe(
      'Tuesday, March 3, 2026',
    );
  });

  it('names today and yesterday where the reader is, and older days by their label', () => {
    const tokyo = createTimeFormat({ timeZone: 'Asia/Tokyo', locale: 'en-US' });
    const now = Date.UTC(2026, 2, 4, 1, 0); // 10:00 on 4 March in Tokyo
    expect(tokyo.relativeDay(ts, now)).toBe('Today');
    expect(tokyo.relativeDay(ts - 86_400_000, now)).toBe('Yesterday');
    expect(tokyo.relativeDay(ts - 2 * 86_400_000, now)).toBe('Monday, March 2, 2026');
  });

  it('spells out the full date and time with seconds', () => {
    expect(createTimeFormat({ timeZone: 'UTC', locale: 'en-US' }).full(ts)).toBe(
      'Tuesday, March 3, 2026 at 11:30:00 PM',
    );
  });
});
