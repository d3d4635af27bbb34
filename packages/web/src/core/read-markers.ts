import type { ClientMessageOf } from 'aurora-protocol';
import type { ChatAction } from './chat-reducer.js';
import { activeTarget, type ChatState, wireTarget } from './chat-state.js';
import type { Clock, TimerHandle } from './clock.js';
import { latestSeq } from './timeline.js';

/** Tells the server what a logged-in person has read, so their other devices stop counting it. */
export interface ReadMarkers {
  /** The state changed: mark the conversation on screen read, soon, if it is being seen. */
  changed(): void;
}

/** What the markers read, write and wait with. */
export interface ReadMarkersOptions {
  readonly getState: () => ChatState;
  readonly send: (frame: ClientMessageOf<'read'>) => boolean;
  readonly dispatch: (action: ChatAction) => void;
  readonly clock: Clock;
  /** True while the newest message of the conversation on screen is in view. */
  readonly seeing: () => boolean;
  /** Messages arriving in a burst are marked once, this long after the first (default 1 s). */
  readonly delayMs?: number;
}

/** Creates the read markers; guests have none, so nothing is sent for them. */
export function createReadMarkers(options: ReadMarkersOptions): ReadMarkers {
  let timer: TimerHandle | undefined;
  const mark = () => {
    timer = undefined;
    const state = options.getState();
    const target = activeTarget(state);
    if (!target || !state.account || !state.visible || !options.seeing()) return;
    const seq = latestSeq(target.entries);
    if (seq > target.readSeq && options.send({ type: 'read', target: wireTarget(target), seq }))
      options.dispatch({ type: 'marked-read', target: target.key, seq });
  };
  return {
    changed() {
      if (timer === undefined && options.getState().account !== undefined)
        timer = options.clock.setTimeout(mark, options.delayMs ?? 1000);
    },
  };
}
