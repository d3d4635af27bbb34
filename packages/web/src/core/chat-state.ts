import { isDmTarget } from 'aurora-client';
import {
  canonicalName,
  EMPTY_PREFS,
  LIMITS,
  type Limits,
  type Member,
  type NotifyPrefs,
} from 'aurora-protocol';
import type { TimelineEntry } from './timeline.js';

/**
 * Where a message belongs: a room name (`dev`), or `@` and the canonical name of the other person
 * (`@alice`), the engine's target keys, so `Alice` and `alice` share one conversation.
 */
export type TargetKey = string;

/** Where the connection stands, as the status bar shows it. */
export type ConnectionStatus = 'idle' | 'connecting' | 'online' | 'reconnecting' | 'offline';

/** The connection as the page shows it. */
export interface ConnectionInfo {
  readonly status: ConnectionStatus;
  /** When the next reconnect attempt starts (epoch ms), while reconnecting. */
  readonly retryAt?: number;
  /** A sentence about why the connection is not online, when there is one. */
  readonly detail?: string;
}

/** A message the user sent that the server has not acknowledged yet: the outbox. */
export interface PendingMessage {
  readonly cid: string;
  readonly target: TargetKey;
  readonly kind: 'chat' | 'action' | 'dm';
  readonly text: string;
  readonly createdAt: number;
  /**
   * The engine holds it back until then: the server asked to slow down, or its recipient was not
   * back yet after a reconnect.
   */
  readonly retryAt?: number;
  /** Why the server refused it; such a message waits for the user to retry or discard it. */
  readonly failure?: string;
}

/** A log-in kept by the page: the account and its session token (never the password). */
export interface StoredSession {
  readonly account: string;
  readonly token: string;
  /** When the token stops working (epoch ms). */
  readonly expiresAt: number;
}

/** A room or direct conversation and what the page knows of it. */
export interface TargetState {
  readonly key: TargetKey;
  /** The room name, or the other person's nick. */
  readonly name: string;
  readonly isDm: boolean;
  readonly topic: string;
  readonly members: readonly Member[];
  readonly entries: readonly TimelineEntry[];
  /** The resume cursor: the latest `seq` this client has seen here. */
  readonly cursor: number;
  readonly hasOlder: boolean;
  /**
   * A page of history asked for is on its way: older messages, or the context of a search result
   * or of a gap (one at a time, and only such a page is taken in).
   */
  readonly loadingOlder: boolean;
  readonly unread: number;
  /** How many of the unread messages mention the user (direct messages all do): the `!` mark. */
  readonly mentions: number;
  /** Who is typing, with when their indicator expires (epoch ms); a `Map`, as nicks are remote strings. */
  readonly typing: ReadonlyMap<string, number>;
  /** For rooms: the server has confirmed membership on the current connection. */
  readonly joined: boolean;
  /** A room this person was kicked or banned from, left open because it was their only window. */
  readonly removed?: boolean;
  /** The user cleared the window (`/clear`): older messages stay hidden. */
  readonly cleared: boolean;
  /** Logged in: the account's read marker here, shared by all its devices (0 for guests). */
  readonly readSeq: number;
}

/** Everything the page shows, derived only from actions (see chat-reducer.ts). */
export interface ChatState {
  readonly screen: 'join' | 'chat';
  /** The nick and rooms to ask for in the next `hello`. */
  readonly wanted: { readonly nick: string; readonly rooms: readonly string[] };
  /** Our nick, once the server has welcomed us. */
  readonly me?: string;
  /** The log-in the next `hello` uses; undefined for guests. */
  readonly session?: StoredSession;
  /** The account this connection acts for, once welcomed with a session. */
  readonly account?: string;
  /** "While you were away", waiting for a room to be shown in. */
  readonly digest?: string;
  readonly connection: ConnectionInfo;
  /** Why the last attempt to join failed, shown on the join screen. */
  readonly joinError?: string;
  readonly limits: Limits;
  /** Every room and conversation; a `Map`, so a room called `constructor` is just a room. */
  readonly targets: ReadonlyMap<TargetKey, TargetState>;
  /** Targets in the order they were opened. */
  readonly order: readonly TargetKey[];
  readonly active?: TargetKey;
  /** A room the user asked to join: switch to it when the server confirms. */
  readonly focusOnJoin?: string;
  /** Unacknowledged messages, oldest first, as the engine's outbox holds them. */
  readonly pending: readonly PendingMessage[];
  /** Whether the page is visible; while hidden, new messages count as unread everywhere. */
  readonly visible: boolean;
  /** Grows with every local notice, to keep notices in the order they were added. */
  readonly noticeCount: number;
  /**
   * Notification levels, mutes and highlight keywords: the account's from the server's `prefs`
   * frame, or a guest's own kept in this browser (see prefs-state.ts).
   */
  readonly prefs: NotifyPrefs;
}

/** The state of a page that has not joined yet. */
export function initialState(
  wanted: { nick?: string; room?: string; session?: StoredSession } = {},
): ChatState {
  return {
    screen: 'join',
    wanted: { nick: wanted.session?.account ?? wanted.nick ?? '', rooms: wanted.room ? [wanted.room] : [] },
    ...(wanted.session ? { session: wanted.session } : {}),
    connection: { status: 'idle' },
    limits: { ...LIMITS },
    targets: new Map(),
    order: [],
    pending: [],
    visible: true,
    noticeCount: 0,
    prefs: EMPTY_PREFS,
  };
}

/** A fresh, empty room or conversation. */
export function newTarget(key: TargetKey, name: string): TargetState {
  return {
    key,
    name,
    isDm: isDmTarget(key),
    topic: '',
    members: [],
    entries: [],
    cursor: 0,
    hasOlder: false,
    loadingOlder: false,
    unread: 0,
    mentions: 0,
    typing: new Map(),
    joined: false,
    cleared: false,
    readSeq: 0,
  };
}

/** The conversation on screen. */
export function activeTarget(state: ChatState): TargetState | undefined {
  return state.active === undefined ? undefined : state.targets.get(state.active);
}

/** Unread messages across every conversation, for the page title. */
export function totalUnread(state: ChatState): number {
  return state.order.reduce((sum, key) => sum + (state.targets.get(key)?.unread ?? 0), 0);
}

/** True when the server lists us as away in any room. */
export function isAway(state: ChatState): boolean {
  const me = state.me;
  if (me === undefined) return false;
  return state.order.some((key) =>
    state.targets.get(key)?.members.some((m) => m.away && canonicalName(m.nick) === canonicalName(me)),
  );
}
