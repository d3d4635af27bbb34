/** Formats message times and the day separators between them, in the reader's locale and zone. */
export interface TimeFormat {
  /** `14:05`: 24-hour, like the terminal client, so the time column has one width. */
  time(ts: number): string;
  /** The full date and time, for a tooltip. */
  full(ts: number): string;
  /** `Today`, `Yesterday`, or the date, for the separator before a day's first message. */
  day(ts: number, now: number): string;
}

/** Creates formatters for `locale` (the browser's when undefined). */
export function createTimeFormat(locale?: string, timeZone?: string): TimeFormat {
  const zone = timeZone === undefined ? {} : { timeZone };
  const time = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...zone,
  });
  const full = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'medium', ...zone });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', ...zone });
  const key = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...zone,
  });
  const dayKey = (ts: number) => key.format(ts);
  return {
    time: (ts) => time.format(ts),
    full: (ts) => full.format(ts),
    day(ts, now) {
      if (dayKey(ts) === dayKey(now)) return 'Today';
      if (dayKey(ts) === dayKey(now - 86_400_000)) return 'Yesterday';
      return date.format(ts);
    },
  };
}

/** True when two times fall on different calendar days where the reader is. */
export function differentDays(a: number, b: number): boolean {
  const da = new Date(a);
  const db = new Date(b);
  return (
    da.getFullYear() !== db.getFullYear() || da.getMonth() !== db.getMonth() || da.getDate() !== db.getDate()
  );
}
