/** An opaque timer handle, as returned by {@link Clock.setTimeout}. */
export type TimerHandle = { readonly __timer: unique symbol } | object;

/** Time and timers, injected so that tests can drive reconnects, throttles and timestamps. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Runs `callback` once after `ms`. */
  setTimeout(callback: () => void, ms: number): TimerHandle;
  /** Cancels a timer; a no-op for a timer that already ran. */
  clearTimeout(handle: TimerHandle): void;
}

/**
 * The real clock. Its timers keep the process alive on purpose: while `tail` waits to reconnect, the
 * retry timer is all there is, and `close()` clears every timer when a command is done.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
