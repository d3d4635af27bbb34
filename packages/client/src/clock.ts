/// <reference path="./timers.d.ts" />
import type { Clock, TimerHandle } from 'aurora-protocol';

export type { Clock, TimerHandle } from 'aurora-protocol';

/**
 * The real clock, the same in Node and in browsers. Its timers keep a Node process alive on purpose:
 * while `tail` waits to reconnect, the retry timer is all there is, and `close()` clears every timer.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms) as TimerHandle,
  clearTimeout: (handle) => clearTimeout(handle),
};
