import type { ChatConnection, ChatState, Clock } from 'aurora-client';
import { createContext, type ReactNode, useContext } from 'react';
import type { GuestPrefs } from '../core/guest-prefs.js';
import type { ArrivalLog } from '../core/notify/index.js';
import type { ChatActions } from './chat-actions.js';
// Not the folder's index: that also exports the view's key hook, which imports this module, and an
// import cycle deadlocks the bundle's lazy start of the UI (Ink's graph has a top-level await).
import { useSearchView } from './search-view/search-view-context.js';
import { useUi } from './ui-context.js';
import { type ChatCredentials, useChatSession } from './use-chat-session.js';

const ChatStateContext = createContext<ChatState | undefined>(undefined);
const ChatActionsContext = createContext<ChatActions | undefined>(undefined);
const ArrivalsContext = createContext<ArrivalLog | undefined>(undefined);

/** Props of {@link ChatProvider}. */
export interface ChatProviderProps {
  readonly connection: ChatConnection;
  readonly nick: string;
  readonly clock: Clock;
  readonly onQuit: () => void;
  readonly credentials?: ChatCredentials;
  readonly guestPrefs?: GuestPrefs;
  readonly children: ReactNode;
}

/**
 * Owns the chat session and hands state, actions and arrivals down in three contexts (inside a
 * UiProvider and a SearchViewProvider).
 */
export function ChatProvider({
  connection,
  nick,
  clock,
  onQuit,
  credentials,
  guestPrefs,
  children,
}: ChatProviderProps) {
  const { server } = useUi();
  const [, searchView] = useSearchView();
  const [state, actions, arrivals] = useChatSession(connection, {
    nick,
    server,
    clock,
    quit: onQuit,
    openSearch: (query) => searchView({ type: 'open', query }),
    goTo: (key, seq) => searchView({ type: 'goto', key, seq }),
    ...(credentials ? { credentials } : {}),
    ...(guestPrefs ? { guestPrefs } : {}),
  });
  return (
    <ChatActionsContext.Provider value={actions}>
      <ChatStateContext.Provider value={state}>
        <ArrivalsContext.Provider value={arrivals}>{children}</ArrivalsContext.Provider>
      </ChatStateContext.Provider>
    </ChatActionsContext.Provider>
  );
}

/** The chat state; throws outside a {@link ChatProvider}. */
export function useChatState(): ChatState {
  const state = useContext(ChatStateContext);
  if (!state) throw new Error('useChatState must be used inside <ChatProvider>');
  return state;
}

/** The chat actions; throws outside a {@link ChatProvider}. */
export function useChatActions(): ChatActions {
  const actions = useContext(ChatActionsContext);
  if (!actions) throw new Error('useChatActions must be used inside <ChatProvider>');
  return actions;
}

/** The messages that arrived (for notifications); throws outside a {@link ChatProvider}. */
export function useArrivals(): ArrivalLog {
  const arrivals = useContext(ArrivalsContext);
  if (!arrivals) throw new Error('useArrivals must be used inside <ChatProvider>');
  return arrivals;
}
