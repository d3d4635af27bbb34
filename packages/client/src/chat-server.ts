import {
  type ChatMessage,
  isIgnored,
  isMessageEvent,
  type Member,
  mentions,
  type RoomSettings,
  type ServerMessage,
  type ServerMessageOf,
  sameName,
} from 'aurora-protocol';
import {
  onAccountDeleted,
  onAuth,
  onDigest,
  onLoggedOut,
  onPasswordChanged,
  onReadMarker,
  unreadOnJoin,
} from './chat-account.js';
import type { ChatState } from './chat-state.js';
import {
  addNotice,
  canonicalKey,
  closeLeftRoom,
  ensureTarget,
  select,
  sortMembers,
  updateTarget,
} from './chat-targets.js';
import { ItemList } from './item-list.js';
import { lastSeq, type MessageItem, mergeMessages, messageItem } from './items.js';
import { onMembers } from './member-pages.js';
import { foldEvents } from './message-events.js';
import { onBans, onInvites, onModerated, onModes, onRemoved, withRoleChange } from './moderation-notices.js';
import { attentionOf, onPrefs } from './notify-prefs.js';
import { withEntry, withoutEntry } from './remote-keyed.js';
import { HOME, isDmTarget, messagePlace, targetOfWire } from './targets.js';
import { withinBudget, withRoomForOne } from './transcript-budget.js';

// How server messages change the chat state; chat-state.ts holds the types and the reducer.

/** Applies one server message to the chat state. */
export function onServerMessage(state: ChatState, message: ServerMessage, now: number): ChatState {
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
      return message.removed ? onRemoved(state, message, now) : closeLeftRoom(state, message.room, now);
    case 'message':
      return withRoleChange(onMessage(state, message, now), message);
    case 'moderated':
      return onModerated(state, message, now);
    case 'bans':
      return onBans(state, message, now);
    case 'mode':
      return onModes(state, message, now);
    case 'invites':
      return onInvites(state, message, now);
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
    case 'members':
      return onMembers(state, message, now);
    case 'error':
      return onError(state, message, now);
    case 'auth':
      return onAuth(state, message, now);
    case 'logged_out':
      return onLoggedOut(state, message, now);
    case 'password_changed':
      return onPasswordChanged(state, message, now);
    case 'account_deleted':
      return onAccountDeleted(state, message, now);
    case 'read':
      return onReadMarker(state, message);
    case 'prefs':
      return onPrefs(
        state,
        {
          levels: message.levels,
          mutes: message.mutes,
          keywords: message.keywords,
          ignored: message.ignored,
        },
        now,
      );
    case 'digest': {
      // Direct messages that came while away join their conversations (as unread, without a bell).
      // The server leaves out people the account ignores; this holds for an older server too.
      const shown = (m: ChatMessage) => !isIgnored(state.prefs, m.from);
      const digest = {
        ...message,
        mentions: message.mentions.filter(shown),
        direct: message.direct.filter(shown),
      };
      let next = state;
      for (const direct of digest.direct) next = onMessage(next, direct, now);
      return onDigest({ ...next, alerts: state.alerts }, digest);
    }
    default:
      // resumed, pong, and anything newer this client does not show.
      return state;
  }
}

/** A room was joined: its topic, members and history (merged, or started afresh after a reset). */
export function onJoined(state: ChatState, message: ServerMessageOf<'joined'>, now: number): ChatState {
  const room = message.room;
  let next = ensureTarget(state, room);
  const target = next.targets[room]!;
  const known = lastSeq(target.items);
  const history = message.history.map((m) => toItem(next, m));
  let items = target.items;
  // The server's latest seq is below what is shown (even with no history: a room emptied by a
  // restart of a server without storage), or a seq came back with another message: it started over.
  let reset = known !== undefined && message.seq < known;
  if (!reset && history.length > 0) {
    const merged = mergeMessages(items, history);
    items = merged.items;
    reset = merged.reset;
  }
  if (reset) items = ItemList.of(history);
  items = foldEvents(items, history);
  const more = history.length > 0 || target.items.length === 0 || reset ? message.more : target.more;
  next = updateTarget(next, room, () => ({
    topic: message.topic,
    members: sortMembers(message.members),
    memberCount: message.memberCount,
    // A change stored between the server reading the settings and the history is in the history only.
    ...(message.settings === undefined
      ? {}
      : { settings: message.history.reduce(afterNotice, message.settings) }),
    items,
    more,
    ...unreadOnJoin(next, message),
  }));
  if (reset)
    next = addNotice(next, room, 'The server no longer has the earlier messages of this room.', 'info', now);
  if (state.selectOnJoin === room || state.current === HOME)
    next = { ...select(next, room), selectOnJoin: undefined };
  return next;
}

/** A room's settings after a message: a `mode` notice changes one; any other message leaves them. */
function afterNotice(settings: RoomSettings, message: ChatMessage): RoomSettings {
  const event = message.event;
  return event?.kind === 'mode' ? { ...settings, [event.setting]: event.on } : settings;
}

/**
 * A live message: into its room or conversation, once, with unread, mention and alert counts. One
 * from someone ignored is kept where it belongs (views hide it, see `hiddenByIgnore`) but counts
 * nowhere and rings nothing, and never opens a conversation.
 */
export function onMessage(state: ChatState, message: ChatMessage, now: number): ChatState {
  const key = targetOf(state, message);
  if (key === undefined) return state;
  const ignored = message.kind !== 'system' && isIgnored(state.prefs, message.from);
  if (!state.targets[key]) {
    // A room opens when it is joined, never by a message (a late one after leaving, or a server's
    // mistake); not even a notice (the server's "bob is a guest") opens a conversation with
    // someone ignored; and a conversation opens only within the budget's count of targets.
    if (!isDmTarget(key) || isIgnored(state.prefs, dmLabel(state, message))) return state;
    const roomy = withRoomForOne(state);
    if (!roomy) return state;
    state = roomy;
  }
  const label = isDmTarget(key) ? dmLabel(state, message) : key;
  let next = ensureTarget(state, key, label);
  const item = toItem(next, message);
  const target = next.targets[key]!;
  const merged = mergeMessages(target.items, [item]);
  if (merged.added === 0) return state;
  const event = isMessageEvent(message);
  // Messages the server already counted when the room was joined (a resume replays them) count once.
  const counts =
    !event && !item.mine && !ignored && message.kind !== 'system' && message.seq > target.countedSeq;
  const attention = attentionOf(state.prefs, key, item.mention, now);
  const away = key !== next.current || !next.visible;
  const typing =
    message.kind === 'system' || event
      ? target.typing
      : withoutEntry(target.typing, canonicalKey(message.from));
  const notice = message.event;
  next = updateTarget(next, key, (t) => ({
    ...(notice?.kind === 'topic' ? { topic: notice.topic } : {}),
    ...(t.settings ? { settings: afterNotice(t.settings, message) } : {}),
    items: event ? foldEvents(merged.items, [item]) : merged.items,
    more: t.items.length === 0 && isDmTarget(key) ? message.seq > 1 : t.more,
    pending: message.cid && item.mine ? t.pending.filter((p) => p.outgoing.cid !== message.cid) : t.pending,
    typing,
    unread: t.unread + (counts && away ? 1 : 0),
    mentions: t.mentions + (counts && away && attention.highlight ? 1 : 0),
  }));
  if (merged.reset)
    next = addNotice(next, key, 'The server no longer has the earlier messages here.', 'info', now);
  next = withinBudget(next, key);
  if (!counts) return next;
  return {
    ...next,
    alerts: {
      mentions: next.alerts.mentions + (attention.calls ? 1 : 0),
      messages: next.alerts.messages + (attention.rings ? 1 : 0),
    },
  };
}

/** A page of older history: in front of what is loaded. */
export function onHistory(state: ChatState, message: ServerMessageOf<'history'>): ChatState {
  const key = targetOfWire(message.target);
  const target = state.targets[key];
  if (!target) return state;
  const incoming = message.messages.map((m) => toItem(state, m));
  const merged = mergeMessages(target.items, incoming);
  return updateTarget(state, key, () => ({
    items: merged.reset ? target.items : foldEvents(merged.items, incoming),
    more: message.more,
    loadingOlder: false,
  }));
}

/** An acknowledgement: the pending message becomes a stored one (its echo may come before or after). */
export function onAck(state: ChatState, ack: ServerMessageOf<'ack'>): ChatState {
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
      ...(pending.outgoing.replyTo === undefined ? {} : { replyTo: pending.outgoing.replyTo }),
    };
    const merged = mergeMessages(target.items, [toItem(state, message)]);
    return updateTarget(state, target.key, (t) => ({
      items: merged.reset ? t.items : merged.items,
      pending: t.pending.filter((p) => p !== pending),
    }));
  }
  return state;
}

/**
 * Joins, leaves, renames and away changes keep member lists current. A coalesced join or leave
 * lists its `people`; in a big room (`memberCount` known) only the count changes, as the list is a
 * page the person asked for.
 */
export function onPresence(state: ChatState, presence: ServerMessageOf<'presence'>): ChatState {
  const { room, nick } = presence;
  return updateTarget(state, room, (t) => {
    const others = (name: string) => t.members.filter((m) => !sameName(m.nick, name));
    const people = presence.people ?? [
      {
        nick,
        ...(presence.account ? { account: true } : {}),
        ...(presence.role ? { role: presence.role } : {}),
      },
    ];
    const named = new Set(people.map((person) => canonicalKey(person.nick)));
    const notNamed = () => t.members.filter((m) => !named.has(canonicalKey(m.nick)));
    if (t.memberCount !== undefined && (presence.event === 'join' || presence.event === 'leave'))
      return { memberCount: presence.members ?? t.memberCount };
    switch (presence.event) {
      case 'join':
        return {
          members: sortMembers([
            ...notNamed(),
            ...people.map((person) => ({
              nick: person.nick,
              ...(person.account ? { account: true } : {}),
              away: false,
              ...(person.role ? { role: person.role } : {}),
            })),
          ]),
        };
      case 'leave': {
        let typing = t.typing;
        for (const key of named) typing = withoutEntry(typing, key);
        return { members: notNamed(), typing };
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
                ? { ...registered(m), away: true, ...(presence.status ? { status: presence.status } : {}) }
                : { ...registered(m), away: false }
              : m,
          ),
        };
    }
  });
}

/**
 * Typing indicators kept per room. The typing line names two or three people; a server announcing
 * thousands of typists must not make each notice copy thousands of entries.
 */
export const MAX_TYPISTS = 20;

/** Someone started or stopped typing. */
export function onTyping(state: ChatState, typing: ServerMessageOf<'typing'>, now: number): ChatState {
  if (sameName(typing.nick, state.me) || isIgnored(state.prefs, typing.nick)) return state;
  const key = canonicalKey(typing.nick);
  return updateTarget(state, typing.room, (t) => ({
    typing:
      typing.active && !Object.hasOwn(t.typing, key) && Object.keys(t.typing).length >= MAX_TYPISTS
        ? t.typing
        : typing.active
          ? withEntry(t.typing, key, { nick: typing.nick, until: now + state.typingExpiryMs })
          : withoutEntry(t.typing, key),
  }));
}

/** An error frame becomes a notice where it belongs. */
export function onError(state: ChatState, error: ServerMessageOf<'error'>, now: number): ChatState {
  // A refused hello was already said, with what to do next; a refused log-in (it has a ref) was not.
  if (state.status.state === 'refused' && error.ref === undefined) return state;
  // A failed history request must not leave its target waiting for ever.
  for (const target of Object.values(state.targets))
    if (target.loadingOlder) state = updateTarget(state, target.key, () => ({ loadingOlder: false }));
  const where = error.room && state.targets[error.room] ? error.room : state.current;
  const next =
    state.selectOnJoin && error.room === state.selectOnJoin ? { ...state, selectOnJoin: undefined } : state;
  return addNotice(next, where, `${error.message} (${error.code})`, 'error', now);
}

/** A stored message as a transcript item, marked when it is mine or mentions me (or a keyword of mine). */
export function toItem(state: ChatState, message: ChatMessage): MessageItem {
  // A webhook may post under the name someone uses; its messages are never that person's.
  const mine = message.kind !== 'system' && !message.bot && sameName(message.from, state.me);
  const mention =
    !mine &&
    !isMessageEvent(message) &&
    (message.kind === 'dm' ||
      ((message.kind === 'chat' || message.kind === 'action') &&
        mentions(message.text, state.me, state.prefs.keywords)));
  return messageItem(message, mine, mention);
}

/** Which target a message belongs to: its room, or the conversation with the other person. */
export function targetOf(state: ChatState, message: ChatMessage): string | undefined {
  return messagePlace(message, state.me)?.target;
}

/** How to name the other person of a direct message. */
export function dmLabel(state: ChatState, message: ChatMessage): string {
  return (sameName(message.from, state.me) ? message.to : message.from) ?? message.from;
}

/** A member's name and registered sign, without away state. */
function registered(member: Member): Pick<Member, 'nick' | 'account' | 'role'> {
  const role = member.role ? { role: member.role } : {};
  return member.account ? { nick: member.nick, account: true, ...role } : { nick: member.nick, ...role };
}
