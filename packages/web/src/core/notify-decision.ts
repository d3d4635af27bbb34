import { attentionOf, messagePlace } from 'aurora-client';
import { type ChatMessage, sameName } from 'aurora-protocol';
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
  if (me === undefined || message.kind === 'system') return undefined;
  // A webhook may post under the person's name; its messages are never theirs.
  if (!message.bot && sameName(message.from, me)) return undefined;
  const place = messagePlace(message, me);
  if (!place) return undefined;
  const known = state.targets.get(place.target);
  if (known ? message.seq <= known.cursor : !place.isDm) return undefined;
  if (watching && state.active === place.target) return undefined;
  const mention = mentionsMe(message, me, prefs.keywords);
  return attentionOf(prefs, place.target, mention, now).calls ? place.target : undefined;
}
