import {
  type ChatMessage,
  type Member,
  type ServerMessage,
  type ServerMessageOf,
  sameName,
} from 'aurora-protocol';
import { type ChatState, newTarget, type PendingMessage, type TargetState } from './chat-state.js';
import { COMMAND_REFS } from './command-refs.js';
import { keyOfWireTarget, placeMessage, roomKey, type TargetKey } from './targets.js';
import { appendNotice, latestSeq, mergeMessages, type NoticeTone } from './timeline.js';

/** Applies one frame from the server to the chat state. Unknown situations leave the state as it was. */
export function applyServerMessage(state: ChatState, message: ServerMessage, now: number): ChatState {
  switch (message.type) {
    case 'welcome':
      return {
        ...state,
        screen: 'chat',
        me: message.nick,
        wanted: { ...state.wanted, nick: message.nick },
        limits: { ...state.limits, ...message.limits },
      };
    case 'joined':
      return onJoined(state, message);
    case 'left':
      return removeTarget(state, roomKey(message.room));
    case 'message':
      return addMessages(state, [message], 'live');
    case 'resumed':
      return updateTarget(state, keyOfWireTarget(message.target), (t) => ({
        ...t,
        cursor: Math.max(t.cursor, message.seq),
      }));
    case 'ack':
      return onAck(state, message);
    case 'history':
      return onHistory(state, message);
    case 'presence':
      return updateTarget(state, roomKey(message.room), (t) => ({
        ...t,
        members: updateMembers(t.members, message),
        typing:
          message.event === 'leave' || message.event === 'rename'
            ? without(t.typing, message.from ?? message.nick)
            : t.typing,
      }));
    case 'typing':
      return onTyping(state, message, now);
    case 'nick':
      return { ...state, me: message.nick, wanted: { ...state.wanted, nick: message.nick } };
    case 'members':
      return onMembers(state, message);
    case 'rooms':
      return addNotice(state, state.active, roomListText(message.rooms), 'info');
    case 'error':
      return onError(state, message, now);
    default:
      // `pong`, and anything this client does not use, changes nothing on screen.
      return state;
  }
}

function onJoined(state: ChatState, joined: ServerMessageOf<'joined'>): ChatState {
  const key = roomKey(joined.room);
  const existing = state.targets[key];
  const base = existing ?? newTarget(key, joined.room);
  const entries = mergeMessages(base.entries, joined.history);
  const target: TargetState = {
    ...base,
    topic: joined.topic,
    members: joined.members,
    entries,
    // A fresh join knows everything up to joined.seq; a resume learns what it missed from the replay.
    cursor: existing ? Math.max(base.cursor, latestSeq(entries)) : Math.max(joined.seq, latestSeq(entries)),
    hasOlder: existing && existing.entries.length > 0 ? existing.hasOlder : joined.more,
    joined: true,
  };
  const focus = state.focusOnJoin === joined.room || state.active === undefined;
  return {
    ...state,
    targets: { ...state.targets, [key]: target },
    order: existing ? state.order : [...state.order, key],
    wanted: { ...state.wanted, rooms: state.wanted.rooms.filter((room) => room !== joined.room) },
    ...(focus ? { active: key, focusOnJoin: undefined } : {}),
  };
}

/** Adds stored messages to their conversations; `live` ones count as unread where nobody is looking. */
function addMessages(
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
    const entries = mergeMessages(target.entries, [message]);
    if (entries === target.entries) continue;
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
          typing: without(target.typing, message.from),
          // Only live notices move the topic: an older page of history would bring back a stale one.
          topic: mode === 'live' && message.event?.kind === 'topic' ? message.event.topic : target.topic,
          // A conversation opened by a message has older history when it did not start here.
          hasOlder: existing ? target.hasOlder : message.seq > 1,
        },
      },
      order: existing ? next.order : [...next.order, place.key],
      pending: fromMe && message.cid ? next.pending.filter((p) => p.cid !== message.cid) : next.pending,
    };
  }
  return next;
}

/** The server stored a message we sent: it becomes an ordinary message, shown once. */
function onAck(state: ChatState, ack: ServerMessageOf<'ack'>): ChatState {
  const pending = state.pending.find((p) => p.cid === ack.cid);
  if (!pending || state.me === undefined) return state;
  const target = state.targets[pending.target];
  const stored: ChatMessage = {
    type: 'message',
    id: ack.id,
    seq: ack.seq,
    kind: pending.kind,
    ...(target?.isDm ? { to: target.name } : { room: ack.room ?? target?.name }),
    from: state.me,
    text: pending.text,
    ts: ack.ts,
    cid: ack.cid,
  };
  const next = addMessages(state, [stored], 'history');
  return { ...next, pending: next.pending.filter((p) => p.cid !== ack.cid) };
}

function onHistory(state: ChatState, page: ServerMessageOf<'history'>): ChatState {
  const key = keyOfWireTarget(page.target);
  if (!state.targets[key]) return state;
  const next = addMessages(state, page.messages, 'history');
  return updateTarget(next, key, (t) => ({ ...t, hasOlder: page.more, loadingOlder: false }));
}

function onTyping(state: ChatState, notice: ServerMessageOf<'typing'>, now: number): ChatState {
  if (state.me !== undefined && sameName(notice.nick, state.me)) return state;
  return updateTarget(state, roomKey(notice.room), (t) => ({
    ...t,
    typing: notice.active
      ? { ...t.typing, [notice.nick]: now + state.limits.typingExpiryMs }
      : without(t.typing, notice.nick),
  }));
}

function onMembers(state: ChatState, list: ServerMessageOf<'members'>): ChatState {
  const next = updateTarget(state, roomKey(list.room), (t) => ({ ...t, members: list.members }));
  if (list.ref !== COMMAND_REFS.who) return next;
  const names = list.members.map((m) => (m.away ? `${m.nick} (away)` : m.nick)).join(', ');
  return addNotice(next, roomKey(list.room), `Members of #${list.room}: ${names}`, 'info');
}

const RETRY_LATER = new Set(['rate_limited']);

function onError(state: ChatState, error: ServerMessageOf<'error'>, now: number): ChatState {
  let next = state;
  if (error.ref === COMMAND_REFS.history) {
    // Without this, a page that is not full would ask again at once, forever.
    next = mapTargets(next, (t) => (t.loadingOlder ? { ...t, loadingOlder: false, hasOlder: false } : t));
  }
  if (error.ref === COMMAND_REFS.join) next = { ...next, focusOnJoin: undefined };
  const pending = error.cid === undefined ? undefined : next.pending.find((p) => p.cid === error.cid);
  if (pending) {
    const update: PendingMessage = RETRY_LATER.has(error.code)
      ? { ...pending, inFlight: false, retryAt: now + (error.retryAfterMs ?? 1000) }
      : { ...pending, inFlight: false, failure: error.message };
    return { ...next, pending: next.pending.map((p) => (p === pending ? update : p)) };
  }
  const where =
    error.room !== undefined && next.targets[roomKey(error.room)] ? roomKey(error.room) : next.active;
  return addNotice(next, where, error.message, 'error');
}

function updateMembers(members: readonly Member[], presence: ServerMessageOf<'presence'>): readonly Member[] {
  const others = (nick: string) => members.filter((m) => !sameName(m.nick, nick));
  const status = presence.status === undefined ? {} : { status: presence.status };
  switch (presence.event) {
    case 'join':
      return [...others(presence.nick), { nick: presence.nick, away: false }];
    case 'leave':
      return others(presence.nick);
    case 'rename': {
      const old = members.find((m) => sameName(m.nick, presence.from ?? ''));
      return [
        ...others(presence.from ?? presence.nick),
        { ...(old ?? { away: false }), nick: presence.nick },
      ];
    }
    case 'away':
      return members.map((m) =>
        sameName(m.nick, presence.nick) ? { nick: m.nick, away: true, ...status } : m,
      );
    case 'back':
      return members.map((m) => (sameName(m.nick, presence.nick) ? { nick: m.nick, away: false } : m));
  }
}

function roomListText(rooms: ServerMessageOf<'rooms'>['rooms']): string {
  if (rooms.length === 0) return 'There are no rooms yet. Type /join #name to open one.';
  const lines = rooms.map((r) => `#${r.room} (${r.members} online)${r.topic ? ` — ${r.topic}` : ''}`);
  return `Rooms:\n${lines.join('\n')}`;
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

function without(typing: Readonly<Record<string, number>>, nick: string): Readonly<Record<string, number>> {
  if (!(nick in typing)) return typing;
  const { [nick]: _gone, ...rest } = typing;
  return rest;
}
