/** How reconnect delays grow: doubling from `baseMs` up to `maxMs`, with random jitter. */
export interface BackoffPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
}

/** Half a second, doubling, never more than 30 s: quick after a blip, gentle during an outage. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 30_000 };

/**
 * The delay before reconnect attempt `attempt` (0 for the first retry). "Equal jitter": half the
 * capped exponential delay is fixed and half is random, so a server restart does not see every client
 * return in the same instant, yet no client retries at once in a loop. `random` returns [0, 1).
 */
export function backoffDelay(attempt: number, random: () => number, policy = DEFAULT_BACKOFF): number {
  const exponent = Math.min(Math.max(0, attempt), 30);
  const capped = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  return Math.round(capped / 2 + (capped / 2) * random());
}
