import type { ChatConnection } from 'aurora-client';
import { COMMAND_REFS } from '../core/command-refs.js';
import type { Refusal } from '../core/page-session.js';
import { isOnline, type PageAction, type PageState } from '../core/page-state.js';
import type { Store } from '../core/store.js';

/** The page's live parts that search acts on, handed over by main.ts. */
export interface PageParts {
  readonly store: Store<PageState, PageAction>;
  /** The engine's connection of the current join, if any. */
  readonly connection: () => ChatConnection | undefined;
  /** Runs a line as the composer does (`/join ROOM`). */
  readonly submit: (line: string) => Refusal | undefined | Promise<Refusal | undefined>;
}

/** What search does to conversations: show one, and load a page of history inside one. */
export interface ConversationActions {
  /** Shows the room or conversation a result is in (as the wire names it), joining a room if need be; its key. */
  show(wire: string): string;
  /**
   * Asks for the `limit` messages of a conversation before seq `before`, in one request: the context
   * of a search result, or a gap being filled. False when a page is already on its way there, or the
   * page is offline; the chat state takes in the page when it lands (`loadingOlder` lets it in).
   */
  loadPage(key: string, before: number, limit: number): boolean;
}

/** Builds the actions over the page's store and connection. */
export function conversationActions(page: PageParts): ConversationActions {
  const { store } = page;
  return {
    show(wire) {
      if (wire.startsWith('@')) {
        // Opens the conversation, or shows it when it is open; the state knows its key (`@Bob` is `@bob`).
        store.dispatch({ type: 'open-dm', nick: wire.slice(1) });
        return store.getState().chat.current;
      }
      if (store.getState().chat.targets[wire]) store.dispatch({ type: 'select', target: wire });
      // Results come from rooms the account is a member of; one not joined here is joined to show
      // it, as `/join` does: the page switches to it when the server confirms.
      else void page.submit(`/join ${wire}`);
      return wire;
    },
    loadPage(key, before, limit) {
      const state = store.getState();
      const connection = page.connection();
      if (!connection || !isOnline(state) || state.chat.targets[key]?.loadingOlder !== false) return false;
      store.dispatch({ type: 'older-requested', target: key });
      // The `history` ref: a refused page ends the loading state, as an older page's refusal does.
      connection.history(key, before, limit, COMMAND_REFS.history);
      return true;
    },
  };
}
