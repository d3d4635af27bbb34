import type { Clock, TimerHandle } from 'aurora-protocol';

export type { Clock } from 'aurora-protocol';

/** What `setTimeout` returns; opaque to callers. */
export type Timer = TimerHandle;

/** The real clock. Timers are unref'd so they never keep the process alive on their own. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const timer = setTimeout(callback, ms);
    timer.unref();
    return timer;
  },
  clearTimeout: (timer) => clearTimeout(timer as NodeJS.Timeout),
};
