import type { ChatScreen } from '../ui/chat-screen.js';
import { conversationActions, type PageParts } from './conversation-actions.js';
import { fillGaps } from './gap-filler.js';
import { createJumper } from './jump.js';
import { createRevealer } from './reveal.js';
import { createSearchPanel, type SearchPanel } from './search-panel.js';

// The search chunk: main.ts loads it with `import()` the first time someone searches, so the page
// everyone loads first does not grow (#17). build.mjs bundles it on its own: it has its own copy of
// the stateless helpers it imports (the DOM helper, name colours), and must never keep a copy of the
// page's state. The live parts (the store, the chat screen, the connection) are handed to it.

/** What the search needs from the page. */
export interface SearchDeps extends PageParts {
  readonly chat: Pick<ChatScreen, 'conversation' | 'messages' | 'composer'>;
}

/** The search as the page uses it; `goTo` jumps to a message as a result does (`/goto`, a reply's quote). */
export type Search = Pick<SearchPanel, 'open' | 'close'> & {
  readonly goTo: (wire: string, seq: number) => void;
};

/**
 * Builds the search panel into the conversation, with jumps to the results it finds and the
 * filling of the gaps those jumps leave in a conversation's history.
 */
export function createSearch(deps: SearchDeps): Search {
  const { chat, store } = deps;
  const actions = conversationActions(deps);
  const revealer = createRevealer(chat.messages);
  const jump = createJumper({
    ...actions,
    store,
    reveal: revealer.reveal,
    notice: (text, target) => store.dispatch({ type: 'notice', text, tone: 'info', now: Date.now(), target }),
  });
  const panel = createSearchPanel({
    search: (query, options) =>
      deps.connection()?.search(query, options) ??
      Promise.reject(Object.assign(new Error('not connected'), { code: 'disconnected' })),
    jump: (hit) => jump(hit.target, hit.seq),
    focusComposer: () => chat.composer.focus(),
  });
  chat.conversation.appendChild(panel.element);
  fillGaps(chat.messages.scroller, store, actions.loadPage);
  // Going to another conversation, or leaving the chat (quit, a lost log-in), closes the panel: it
  // would hide what was chosen, or be in the way of the next join.
  let active = store.getState().chat.current;
  store.subscribe((state) => {
    if (state.chat.current === active && state.screen === 'chat') return;
    active = state.chat.current;
    panel.close();
    revealer.reset();
  });
  return { open: (query) => panel.open(query), close: () => panel.close(), goTo: jump };
}
