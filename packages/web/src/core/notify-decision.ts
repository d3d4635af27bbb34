import { attentionOf, type ChatState, lastSeq, messagePlace, notificationDue, toItem } from 'aurora-client';
import type { ChatMessage } from 'aurora-protocol';

/**
 * Where a live message calls for a desktop notification, by the engine's rule (`attentionOf`): a
 * mention, a keyword or a direct message at `mentions`, anything at `all`, nothing while muted or at
 * `none`. Never one's own message or a notice, one already shown, nor the conversation on screen
 * while the person is `watching` it (the page visible and focused). `state` is the one before the
 * message arrived. Undefined when no notification is due.
 */
export function notificationTarget(
  message: ChatMessage,
  state: ChatState,
  now: number,
  watching: boolean,
): string | undefined {
  const { me, prefs } = state;
  const place = messagePlace(message, me);
  if (!place) return undefined;
  const known = state.targets[place.target];
  if (known ? message.seq <= (lastSeq(known.items) ?? 0) : !place.isDm) return undefined;
  const calls = attentionOf(prefs, place.target, toItem(state, message).mention, now).calls;
  return notificationDue(message, me, calls, watching && state.current === place.target)
    ? place.target
    : undefined;
}
