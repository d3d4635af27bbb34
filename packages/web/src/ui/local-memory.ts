import { EMPTY_PREFS, type NotifyPrefs, parsePrefs } from 'aurora-protocol';
import type { StoredSession } from '../core/page-state.js';

// What the page remembers in this browser between visits: the last name, a log-in's session token
// (never the password), a guest's notification preferences and whether desktop notifications are
// on. Storage can be disabled; then the page simply starts fresh.

const NAME_KEY = 'aurora.name';
const SESSION_KEY = 'aurora.session';
const PREFS_KEY = 'aurora.guestPrefs';
/** Where the page keeps whether desktop notifications are on (`on` or `off`). */
export const ALERTS_KEY = 'aurora.notifications';

/** The name this browser joined with last time, to fill in the join screen; '' when unknown. */
export function rememberedName(): string {
  try {
    return localStorage.getItem(NAME_KEY) ?? '';
  } catch {
    return '';
  }
}

/** Remembers the name that was accepted. */
export function rememberName(name: string): void {
  try {
    localStorage.setItem(NAME_KEY, name);
  } catch {
    // Remembering the name is a convenience; without storage the field starts empty.
  }
}

/** The stored log-in, if there is one that has not expired and is well formed. */
export function storedSession(now: number): StoredSession | undefined {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null');
    if (typeof raw !== 'object' || raw === null) return undefined;
    const { account, token, expiresAt } = raw as Record<string, unknown>;
    if (typeof account !== 'string' || typeof token !== 'string' || typeof expiresAt !== 'number')
      return undefined;
    return expiresAt > now ? { account, token, expiresAt } : undefined;
  } catch {
    return undefined;
  }
}

/** Stores a log-in, or removes it when `session` is undefined. */
export function storeSession(session: StoredSession | undefined): void {
  try {
    if (session) localStorage.setItem(SESSION_KEY, JSON.stringify(session));
    else localStorage.removeItem(SESSION_KEY);
  } catch {
    // Without storage the log-in lasts as long as the page.
  }
}

/** Whether this browser keeps a guest's notification preferences (read by the attention part). */
export function hasGuestPrefs(): boolean {
  try {
    return localStorage.getItem(PREFS_KEY) !== null;
  } catch {
    return false;
  }
}

/**
 * A guest's notification preferences kept in this browser (an account's are on the server). Read
 * through the protocol's schema; bounds were checked by `changePrefs` when they were set.
 */
export function guestPrefs(): NotifyPrefs {
  try {
    return parsePrefs(JSON.parse(localStorage.getItem(PREFS_KEY) ?? 'null')) ?? EMPTY_PREFS;
  } catch {
    return EMPTY_PREFS;
  }
}

/** Keeps a guest's notification preferences; false when this browser keeps nothing. */
export function keepGuestPrefs(prefs: NotifyPrefs): boolean {
  try {
    localStorage.setItem(PREFS_KEY, JSON.stringify(prefs));
    return true;
  } catch {
    return false;
  }
}

/** Keeps whether desktop notifications are on; without storage they last as long as the page. */
export function keepAlerts(on: boolean): void {
  try {
    localStorage.setItem(ALERTS_KEY, on ? 'on' : 'off');
  } catch {
    // They stay as chosen until the page is closed.
  }
}
