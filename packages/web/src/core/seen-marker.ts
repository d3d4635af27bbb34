import { type Clock, lastSeq, ReadMarkers, type TimerHandle } from 'aurora-client';
import { activeTarget, type PageAction, type PageState } from './page-state.js';

/**
 * Tells the server what a logged-in person has seen in the conversation on screen, so their other
 * devices stop counting it. When a message counts as seen is the page's call (visible, scrolled to
 * the bottom); pacing and only-forward are the engine's `ReadMarkers`.
 */
export interface SeenMarker {
  /** The state changed: mark the conversation on screen read, soon, if it is being seen. */
  changed(): void;
  /** Forgets what was marked (another connection, perhaps as someone else). */
  reset(): void;
}

/** What the marker reads, writes and waits with. */
export interface SeenMarkerOptions {
  readonly getState: () => PageState;
  /** Writes a read marker (the connection's `markRead`, which guests skip). */
  readonly markRead: (target: string, seq: number) => void;
  readonly dispatch: (action: PageAction) => void;
  readonly clock: Clock;
  /** True while the newest message of the conversation on screen is in view. */
  readonly seeing: () => boolean;
  /** Messages arriving in a burst are looked at once, this long after the first (default 1 s). */
  readonly delayMs?: number;
}

/** Creates the marker; guests have no read markers, so nothing is sent for them. */
export function createSeenMarker(options: SeenMarkerOptions): SeenMarker {
  const markers = new ReadMarkers((target, seq) => {
    options.markRead(target, seq);
    options.dispatch({ type: 'marked-read', target, seq });
  }, options.clock);
  let timer: TimerHandle | undefined;
  const look = () => {
    timer = undefined;
    const state = options.getState();
    const target = activeTarget(state);
    if (!target || !state.chat.account || !state.chat.visible || !options.seeing()) return;
    const seq = lastSeq(target.items) ?? 0;
    if (seq > target.readSeq) markers.mark(target.key, seq);
  };
  return {
    changed() {
      if (timer === undefined && options.getState().chat.account !== undefined)
        timer = options.clock.setTimeout(look, options.delayMs ?? 1000);
    },
    reset: () => markers.reset(),
  };
}
