import { useEffect, useMemo, useReducer, useRef } from 'react';
import { type ChatState, chatReducer, initialChatState } from '../core/chat-state.js';
import type { Clock } from '../core/clock.js';
import type { ChatConnection } from '../core/connection-types.js';
import { type ChatActions, createChatActions } from './chat-actions.js';

/**
 * The one place the socket lives: starts the connection, feeds its events into the chat reducer,
 * closes it on unmount, and builds the actions the views call. Typing indicators expire on a
 * one-second tick that only runs while someone is typing.
 */
export function useChatSession(
  connection: ChatConnection,
  nick: string,
  clock: Clock,
  quit: () => void,
): [ChatState, ChatActions] {
  const [state, dispatch] = useReducer(chatReducer, nick, initialChatState);
  const latest = useRef(state);
  latest.current = state;
  const quitRef = useRef(quit);
  quitRef.current = quit;

  useEffect(() => {
    const unsubscribe = connection.subscribe((event) =>
      dispatch({ type: 'connection', event, now: clock.now() }),
    );
    connection.start();
    return () => {
      unsubscribe();
      connection.close();
    };
  }, [connection, clock]);

  const someoneTyping = Object.values(state.targets).some((t) => Object.keys(t.typing).length > 0);
  useEffect(() => {
    if (!someoneTyping) return;
    const timer = setInterval(() => dispatch({ type: 'tick', now: clock.now() }), 1000);
    return () => clearInterval(timer);
  }, [someoneTyping, clock]);

  const actions = useMemo(
    () =>
      createChatActions({
        connection,
        dispatch,
        getState: () => latest.current,
        clock,
        quit: () => quitRef.current(),
      }),
    [connection, clock],
  );
  return [state, actions];
}
