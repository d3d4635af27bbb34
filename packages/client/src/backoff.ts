/** How reconnect delays grow. */
export interface BackoffOptions {
  /** Delay before the first retry, in ms. */
  readonly initialMs: number;
  /** Longest delay, in ms. */
  readonly maxMs: number;
}

/** The defaults: 0.5 s, doubling up to 30 s. */
export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000 };

/**
 * The delay before retry number `attempt` (0 for the first): exponential growth capped at `maxMs`, with
 * "equal jitter" (a random point in the upper half), so a crowd of clients that lost one server does
 * not come back in lockstep, yet no client retries immediately. `random` returns a number in [0, 1).
 */
export function backoffDelay(attempt: number, random: () => number, options = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(options.maxMs, options.initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
