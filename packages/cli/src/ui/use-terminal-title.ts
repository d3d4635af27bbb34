import { type ChatState, HOME } from 'aurora-client';
import { useEffect, useRef } from 'react';
import { titleText } from '../core/terminal-title.js';
import { targetName } from './status-line/index.js';

/** How long the title waits for counts to settle: a burst of messages is one title, not dozens. */
export const TITLE_DEBOUNCE_MS = 250;

/** The title the chat asks for: every unread message, and the room or conversation on screen. */
export function chatTitle(state: ChatState): string {
  let unread = 0;
  for (const target of Object.values(state.targets)) unread += target.unread;
  const current = state.targets[state.current];
  return titleText(unread, current && current.key !== HOME ? targetName(current) : undefined);
}

/**
 * Keeps the terminal's title on {@link chatTitle}: written once the state has been quiet for
 * `delayMs`, and only when it changed. Without `setTitle` (`--title off`) nothing is written.
 */
export function useTerminalTitle(
  state: ChatState,
  setTitle: ((text: string) => void) | undefined,
  delayMs = TITLE_DEBOUNCE_MS,
): void {
  const text = chatTitle(state);
  const written = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!setTitle || text === written.current) return;
    const timer = setTimeout(() => {
      written.current = text;
      setTitle(text);
    }, delayMs);
    return () => clearTimeout(timer);
  }, [text, setTitle, delayMs]);
}
