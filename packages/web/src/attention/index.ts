import type { ChatState, PrefsCommand } from 'aurora-client';
import type { ChatMessage } from 'aurora-protocol';
import { notificationTarget } from '../core/notify-decision.js';
import { guestPrefs, keepAlerts } from '../ui/local-memory.js';
import { alertsText, notificationText, showNotification } from './desktop-notification.js';
import { changePrefs, type PrefsParts } from './prefs-change.js';
import { createRoomMenu } from './room-menu.js';

// The attention chunk: notification settings (the room menu, /notify, /mute, /unmute, /highlight)
// and desktop notifications. main.ts loads it with `import()` on first use, so the page everyone
// loads first does not grow (#17); see build.mjs. It keeps no copy of the page's state: the store
// and connection are handed to it.

/** What the attention chunk needs from the page. */
export interface AttentionDeps extends PrefsParts {
  /** Shows a conversation (a notification was clicked). */
  readonly open: (key: string) => void;
}

/** Notification settings and desktop notifications, as the page uses them. */
export interface Attention {
  /** Carries out a preferences command for `target` (the conversation on screen, or a menu's). */
  command(command: PrefsCommand, target: string | undefined): void;
  /** Opens or closes the notification menu of `target` under its button. */
  menu(anchor: HTMLElement, target: string, name: string): void;
  /**
   * Shows a desktop notification of a live message if it is due one by the state `before` it came
   * (see notificationTarget), `watching` when the page is visible and focused.
   */
  notify(message: ChatMessage, before: ChatState, watching: boolean): void;
  /** Takes in the guest's preferences kept in this browser. */
  loadGuestPrefs(): void;
  /** Keeps the person's choice of desktop notifications, and says what it means. */
  alertsChanged(on: boolean, permission: NotificationPermission): void;
}

/** Builds the attention part over the page's live parts. */
export function createAttention(deps: AttentionDeps): Attention {
  const command = (prefsCommand: PrefsCommand, target: string | undefined) =>
    changePrefs(deps, prefsCommand, target);
  const menu = createRoomMenu({
    prefs: () => deps.store.getState().chat.prefs,
    now: deps.now,
    choose: command,
  });
  return {
    command,
    menu: (anchor, target, name) => menu.toggle(anchor, target, name),
    notify(message, before, watching) {
      const target = notificationTarget(message, before, deps.now(), watching);
      if (target !== undefined) showNotification(notificationText(message, before.me), target, deps.open);
    },
    loadGuestPrefs() {
      deps.store.dispatch({ type: 'prefs', prefs: guestPrefs(), now: deps.now() });
    },
    alertsChanged(on, permission) {
      keepAlerts(on);
      deps.store.dispatch({
        type: 'notice',
        text: alertsText(on, permission),
        tone: 'info',
        now: deps.now(),
      });
    },
  };
}
