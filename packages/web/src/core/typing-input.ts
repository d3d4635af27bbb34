/** Turns what the composer holds into typing notices; the engine throttles them to the server's pace. */
export interface TypingInput {
  /** The composer changed: its text now, in `room` (undefined in a direct conversation). */
  input(room: string | undefined, text: string): void;
  /** Another conversation is on screen, or the line was sent (the server cleared the indicator). */
  reset(): void;
}

/**
 * Says "typing" while the composer holds text that is not a command, and "stopped" when it is
 * emptied or the person types in another room instead.
 */
export function createTypingInput(typing: (room: string, active: boolean) => void): TypingInput {
  let typingIn: string | undefined;
  return {
    input(room, text) {
      const active = room !== undefined && text.trim() !== '' && !text.startsWith('/');
      if (typingIn !== undefined && (!active || typingIn !== room)) typing(typingIn, false);
      typingIn = active ? room : undefined;
      if (typingIn !== undefined) typing(typingIn, true);
    },
    reset() {
      typingIn = undefined;
    },
  };
}
