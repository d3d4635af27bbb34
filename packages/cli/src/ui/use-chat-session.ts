import type { ChatConnection, Clock } from 'aurora-client';
import { type ChatState, initialChatState } from 'aurora-client';
import { useEffect, useMemo, useReducer, useRef } from 'react';
import type { CredentialStore } from '../core/credentials.js';
import type { GuestPrefs } from '../core/guest-prefs.js';
import { type ArrivalLog, chatSessionReducer, NO_ARRIVALS } from '../core/notify/index.js';
import { SessionKeeper } from '../core/session-keeper.js';
import { type ChatActions, createChatActions } from './chat-actions.js';

/** Where the chat keeps the account sessions of its server. */
export interface ChatCredentials {
  readonly store: CredentialStore;
  /** The server's WebSocket URL, the key of its sessions in the store. */
  readonly url: string;
}

/** Who the session starts as and where; see {@link useChatSession}. */
export interface ChatSessionOptions {
  readonly nick: string;
  /** The server as shown to the user. */
  readonly server: string;
  readonly clock: Clock;
  readonly quit: () => void;
  /** Opens the search view (`/search QUERY`). */
  readonly openSearch: (query: string) => void;
  /** Shows message `seq` of a target (its key), loading the history around it (`/goto N`). */
  readonly goTo: (key: string, seq: number) => void;
  /** Keep log-ins in the credentials file; without it (tests, benchmarks) they last one run. */
  readonly credentials?: ChatCredentials;
  /**
   * Where a guest's notification preferences are kept (an account's are on its server); without
   * it they last one run.
   */
  readonly guestPrefs?: GuestPrefs;
}

/**
 * The one place the socket lives: starts the connection, feeds its events into the chat reducer,
 * keeps its log-ins in the credentials file, closes it on unmount, and builds the actions the views
 * call. Typing indicators expire on a one-second tick that only runs while someone is typing. Beside
 * the state it returns the log of messages that arrived (what notifications are made of).
 */
export function useChatSession(
  connection: ChatConnection,
  { nick, server, clock, quit, openSearch, goTo, credentials, guestPrefs }: ChatSessionOptions,
): [ChatState, ChatActions, ArrivalLog] {
  const [{ chat: state, arrivals }, dispatch] = useReducer(chatSessionReducer, undefined, () => ({
    chat: initialChatState(nick, server, connection.followedRooms()[0]),
    arrivals: NO_ARRIVALS,
  }));
  const latest = useRef(state);
  latest.current = state;
  const quitRef = useRef(quit);
  quitRef.current = quit;
  const openSearchRef = useRef(openSearch);
  openSearchRef.current = openSearch;
  const goToRef = useRef(goTo);
  goToRef.current = goTo;

  useEffect(() => {
    const unsubscribe = connection.subscribe((event) =>
      dispatch({ type: 'connection', event, now: clock.now() }),
    );
    const keeper =
      credentials &&
      new SessionKeeper(connection, credentials.store, credentials.url, (error) =>
        dispatch({
          type: 'notice',
          text: `Could not update ${credentials.store.path}: ${error instanceof Error ? error.message : String(error)}`,
          tone: 'error',
          now: clock.now(),
        }),
      );
    connection.start();
    return () => {
      unsubscribe();
      keeper?.stop();
      connection.close();
    };
  }, [connection, clock, credentials]);

  // A guest's preferences are this terminal's: loaded at start and whenever the account is left.
  const guest = state.account === undefined;
  useEffect(() => {
    if (!guest || !guestPrefs) return;
    let current = true;
    guestPrefs.load().then(
      (prefs) => {
        // Logged in meanwhile: the account's preferences (from the server) win.
        if (current && latest.current.account === undefined)
          dispatch({ type: 'prefs', prefs, now: clock.now() });
      },
      () => {}, // load never rejects (an unreadable file is no preferences); nothing to report
    );
    return () => {
      current = false;
    };
  }, [guest, guestPrefs, clock]);

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
        openSearch: (query) => openSearchRef.current(query),
        goTo: (key, seq) => goToRef.current(key, seq),
        ...(guestPrefs ? { keepGuestPrefs: (prefs) => guestPrefs.save(prefs) } : {}),
      }),
    [connection, clock, guestPrefs],
  );
  return [state, actions, arrivals];
}
