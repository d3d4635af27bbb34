import { ErrorCode } from 'aurora-protocol';
import type { ChatState, TargetState } from './chat-state.js';
import { addNotice, updateTarget } from './chat-targets.js';
import type { ConnectionStatus } from './connection-types.js';
import type { PendingItem } from './items.js';

// Lines typed while the connection waits for the user (their session ended, or the server refused
// their name) stay in the outbox and go out once the user is let in again: as the account after
// /login, or as a guest after /nick. Until then each says why it waits, where it was typed, so that
// nobody watches a line that never leaves without knowing what it waits for.

/** The connection waits for the user, not for the network: a line typed now waits for them too. */
export function waitsForUser(status: ConnectionStatus): boolean {
  return status.state === 'refused' || status.state === 'logged-out';
}

/** What a held line shows beside it (short: it sits at the end of the line). */
export function heldNote(state: ChatState): string {
  const { status } = state;
  if (sessionEnded(status)) return `waits: /login ${state.me}, or /nick NAME as a guest`;
  if (status.state === 'refused' && status.code === ErrorCode.NameRegistered)
    return `waits: /login ${state.me}, or /nick NAME`;
  return 'waits: /nick NAME';
}

/** The sentence a room or conversation gets when a line first waits there. */
function heldText(state: ChatState): string {
  const { status } = state;
  if (sessionEnded(status))
    return `Not sent yet: your session for ${state.me} on ${state.server} ended. Your lines go out once you log in again with /login ${state.me}, or go on as a guest with /nick NAME.`;
  const why = status.state === 'refused' ? status.message : 'the server is not letting you in';
  return `Not sent yet: ${why}. Your lines go out once the server lets you in: /nick NAME takes another name${
    status.state === 'refused' && status.code === ErrorCode.NameRegistered
      ? `, /login ${state.me} logs in`
      : ''
  }.`;
}

/**
 * A line was just handed to the outbox in `key`: while the connection waits for the user it is
 * marked as held, and the first held line of a target says there why and what to do.
 */
export function holdNewLine(state: ChatState, key: string, cid: string, now: number): ChatState {
  if (!waitsForUser(state.status)) return state;
  const target = state.targets[key];
  if (!target) return state;
  const first = !target.pending.some((p) => p.state === 'held');
  const next = updateTarget(state, key, (t) => ({ pending: t.pending.map((p) => hold(p, cid, state)) }));
  return first ? addNotice(next, key, heldText(state), 'error', now) : next;
}

/**
 * The connection now waits for the user: lines still sending wait for them too, and lines already
 * held say what to do now (a refused /nick changes it).
 */
export function holdAll(state: ChatState): ChatState {
  return mapPending(state, (p) => (p.state === 'sending' || p.state === 'held' ? held(p, state) : p));
}

/** The user is let in again: held lines are sending (the outbox sends them after the welcome). */
export function releaseAll(state: ChatState): ChatState {
  return mapPending(state, (p) =>
    p.state === 'held' ? { kind: 'pending', outgoing: p.outgoing, state: 'sending' } : p,
  );
}

function sessionEnded(status: ConnectionStatus): boolean {
  return (
    status.state === 'logged-out' || (status.state === 'refused' && status.code === ErrorCode.AuthFailed)
  );
}

function hold(p: PendingItem, cid: string, state: ChatState): PendingItem {
  return p.outgoing.cid === cid ? held(p, state) : p;
}

function held(p: PendingItem, state: ChatState): PendingItem {
  return { ...p, state: 'held', note: heldNote(state) };
}

function mapPending(state: ChatState, change: (p: PendingItem) => PendingItem): ChatState {
  let next = state;
  for (const target of Object.values(state.targets) as TargetState[])
    if (target.pending.length > 0)
      next = updateTarget(next, target.key, (t) => ({ pending: t.pending.map(change) }));
  return next;
}
