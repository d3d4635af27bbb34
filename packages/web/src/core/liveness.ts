import type { Clock, TimerHandle } from './clock.js';

/** Notices a connection that went silent: browsers can take minutes to report a dead network. */
export interface Liveness {
  /** Something arrived: the connection is alive; start counting the silence again. */
  alive(): void;
  /** Stops watching (the socket is gone). */
  stop(): void;
}

/** Timings and what to do when they run out. */
export interface LivenessOptions {
  readonly clock: Clock;
  /** Silence after which to probe (the server answers a `ping` with a `pong`). */
  readonly probeAfterMs: number;
  /** How long a probe may go unanswered before the connection counts as dead. */
  readonly deadAfterMs: number;
  probe(): void;
  dead(): void;
}

/** Probes after `probeAfterMs` of silence and gives up `deadAfterMs` after an unanswered probe. */
export function createLiveness(options: LivenessOptions): Liveness {
  const { clock } = options;
  let timer: TimerHandle | undefined;
  const stop = () => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
  };
  return {
    alive() {
      stop();
      timer = clock.setTimeout(() => {
        options.probe();
        timer = clock.setTimeout(() => {
          timer = undefined;
          options.dead();
        }, options.deadAfterMs);
      }, options.probeAfterMs);
    },
    stop,
  };
}
