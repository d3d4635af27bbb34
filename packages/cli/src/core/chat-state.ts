import {
  type ChatMessage,
  LIMITS,
  type Member,
  type ServerMessage,
  type ServerMessageOf,
  sameName,
} from 'aurora-protocol';
import type { ConnectionEvent, ConnectionStatus, Outgoing } from './connection-types.js';
import { type ChatItem, firstSeq, lastSeq, mergeMessages, messageOrder, type PendingItem } from './items.js';
import { mentions } from './mention.js';
import { dmPeer, dmTarget, isDmTarget } from './targets.js';

/** The target that holds notices when no room is open. */
export const HOME = '*';

/** Someone typing in a room, until `until` (ms since the epoch) unless renewed. */
export interface Typist {
  readonly nick: string;
  readonly until: number;
}

/** One room, direct conversation, or the home buffer. */
export interface TargetState {
  /** `dev`, `@bob` (canonical), or `*` for home. */
  readonly key: string;
  /** What to call it: `dev`, `Bob`, `aurora`. */
  readonly label: string;
  readonly kind: 'room' | 'dm' | 'home';
  readonly topic: string;
  readonly members: readonly Member[];
  readonly items: readonly ChatItem[];
  readonly pending: readonly PendingItem[];
  /** Older messages exist on the server. */
  readonly more: boolean;
  readonly loadingOlder: boolean;
  /** Who is typing, by canonical name. */
  readonly typing: Readonly<Record<string, Typist>>;
  readonly unread: number;
  readonly mentions: number;
}

/** Everything the interactive client shows, in one value. */
export interface ChatState {
  /** The nick the server knows this user by. */
  readonly me: string;
  readonly away: boolean;
  readonly status: ConnectionStatus;
  readonly targets: Readonly<Record<string, TargetState>>;
  /** Targets in the order the side panel lists them: home first, then rooms, then conversations. */
  readonly order: readonly string[];
  readonly current: string;
  /** A room the user asked to join, shown as soon as it is joined. */
  readonly selectOnJoin: string | undefined;
  readonly maxTextBytes: number;
  readonly typingExpiryMs: number;
  /** Counters the bell watches: mentions (and DMs) of this user, and every message from others. */
  readonly alerts: { readonly mentions: number; readonly messages: number };
}

/** Everything that changes the chat state. */
export type ChatAction =
  | { readonly type: 'connection'; readonly event: ConnectionEvent; readonly now: number }
  | { readonly type: 'sent'; readonly outgoing: Outgoing }
  | { readonly type: 'select'; readonly target: string }
  | { readonly type: 'select-relative'; readonly delta: number }
  | { readonly type: 'select-index'; readonly index: number }
  | { readonly type: 'open-dm'; readonly nick: string }
  | { readonly type: 'join-requested'; readonly room: string }
  | { readonly type: 'close-target'; readonly target: string }
  | { readonly type: 'notice'; readonly text: string; readonly tone: 'info' | 'error'; readonly now: number }
  | { readonly type: 'clear'; readonly target: string }
  | { readonly type: 'older-requested'; readonly target: string }
  | { readonly type: 'away'; readonly away: boolean }
  | { readonly type: 'tick'; readonly now: number };

/** The state before the first connection. */
export function initialChatState(me: string): ChatState {
  return {
    me,
    away: false,
    status: { state: 'connecting', attempt: 0 },
    targets: { [HOME]: emptyTarget(HOME, 'aurora', 'home') },
    order: [HOME],
    current: HOME,
    selectOnJoin: undefined,
    maxTextBytes: LIMITS.maxTextBytes,
    typingExpiryMs: LIMITS.typingExpiryMs,
    alerts: { mentions: 0, messages: 0 },
  };
}

/** The pure reducer of the interactive client. */
export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'connection':
      return onConnectionEvent(state, action.event, action.now);
    case 'sent': {
      const { target } = action.outgoing;
      const key = isDmTarget(target) ? dmTarget(dmPeer(target)) : target;
      return updateTarget(
        ensureTarget(state, key, isDmTarget(target) ? dmPeer(target) : target),
        key,
        (t) => ({
          pending: [...t.pending, { kind: 'pending', outgoing: action.outgoing, state: 'sending' }],
        }),
      );
    }
    case 'select':
      return select(state, action.target);
    case 'select-relative': {
      const at = state.order.indexOf(state.current);
      const n = state.order.length;
      return select(state, state.order[(((at + action.delta) % n) + n) % n]!);
    }
    case 'select-index':
      return select(state, state.order[action.index] ?? state.current);
    case 'open-dm':
      return select(ensureTarget(state, dmTarget(action.nick), action.nick), dmTarget(action.nick));
    case 'join-requested':
      return state.targets[action.room]
        ? select(state, action.room)
        : { ...state, selectOnJoin: action.room };
    case 'close-target':
      return removeTarget(state, action.target);
    case 'notice':
      return addNotice(state, state.current, action.text, action.tone, action.now);
    case 'clear':
      return updateTarget(state, action.target, () => ({ items: [], more: false }));
    case 'older-requested':
      return updateTarget(state, action.target, () => ({ loadingOlder: true }));
    case 'away':
      return { ...state, away: action.away };
    case 'tick':
      return expireTyping(state, action.now);
  }
}

function onConnectionEvent(state: ChatState, event: ConnectionEvent, now: number): ChatState {
  switch (event.type) {
    case 'status':
      return onStatus(state, event.status, now);
    case 'server':
      return onServerMessage(state, event.message, now);
    case 'bad-frame':
      return addNotice(
        state,
        state.current,
        `The server sent a frame this client cannot read: ${event.error.message}`,
        'error',
        now,
      );
    case 'send-failed':
      return updatePending(state, event.cid, (p) => ({ ...p, state: 'failed', note: event.message }));
    case 'send-delayed': {
      const seconds = Math.max(0, Math.ceil((event.retryAt - now) / 1000));
      return updatePending(state, event.cid, (p) => ({
        ...p,
        state: 'delayed',
        note: `${event.message}; retrying in ${seconds} s`,
      }));
    }
  }
}

function onStatus(state: ChatState, status: ConnectionStatus, now: number): ChatState {
  const next = { ...state, status };
  if (status.state === 'online') return { ...next, me: status.nick };
  if (status.state === 'refused')
    return addNotice(
      next,
      state.current,
      `${status.message} — choose another name with /nick NAME`,
      'error',
      now,
    );
  return next;
}

function onServerMessage(state: ChatState, message: ServerMessage, now: number): ChatState {
  switch (message.type) {
    case 'welcome':
      return {
        ...state,
        me: message.nick,
        maxTextBytes: message.limits.maxTextBytes,
        typingExpiryMs: message.limits.typingExpiryMs,
      };
    case 'joined':
      return onJoined(state, message, now);
    case 'left':
      return removeTarget(state, message.room);
    case 'message':
      return onMessage(state, message, now);
    case 'history':
      return onHistory(state, message);
    case 'ack':
      return onAck(state, message);
    case 'presence':
      return onPresence(state, message);
    case 'typing':
      return onTyping(state, message, now);
    case 'nick':
      return { ...state, me: message.nick };
    case 'rooms': {
      const list = message.rooms.map((r) => `${r.room} (${r.members})${r.topic ? ` — ${r.topic}` : ''}`);
      return addNotice(
        state,
        state.current,
        list.length ? `Rooms: ${list.join(', ')}` : 'No rooms yet.',
        'info',
        now,
      );
    }
    case 'members': {
      const next = updateTarget(state, message.room, () => ({ members: sortMembers(message.members) }));
      const names = sortMembers(message.members).map((m) => (m.away ? `${m.nick} (away)` : m.nick));
      return addNotice(
        next,
        state.current,
        `In ${message.room} (${names.length}): ${names.join(', ')}`,
        'info',
        now,
      );
    }
    case 'error':
      return onError(state, message, now);
    default:
      // resumed, pong, and anything newer this client does not show.
      return state;
  }
}

function onJoined(state: ChatState, message: ServerMessageOf<'joined'>, now: number): ChatState {
  const room = message.room;
  let next = ensureTarget(state, room);
  const target = next.targets[room]!;
  const known = lastSeq(target.items);
  const history = message.history.map((m) => toItem(next, m));
  let items = target.items;
  let reset = false;
  if (history.length > 0) {
    if (known !== undefined && message.seq < known) reset = true;
    else {
      const merged = mergeMessages(items, history);
      items = merged.items;
      reset = merged.reset;
    }
    if (reset) items = history;
  }
  const more = history.length > 0 || target.items.length === 0 ? message.more : target.more;
  next = updateTarget(next, room, () => ({
    topic: message.topic,
    members: sortMembers(message.members),
    items,
    more,
  }));
  if (reset)
    next = addNotice(next, room, 'The server no longer has the earlier messages of this room.', 'info', now);
  if (state.selectOnJoin === room || state.current === HOME)
    next = { ...select(next, room), selectOnJoin: undefined };
  return next;
}

function onMessage(state: ChatState, message: ChatMessage, now: number): ChatState {
  const key = targetOf(state, message);
  if (key === undefined) return state;
  const label = isDmTarget(key) ? dmLabel(state, message) : key;
  let next = ensureTarget(state, key, label);
  const item = toItem(next, message);
  const target = next.targets[key]!;
  const merged = mergeMessages(target.items, [item]);
  if (merged.added === 0) return state;
  const counts = !item.mine && message.kind !== 'system';
  const away = key !== next.current;
  const typing = { ...target.typing };
  if (message.kind !== 'system') delete typing[canonicalKey(message.from)];
  const event = message.event;
  next = updateTarget(next, key, (t) => ({
    ...(event?.kind === 'topic' ? { topic: event.topic } : {}),
    items: merged.items,
    more: t.items.length === 0 && isDmTarget(key) ? message.seq > 1 : t.more,
    pending: message.cid && item.mine ? t.pending.filter((p) => p.outgoing.cid !== message.cid) : t.pending,
    typing,
    unread: t.unread + (counts && away ? 1 : 0),
    mentions: t.mentions + (counts && away && item.mention ? 1 : 0),
  }));
  if (merged.reset)
    next = addNotice(next, key, 'The server no longer has the earlier messages here.', 'info', now);
  if (!counts) return next;
  return {
    ...next,
    alerts: {
      mentions: next.alerts.mentions + (item.mention ? 1 : 0),
      messages: next.alerts.messages + 1,
    },
  };
}

function onHistory(state: ChatState, message: ServerMessageOf<'history'>): ChatState {
  const key = isDmTarget(message.target) ? dmTarget(dmPeer(message.target)) : message.target;
  const target = state.targets[key];
  if (!target) return state;
  const merged = mergeMessages(
    target.items,
    message.messages.map((m) => toItem(state, m)),
  );
  return updateTarget(state, key, () => ({
    items: merged.reset ? target.items : merged.items,
    more: message.more,
    loadingOlder: false,
  }));
}

function onAck(state: ChatState, ack: ServerMessageOf<'ack'>): ChatState {
  for (const target of Object.values(state.targets)) {
    const pending = target.pending.find((p) => p.outgoing.cid === ack.cid);
    if (!pending) continue;
    const { kind, text } = pending.outgoing;
    const message: ChatMessage = {
      type: 'message',
      id: ack.id,
      seq: ack.seq,
      kind: kind === 'say' ? 'chat' : kind,
      ...(ack.to !== undefined ? { to: ack.to } : { room: ack.room ?? target.key }),
      from: state.me,
      text,
      ts: ack.ts,
      cid: ack.cid,
    };
    const merged = mergeMessages(target.items, [toItem(state, message)]);
    return updateTarget(state, target.key, (t) => ({
      items: merged.reset ? t.items : merged.items,
      pending: t.pending.filter((p) => p !== pending),
    }));
  }
  return state;
}

function onPresence(state: ChatState, presence: ServerMessageOf<'presence'>): ChatState {
  const { room, nick } = presence;
  return updateTarget(state, room, (t) => {
    const others = (name: string) => t.members.filter((m) => !sameName(m.nick, name));
    switch (presence.event) {
      case 'join':
        return { members: sortMembers([...others(nick), { nick, away: false }]) };
      case 'leave': {
        const typing = { ...t.typing };
        delete typing[canonicalKey(nick)];
        return { members: others(nick), typing };
      }
      case 'rename': {
        const old = t.members.find((m) => sameName(m.nick, presence.from ?? ''));
        const renamed = { ...(old ?? { away: false }), nick };
        return {
          members: sortMembers([
            ...others(presence.from ?? nick).filter((m) => !sameName(m.nick, nick)),
            renamed,
          ]),
        };
      }
      case 'away':
      case 'back':
        return {
          members: t.members.map((m) =>
            sameName(m.nick, nick)
              ? presence.event === 'away'
                ? { nick: m.nick, away: true, ...(presence.status ? { status: presence.status } : {}) }
                : { nick: m.nick, away: false }
              : m,
          ),
        };
    }
  });
}

function onTyping(state: ChatState, typing: ServerMessageOf<'typing'>, now: number): ChatState {
  if (sameName(typing.nick, state.me)) return state;
  return updateTarget(state, typing.room, (t) => {
    const next = { ...t.typing };
    if (typing.active)
      next[canonicalKey(typing.nick)] = { nick: typing.nick, until: now + state.typingExpiryMs };
    else delete next[canonicalKey(typing.nick)];
    return { typing: next };
  });
}

function onError(state: ChatState, error: ServerMessageOf<'error'>, now: number): ChatState {
  if (state.status.state === 'refused') return state; // already said, with what to do next
  // A failed history request must not leave its target waiting for ever.
  for (const target of Object.values(state.targets))
    if (target.loadingOlder) state = updateTarget(state, target.key, () => ({ loadingOlder: false }));
  const where = error.room && state.targets[error.room] ? error.room : state.current;
  const next =
    state.selectOnJoin && error.room === state.selectOnJoin ? { ...state, selectOnJoin: undefined } : state;
  return addNotice(next, where, `${error.message} (${error.code})`, 'error', now);
}

function expireTyping(state: ChatState, now: number): ChatState {
  let next = state;
  for (const target of Object.values(state.targets)) {
    const live = Object.entries(target.typing).filter(([, t]) => t.until > now);
    if (live.length !== Object.keys(target.typing).length)
      next = updateTarget(next, target.key, () => ({ typing: Object.fromEntries(live) }));
  }
  return next;
}

function select(state: ChatState, key: string): ChatState {
  if (!state.targets[key]) return state;
  return updateTarget({ ...state, current: key }, key, () => ({ unread: 0, mentions: 0 }));
}

function removeTarget(state: ChatState, key: string): ChatState {
  if (key === HOME || !state.targets[key]) return state;
  const { [key]: _removed, ...targets } = state.targets;
  const order = state.order.filter((k) => k !== key);
  const at = state.order.indexOf(key);
  let current = state.current;
  if (current === key) {
    current = order[at] ?? order[at - 1] ?? HOME;
    if (current === HOME) current = order.find((k) => k !== HOME) ?? HOME;
  }
  return select({ ...state, targets, order, current }, current);
}

function updatePending(state: ChatState, cid: string, change: (p: PendingItem) => PendingItem): ChatState {
  const target = Object.values(state.targets).find((t) => t.pending.some((p) => p.outgoing.cid === cid));
  if (!target) return state;
  return updateTarget(state, target.key, (t) => ({
    pending: t.pending.map((p) => (p.outgoing.cid === cid ? change(p) : p)),
  }));
}

/** Adds a local notice after the last item of a target. */
function addNotice(
  state: ChatState,
  key: string,
  text: string,
  tone: 'info' | 'error',
  now: number,
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
  };
  return updateTarget(state, target.key, (t) => ({ items: [...t.items, notice] }));
}

function toItem(state: ChatState, message: ChatMessage): Extract<ChatItem, { kind: 'message' }> {
  const mine = message.kind !== 'system' && sameName(message.from, state.me);
  const mention =
    !mine &&
    (message.kind === 'dm' ||
      ((message.kind === 'chat' || message.kind === 'action') && mentions(message.text, state.me)));
  return { kind: 'message', order: messageOrder(message.seq), message, mine, mention };
}

/** Which target a message belongs to: its room, or the conversation with the other person. */
function targetOf(state: ChatState, message: ChatMessage): string | undefined {
  if (message.kind === 'dm') {
    const peer = sameName(message.from, state.me) ? message.to : message.from;
    return peer === undefined ? undefined : dmTarget(peer);
  }
  return message.room;
}

function dmLabel(state: ChatState, message: ChatMessage): string {
  return (sameName(message.from, state.me) ? message.to : message.from) ?? message.from;
}

function ensureTarget(state: ChatState, key: string, label?: string): ChatState {
  if (state.targets[key]) return state;
  const kind = isDmTarget(key) ? 'dm' : 'room';
  const target = emptyTarget(key, label ?? (kind === 'dm' ? dmPeer(key) : key), kind);
  const rooms = state.order.filter((k) => k !== HOME && !isDmTarget(k));
  const dms = state.order.filter((k) => isDmTarget(k));
  const order = kind === 'dm' ? [HOME, ...rooms, ...dms, key] : [HOME, ...rooms, key, ...dms];
  return { ...state, targets: { ...state.targets, [key]: target }, order };
}

function emptyTarget(key: string, label: string, kind: TargetState['kind']): TargetState {
  return {
    key,
    label,
    kind,
    topic: '',
    members: [],
    items: [],
    pending: [],
    more: false,
    loadingOlder: false,
    typing: {},
    unread: 0,
    mentions: 0,
  };
}

function updateTarget(
  state: ChatState,
  key: string,
  change: (target: TargetState) => Partial<TargetState>,
): ChatState {
  const target = state.targets[key];
  if (!target) return state;
  return { ...state, targets: { ...state.targets, [key]: { ...target, ...change(target) } } };
}

function sortMembers(members: readonly Member[]): Member[] {
  return [...members].sort((a, b) => a.nick.localeCompare(b.nick, 'en', { sensitivity: 'base' }));
}

function canonicalKey(nick: string): string {
  return dmTarget(nick).slice(1);
}

/** True when the target has older messages to page in and is not already paging. */
export function canLoadOlder(target: TargetState): boolean {
  return (
    target.more && !target.loadingOlder && target.kind !== 'home' && firstSeq(target.items) !== undefined
  );
}
