import { type ChatConnection, HOME, type PrefsCommand, planPrefsCommand } from 'aurora-client';
import { isOnline, type PageAction, type PageState } from '../core/page-state.js';
import type { Store } from '../core/store.js';
import { keepGuestPrefs } from '../ui/local-memory.js';

/** The page's live parts a preferences change acts on, handed over by main.ts. */
export interface PrefsParts {
  readonly store: Store<PageState, PageAction>;
  /** The engine's connection of the current join, if any. */
  readonly connection: () => ChatConnection | undefined;
  /** The clock the mutes are timed by. */
  readonly now: () => number;
}

/**
 * Carries out `/notify`, `/mute`, `/unmute` or `/highlight` (typed, or chosen in a room menu) for
 * `target`, as the terminal does: the engine plans it with the protocol's `changePrefs`; an account
 * sends the change and the server answers every device with `prefs`, a guest keeps the new
 * preferences in this browser. What the target (or the keyword list) is at now is said in `target`.
 */
export function changePrefs(parts: PrefsParts, command: PrefsCommand, target: string | undefined): void {
  const { store } = parts;
  const state = store.getState();
  const now = parts.now();
  const plan = planPrefsCommand({ prefs: state.chat.prefs, current: target ?? HOME }, command, now);
  const tell = (text: string, tone: 'info' | 'error') =>
    store.dispatch({ type: 'notice', text, tone, now, ...(target === undefined ? {} : { target }) });
  if (plan.kind === 'refused') {
    tell(plan.text, 'error');
    return;
  }
  if (plan.kind === 'change') {
    if (state.chat.account !== undefined) {
      const connection = parts.connection();
      if (!connection || !isOnline(state)) {
        tell('Not connected. Try again once the connection is back.', 'error');
        return;
      }
      connection.changePrefs(plan.change);
    } else {
      store.dispatch({ type: 'prefs', prefs: plan.prefs, now });
      if (!keepGuestPrefs(plan.prefs))
        tell('This browser does not let the page keep settings: they last until you close it.', 'info');
    }
  }
  tell(plan.text, 'info');
}
