import type { ClientMessageOf } from 'aurora-protocol';
import type { Clock } from './clock.js';

/** The typing line under the messages: who is typing, in a sentence; empty when nobody is. */
export function typingLine(nicks: readonly string[]): string {
  if (nicks.length === 0) return '';
  if (nicks.length === 1) return `${nicks[0]} is typing…`;
  if (nicks.length === 2) return `${nicks[0]} and ${nicks[1]} are typing…`;
  if (nicks.length === 3) return `${nicks[0]}, ${nicks[1]} and ${nicks[2]} are typing…`;
  return 'Several people are typing…';
}

/** Tells the server when the user types, no more often than the protocol allows. */
export interface TypingSignal {
  /** The composer changed: its text now, in `room` (undefined in a direct conversation). */
  input(room: string | undefined, text: string): void;
  /** The message was sent (the server clears the indicator itself) or the room changed. */
  reset(): void;
}

/**
 * Sends `typing {active: true}` at most once per `intervalMs` while there is text that is not a
 * command, and `typing {active: false}` when the composer is emptied.
 */
export function createTypingSignal(
  send: (message: ClientMessageOf<'typing'>) => void,
  clock: Clock,
  intervalMs: () => number,
): TypingSignal {
  let active: { room: string; at: number } | undefined;
  return {
    input(room, text) {
      const typing = room !== undefined && text.trim() !== '' && !text.startsWith('/');
      if (!typing) {
        if (active) send({ type: 'typing', room: active.room, active: false });
        active = undefined;
        return;
      }
      const now = clock.now();
      if (active && active.room === room && now - active.at < intervalMs()) return;
      if (active && active.room !== room) send({ type: 'typing', room: active.room, active: false });
      active = { room, at: now };
      send({ type: 'typing', room, active: true });
    },
    reset() {
      active = undefined;
    },
  };
}
