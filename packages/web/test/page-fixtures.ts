import type { ServerMessage } from 'aurora-protocol';
import { welcome } from 'aurora-testkit';
import { initialPage, type PageAction, type PageState, pageReducer } from '../src/core/page-state.js';

// Page states for the unit tests of src/: the page's actions and server frames reduced from the
// join screen, as the page itself does it.

/** The time the fixtures stamp events with. */
export const NOW = 1_700_000_000_000;

/** A server frame as the page gets it. */
export const frame = (message: ServerMessage, now = NOW): PageAction => ({
  type: 'connection',
  event: { type: 'server', message },
  now,
});

/** The connection is up (`account` when logged in). */
export const online = (account?: string): PageAction => ({
  type: 'connection',
  event: {
    type: 'status',
    status: { state: 'online', nick: 'alice', server: 'aurora-server', ...(account ? { account } : {}) },
  },
  now: NOW,
});

/** `state` after `actions`. */
export const run = (state: PageState, ...actions: PageAction[]): PageState =>
  actions.reduce(pageReducer, state);

/** alice, welcomed and online (as a guest), then `actions`. */
export const chatting = (...actions: PageAction[]): PageState =>
  run(
    initialPage(),
    { type: 'join-asked', nick: 'alice', room: 'dev' },
    online(),
    frame(welcome('alice')),
    ...actions,
  );
