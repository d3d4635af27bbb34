/** An opaque timer handle, as returned by {@link Clock.setTimeout}; only ever handed back to `clearTimeout`. */
export type TimerHandle = { readonly __timer: unique symbol } | object | number;

/**
 * Time and timers, injected so that tests can drive reconnects, throttles, expiries and timestamps.
 * The server and every client take the same shape, so one manual clock (aurora-testkit) drives them all.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Runs `callback` once after `ms`. */
  setTimeout(callback: () => void, ms: number): TimerHandle;
  /** Cancels a timer; a no-op for a timer that already ran. */
  clearTimeout(handle: TimerHandle): void;
}
