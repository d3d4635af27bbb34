import { dmTarget } from 'aurora-client';
import type { NotifyPrefs, ServerMessage } from 'aurora-protocol';
import {
  type ChatState,
  type ConnectionInfo,
  initialState,
  newTarget,
  type PendingMessage,
  type TargetKey,
} from './chat-state.js';
import { withoutEndedMutes, withPrefs } from './prefs-state.js';
import { applyServerMessage } from './server-frames.js';
import { addNotice, mapTargets, removeTarget, updateTarget, withTarget } from './state-updates.js';
import type { NoticeTone } from './timeline.js';

/** Everything that can change what the page shows. */
export type ChatAction =
  | { readonly type: 'join-requested'; readonly nick: string; readonly room: string }
  | ({ readonly type: 'connection' } & ConnectionInfo)
  /** Joining failed; `endsSession` when the stored log-in no longer works. */
  | {
      readonly type: 'hello-failed';
      readonly message: string;
      readonly fatal: boolean;
      readonly endsSession: boolean;
    }
  /** Forget the stored log-in (the person logs out from the join screen). */
  | { readonly type: 'forget-session' }
  | { readonly type: 'server'; readonly message: ServerMessage; readonly now: number }
  | {
      readonly type: 'send';
      readonly cid: string;
      readonly target: TargetKey;
      readonly kind: PendingMessage['kind'];
      readonly text: string;
      readonly now: number;
    }
  /** The server refused a message for good (the engine dropped it); it waits for retry or discard. */
  | { readonly type: 'send-failed'; readonly cid: string; readonly message: string }
  /** The engine holds a message back until `retryAt` (rate limit, recipient not back yet). */
  | { readonly type: 'send-delayed'; readonly cid: string; readonly retryAt: number }
  /** A refused message was handed to the engine again, under its new `newCid`. */
  | { readonly type: 'retry'; readonly cid: string; readonly newCid: string }
  | { readonly type: 'discard'; readonly cid: string }
  | { readonly type: 'open'; readonly target: TargetKey }
  | { readonly type: 'open-dm'; readonly nick: string }
  | { readonly type: 'close'; readonly target: TargetKey }
  | { readonly type: 'join-room'; readonly room: string }
  /** A page of history was asked for (older messages, a search result's context, a gap). */
  | { readonly type: 'older-requested'; readonly target: TargetKey }
  | { readonly type: 'clear'; readonly target: TargetKey }
  /** This device told the server it has read `target` up to `seq`. */
  | { readonly type: 'marked-read'; readonly target: TargetKey; readonly seq: number }
  | { readonly type: 'notice'; readonly text: string; readonly tone: NoticeTone; readonly target?: TargetKey }
  | { readonly type: 'visibility'; readonly visible: boolean }
  | { readonly type: 'tick'; readonly now: number }
  /** A guest's own notification preferences: read from this browser, or changed here. */
  | { readonly type: 'prefs'; readonly prefs: NotifyPrefs; readonly now: number }
  | { readonly type: 'quit' };

/** The one place chat state changes: pure, so every behaviour is tested without a page or socket. */
export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'join-requested':
      return {
        ...state,
        wanted: { nick: action.nick, rooms: [action.room] },
        joinError: undefined,
        connection: { status: 'connecting' },
      };
    case 'connection':
      return onConnection(state, action);
    case 'hello-failed':
      if (state.screen === 'join' || action.fatal) {
        const room =
          state.active === undefined ? state.wanted.rooms[0] : state.targets.get(state.active)?.name;
        const session = action.endsSession ? undefined : state.session;
        return {
          ...initialState({
            nick: state.wanted.nick,
            ...(room ? { room } : {}),
            ...(session ? { session } : {}),
          }),
          joinError: action.message,
        };
      }
      return state;
    case 'forget-session': {
      const { session: _forgotten, ...rest } = state;
      return { ...rest, wanted: { ...state.wanted, nick: '' }, joinError: undefined };
    }
    case 'server':
      return applyServerMessage(state, action.message, action.now);
    case 'send':
      return {
        ...state,
        pending: [
          ...state.pending,
          {
            cid: action.cid,
            target: action.target,
            kind: action.kind,
            text: action.text,
            createdAt: action.now,
          },
        ],
      };
    case 'send-failed':
      return updatePending(state, action.cid, (p) => ({ ...p, failure: action.message }));
    case 'send-delayed':
      return updatePending(state, action.cid, (p) => ({ ...p, retryAt: action.retryAt }));
    case 'retry':
      return updatePending(state, action.cid, (p) => ({
        cid: action.newCid,
        target: p.target,
        kind: p.kind,
        text: p.text,
        createdAt: p.createdAt,
      }));
    case 'discard':
      return { ...state, pending: state.pending.filter((p) => p.cid !== action.cid) };
    case 'open':
      return state.targets.has(action.target) ? markRead({ ...state, active: action.target }) : state;
    case 'open-dm': {
      const key = dmTarget(action.nick);
      const opened = state.targets.has(key)
        ? state
        : {
            ...state,
            // hasOlder: the message list then fetches the conversation's latest page.
            targets: withTarget(state.targets, key, { ...newTarget(key, action.nick), hasOlder: true }),
            order: [...state.order, key],
          };
      return markRead({ ...opened, active: key });
    }
    case 'close':
      return removeTarget(state, action.target);
    case 'join-room':
      return state.targets.has(action.room)
        ? markRead({ ...state, active: action.room })
        : { ...state, focusOnJoin: action.room };
    case 'marked-read':
      return updateTarget(state, action.target, (t) =>
        action.seq > t.readSeq ? { ...t, readSeq: action.seq } : t,
      );
    case 'clear':
      return updateTarget(state, action.target, (t) => ({
        ...t,
        entries: [],
        hasOlder: false,
        cleared: true,
      }));
    case 'older-requested':
      return updateTarget(state, action.target, (t) => ({ ...t, loadingOlder: true }));
    case 'notice':
      return addNotice(state, action.target, action.text, action.tone);
    case 'visibility':
      return action.visible === state.visible ? state : markRead({ ...state, visible: action.visible });
    case 'tick':
      return withoutEndedMutes(expireTyping(state, action.now), action.now);
    case 'prefs':
      return withPrefs(state, action.prefs, action.now);
    case 'quit':
      return initialState({
        nick: state.me ?? state.wanted.nick,
        ...(state.session ? { session: state.session } : {}),
        ...(state.active && !state.targets.get(state.active)?.isDm ? { room: state.active } : {}),
      });
  }
}

function onConnection(state: ChatState, info: ConnectionInfo): ChatState {
  const connection: ConnectionInfo = {
    status: info.status,
    ...(info.retryAt === undefined ? {} : { retryAt: info.retryAt }),
    ...(info.detail === undefined ? {} : { detail: info.detail }),
  };
  if (info.status === 'online') return { ...state, connection };
  // Off the wire: rooms must be joined again, and nobody is seen typing.
  const offline = mapTargets(state, (t) =>
    t.joined || t.typing.size > 0 ? { ...t, joined: false, typing: new Map() } : t,
  );
  return { ...offline, connection };
}

function updatePending(
  state: ChatState,
  cid: string,
  update: (pending: PendingMessage) => PendingMessage,
): ChatState {
  if (!state.pending.some((p) => p.cid === cid)) return state;
  return { ...state, pending: state.pending.map((p) => (p.cid === cid ? update(p) : p)) };
}

/** Clears the unread count of the conversation on screen while the page is visible. */
function markRead(state: ChatState): ChatState {
  if (!state.visible || state.active === undefined) return state;
  return updateTarget(state, state.active, (t) =>
    t.unread === 0 && t.mentions === 0 ? t : { ...t, unread: 0, mentions: 0 },
  );
}

function expireTyping(state: ChatState, now: number): ChatState {
  return mapTargets(state, (t) => {
    const live = [...t.typing].filter(([, expires]) => expires > now);
    return live.length === t.typing.size ? t : { ...t, typing: new Map(live) };
  });
}
