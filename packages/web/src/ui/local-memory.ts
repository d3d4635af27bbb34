import type { StoredSession } from '../core/chat-state.js';

// What the page remembers in this browser between visits: the last name, and a log-in's session
// token (never the password). Storage can be disabled; then the page simply starts fresh.

const NAME_KEY = 'aurora.name';
const SESSION_KEY = 'aurora.session';

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
