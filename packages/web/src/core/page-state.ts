import {
  accountDeletedText,
  type ChatAction,
  type ChatState,
  type ConnectionStatus,
  chatReducer,
  HOME,
  initialChatState,
  isDmTarget,
  type TargetState,
} from 'aurora-client';
import type { JoinAttempt } from './join-errors.js';

// The page around the engine's chat state: the join screen, the log-in kept in this browser and
// what the person asked to join. Everything a server frame changes is the engine's `ChatState`
// (aurora-client), the one the terminal renders too; this module only says which screen shows.

/** A log-in kept by the page: the account and its session token (never the password). */
export interface StoredSession {
  readonly account: string;
  readonly token: string;
  /** When the token stops working (epoch ms). */
  readonly expiresAt: number;
}

/** A join that failed, as the join screen explains it (see join-errors.ts, loaded on first use). */
export interface JoinFailure {
  /** A protocol error code, or `unreachable` / `closed` / `logged_out` from the connection. */
  readonly code: string;
  /** The server's (or the connection's) own words. */
  readonly message: string;
  readonly nick: string;
  readonly attempt: JoinAttempt;
}

/** Everything the page shows. */
export interface PageState {
  readonly screen: 'join' | 'chat';
  /** The nick and rooms to ask for in the next `hello`. */
  readonly wanted: { readonly nick: string; readonly rooms: readonly string[] };
  /** The log-in the next `hello` uses; undefined for guests. */
  readonly session?: StoredSession;
  /** Why the last attempt to join failed, shown on the join screen: a sentence, or a failure to explain. */
  readonly joinError?: string | JoinFailure;
  /** A join was asked for and not answered yet (the join screen's button waits). */
  readonly joining: boolean;
  /** The engine's chat state of the current (or last) connection. */
  readonly chat: ChatState;
  /** Targets the person cleared (`/clear`): their edge says so. */
  readonly cleared: ReadonlySet<string>;
}

/** What changes the page: the engine's chat actions, and the join screen's own. */
export type PageAction =
  | ChatAction
  | { readonly type: 'join-asked'; readonly nick: string; readonly room: string }
  /** Joining failed; `endsSession` when the stored log-in no longer works. */
  | {
      readonly type: 'hello-failed';
      readonly error: JoinFailure;
      readonly fatal: boolean;
      readonly endsSession: boolean;
    }
  /** Forget the stored log-in (the person logs out from the join screen). */
  | { readonly type: 'forget-session' }
  | { readonly type: 'quit' };

/**
 * How much transcript the page keeps (the engine's units: UTF-16 code units plus 64 a line): about
 * 600 K per conversation (some 4,000 ordinary lines) and 8 M in all, far below the terminal's, as a
 * tab left open must not grow without end. The oldest lines go first; scrolling up pages them in
 * again. At most 100 rooms and conversations (a connection is in at most 64 rooms): a server
 * flooding direct messages from new names closes the conversations open longest.
 */
export const PAGE_TRANSCRIPT_BUDGET = { perTarget: 600_000, total: 8_000_000, targets: 100 } as const;

/** The engine's chat state of a page that asks for `nick` and shows `room` once joined. */
function pageChat(nick: string, room: string | undefined): ChatState {
  return { ...initialChatState(nick, '', room), transcriptBudget: PAGE_TRANSCRIPT_BUDGET };
}

/** The page before joining. */
export function initialPage(
  wanted: { nick?: string; room?: string; session?: StoredSession } = {},
): PageState {
  const nick = wanted.session?.account ?? wanted.nick ?? '';
  return {
    screen: 'join',
    wanted: { nick, rooms: wanted.room ? [wanted.room] : [] },
    ...(wanted.session ? { session: wanted.session } : {}),
    joining: false,
    chat: pageChat(nick, wanted.room),
    cleared: new Set(),
  };
}

/** The one place the page's state changes: pure, tested without a page or a socket. */
export function pageReducer(state: PageState, action: PageAction): PageState {
  switch (action.type) {
    case 'join-asked':
      return {
        ...state,
        wanted: { nick: action.nick, rooms: [action.room] },
        joinError: undefined,
        joining: true,
        chat: pageChat(action.nick, action.room),
        cleared: new Set(),
      };
    case 'hello-failed': {
      if (state.screen !== 'join' && !action.fatal) return state;
      const session = action.endsSession ? undefined : state.session;
      return {
        ...initialPage({ nick: state.wanted.nick, ...roomShown(state), ...(session ? { session } : {}) }),
        joinError: action.error,
      };
    }
    case 'forget-session': {
      const { session: _forgotten, ...rest } = state;
      return { ...rest, wanted: { ...state.wanted, nick: '' }, joinError: undefined };
    }
    case 'quit':
      return initialPage({
        nick: state.screen === 'chat' ? state.chat.me : state.wanted.nick,
        ...(state.session ? { session: state.session } : {}),
        ...roomShown(state),
      });
    case 'clear':
      return {
        ...state,
        chat: chatReducer(state.chat, action),
        cleared: new Set(state.cleared).add(action.target),
      };
    case 'connection':
      return afterFrame({ ...state, chat: chatReducer(state.chat, action) }, action);
    default:
      return withChat(state, chatReducer(state.chat, action));
  }
}

/** What the page itself takes from a connection event: the screen, the log-in, the name. */
function afterFrame(state: PageState, action: Extract<ChatAction, { type: 'connection' }>): PageState {
  const { event } = action;
  if (event.type !== 'server') return state;
  const message = event.message;
  switch (message.type) {
    case 'welcome':
      return {
        ...state,
        screen: 'chat',
        joining: false,
        wanted: { ...state.wanted, nick: message.nick },
      };
    case 'joined':
      return {
        ...state,
        wanted: { ...state.wanted, rooms: state.wanted.rooms.filter((r) => r !== message.room) },
      };
    case 'nick':
      return { ...state, wanted: { ...state.wanted, nick: message.nick } };
    case 'auth':
      return {
        ...state,
        session: { account: message.account, token: message.token, expiresAt: message.expiresAt },
        wanted: { ...state.wanted, nick: message.account },
      };
    case 'logged_out':
      return loggedOut(state, 'You logged out.');
    case 'account_deleted':
      return loggedOut(state, accountDeletedText(message.account, message.heldUntil));
    default:
      return state;
  }
}

/** The session ended at our request: back to the join screen, as a guest-to-be, saying `why`. */
function loggedOut(state: PageState, why: string): PageState {
  return { ...initialPage({ nick: '', ...roomShown(state) }), joinError: why };
}

function withChat(state: PageState, chat: ChatState): PageState {
  return chat === state.chat ? state : { ...state, chat };
}

/** The room on screen (or the one asked for), to offer again on the join screen. */
function roomShown(state: PageState): { room?: string } {
  const current = state.chat.current;
  if (current !== HOME && !isDmTarget(current)) return { room: current };
  const asked = state.wanted.rooms[0];
  return asked ? { room: asked } : {};
}

/** The conversation on screen; undefined on the home view (before the first room, after the last). */
export function activeTarget(state: PageState): TargetState | undefined {
  const target = state.chat.targets[state.chat.current];
  return target?.kind === 'home' ? undefined : target;
}

/** Rooms and conversations as the room list shows them (the home view is not one). */
export function shownTargets(chat: ChatState): TargetState[] {
  return chat.order.flatMap((key) => {
    const target = chat.targets[key];
    return target && target.kind !== 'home' ? [target] : [];
  });
}

/** Unread messages across every conversation, for the page title. */
export function totalUnread(chat: ChatState): number {
  return shownTargets(chat).reduce((sum, target) => sum + target.unread, 0);
}

/** Where the connection stands, as the top bar words it. */
export type ConnectionView = 'idle' | 'connecting' | 'online' | 'reconnecting' | 'offline';

/** The engine's connection status as the top bar and banner show it. */
export function connectionView(status: ConnectionStatus): ConnectionView {
  switch (status.state) {
    case 'online':
      return 'online';
    case 'connecting':
      return status.everOnline ? 'reconnecting' : 'connecting';
    case 'reconnecting':
      return 'reconnecting';
    case 'closed':
      return 'idle';
    default:
      return 'offline';
  }
}

/** Whether requests can go out now. */
export function isOnline(state: PageState): boolean {
  return state.chat.status.state === 'online';
}
