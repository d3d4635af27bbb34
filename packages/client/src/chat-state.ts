import {
  LIMITS,
  type Member,
  type NotifyPrefs,
  type RoomSettings,
  type ServerMessageOf,
} from 'aurora-protocol';
import { onStatus } from './chat-account.js';
import { onServerMessage } from './chat-server.js';
import {
  addNotice,
  emptyTarget,
  ensureTarget,
  expireTyping,
  markLeaving,
  removeTarget,
  select,
  updatePending,
  updateTarget,
} from './chat-targets.js';
import type { ConnectionEvent, ConnectionStatus, Outgoing } from './connection-types.js';
import { holdNewLine } from './held-lines.js';
import { ItemList } from './item-list.js';
import { firstSeq, type ListTerm, type PendingItem } from './items.js';
import { NO_PREFS, onPrefs } from './notify-prefs.js';
import { type RemoteKeyed, remoteKeyed } from './remote-keyed.js';
import { dmPeer, dmTarget, HOME, isDmTarget } from './targets.js';
import { DEFAULT_TRANSCRIPT_BUDGET, type TranscriptBudget } from './transcript-budget.js';

export { HOME } from './targets.js';

/** Someone typing in a room, until `until` (ms since the epoch) unless renewed. */
export interface Typist {
  readonly nick: string;
  readonly until: number;
}

/** One room, direct conversation, or the home buffer. */
export interface TargetState {
  /** `dev`, `@bob` (canonical), or `*` for home. */
  readonly key: string;
  /** What to call it: `dev`, `Bob`, `aurora`. */
  readonly label: string;
  readonly kind: 'room' | 'dm' | 'home';
  readonly topic: string;
  readonly members: readonly Member[];
  /**
   * A big room's size: the server then sends no member list on join (page it with `members`) and
   * presence frames carry the count; undefined where `members` is the whole list.
   */
  readonly memberCount?: number | undefined;
  /** A big room's names are listed up to this one (`/who` pages on after it); undefined: from the start. */
  readonly membersAfter?: string | undefined;
  /**
   * A room's settings (`/mode`: moderated, invite-only...) as the server last said them: in `joined`,
   * a `mode` answer or a `mode` notice since; undefined while unknown (an older server).
   */
  readonly settings?: RoomSettings | undefined;
  readonly items: ItemList;
  readonly pending: readonly PendingItem[];
  /** Older messages exist on the server. */
  readonly more: boolean;
  readonly loadingOlder: boolean;
  /** Who is typing, by canonical name. */
  readonly typing: RemoteKeyed<Typist>;
  readonly unread: number;
  readonly mentions: number;
  /** The account's read marker here (0 for guests): messages up to it were seen on some device. */
  readonly readSeq: number;
  /** Messages up to this seq are already in `unread` (the server counted them when it was joined). */
  readonly countedSeq: number;
  /** The user left this room; it closes once the server confirms (after the user's unsent lines). */
  readonly leaving: boolean;
}

/** "While you were away": mentions and direct messages since the account's read markers. */
export type Digest = ServerMessageOf<'digest'>;

/** A password being typed into the input; the password itself never enters the chat state. */
export interface PasswordPrompt {
  /** `password`: a new password for the account logged in (`/password`). */
  readonly purpose: 'login' | 'register' | 'password';
  /** The account name. */
  readonly name: string;
  /** A new password is asked twice; changing one asks for the current one first. */
  readonly step: 'current' | 'password' | 'repeat';
}

/** Everything the interactive client shows, in one value. */
export interface ChatState {
  /** The nick the server knows this user by. */
  readonly me: string;
  readonly away: boolean;
  readonly status: ConnectionStatus;
  /** By key; a room may be called `constructor`, so this has no prototype (see remote-keyed.ts). */
  readonly targets: RemoteKeyed<TargetState>;
  /** Targets in the order the side panel lists them: home first, then rooms, then conversations. */
  readonly order: readonly string[];
  readonly current: string;
  /** A room the user asked to join, shown as soon as it is joined. */
  readonly selectOnJoin: string | undefined;
  readonly maxTextBytes: number;
  readonly typingExpiryMs: number;
  /**
   * Counters the bell and notifications watch (see `attentionOf`): `mentions` counts messages that
   * call for the user (mentions, keywords and direct messages; everything where the level is `all`),
   * `messages` every message from others; neither counts muted targets, nor `messages` those at `none`.
   */
  readonly alerts: { readonly mentions: number; readonly messages: number };
  /**
   * Notification levels, mutes and highlight keywords: the account's, as the server last sent them,
   * or a guest's own (which the client keeps and hands in with the `prefs` action).
   */
  readonly prefs: NotifyPrefs;
  /** The server as shown to the user (`host:port`), for sentences about the session. */
  readonly server: string;
  /** The account this connection acts as; undefined for a guest. */
  readonly account: string | undefined;
  /** The latest digest of this account (it sets mention counts as rooms are joined). */
  readonly digest: Digest | undefined;
  /** The first digest after logging in, shown at the top of the first view until the user moves on. */
  readonly awayDigest: Digest | undefined;
  /** Set while the input asks for a password. */
  readonly prompt: PasswordPrompt | undefined;
  /** How much transcript is kept; the oldest lines go beyond it. */
  readonly transcriptBudget: TranscriptBudget;
  /**
   * Whether the user can see the view (a browser tab in front); while not, what arrives in the
   * current target counts as unread too, and showing the view again marks it read.
   */
  readonly visible: boolean;
}

/** Everything that changes the chat state. */
export type ChatAction =
  | { readonly type: 'connection'; readonly event: ConnectionEvent; readonly now: number }
  | { readonly type: 'sent'; readonly outgoing: Outgoing }
  | { readonly type: 'select'; readonly target: string }
  | { readonly type: 'select-relative'; readonly delta: number }
  | { readonly type: 'select-index'; readonly index: number }
  | { readonly type: 'open-dm'; readonly nick: string }
  /** `/join`: the first room is shown (once joined); rooms being left are kept. */
  | { readonly type: 'join-requested'; readonly rooms: readonly string[] }
  | { readonly type: 'leave-requested'; readonly room: string; readonly now: number }
  | { readonly type: 'close-target'; readonly target: string }
  /** A local line, in `target` when it is open (else the current one). */
  | {
      readonly type: 'notice';
      readonly text: string;
      readonly tone: 'info' | 'error';
      readonly now: number;
      readonly target?: string;
      /** One row of a two-column list, described by `text`. */
      readonly term?: ListTerm;
    }
  /** The user gave up a line the server refused: it leaves the view. */
  | { readonly type: 'discard'; readonly cid: string }
  /** A refused line was handed to the outbox again (`outgoing`, a new cid): it is sending, in its place. */
  | { readonly type: 'resent'; readonly cid: string; readonly outgoing: Outgoing }
  /** The view was hidden or shown again (see `visible`). */
  | { readonly type: 'visibility'; readonly visible: boolean }
  | { readonly type: 'clear'; readonly target: string }
  | { readonly type: 'older-requested'; readonly target: string }
  | { readonly type: 'away'; readonly away: boolean }
  | { readonly type: 'prompt'; readonly prompt: PasswordPrompt | undefined }
  /** The user saw a target up to `seq` (the marker went to the server). */
  | { readonly type: 'marked-read'; readonly target: string; readonly seq: number }
  /** Preferences from elsewhere than the server: a guest's, kept by the client. */
  | { readonly type: 'prefs'; readonly prefs: NotifyPrefs; readonly now: number }
  | { readonly type: 'tick'; readonly now: number };

/**
 * The state before the first connection, for `me` on `server` (as shown to the user), shown `room`
 * (the first room named on the command line) as soon as it is joined.
 */
export function initialChatState(me: string, server = '', room?: string): ChatState {
  return {
    me,
    away: false,
    status: { state: 'connecting', attempt: 0, everOnline: false },
    targets: remoteKeyed([[HOME, emptyTarget(HOME, 'aurora', 'home')]]),
    order: [HOME],
    current: HOME,
    selectOnJoin: room,
    maxTextBytes: LIMITS.maxTextBytes,
    typingExpiryMs: LIMITS.typingExpiryMs,
    alerts: { mentions: 0, messages: 0 },
    prefs: NO_PREFS,
    server,
    account: undefined,
    digest: undefined,
    awayDigest: undefined,
    prompt: undefined,
    transcriptBudget: DEFAULT_TRANSCRIPT_BUDGET,
    visible: true,
  };
}

/** The pure reducer of the interactive client. */
export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  // Moving to another view (or clearing this one) puts the "while you were away" block aside.
  if (/^(select|open-dm|join-requested|clear)/.test(action.type))
    state = state.awayDigest ? { ...state, awayDigest: undefined } : state;
  switch (action.type) {
    case 'connection':
      return onConnectionEvent(state, action.event, action.now);
    case 'sent': {
      const { target } = action.outgoing;
      const key = isDmTarget(target) ? dmTarget(dmPeer(target)) : target;
      const sent = updateTarget(
        ensureTarget(state, key, isDmTarget(target) ? dmPeer(target) : target),
        key,
        (t) => ({
          pending: [...t.pending, { kind: 'pending', outgoing: action.outgoing, state: 'sending' }],
        }),
      );
      return holdNewLine(sent, key, action.outgoing.cid, action.outgoing.createdAt);
    }
    case 'select':
      return select(state, action.target);
    case 'select-relative': {
      const shown = listedTargets(state);
      const at = shown.indexOf(state.current);
      const n = shown.length;
      return select(state, shown[(((at + action.delta) % n) + n) % n]!);
    }
    case 'select-index':
      return select(state, state.order[action.index] ?? state.current);
    case 'open-dm':
      return select(ensureTarget(state, dmTarget(action.nick), action.nick), dmTarget(action.nick));
    case 'join-requested': {
      // Joining a room being left keeps it: the connection cancels the leave.
      for (const room of action.rooms) state = updateTarget(state, room, () => ({ leaving: false }));
      const first = action.rooms[0];
      if (first === undefined) return state;
      return state.targets[first] ? select(state, first) : { ...state, selectOnJoin: first };
    }
    case 'leave-requested':
      return markLeaving(state, action.room, action.now);
    case 'close-target':
      return removeTarget(state, action.target);
    case 'notice':
      return addNotice(
        state,
        action.target !== undefined && state.targets[action.target] ? action.target : state.current,
        action.text,
        action.tone,
        action.now,
        action.term,
      );
    case 'discard':
      return updatePending(state, action.cid, () => undefined);
    case 'resent':
      return updatePending(state, action.cid, () => ({
        kind: 'pending',
        outgoing: action.outgoing,
        state: 'sending',
      }));
    case 'visibility':
      if (action.visible === state.visible) return state;
      return action.visible
        ? select({ ...state, visible: true }, state.current)
        : { ...state, visible: false };
    case 'clear':
      return updateTarget(state, action.target, () => ({ items: ItemList.empty, more: false }));
    case 'older-requested':
      return updateTarget(state, action.target, () => ({ loadingOlder: true }));
    case 'away':
      return { ...state, away: action.away };
    case 'prompt':
      return { ...state, prompt: action.prompt };
    case 'marked-read':
      return updateTarget(state, action.target, (t) => ({
        readSeq: Math.max(t.readSeq, action.seq),
        unread: 0,
        mentions: 0,
      }));
    case 'prefs':
      return onPrefs(state, action.prefs, action.now);
    case 'tick':
      return expireTyping(state, action.now);
  }
}

function onConnectionEvent(state: ChatState, event: ConnectionEvent, now: number): ChatState {
  switch (event.type) {
    case 'status':
      return onStatus(state, event.status, now);
    case 'server':
      return onServerMessage(state, event.message, now);
    case 'bad-frame':
      return addNotice(
        state,
        state.current,
        `The server sent a frame this client cannot read: ${event.error.message}`,
        'error',
        now,
      );
    case 'send-failed':
      return updatePending(state, event.cid, (p) => ({ ...p, state: 'failed', note: event.message }));
    case 'session-started':
    case 'session-ended':
      return state; // the token is for whoever stores it; what the user sees follows from server frames
    case 'send-delayed': {
      const seconds = Math.max(0, Math.ceil((event.retryAt - now) / 1000));
      return updatePending(state, event.cid, (p) => ({
        ...p,
        state: 'delayed',
        note: `${event.message}; retrying in ${seconds} s`,
      }));
    }
  }
}

/** True when the target has older messages to page in and is not already paging. */
export function canLoadOlder(target: TargetState): boolean {
  return (
    target.more && !target.loadingOlder && target.kind !== 'home' && firstSeq(target.items) !== undefined
  );
}

/**
 * The targets the side panel lists and Ctrl+Left/Right cycles through: home only while it has
 * something to show (or is all there is, or is shown), then rooms and conversations.
 */
export function listedTargets(state: ChatState): string[] {
  const home = state.targets[HOME]!;
  const hideHome = state.order.length > 1 && state.current !== HOME && home.items.length === 0;
  return hideHome ? state.order.filter((key) => key !== HOME) : [...state.order];
}
