import { attentionOf, messagePlace } from 'aurora-client';
import { type ChatMessage, isMessageEvent, mentions, sameName } from 'aurora-protocol';
import { type ChatState, newTarget, type TargetKey, type TargetState } from './chat-state.js';
import { appendNotice, mergeMessages, type NoticeTone, startsOver, type TimelineEntry } from './timeline.js';

// Small state updates shared by the reducer's parts.

/** Most lines one conversation keeps; older ones are dropped as new ones arrive (and can be paged). */
export const MAX_ENTRIES = 3000;

/**
 * Most text one conversation keeps from live messages and notices, in UTF-16 code units (about
 * 1 MB): with `MAX_ENTRIES` and `MAX_MESSAGE_TEXT` it bounds what a flood of long messages can hold.
 */
export const MAX_TARGET_TEXT = 500_000;

/**
 * Most rooms and conversations the page keeps (a connection is in at most 64 rooms): with
 * `MAX_TARGET_TEXT`, what a server that floods direct messages from new names can make it hold.
 */
export const MAX_TARGETS = 100;

/**
 * Adds stored messages to their conversations; `live` ones count as unread where nobody is looking,
 * and as mentions by the preferences at `now` (only live ones look at the clock).
 */
export function addMessages(
  state: ChatState,
  messages: readonly ChatMessage[],
  mode: 'live' | 'history',
  now = 0,
): ChatState {
  let next = state;
  const hidden = hiddenBy(state);
  for (const message of messages) {
    const place = messagePlace(message, next.me);
    if (!place) continue;
    const existing = next.targets.get(place.target);
    if (!existing && (!place.isDm || ignores(next, place.name))) continue;
    if (!existing) {
      const roomy = withRoomForOne(next);
      if (!roomy) continue;
      next = roomy;
    }
    const found = existing ?? newTarget(place.target, place.name);
    const over = startsOver(found.entries, [message]);
    const target = over ? { ...found, entries: [], cursor: 0, hasOlder: message.seq > 1 } : found;
    const merged = mergeMessages(target.entries, [message], hidden);
    if (merged === target.entries) continue;
    // A page left open in a busy room keeps the newest messages; scrolling up fetches the rest again.
    const entries = mode === 'live' ? newestWithinBounds(merged) : merged;
    const trimmed = entries !== merged;
    const fromMe = next.me !== undefined && !message.bot && sameName(message.from, next.me);
    const seen = next.visible && next.active === place.target;
    const event = isMessageEvent(message);
    const counts =
      mode === 'live' && !fromMe && !seen && !event && message.kind !== 'system' && !hidden(message);
    next = {
      ...next,
      targets: withTarget(next.targets, place.target, {
        ...target,
        entries,
        cursor: Math.max(target.cursor, message.seq),
        unread: target.unread + (counts ? 1 : 0),
        mentions: target.mentions + (counts && highlights(next, place.target, message, now) ? 1 : 0),
        typing: event ? target.typing : without(target.typing, message.from),
        // Only live notices move the topic: an older page of history would bring back a stale one.
        topic: mode === 'live' && message.event?.kind === 'topic' ? message.event.topic : target.topic,
        // A conversation opened by a message has older history when it did not start here.
        hasOlder: trimmed || (existing ? target.hasOlder : message.seq > 1),
      }),
      order: existing ? next.order : [...next.order, place.target],
      pending: fromMe && message.cid ? next.pending.filter((p) => p.cid !== message.cid) : next.pending,
    };
    if (over) next = addNotice(next, place.target, STARTED_OVER, 'info');
  }
  return next;
}

/**
 * Whether a message is from someone the account ignores (by the protocol's name rule, as
 * `isIgnored`); their notices (join, leave) still show. Such messages are kept hidden: they count and ring nowhere.
 */
export function hiddenBy(state: ChatState): (message: ChatMessage) => boolean {
  return (m) => m.kind !== 'system' && ignores(state, m.from);
}

/** Whether the account ignores `nick`. */
export function ignores(state: ChatState, nick: string): boolean {
  return state.prefs.ignored.some((name) => sameName(name, nick));
}

/** Said where the server's history started over and what was shown before it is gone from view. */
export const STARTED_OVER = 'The server no longer has the earlier messages here.';

/** The newest entries that fit `MAX_ENTRIES` and `MAX_TARGET_TEXT`; `entries` itself when all fit. */
function newestWithinBounds(entries: readonly TimelineEntry[]): readonly TimelineEntry[] {
  let text = 0;
  let start = entries.length;
  while (start > 0 && entries.length - start < MAX_ENTRIES) {
    const entry = entries[start - 1]!;
    text += entry.type === 'message' ? entry.message.text.length : entry.text.length;
    if (text > MAX_TARGET_TEXT && start < entries.length) break;
    start--;
  }
  return start === 0 ? entries : entries.slice(start);
}

/**
 * `state` with space for one more room or conversation: when it holds `MAX_TARGETS`, the direct
 * conversation open longest that is not on screen and holds nothing unsent is closed (its history
 * stays on the server). Undefined when none can go.
 */
export function withRoomForOne(state: ChatState): ChatState | undefined {
  if (state.targets.size < MAX_TARGETS) return state;
  const unsent = new Set(state.pending.map((p) => p.target));
  const closable = state.order.find(
    (key) => key !== state.active && state.targets.get(key)?.isDm && !unsent.has(key),
  );
  return closable === undefined ? undefined : removeTarget(state, closable);
}

/**
 * Whether a message calls for the user: every direct message, and chat that mentions them or one of
 * their highlight `keywords`.
 */
export function mentionsMe(
  message: ChatMessage,
  me: string | undefined,
  keywords?: readonly string[],
): boolean {
  if (message.kind === 'dm') return true;
  if (me === undefined || (message.kind !== 'chat' && message.kind !== 'action')) return false;
  return mentions(message.text, me, keywords);
}

/** Whether a message marks `target` with `!`: a mention, outside a muted target (the engine's rule). */
export function highlights(state: ChatState, target: TargetKey, message: ChatMessage, now: number): boolean {
  return attentionOf(state.prefs, target, mentionsMe(message, state.me, state.prefs.keywords), now).highlight;
}

/** Adds a local notice to a conversation (the active one when `key` is undefined or gone). */
export function addNotice(
  state: ChatState,
  key: TargetKey | undefined,
  text: string,
  tone: NoticeTone,
): ChatState {
  const where = key !== undefined && state.targets.has(key) ? key : state.active;
  if (where === undefined) return state;
  const order = state.noticeCount + 1;
  const next = updateTarget(state, where, (t) => {
    const added = appendNotice(t.entries, text, tone, order);
    // A server that floods errors must not grow the conversation without end either.
    const entries = newestWithinBounds(added);
    return { ...t, entries, hasOlder: t.hasOlder || entries !== added };
  });
  return { ...next, noticeCount: order };
}

/** Replaces one target through `update`; returns the same state when the target does not exist. */
export function updateTarget(
  state: ChatState,
  key: TargetKey,
  update: (target: TargetState) => TargetState,
): ChatState {
  const target = state.targets.get(key);
  if (!target) return state;
  const updated = update(target);
  return updated === target ? state : { ...state, targets: withTarget(state.targets, key, updated) };
}

/** A copy of `targets` with `key` set to `target`; the state is never changed in place. */
export function withTarget(
  targets: ReadonlyMap<TargetKey, TargetState>,
  key: TargetKey,
  target: TargetState,
): ReadonlyMap<TargetKey, TargetState> {
  return new Map(targets).set(key, target);
}

/** Replaces every target through `update`, keeping the state when none changed. */
export function mapTargets(state: ChatState, update: (target: TargetState) => TargetState): ChatState {
  let changed = false;
  const targets = new Map<TargetKey, TargetState>();
  for (const [key, target] of state.targets) {
    const updated = update(target);
    changed ||= updated !== target;
    targets.set(key, updated);
  }
  return changed ? { ...state, targets } : state;
}

/** Removes a room or conversation, switching to a neighbour when it was on screen. */
export function removeTarget(state: ChatState, key: TargetKey): ChatState {
  if (!state.targets.has(key)) return state;
  const targets = new Map(state.targets);
  targets.delete(key);
  const index = state.order.indexOf(key);
  const order = state.order.filter((k) => k !== key);
  const active = state.active === key ? (order[Math.max(0, index - 1)] ?? order[0]) : state.active;
  const pending = state.pending.filter((p) => p.target !== key);
  return { ...state, targets, order, active, pending };
}

/** `typing` without `nick`; the same map when `nick` was not typing. */
export function without(typing: ReadonlyMap<string, number>, nick: string): ReadonlyMap<string, number> {
  if (!typing.has(nick)) return typing;
  const rest = new Map(typing);
  rest.delete(nick);
  return rest;
}
