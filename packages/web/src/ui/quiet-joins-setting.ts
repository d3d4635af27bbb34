import { DEFAULT_QUIET_JOINS, parseQuietJoins, type QuietJoins } from 'aurora-client';

/**
 * This browser's quiet-joins setting, as the terminal's `--quiet-joins`: rooms with more members
 * than this hide joins, leaves and renames. Kept in local storage under `aurora.quietJoins` (a
 * number of members, `always` or `never`); without it, or without storage, rooms of more than 50.
 */
export function storedQuietJoins(): QuietJoins {
  try {
    return parseQuietJoins(localStorage.getItem('aurora.quietJoins') ?? '') ?? DEFAULT_QUIET_JOINS;
  } catch {
    return DEFAULT_QUIET_JOINS;
  }
}
