import { attentionOf } from 'aurora-client';
import { activePrefs, type NotifyPrefs } from 'aurora-protocol';
import type { ChatState } from './chat-state.js';
import { hiddenBy, ignores, mapTargets } from './state-updates.js';

// Notification preferences in the page's state. The rules are the engine's (`attentionOf`): a muted
// room or conversation counts unread but never shows `!`, and keywords count as mentions.

/**
 * New preferences (the account's `prefs` frame, or a guest's own): kept; the `!` marks of targets
 * muted now taken down, as the terminal does (unread counts stay); and the messages of people
 * ignored now hidden (those of people no longer ignored shown again), their typing gone.
 */
export function withPrefs(state: ChatState, prefs: NotifyPrefs, now: number): ChatState {
  const next = { ...state, prefs };
  const hidden = hiddenBy(next);
  return mapTargets(next, (t) => ({
    ...t,
    mentions: t.mentions > 0 && !attentionOf(prefs, t.key, true, now).highlight ? 0 : t.mentions,
    entries: t.entries.map((e) => (e.type === 'message' ? { ...e, hidden: hidden(e.message) } : e)),
    typing: new Map([...t.typing].filter(([nick]) => !ignores(next, nick))),
  }));
}

/** The preferences without the mutes that ended by `now`: a new object only when one did, so the list redraws. */
export function withoutEndedMutes(state: ChatState, now: number): ChatState {
  const prefs = activePrefs(state.prefs, now);
  return prefs === state.prefs ? state : { ...state, prefs };
}
