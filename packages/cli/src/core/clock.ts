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

/** The real clock. Timers are unref'd so that a pending retry never keeps a finished process alive. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const timer = setTimeout(callback, ms);
    timer.unref();
    return timer;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
