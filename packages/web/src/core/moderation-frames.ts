import {
  type ChatMessage,
  type Member,
  moderationText,
  type Role,
  type ServerMessageOf,
  sameName,
} from 'aurora-protocol';
import type { ChatState } from './chat-state.js';
import { addNotice, removeTarget, updateTarget } from './state-updates.js';

// Moderation frames in the page's state: the same lines the terminal shows (aurora-client's
// moderation-notices.ts), on the page's own state shape.

/** A kick or ban put this person out of a room: it closes, and where they now look says why. */
export function onRemoved(state: ChatState, left: ServerMessageOf<'left'>): ChatState {
  const how = left.removed === 'banned' ? 'banned from' : 'kicked from';
  const again =
    left.removed === 'banned'
      ? 'You cannot rejoin while the ban lasts.'
      : `/join #${left.room} to come back.`;
  const text = `You were ${how} #${left.room}. ${again}`;
  const next = removeTarget(state, left.room);
  // With no other window open, the room stays (empty, not joined) so the line has somewhere to be.
  if (next.active === undefined)
    return addNotice(
      updateTarget(state, left.room, (t) => ({ ...t, members: [], joined: false, removed: true })),
      left.room,
      text,
      'error',
    );
  return addNotice(next, next.active, text, 'error');
}

/** What was done to this person (or, server-wide, by them), as one line. */
export function onModerated(state: ChatState, message: ServerMessageOf<'moderated'>): ChatState {
  const me = state.me ?? '';
  if (sameName(message.target, me) && !sameName(message.by, me)) {
    if (message.room !== undefined && (message.action === 'kick' || message.action === 'ban')) return state;
    const extra = message.action === 'mute' ? ' You can read, but not speak there.' : '';
    return addNotice(
      state,
      message.room ?? state.active,
      `${moderationText({ ...message, target: 'you' })}.${extra}`,
      'info',
    );
  }
  if (sameName(message.by, me) && message.room === undefined)
    return addNotice(state, state.active, `${moderationText({ ...message, by: 'You' })}.`, 'info');
  return state;
}

/** A ban list, as one notice. */
export function onBans(state: ChatState, message: ServerMessageOf<'bans'>): ChatState {
  const where = message.room === undefined ? 'on this server' : `in #${message.room}`;
  const list = message.bans.map((ban) => `${ban.name} by ${ban.by}${ban.reason ? `: ${ban.reason}` : ''}`);
  const text =
    list.length === 0 ? `No bans ${where}.` : `Bans ${where} (${list.length}):\n${list.join('\n')}`;
  return addNotice(state, message.room ?? state.active, text, 'info');
}

/** Member roles follow the room's stored notices of `op`, `deop`, `voice`, `devoice` and `claim`. */
export function withRoleChange(state: ChatState, message: ChatMessage): ChatState {
  const event = message.event;
  if (event?.kind !== 'moderation' || message.room === undefined) return state;
  let nick: string;
  let role: Role | undefined;
  if (event.action === 'op') [nick, role] = [event.target, 'operator'];
  else if (event.action === 'deop' || event.action === 'devoice') [nick, role] = [event.target, undefined];
  else if (event.action === 'voice') [nick, role] = [event.target, 'voice'];
  else if (event.action === 'claim') [nick, role] = [event.nick, 'owner'];
  else return state;
  const change = (m: Member): Member => {
    if (!sameName(m.nick, nick) || m.role === 'admin') return m;
    const { role: _old, ...rest } = m;
    return role === undefined ? rest : { ...rest, role };
  };
  return updateTarget(state, message.room, (t) => ({ ...t, members: t.members.map(change) }));
}
