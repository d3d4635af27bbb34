import type {
  ClientMessageOf,
  DecodeError,
  ModeChanges,
  NotifyPrefs,
  PrefsChange,
  ServerMessage,
  ServerMessageOf,
} from 'aurora-protocol';
import type { BackoffOptions } from './backoff.js';
import type { Clock } from './clock.js';
import type { MembersPage } from './member-pages.js';
import type { SearchOptions } from './search-requests.js';
import type { StreamPositions } from './stream-cursor.js';

/** Callbacks a socket reports to. */
export interface SocketHandlers {
  open(): void;
  message(data: string): void;
  close(code: number, reason: string): void;
  /** A transport failure (refused, DNS, TLS, HTTP status); a `close` follows. */
  error(message: string): void;
}

/** The little of a WebSocket the connection needs, so tests can stand in for it without sockets. */
export interface Socket {
  send(data: string): void;
  close(code: number, reason?: string): void;
}

/** Opens a socket to `url` that reports to `handlers`. */
export type SocketFactory = (url: string, handlers: SocketHandlers) => Socket;

/** What `change` does to a message. */
export type MessageChange =
  | { readonly kind: 'edit'; readonly text: string }
  | { readonly kind: 'delete' }
  | { readonly kind: 'react'; readonly emoji: string; readonly on: boolean };

/** A chat message the user sent, kept until the server acknowledges it. */
export interface Outgoing {
  /** The client message id; kept across reconnects so a retry is stored once. */
  readonly cid: string;
  readonly kind: 'say' | 'action' | 'dm';
  /** The room, or `@nick` for a direct message. */
  readonly target: string;
  readonly text: string;
  /** When the user sent it (ms since the epoch). */
  readonly createdAt: number;
  /** The seq of the message (same target) it answers. */
  readonly replyTo?: number;
}

/** Where the connection stands, for the status line and for `send`/`tail` to decide what to do. */
export type ConnectionStatus =
  | {
      readonly state: 'connecting';
      readonly attempt: number;
      /** False until the first welcome: retrying then is waiting for a server never reached (--wait). */
      readonly everOnline: boolean;
    }
  | {
      readonly state: 'online';
      readonly nick: string;
      readonly server: string;
      /** The account this connection is logged in as; absent for guests. */
      readonly account?: string;
    }
  | {
      readonly state: 'reconnecting';
      readonly attempt: number;
      /** When the next attempt starts (ms since the epoch). */
      readonly retryAt: number;
      readonly reason: string;
      /** False until the first welcome: retrying then is waiting for a server never reached (--wait). */
      readonly everOnline: boolean;
    }
  /** The server refused the `hello` (name taken or invalid); waiting for another nick. */
  | { readonly state: 'refused'; readonly code: string; readonly message: string }
  /** The session was logged out (close code 4002), here or on another device; no reconnect follows. */
  | { readonly state: 'logged-out'; readonly elsewhere: boolean }
  /** The first connection failed and retrying was not asked for. */
  | { readonly state: 'unreachable'; readonly message: string }
  | { readonly state: 'closed' };

/** What a connection reports to its listeners. */
export type ConnectionEvent =
  | { readonly type: 'status'; readonly status: ConnectionStatus }
  /** A decoded server frame. */
  | { readonly type: 'server'; readonly message: ServerMessage }
  /** A frame that did not decode: reported, never thrown. */
  | { readonly type: 'bad-frame'; readonly error: DecodeError }
  /** The server refused a message for good; it left the outbox. */
  | { readonly type: 'send-failed'; readonly cid: string; readonly code: string; readonly message: string }
  /** The server asked to retry a message later (rate limit, storage hiccup); it stays pending. */
  | {
      readonly type: 'send-delayed';
      readonly cid: string;
      readonly code: string;
      readonly message: string;
      readonly retryAt: number;
    }
  /** A `register` or `login` succeeded: the token to keep (the connection greets with it from now on). */
  | {
      readonly type: 'session-started';
      readonly account: string;
      readonly token: string;
      readonly expiresAt: number;
    }
  /** The token stopped working; whoever stored it should forget it. */
  | {
      readonly type: 'session-ended';
      readonly account: string;
      readonly token: string;
      readonly reason: SessionEndReason;
    };

/** Why a stored session stopped working. */
export type SessionEndReason =
  /** The server refused the token: it expired, or was logged out while this client was away. */
  | 'expired'
  /** This client logged out. */
  | 'logged-out'
  /** Another device logged the session out (close code 4002 without a `logout` from here). */
  | 'logged-out-elsewhere'
  /** The account was deleted (from here: the server confirmed it). */
  | 'account-deleted';

/** Options for the `Connection` class. */
export interface ConnectionOptions {
  /** The server's WebSocket URL. */
  readonly url: string;
  readonly nick: string;
  /** A stored session to greet with (`hello.token`); the server then uses the account's name. */
  readonly session?: { readonly account: string; readonly token: string };
  /** Rooms to join on connect. */
  readonly rooms: readonly string[];
  /** Join passwords of rooms in `rooms` that have one (a script's), sent with every hello. */
  readonly roomPasswords?: Readonly<Record<string, string>>;
  /**
   * Where to start from, as a reconnect would (a script's saved cursor): the first `hello` resumes
   * the given rooms that are in `rooms`, and every given conversation, so the server replays what
   * came after instead of sending recent history. Rooms not in `rooms` are not joined.
   */
  readonly resume?: StreamPositions;
  readonly client: { readonly name: string; readonly version: string };
  readonly socketFactory: SocketFactory;
  readonly clock?: Clock;
  /** Returns a number in [0, 1); used for jitter. */
  readonly random?: () => number;
  /** Makes client message ids. */
  readonly newCid?: () => string;
  readonly backoff?: BackoffOptions;
  /** Retry when the very first connection fails, instead of reporting `unreachable`. */
  readonly retryFirstConnect?: boolean;
  /** Silence after which the connection pings the server (default 25 s). */
  readonly probeAfterMs?: number;
  /** How long that ping may go unanswered before the connection is dropped and made again (10 s). */
  readonly answerWithinMs?: number;
}

/** Receives connection events. */
export type ConnectionListener = (event: ConnectionEvent) => void;

/** The connection as the UI and the script modes see it; the fake in tests implements the same. */
export interface ChatConnection {
  /** Opens the first socket. */
  start(): void;
  /** Closes for good (close code 1000); no reconnect follows. */
  close(): void;
  /**
   * While waiting to reconnect, tries again at once with the backoff started afresh (the user asked,
   * or the network came back); does nothing otherwise.
   */
  retryNow(): void;
  /** Subscribes; returns the unsubscribe function. */
  subscribe(listener: ConnectionListener): () => void;
  /** The rooms the connection is in or on its way into (what its next `hello` names). */
  followedRooms(): readonly string[];
  /**
   * Sends a chat message now or as soon as possible, and keeps it until acknowledged; `replyTo`
   * names the seq of the message it answers.
   */
  send(kind: Outgoing['kind'], target: string, text: string, replyTo?: number): Outgoing;
  /**
   * Changes message `seq` of a target (a room, or `@nick`): a new text, a delete, or a reaction put
   * on or taken off. Answered by `changed` (with `ref`) or an error; the event comes as a message.
   */
  change(target: string, seq: number, change: MessageChange, ref?: string): void;
  /** Joins a room (also remembered for reconnects); `ref` comes back on the answer or its error. */
  /** `password`: the room's join password, kept in memory to rejoin after a reconnect. */
  join(room: string, ref?: string, password?: string): void;
  /**
   * Leaves a room once the lines sent there are stored or refused for good, so they come before the
   * leave notice; until then the room stays joined. Joining it again meanwhile cancels the leave.
   */
  leave(room: string): void;
  /** Changes nick; while a `hello` is refused, greets again with this nick. */
  setNick(nick: string): void;
  /** Reports typing in a room, throttled to the server's interval. */
  typing(room: string, active: boolean): void;
  /** Pages older history of a target; `ref` comes back on the page or its error. */
  history(target: string, before: number | undefined, limit: number, ref?: string): void;
  /**
   * Pages history of a target forward, from just after `after`, oldest first. Rooms can be read so
   * without joining them (no join or leave notice), which is how a script catches up and goes.
   */
  historyAfter(target: string, after: number, limit: number): void;
  /**
   * Searches every room and conversation this connection may read (`parseSearchQuery` syntax):
   * resolves with the page of results, or rejects with a `SearchError` (`bad_query`, `rate_limited`,
   * or `disconnected` when not online or the socket closed first).
   */
  search(query: string, options?: SearchOptions): Promise<ServerMessageOf<'search_results'>>;
  /**
   * Asks for a room's members; `ref` comes back on the list, to tell `/who` from a refresh. With
   * `page`, a page of them (a big room's; see `whoPage`).
   */
  members(room: string, ref?: string, page?: MembersPage): void;
  /** Asks for the room list. */
  rooms(): void;
  /** Sets or clears a room's topic. */
  topic(room: string, topic: string): void;
  /** Goes away (with a status) or comes back. */
  away(away: boolean, status?: string): void;
  /**
   * Creates an account and logs in to it (opening a socket if none is open). A guest registering the
   * name it uses hands over the preferences it kept (`prefs`), which the new account starts with.
   */
  register(name: string, password: string, prefs?: NotifyPrefs): void;
  /** Logs in to an account (opening a socket if none is open); the connection then acts as it. */
  login(name: string, password: string): void;
  /** Logs this session out, or every session of the account. */
  logout(everywhere: boolean): void;
  /**
   * Changes the account's password (the current one is checked); the account's other sessions end
   * unless `keepSessions`. The server answers `password_changed` or an error with ref `password`.
   */
  changePassword(current: string, next: string, keepSessions: boolean): void;
  /**
   * Sets a new password with an admin's one-time code, logged in or not (sent before any hello when
   * no socket is open). Answered by `password_changed` or an error with ref `reset_password`; every
   * session of the account ends, and the person logs in with the new password next.
   */
  resetPassword(name: string, code: string, next: string): void;
  /** Deletes the account (its password is checked); answered by `account_deleted`, then a close. */
  deleteAccount(password: string): void;
  /** Moves the account's read marker of a target (room or `@nick`) forward to `seq`. */
  markRead(target: string, seq: number): void;
  /**
   * Changes the account's notification preferences (a level, a mute, a keyword); the server answers
   * every device with `prefs`. Does nothing for a guest, whose client keeps its own.
   */
  changePrefs(change: PrefsChange): void;
  /**
   * Asks for a moderation action (`kick`, `ban`, `mute`, `op`, `kill`...; see PROTOCOL.md): answered
   * by `moderated`, or an error with a stable code (`not_operator`, `target_protected`...).
   */
  moderate(request: ModerationRequest): void;
  /** Claims a room nobody owns, for the logged-in account. */
  claim(room: string): void;
  /** Asks for a room's bans, or without a room the server-wide ones. */
  bans(room?: string): void;
  /** Asks for a room's settings, or (operators) changes them; answered by `mode`. */
  mode(room: string, set?: ModeChanges): void;
  /** Asks for a room's invites (operators); answered by `invites`. */
  invites(room: string): void;
}

/** A `moderate` request without its type and ref. */
export type ModerationRequest = Omit<ClientMessageOf<'moderate'>, 'type' | 'ref'>;
