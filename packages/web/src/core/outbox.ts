import type { ClientMessageInput } from 'aurora-protocol';
import type { ChatState, PendingMessage } from './chat-state.js';

/**
 * The unacknowledged messages to put on the wire now, oldest first. Sent and refused messages are
 * skipped; a room's messages wait until the server confirms the room on this connection; and once
 * the server has asked us to slow down, nothing after that message is sent before it, so messages
 * keep the order they were written in. While a message the rate limit held back is still
 * unacknowledged, they go one at a time: sending every queued message again after each pause would
 * have the server refuse all but the first, again and again.
 */
export function dueMessages(state: ChatState, now: number): PendingMessage[] {
  if (state.connection.status !== 'online') return [];
  const live = state.pending.filter((pending) => pending.failure === undefined);
  const oneAtATime = live.some((pending) => pending.retryAt !== undefined);
  if (oneAtATime && live.some((pending) => pending.inFlight)) return [];
  const due: PendingMessage[] = [];
  for (const pending of live) {
    if (pending.inFlight) continue;
    // Waiting for its recipient to come back: the others need not wait for it.
    if (pending.heldUntil !== undefined && pending.heldUntil > now) continue;
    if (pending.retryAt !== undefined && pending.retryAt > now) break;
    const target = state.targets.get(pending.target);
    if (!target || !(target.isDm || target.joined)) continue;
    due.push(pending);
    if (oneAtATime) break;
  }
  return due;
}

/** When the earliest message held back (by the rate limit, or for its recipient) may go, if one waits. */
export function nextRetryAt(state: ChatState): number | undefined {
  let earliest: number | undefined;
  for (const pending of state.pending) {
    if (pending.failure !== undefined || pending.inFlight) continue;
    for (const at of [pending.retryAt, pending.heldUntil])
      if (at !== undefined) earliest = earliest === undefined ? at : Math.min(earliest, at);
  }
  return earliest;
}

/** The frame that sends a pending message, with its original `cid` so a retry is stored once. */
export function frameFor(state: ChatState, pending: PendingMessage): ClientMessageInput | undefined {
  const target = state.targets.get(pending.target);
  if (!target) return undefined;
  const { cid, text } = pending;
  if (pending.kind === 'dm') return { type: 'dm', to: target.name, text, cid };
  return { type: pending.kind === 'action' ? 'action' : 'say', room: target.name, text, cid };
}
