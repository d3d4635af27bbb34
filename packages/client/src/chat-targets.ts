import { canonicalName, type Member } from 'aurora-protocol';
import type { ChatState, TargetState } from './chat-state.js';
import { ItemList } from './item-list.js';
import type { ChatItem, ListTerm, PendingItem } from './items.js';
import { remoteKeyed, withEntry, withoutEntry } from './remote-keyed.js';
import { dmPeer, HOME, isDmTarget } from './targets.js';
import { withinBudget } from './transcript-budget.js';

// Helpers that change one target of the chat state, shared by the reducer and the server handlers.

/** Drops typing indicators that were not renewed in time. */
export function expireTyping(state: ChatState, now: number): ChatState {
  let next = state;
  for (const target of Object.values(state.targets)) {
    const live = Object.entries(target.typing).filter(([, t]) => t.until > now);
    if (live.length !== Object.keys(target.typing).length)
      next = updateTarget(next, target.key, () => ({ typing: remoteKeyed(live) }));
  }
  return next;
}

/** Shows a target and marks it read. */
export function select(state: ChatState, key: string): ChatState {
  if (!state.targets[key]) return state;
  // Out of sight (a hidden browser tab), showing a target reads nothing yet; showing the view does.
  if (!state.visible) return { ...state, current: key };
  return updateTarget({ ...state, current: key }, key, () => ({ unread: 0, mentions: 0 }));
}

/** Forgets a target (left or closed) and shows a neighbour if it was shown. */
export function removeTarget(state: ChatState, key: string): ChatState {
  if (key === HOME || !state.targets[key]) return state;
  const targets = withoutEntry(state.targets, key);
  const order = state.order.filter((k) => k !== key);
  const at = state.order.indexOf(key);
  let current = state.current;
  if (current === key) {
    current = order[at] ?? order[at - 1] ?? HOME;
    if (current === HOME) current = order.find((k) => k !== HOME) ?? HOME;
  }
  return select({ ...state, targets, order, current }, current);
}

/**
 * The user left a room. It stays open until the server confirms, which waits for the lines the user
 * sent there: they are still on screen, pending, and the user sees them go out before the room closes.
 */
export function markLeaving(state: ChatState, room: string, now: number): ChatState {
  const target = state.targets[room];
  if (!target || target.leaving) return state;
  const next = updateTarget(state, room, () => ({ leaving: true }));
  const unsent = unsentLines(target);
  if (unsent === 0) return next;
  return addNotice(next, room, leavingText(room, unsent), 'info', now);
}

/** What a client says when a leave waits for `unsent` lines to the room (more than none). */
export function leavingText(room: string, unsent: number): string {
  const lines = unsent === 1 ? 'unsent line is' : `${unsent} unsent lines are`;
  return `Leaving ${room} once your ${lines} delivered; /join ${room} to stay.`;
}

/** How many lines sent to a target still wait for the server (refused ones no longer do). */
export function unsentLines(target: TargetState): number {
  return target.pending.filter((p) => p.state !== 'failed').length;
}

/**
 * The server confirmed a leave: the room closes, unless the user joined it again meanwhile (the
 * `joined` that answers that join follows). Lines refused for good while it waited were on the
 * closing screen only, so they are mentioned where the user lands.
 */
export function closeLeftRoom(state: ChatState, room: string, now: number): ChatState {
  const target = state.targets[room];
  if (target && !target.leaving) return state;
  const failed = target ? target.pending.filter((p) => p.state === 'failed') : [];
  const next = removeTarget(state, room);
  const first = failed[0];
  if (!first) return next;
  const count = failed.length === 1 ? 'one line' : `${failed.length} lines`;
  const why = first.note ? ` (${first.note})` : '';
  return addNotice(
    next,
    next.current,
    `Left ${room}; ${count} you sent there could not be delivered${why}.`,
    'error',
    now,
  );
}

/** Changes the pending message with `cid`, wherever it is; a change to undefined removes it. */
export function updatePending(
  state: ChatState,
  cid: string,
  change: (p: PendingItem) => PendingItem | undefined,
): ChatState {
  const target = Object.values(state.targets).find((t) => t.pending.some((p) => p.outgoing.cid === cid));
  if (!target) return state;
  return updateTarget(state, target.key, (t) => ({
    pending: t.pending.flatMap((p) => (p.outgoing.cid === cid ? (change(p) ?? []) : [p])),
  }));
}

/** Adds a local notice after the last item of a target. */
export function addNotice(
  state: ChatState,
  key: string,
  text: string,
  tone: 'info' | 'error',
  now: number,
  term?: ListTerm,
): ChatState {
  const target = state.targets[key] ?? state.targets[HOME]!;
  const order = (target.items.at(-1)?.order ?? 0) + 1;
  const notice: ChatItem = {
    kind: 'notice',
    order,
    id: `notice:${key}:${order}:${now}`,
    ts: now,
    text,
    tone,
    ...(term ? { term } : {}),
  };
  return withinBudget(
    updateTarget(state, target.key, (t) => ({ items: t.items.append([notice]) })),
    target.key,
  );
}

/** Adds a target if it is new: rooms before conversations, in the order they came. */
export function ensureTarget(state: ChatState, key: string, label?: string): ChatState {
  if (state.targets[key]) return state;
  const kind = isDmTarget(key) ? 'dm' : 'room';
  const target = emptyTarget(key, label ?? (kind === 'dm' ? dmPeer(key) : key), kind);
  const rooms = state.order.filter((k) => k !== HOME && !isDmTarget(k));
  const dms = state.order.filter((k) => isDmTarget(k));
  const order = kind === 'dm' ? [HOME, ...rooms, ...dms, key] : [HOME, ...rooms, key, ...dms];
  return { ...state, targets: withEntry(state.targets, key, target), order };
}

/** A target with nothing in it yet. */
export function emptyTarget(key: string, label: string, kind: TargetState['kind']): TargetState {
  return {
    key,
    label,
    kind,
    topic: '',
    members: [],
    items: ItemList.empty,
    pending: [],
    more: false,
    loadingOlder: false,
    typing: remoteKeyed(),
    unread: 0,
    mentions: 0,
    readSeq: 0,
    countedSeq: 0,
    leaving: false,
  };
}

/** Changes one target, leaving the state as it was when the target does not exist. */
export function updateTarget(
  state: ChatState,
  key: string,
  change: (target: TargetState) => Partial<TargetState>,
): ChatState {
  const target = state.targets[key];
  if (!target) return state;
  return { ...state, targets: withEntry(state.targets, key, { ...target, ...change(target) }) };
}

/** Members sorted by name, ignoring case. */
export function sortMembers(members: readonly Member[]): Member[] {
  return [...members].sort((a, b) => a.nick.localeCompare(b.nick, 'en', { sensitivity: 'base' }));
}

/** The key typing indicators are kept under for a nick. */
export function canonicalKey(nick: string): string {
  return canonicalName(nick);
}
