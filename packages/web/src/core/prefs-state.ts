import { attentionOf } from 'aurora-client';
import { activePrefs, type NotifyPrefs } from 'aurora-protocol';
import type { ChatState } from './chat-state.js';
import { mapTargets } from './state-updates.js';

// Notification preferences in the page's state. The rules are the engine's (`attentionOf`): a muted
// room or conversation counts unread but never shows `!`, and keywords count as mentions.

/**
 * New preferences (the account's `prefs` frame, or a guest's own): kept, and the `!` marks of
 * targets muted now taken down, as the terminal does. Unread counts stay.
 */
export function withPrefs(state: ChatState, prefs: NotifyPrefs, now: number): ChatState {
  return mapTargets({ ...state, prefs }, (t) =>
    t.mentions > 0 && !attentionOf(prefs, t.key, true, now).highlight ? { ...t, mentions: 0 } : t,
  );
}

/** The preferences without the mutes that ended by `now`: a new object only when one did, so the list redraws. */
export function withoutEndedMutes(state: ChatState, now: number): ChatState {
  const prefs = activePrefs(state.prefs, now);
  return prefs === state.prefs ? state : { ...state, prefs };
}
