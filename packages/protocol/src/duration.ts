const DURATION_UNITS: Readonly<Record<string, number>> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** The longest duration `parseDuration` accepts unless told otherwise: a year and a day. */
export const MAX_DURATION_MS = 366 * 86_400_000;

/**
 * A duration as people type it, `30s`, `10m`, `2h`, `7d`, `1w` or a run of them (`1h30m`), in ms;
 * undefined when it is not one, is zero, or is longer than `maxMs`. One rule for mutes of windows and
 * for bans and mutes of people, so the terminal, the browser and the server read `2h` alike.
 */
export function parseDuration(text: string, maxMs: number = MAX_DURATION_MS): number | undefined {
  const lower = text.toLowerCase();
  if (!/^(?:\d{1,6}[smhdw])+$/.test(lower)) return undefined;
  let ms = 0;
  for (const [, amount, unit] of lower.matchAll(/(\d+)([smhdw])/g))
    ms += Number(amount) * DURATION_UNITS[unit!]!;
  return ms > 0 && ms <= maxMs ? ms : undefined;
}

/** Whether a word reads as a duration (`10m`, `1h30m`), valid or not: `/mute 10m` mutes a window. */
export function looksLikeDuration(word: string): boolean {
  return /^(?:\d+[smhdw])+$/i.test(word);
}
