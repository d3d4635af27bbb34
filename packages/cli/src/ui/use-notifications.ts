import { type Clock, levelNow } from 'aurora-client';
import type { NotifyPrefs } from 'aurora-protocol';
import { type RefObject, useEffect, useRef } from 'react';
import {
  type ArrivalLog,
  type NotificationText,
  notificationText,
  shouldNotify,
  type TerminalFocus,
} from '../core/notify/index.js';

/** Where the notifications of {@link useNotifications} are decided. */
export interface NotificationContext {
  readonly me: string;
  /** The room or conversation on screen. */
  readonly current: string;
  readonly focus: RefObject<TerminalFocus>;
  /** Levels and mutes: a muted target is at `none` until its mute ends. */
  readonly prefs: NotifyPrefs;
  readonly clock: Clock;
}

/**
 * Sends one desktop notification per update that brought messages worth one ({@link shouldNotify}):
 * about the newest, counting the others (`(+2 more)`), so a burst (a resume replaying what was
 * missed) is one notification, not a storm. Without `notify` (`--notify off`) it does nothing.
 */
export function useNotifications(
  arrivals: ArrivalLog,
  { me, current, focus, prefs, clock }: NotificationContext,
  notify: ((text: NotificationText) => void) | undefined,
): void {
  const seen = useRef(arrivals.count);
  useEffect(() => {
    const fresh = arrivals.count - seen.current;
    seen.current = arrivals.count;
    if (!notify || fresh <= 0) return;
    const now = clock.now();
    const level = (target: string) => levelNow(prefs, target, now);
    const context = { me, current, focus: focus.current, level };
    const wanted = arrivals.recent.slice(-fresh).filter((arrival) => shouldNotify(arrival, context));
    const newest = wanted.at(-1);
    if (newest) notify(notificationText(newest.message, wanted.length - 1));
  }, [arrivals, me, current, focus, notify, prefs, clock]);
}
