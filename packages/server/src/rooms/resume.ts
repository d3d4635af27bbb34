import type { Hub } from '../hub.js';
import type { Session } from '../session.js';

/** How far a resume may run ahead of the socket before it waits for the client to read. */
const REPLAY_PAGE = 500;
const REPLAY_HIGH_WATER = 256 * 1024;

/** Where a target's history lives and what a client calls it. */
export interface SyncTarget {
  /** Storage key. */
  readonly target: string;
  /** The broker channel its live messages arrive on (held while synchronising). */
  readonly channel: string;
  /** The wire name: a room, or `@nick`. */
  readonly name: string;
  /** Guests read direct messages only from when they took the name. */
  readonly notBefore?: number;
}

/** The result of checking a resume cursor against what the store still has. */
export interface ResumePlan {
  readonly recovered: boolean;
  readonly last: number;
  /** True when messages older than the cursor exist. */
  readonly older: boolean;
}

/**
 * Resumes a direct conversation from a cursor, as a room's resume does: every message after it when
 * the store still holds them all, and otherwise (retention dropped some) the latest messages and
 * `resumed {recovered: false}`, so the client shows a gap instead of a conversation that looks whole.
 */
export async function resumeConversation(
  hub: Hub,
  session: Session,
  sync: SyncTarget,
  since: number,
): Promise<void> {
  const plan = await planResume(hub, sync.target, since);
  if (plan.recovered) return replay(hub, session, sync, since);
  const page = await hub.options.store.page(sync.target, {
    limit: hub.options.limits.joinHistory,
    ...(sync.notBefore === undefined ? {} : { notBefore: sync.notBefore }),
  });
  for (const message of page.messages) session.sendStored(sync.target, message);
  session.markDelivered(sync.target, plan.last);
  session.send({
    type: 'resumed',
    target: sync.name,
    recovered: false,
    replayed: page.messages.length,
    seq: plan.last,
  });
}

/** Decides whether every message after `since` is still stored. */
export async function planResume(hub: Hub, target: string, since: number): Promise<ResumePlan> {
  const { first, last } = await hub.options.store.bounds(target);
  // Recoverable when the cursor is not ahead of the store and nothing after it was pruned.
  const recovered = since <= last && (since === last || since >= first - 1);
  return { recovered, last, older: first > 0 && first <= since };
}

/**
 * Sends every stored message after `since`, in order, in pages, waiting for the socket to drain
 * between pages so a long replay cannot trip the slow-consumer limit; then `resumed`. Live messages
 * of the channel are held meanwhile and released after, without repeats.
 */
export async function replay(hub: Hub, session: Session, sync: SyncTarget, since: number): Promise<void> {
  let cursor = since;
  let replayed = 0;
  for (;;) {
    const page = await hub.options.store.page(sync.target, {
      after: cursor,
      limit: REPLAY_PAGE,
      ...(sync.notBefore === undefined ? {} : { notBefore: sync.notBefore }),
    });
    for (const message of page.messages) {
      session.sendStored(sync.target, message);
      cursor = message.seq;
      replayed++;
    }
    if (!page.more || session.closed) break;
    if (session.peer.bufferedAmount > REPLAY_HIGH_WATER) await session.peer.drained();
  }
  session.markDelivered(sync.target, cursor);
  session.send({ type: 'resumed', target: sync.name, recovered: true, replayed, seq: cursor });
}
