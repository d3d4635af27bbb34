/** How times and days are shown: `HH:MM` in local time, and a day line when the day changes. */
export interface TimeFormat {
  /** `09:05` (24-hour). */
  clock(ts: number): string;
  /** A key that differs exactly when the local day differs. */
  day(ts: number): string;
  /** `Tuesday, 3 March 2026` in the user's locale. */
  dayLabel(ts: number): string;
  /** `Today`, `Yesterday`, or the day label: what a day separator says, seen at `now`. */
  relativeDay(ts: number, now: number): string;
  /** The full date and time with seconds, for a tooltip or a screen reader. */
  full(ts: number): string;
}

const DAY_MS = 86_400_000;

/** Options for {@link createTimeFormat}; both default to the system's. Tests pin them. */
export interface TimeFormatOptions {
  readonly timeZone?: string;
  readonly locale?: string;
}

/** Builds the time formatter once; `Intl` formatters are costly to create and cheap to reuse. */
export function createTimeFormat(options: TimeFormatOptions = {}): TimeFormat {
  const { timeZone, locale } = options;
  const zone = timeZone === undefined ? {} : { timeZone };
  const clock = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...zone,
  });
  const day = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...zone,
  });
  const label = new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    ...zone,
  });
  const full = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'medium', ...zone });
  const dayOf = (ts: number) => day.format(ts);
  const dayLabel = (ts: number) => label.format(ts);
  return {
    clock: (ts) => {
      const parts = clock.formatToParts(ts);
      const hour = parts.find((p) => p.type === 'hour')?.value ?? '00';
      const minute = parts.find((p) => p.type === 'minute')?.value ?? '00';
      return `${hour}:${minute}`;
    },
    day: dayOf,
    dayLabel,
    relativeDay(ts, now) {
      if (dayOf(ts) === dayOf(now)) return 'Today';
      // Noon yesterday is yesterday even on a day that daylight saving made 23 or 25 hours long.
      if (dayOf(ts) === dayOf(now - DAY_MS)) return 'Yesterday';
      return dayLabel(ts);
    },
    full: (ts) => full.format(ts),
  };
}
