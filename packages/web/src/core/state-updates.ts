import { type ChatMessage, mentions, sameName } from 'aurora-protocol';
import { type ChatState, newTarget, type TargetState } from './chat-state.js';
import { placeMessage, type TargetKey } from './targets.js';
import { appendNotice, mergeMessages, type NoticeTone } from './timeline.js';

// Small state updates shared by the reducer's parts.

/** Most lines one conversation keeps; older ones are dropped as new ones arrive (and can be paged). */
export const MAX_ENTRIES = 3000;

/** Adds stored messages to their conversations; `live` ones count as unread where nobody is looking. */
export function addMessages(
  state: ChatState,
  messages: readonly ChatMessage[],
  mode: 'live' | 'history',
): ChatState {
  let next = state;
  for (const message of messages) {
    const place = placeMessage(message, next.me);
    if (!place) continue;
    const existing = next.targets[place.key];
    if (!existing && !place.isDm) continue;
    const target = existing ?? newTarget(place.key, place.name);
    const merged = mergeMessages(target.entries, [message]);
    if (merged === target.entries) continue;
    // A page left open in a busy room keeps the newest messages; scrolling up fetches the rest again.
    const trimmed = mode === 'live' && merged.length > MAX_ENTRIES;
    const entries = trimmed ? merged.slice(-MAX_ENTRIES) : merged;
    const fromMe = next.me !== undefined && sameName(message.from, next.me);
    const seen = next.visible && next.active === place.key;
    const counts = mode === 'live' && !fromMe && !seen && message.kind !== 'system';
    next = {
      ...next,
      targets: {
        ...next.targets,
        [place.key]: {
          ...target,
          entries,
          cursor: Math.max(target.cursor, message.seq),
          unread: target.unread + (counts ? 1 : 0),
          mentions: target.mentions + (counts && mentionsMe(message, next.me) ? 1 : 0),
          typing: without(target.typing, message.from),
          // Only live notices move the topic: an older page of history would bring back a stale one.
          topic: mode === 'live' && message.event?.kind === 'topic' ? message.event.topic : target.topic,
          // A conversation opened by a message has older history when it did not start here.
          hasOlder: trimmed || (existing ? target.hasOlder : message.seq > 1),
        },
      },
      order: existing ? next.order : [...next.order, place.key],
      pending: fromMe && message.cid ? next.pending.filter((p) => p.cid !== message.cid) : next.pending,
    };
  }
  return next;
}

/** Whether a message calls for the user: every direct message, and chat that mentions them. */
export function mentionsMe(message: ChatMessage, me: string | undefined): boolean {
  if (message.kind === 'dm') return true;
  if (me === undefined || (message.kind !== 'chat' && message.kind !== 'action')) return false;
  return mentions(message.text, me);
}

/** Adds a local notice to a conversation (the active one when `key` is undefined or gone). */
export function addNotice(
  state: ChatState,
  key: TargetKey | undefined,
  text: string,
  tone: NoticeTone,
): ChatState {
  const where = key !== undefined && state.targets[key] ? key : state.active;
  if (where === undefined) return state;
  const order = state.noticeCount + 1;
  const next = updateTarget(state, where, (t) => ({
    ...t,
    entries: appendNotice(t.entries, text, tone, order),
  }));
  return { ...next, noticeCount: order };
}

/** Replaces one target through `update`; returns the same state when the target does not exist. */
export function updateTarget(
  state: ChatState,
  key: TargetKey,
  update: (target: TargetState) => TargetState,
): ChatState {
  const target = state.targets[key];
  if (!target) return state;
  const updated = update(target);
  return updated === target ? state : { ...state, targets: { ...state.targets, [key]: updated } };
}

/** Replaces every target through `update`, keeping the state when none changed. */
export function mapTargets(state: ChatState, update: (target: TargetState) => TargetState): ChatState {
  let changed = false;
  const targets: Record<TargetKey, TargetState> = {};
  for (const [key, target] of Object.entries(state.targets)) {
    const updated = update(target);
    changed ||= updated !== target;
    targets[key] = updated;
  }
  return changed ? { ...state, targets } : state;
}

/** Removes a room or conversation, switching to a neighbour when it was on screen. */
export function removeTarget(state: ChatState, key: TargetKey): ChatState {
  if (!state.targets[key]) return state;
  const { [key]: _removed, ...targets } = state.targets;
  const index = state.order.indexOf(key);
  const order = state.order.filter((k) => k !== key);
  const active = state.active === key ? (order[Math.max(0, index - 1)] ?? order[0]) : state.active;
  const pending = state.pending.filter((p) => p.target !== key);
  return { ...state, targets, order, active, pending };
}

/** `typing` without `nick`; the same object when `nick` was not typing. */
export function without(
  typing: Readonly<Record<string, number>>,
  nick: string,
): Readonly<Record<string, number>> {
  if (!(nick in typing)) return typing;
  const { [nick]: _gone, ...rest } = typing;
  return rest;
}
