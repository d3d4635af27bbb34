import { attentionOf, messagePlace, notificationDue } from 'aurora-client';
import type { ChatMessage } from 'aurora-protocol';
import type { ChatState, TargetKey } from './chat-state.js';
import { mentionsMe } from './state-updates.js';

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
): TargetKey | undefined {
  const { me, prefs } = state;
  if (me === undefined) return undefined;
  const place = messagePlace(message, me);
  if (!place) return undefined;
  const known = state.targets.get(place.target);
  if (known ? message.seq <= known.cursor : !place.isDm) return undefined;
  const calls = attentionOf(prefs, place.target, mentionsMe(message, me, prefs.keywords), now).calls;
  return notificationDue(message, me, calls, watching && state.active === place.target)
    ? place.target
    : undefined;
}
