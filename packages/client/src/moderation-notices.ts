import {
  type ChatMessage,
  moderationText,
  type Role,
  type ServerMessageOf,
  type SystemEvent,
  sameName,
  settingsText,
} from 'aurora-protocol';
import type { ChatState } from './chat-state.js';
import { addNotice, removeTarget, updateTarget } from './chat-targets.js';

type ModerationEvent = Extract<SystemEvent, { kind: 'moderation' }>;

/** The time a ban or mute ends, as people read it. */
function untilText(until: number | undefined): string {
  return until === undefined
    ? ''
    : ` until ${new Date(until).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * A moderation action told to this person: the target hears what was done to them, in the room (or,
 * for server-wide actions, where they are looking); the actor of a server-wide action hears it done.
 * Room actions the actor took show as the room's stored notice instead, and a kick or ban is said
 * when the room closes (`onRemoved`).
 */
export function onModerated(state: ChatState, message: ServerMessageOf<'moderated'>, now: number): ChatState {
  const aboutMe = sameName(message.target, state.me) && !sameName(message.by, state.me);
  if (aboutMe) {
    if (message.room !== undefined && (message.action === 'kick' || message.action === 'ban')) return state;
    const where = message.room !== undefined && state.targets[message.room] ? message.room : state.current;
    const extra =
      message.action === 'mute'
        ? ' You can read, but not speak there.'
        : message.action === 'invite' && message.room !== undefined && !state.targets[message.room]
          ? ` /join #${message.room} to go in.`
          : '';
    return addNotice(state, where, `${moderationText({ ...message, target: 'you' })}.${extra}`, 'info', now);
  }
  if (sameName(message.by, state.me) && message.room === undefined)
    return addNotice(state, state.current, `${moderationText({ ...message, by: 'You' })}.`, 'info', now);
  return state;
}

/**
 * This person was put out of a room: it closes, and the window now on screen says why, with the
 * room's own notice of it when that arrived first.
 */
export function onRemoved(state: ChatState, left: ServerMessageOf<'left'>, now: number): ChatState {
  const notice = [...(state.targets[left.room]?.items ?? [])]
    .reverse()
    .find((item) => item.kind === 'message' && item.message.event?.kind === 'moderation');
  const text = notice?.kind === 'message' ? notice.message.text : undefined;
  const next = removeTarget(state, left.room);
  const how = left.removed === 'banned' ? 'banned from' : 'kicked from';
  const again =
    left.removed === 'banned' ? 'You cannot rejoin while the ban lasts.' : `/join ${left.room} to come back.`;
  return addNotice(
    next,
    next.current,
    `You were ${how} ${left.room}${text ? ` (${text})` : ''}. ${again}`,
    'error',
    now,
  );
}

/** A room's ban list (or the server's), as one line. */
export function onBans(state: ChatState, message: ServerMessageOf<'bans'>, now: number): ChatState {
  const where = message.room === undefined ? 'on this server' : `in ${message.room}`;
  const list = message.bans.map(
    (ban) =>
      `${ban.name}${ban.address ? ' (and address)' : ''} by ${ban.by}${untilText(ban.until)}${ban.reason ? `: ${ban.reason}` : ''}`,
  );
  const text = list.length === 0 ? `No bans ${where}.` : `Bans ${where} (${list.length}): ${list.join('; ')}`;
  return addNotice(
    state,
    message.room && state.targets[message.room] ? message.room : state.current,
    text,
    'info',
    now,
  );
}

/** A room's settings (`mode`): kept for the room, and said in words where the room is on screen. */
export function onModes(state: ChatState, message: ServerMessageOf<'mode'>, now: number): ChatState {
  const known = state.targets[message.room] !== undefined;
  const where = known ? message.room : state.current;
  const next = known ? updateTarget(state, message.room, () => ({ settings: message.settings })) : state;
  return addNotice(next, where, settingsText(message.room, message.settings), 'info', now);
}

/** A room's invites, as one line. */
export function invitesText(message: ServerMessageOf<'invites'>): string {
  const list = message.invites.map((invite) => `${invite.name} (by ${invite.by})`);
  return list.length === 0
    ? `Nobody is invited to #${message.room}.`
    : `Invited to #${message.room} (${list.length}): ${list.join(', ')}`;
}

/** A room's invites, where the room is on screen. */
export function onInvites(state: ChatState, message: ServerMessageOf<'invites'>, now: number): ChatState {
  const where = state.targets[message.room] ? message.room : state.current;
  return addNotice(state, where, invitesText(message), 'info', now);
}

/** Keeps a room's member roles current from its stored notices of `op`, `deop`, `voice`, `devoice` and `claim`. */
export function withRoleChange(state: ChatState, message: ChatMessage): ChatState {
  const event = message.event;
  if (event?.kind !== 'moderation' || message.room === undefined) return state;
  const change = roleChange(event);
  if (!change) return state;
  return updateTarget(state, message.room, (t) => ({
    members: t.members.map((m) => {
      if (!sameName(m.nick, change.nick) || m.role === 'admin') return m;
      const { role: _old, ...rest } = m;
      return change.role === undefined ? rest : { ...rest, role: change.role };
    }),
  }));
}

function roleChange(event: ModerationEvent): { nick: string; role: Role | undefined } | undefined {
  if (event.action === 'op') return { nick: event.target, role: 'operator' };
  if (event.action === 'deop' || event.action === 'devoice') return { nick: event.target, role: undefined };
  if (event.action === 'voice') return { nick: event.target, role: 'voice' };
  if (event.action === 'claim') return { nick: event.nick, role: 'owner' };
  return undefined;
}
