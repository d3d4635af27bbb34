import { EMPTY_PREFS, type NotifyPrefs, parsePrefs } from 'aurora-protocol';

/**
 * Reads stored preferences (JSON of `NotifyPrefs`); nothing stored, or something unreadable (which
 * only a hand edit could make), is `EMPTY_PREFS`, so one bad row never stops a log-in.
 */
export function decodePrefs(json: string | null | undefined): NotifyPrefs {
  if (json === null || json === undefined) return EMPTY_PREFS;
  try {
    return parsePrefs(JSON.parse(json)) ?? EMPTY_PREFS;
  } catch {
    return EMPTY_PREFS;
  }
}
