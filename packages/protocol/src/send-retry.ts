import { ErrorCode } from './errors.js';

/**
 * How long after a reconnect a refused line is tried again: everyone reconnects after the same
 * outage (a server restart), each after its own backoff, so the person a direct message is for may
 * come back some seconds after the sender. Past this they are really gone.
 */
export const RECONNECT_GRACE_MS = 30_000;
/** How often a line is tried again during the grace. */
export const RECONNECT_RETRY_MS = 2_000;

/**
 * Codes that, right after a reconnect, mean "not yet" rather than "no": the recipient of a direct
 * message is not online (`no_such_user`) because they have not reconnected yet.
 */
const NOT_YET_AFTER_RECONNECT = new Set<string>([ErrorCode.NoSuchUser]);

/**
 * The one rule both clients' outboxes follow for a line refused soon after a reconnect: how many ms
 * to wait before sending it again (same `cid`), or undefined when the refusal stands (show it, and
 * keep the text for the user to send again). `sinceReconnectMs` is the time since the connection was
 * welcomed again after a drop; undefined on a first connection, where nobody is on their way back.
 */
export function retryAfterReconnect(code: string, sinceReconnectMs: number | undefined): number | undefined {
  if (sinceReconnectMs === undefined || !NOT_YET_AFTER_RECONNECT.has(code)) return undefined;
  const left = RECONNECT_GRACE_MS - sinceReconnectMs;
  return left > 0 ? Math.min(RECONNECT_RETRY_MS, left) : undefined;
}
