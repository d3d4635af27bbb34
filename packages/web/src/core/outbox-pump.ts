import type { ClientMessageInput } from 'aurora-protocol';
import type { ChatAction } from './chat-reducer.js';
import type { ChatState } from './chat-state.js';
import type { Clock, TimerHandle } from './clock.js';
import { dueMessages, frameFor, nextRetryAt } from './outbox.js';

/** Puts the outbox on the wire: what is due now, and the rest when the rate limit allows. */
export interface OutboxPump {
  /** Sends every due message; call after any change (it is cheap when nothing is due). */
  flush(): void;
}

/** What the pump reads, writes and waits with. */
export interface OutboxPumpOptions {
  readonly getState: () => ChatState;
  /** Sends a frame; false when the connection cannot send now. */
  readonly send: (frame: ClientMessageInput) => boolean;
  readonly dispatch: (action: ChatAction) => void;
  readonly clock: Clock;
}

/** Creates the pump. */
export function createOutboxPump(options: OutboxPumpOptions): OutboxPump {
  const { clock } = options;
  let retryTimer: TimerHandle | undefined;
  const flush = () => {
    const state = options.getState();
    const now = clock.now();
    const sent = dueMessages(state, now).filter((pending) => {
      const frame = frameFor(state, pending);
      return frame !== undefined && options.send(frame);
    });
    if (sent.length > 0) options.dispatch({ type: 'sent', cids: sent.map((p) => p.cid) });
    if (retryTimer !== undefined) clock.clearTimeout(retryTimer);
    const retryAt = nextRetryAt(options.getState());
    retryTimer = retryAt !== undefined && retryAt > now ? clock.setTimeout(flush, retryAt - now) : undefined;
  };
  return { flush };
}
