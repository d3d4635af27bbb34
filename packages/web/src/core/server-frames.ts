import { accountDeletedText, invitesText, passwordChangedText, targetOfWire } from 'aurora-client';
import {
  type ChatMessage,
  type Member,
  roleMark,
  type ServerMessage,
  type ServerMessageOf,
  sameName,
  settingsText,
} from 'aurora-protocol';
import { loggedOut, onDigest, onReadMarker, showDigest } from './account-frames.js';
import { type ChatState, newTarget, type TargetState } from './chat-state.js';
import { COMMAND_REFS } from './command-refs.js';
import { onBans, onModerated, onRemoved, withRoleChange } from './moderation-frames.js';
import { withPrefs } from './prefs-state.js';
import {
  addMessages,
  addNotice,
  hiddenBy,
  ignores,
  mapTargets,
  removeTarget,
  STARTED_OVER,
  updateTarget,
  without,
  withRoomForOne,
  withTarget,
} from './state-updates.js';
import { latestSeq, mergeMessages, startsOver } from './timeline.js';

/** Applies one frame from the server to the chat state. Unknown situations leave the state as it was. */
export function applyServerMessage(state: ChatState, message: ServerMessage, now: number): ChatState {
  switch (message.type) {
    case 'welcome':
      return {
        ...state,
        screen: 'chat',
        me: message.nick,
        account: message.account,
        wanted: { ...state.wanted, nick: message.nick },
        limits: { ...state.limits, ...message.limits },
      };
    case 'joined':
      return onJoined(state, message);
    case 'left':
      return message.removed ? onRemoved(state, message) : removeTarget(state, message.room);
    case 'message':
      return withRoleChange(addMessages(state, [message], 'live', now), message);
    case 'moderated':
      return onModerated(state, message);
    case 'bans':
      return onBans(state, message);
    case 'mode':
      return addNotice(state, state.active, settingsText(message.room, message.settings), 'info');
    case 'invites':
      return addNotice(state, state.active, invitesText(message), 'info');
    case 'resumed':
      return updateTarget(state, targetOfWire(message.target), (t) => ({
        ...t,
        cursor: Math.max(t.cursor, message.seq),
      }));
    case 'ack':
      return onAck(state, message);
    case 'history':
      return onHistory(state, message);
    case 'presence':
      return updateTarget(state, message.room, (t) => ({
        ...t,
        members: updateMembers(t.members, message),
        typing:
          message.event === 'leave'
            ? (message.people ?? [message]).reduce((typing, person) => without(typing, person.nick), t.typing)
            : message.event === 'rename'
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
      return onError(state, message);
    case 'auth':
      return {
        ...state,
        session: { account: message.account, token: message.token, expiresAt: message.expiresAt },
        wanted: { ...state.wanted, nick: message.account },
      };
    case 'logged_out':
      return loggedOut(state);
    case 'password_changed':
      return addNotice(state, state.active, passwordChangedText(message.sessionsEnded), 'info');
    case 'account_deleted':
      return loggedOut(state, accountDeletedText(message.account, message.heldUntil));
    case 'read':
      return onReadMarker(state, message);
    case 'digest':
      return onDigest(state, message, now);
    case 'prefs': {
      const { type: _type, ref: _ref, ...prefs } = message;
      return withPrefs(state, prefs, now);
    }
    case 'pong':
    case 'changed': // the event itself arrives as a message
    case 'search_results': // answers the promise of Connection.search, in the search panel
      return state;
  }
}

function onJoined(current: ChatState, joined: ServerMessageOf<'joined'>): ChatState {
  const key = joined.room;
  const existing = current.targets.get(key);
  const state = existing ? current : withRoomForOne(current);
  if (!state) return current;
  const found = existing ?? newTarget(key, joined.room);
  // The server's latest seq is below what is shown: it started its history over (see startsOver).
  const over = joined.seq < latestSeq(found.entries) || startsOver(found.entries, joined.history);
  const base = over ? { ...found, entries: [], cursor: 0 } : found;
  const entries = mergeMessages(base.entries, joined.history, hiddenBy(state));
  const focus = state.focusOnJoin === joined.room || state.active === undefined;
  const target: TargetState = {
    ...base,
    topic: joined.topic,
    members: joined.members,
    entries,
    // A fresh join knows everything up to joined.seq; a resume learns what it missed from the replay.
    cursor: existing ? Math.max(base.cursor, latestSeq(entries)) : Math.max(joined.seq, latestSeq(entries)),
    hasOlder: existing && existing.entries.length > 0 && !over ? existing.hasOlder : joined.more,
    joined: true,
    removed: false,
    readSeq: Math.max(base.readSeq, joined.read ?? 0),
    // A logged-in account learns what it has not read, on any device; a resume keeps counting here.
    unread: existing || (focus && state.visible) ? base.unread : (joined.unread ?? 0),
    // The `!` mark comes from the server too, so a fresh device shows what mentions the user.
    mentions: existing || (focus && state.visible) ? base.mentions : (joined.mentions ?? 0),
  };
  const next: ChatState = {
    ...state,
    targets: withTarget(state.targets, key, target),
    order: existing ? state.order : [...state.order, key],
    wanted: { ...state.wanted, rooms: state.wanted.rooms.filter((room) => room !== joined.room) },
    ...(focus ? { active: key, focusOnJoin: undefined } : {}),
  };
  const told = over ? addNotice(next, key, STARTED_OVER, 'info') : next;
  return focus ? showDigest(told) : told;
}

/** The server stored a message we sent: it becomes an ordinary message, shown once. */
function onAck(state: ChatState, ack: ServerMessageOf<'ack'>): ChatState {
  const pending = state.pending.find((p) => p.cid === ack.cid);
  if (!pending || state.me === undefined) return state;
  const target = state.targets.get(pending.target);
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
  const key = targetOfWire(page.target);
  // Only a page that was asked for: unasked ones would grow the conversation without end.
  if (!state.targets.get(key)?.loadingOlder) return state;
  const next = addMessages(state, page.messages, 'history');
  return updateTarget(next, key, (t) => ({ ...t, hasOlder: page.more, loadingOlder: false }));
}

function onTyping(state: ChatState, notice: ServerMessageOf<'typing'>, now: number): ChatState {
  if (state.me !== undefined && sameName(notice.nick, state.me)) return state;
  if (ignores(state, notice.nick)) return state;
  return updateTarget(state, notice.room, (t) => ({
    ...t,
    typing: notice.active
      ? new Map(t.typing).set(notice.nick, now + state.limits.typingExpiryMs)
      : without(t.typing, notice.nick),
  }));
}

function onMembers(state: ChatState, list: ServerMessageOf<'members'>): ChatState {
  const next = updateTarget(state, list.room, (t) => ({ ...t, members: list.members }));
  if (list.ref !== COMMAND_REFS.who) return next;
  const names = list.members.map((m) => `${roleMark(m.role)}${m.nick}${m.away ? ' (away)' : ''}`).join(', ');
  return addNotice(next, list.room, `Members of #${list.room}: ${names}`, 'info');
}

/** An error the engine did not take as its own (those about our messages are send events). */
function onError(state: ChatState, error: ServerMessageOf<'error'>): ChatState {
  let next = state;
  if (error.ref === COMMAND_REFS.history) {
    // Without this, a page that is not full would ask again at once, forever.
    next = mapTargets(next, (t) => (t.loadingOlder ? { ...t, loadingOlder: false, hasOlder: false } : t));
  }
  if (error.ref === COMMAND_REFS.join) next = { ...next, focusOnJoin: undefined };
  const where = error.room !== undefined && next.targets.has(error.room) ? error.room : next.active;
  return addNotice(next, where, error.message, 'error');
}

/** A coalesced join or leave names its `people`; a lone one only `nick`. */
function updateMembers(members: readonly Member[], presence: ServerMessageOf<'presence'>): readonly Member[] {
  const others = (nick: string) => members.filter((m) => !sameName(m.nick, nick));
  const status = presence.status === undefined ? {} : { status: presence.status };
  const people = presence.people ?? [presence];
  const notNamed = () => members.filter((m) => !people.some((person) => sameName(m.nick, person.nick)));
  switch (presence.event) {
    case 'join':
      return [
        ...notNamed(),
        ...people.map((person) => ({ nick: person.nick, ...registered(person), away: false })),
      ];
    case 'leave':
      return notNamed();
    case 'rename': {
      const old = members.find((m) => sameName(m.nick, presence.from ?? ''));
      return [
        ...others(presence.from ?? presence.nick),
        { ...(old ?? { away: false }), nick: presence.nick },
      ];
    }
    case 'away':
      return members.map((m) =>
        sameName(m.nick, presence.nick) ? { nick: m.nick, ...registered(m), away: true, ...status } : m,
      );
    case 'back':
      return members.map((m) =>
        sameName(m.nick, presence.nick) ? { nick: m.nick, ...registered(m), away: false } : m,
      );
  }
}

function roomListText(rooms: ServerMessageOf<'rooms'>['rooms']): string {
  if (rooms.length === 0) return 'There are no rooms yet. Type /join #name to open one.';
  const lines = rooms.map((r) => `#${r.room} (${r.members} online)${r.topic ? ` — ${r.topic}` : ''}`);
  return `Rooms:\n${lines.join('\n')}`;
}

/**
 * `account: true` when a member or join says the person is registered, nothing otherwise; and their
 * role in the room, kept through away and back.
 */
function registered(source: Pick<Member, 'account' | 'role'>): Pick<Member, 'account' | 'role'> {
  return { ...(source.account ? { account: true } : {}), ...(source.role ? { role: source.role } : {}) };
}
