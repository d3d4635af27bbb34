import {
  type ClientMessageInput,
  type ClientMessageOf,
  CloseCode,
  type DecodeError,
  decodeServerMessage,
  ErrorCode,
  encodeClientMessage,
  type ServerMessage,
} from 'aurora-protocol';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff.js';
import type { ConnectionInfo } from './chat-state.js';
import type { Clock, TimerHandle } from './clock.js';
import { createLiveness } from './liveness.js';

/** What a socket reports; the browser's WebSocket is adapted to this in ui/browser-socket.ts. */
export interface SocketHandlers {
  onOpen(): void;
  onMessage(data: unknown): void;
  onClose(code: number): void;
}

/** The little of a WebSocket the connection uses. */
export interface SocketLike {
  send(data: string): void;
  close(code?: number): void;
}

/** Opens a socket to `url` that reports to `handlers`. */
export type OpenSocket = (url: string, handlers: SocketHandlers) => SocketLike;

/** What the connection tells the page. */
export type ConnectionEvent =
  | { readonly type: 'status'; readonly info: ConnectionInfo }
  | { readonly type: 'frame'; readonly message: ServerMessage }
  /** Joining failed: `fatal` when retrying with the same name can never work. */
  | { readonly type: 'join-failed'; readonly code: string; readonly message: string; readonly fatal: boolean }
  | { readonly type: 'bad-frame'; readonly error: DecodeError };

/** How to reach the server and whom to tell. */
export interface ConnectionOptions {
  readonly url: string;
  readonly openSocket: OpenSocket;
  /** Builds the `hello` for each (re)connection, with current rooms and resume cursors. */
  readonly hello: () => ClientMessageInput;
  readonly onEvent: (event: ConnectionEvent) => void;
  readonly clock: Clock;
  readonly random: () => number;
  /** Silence after which the connection probes with `ping` (default 25 s). */
  readonly pingAfterMs?: number;
  /** How long a probe may go unanswered before the connection counts as dead (default 10 s). */
  readonly deadAfterMs?: number;
}

/** The live connection to the server: open, greet, watch, and reconnect with backoff. */
export interface Connection {
  /**
   * Joins with the current `hello`: on an open socket that is not greeted yet, or a new one. With
   * `credentials` (a `login` or `register` frame) those go first, and `hello` follows their `auth`.
   */
  connect(credentials?: ClientMessageOf<'login' | 'register'>): void;
  /** Sends a frame if the session is greeted; false when it could not be sent now. */
  send(message: ClientMessageInput): boolean;
  /** Skips the wait before the next reconnect attempt (the user asked, or the network came back). */
  reconnectNow(): void;
  /** Closes for good (`/quit`): no reconnect until `connect` is called again. */
  close(): void;
}

/**
 * How long a session must have stayed up for the next reconnect to start from the shortest delay: a
 * server that welcomes and then drops (or floods and gets dropped) at once is retried with backoff.
 */
export const STABLE_AFTER_MS = 10_000;

// Retrying these with the same name can never succeed, so a reconnect gives up on them.
const FATAL_HELLO_ERRORS: ReadonlySet<string> = new Set([
  ErrorCode.NameInvalid,
  ErrorCode.NameRegistered,
  ErrorCode.AuthFailed,
  ErrorCode.UnsupportedVersion,
]);

/** Creates the connection; nothing happens until `connect` is called. */
export function createConnection(options: ConnectionOptions): Connection {
  const { clock } = options;
  let socket: SocketLike | undefined;
  let opened = false;
  let greeted = false;
  let awaitingReply = false;
  /** Credentials went out on this socket: only their answer may be an `auth`. */
  let awaitingAuth = false;
  /** When the current session was welcomed, to tell a stable session from one that failed at once. */
  let welcomedAt: number | undefined;
  /** A log-in or sign-up to send before `hello` on the next opened socket. */
  let credentials: ClientMessageOf<'login' | 'register'> | undefined;
  /** Set by the first welcome: from then on a lost connection is re-established by itself. */
  let autoReconnect = false;
  let attempt = 0;
  let retryTimer: TimerHandle | undefined;
  const liveness = createLiveness({
    clock,
    probeAfterMs: options.pingAfterMs ?? 25_000,
    deadAfterMs: options.deadAfterMs ?? 10_000,
    probe: () => socket?.send(encodeClientMessage({ type: 'ping', t: clock.now() })),
    dead: () => {
      drop();
      lost(CloseCode.Unresponsive);
    },
  });

  const emit = options.onEvent;
  const status = (info: ConnectionInfo) => emit({ type: 'status', info });

  function open(): void {
    clearTimers();
    opened = false;
    greeted = false;
    awaitingReply = false;
    awaitingAuth = false;
    status({ status: autoReconnect ? 'reconnecting' : 'connecting' });
    let created: SocketLike | undefined;
    const mine = () => created !== undefined && socket === created;
    const handlers: SocketHandlers = {
      onOpen: () => {
        if (!mine()) return;
        opened = true;
        greet();
      },
      onMessage: (data) => {
        if (mine()) receive(data);
      },
      onClose: (code) => {
        if (mine()) lost(code);
      },
    };
    try {
      created = options.openSocket(options.url, handlers);
      socket = created;
    } catch {
      socket = undefined;
      lost(CloseCode.InternalError);
    }
  }

  /** Sends the pending log-in or sign-up, or else `hello`. */
  function greet(): void {
    awaitingReply = true;
    awaitingAuth = credentials !== undefined;
    const frame = credentials ?? options.hello();
    credentials = undefined;
    socket?.send(encodeClientMessage(frame));
  }

  function receive(data: unknown): void {
    if (greeted) liveness.alive();
    if (typeof data !== 'string') {
      emit({ type: 'bad-frame', error: { code: ErrorCode.BadFrame, message: 'binary frame' } });
      return;
    }
    const decoded = decodeServerMessage(data);
    if (!decoded.ok) {
      emit({ type: 'bad-frame', error: decoded.error });
      return;
    }
    const message = decoded.message;
    if (!greeted && awaitingReply && message.type === 'error') {
      awaitingReply = false;
      awaitingAuth = false;
      helloRefused(message.code, message.message);
      return;
    }
    if (message.type === 'auth') {
      if (!awaitingAuth) {
        // Nobody asked: it must neither replace the stored log-in nor send another `hello`.
        emit({
          type: 'bad-frame',
          error: { code: ErrorCode.BadMessage, message: 'auth that nobody asked for' },
        });
        return;
      }
      // Logged in: the page stores the token (from this frame), then `hello` uses it.
      awaitingAuth = false;
      emit({ type: 'frame', message });
      greet();
      return;
    }
    if (!greeted && message.type === 'welcome') {
      greeted = true;
      awaitingReply = false;
      autoReconnect = true;
      welcomedAt = clock.now();
      emit({ type: 'frame', message });
      status({ status: 'online' });
      liveness.alive();
      return;
    }
    emit({ type: 'frame', message });
  }

  function helloRefused(code: string, message: string): void {
    if (!autoReconnect) {
      // On the join screen the socket stays open: the person picks another name and tries again.
      emit({ type: 'join-failed', code, message, fatal: false });
      status({ status: 'idle' });
      return;
    }
    if (FATAL_HELLO_ERRORS.has(code)) {
      autoReconnect = false;
      drop();
      emit({ type: 'join-failed', code, message, fatal: true });
      status({ status: 'idle' });
      return;
    }
    // Usually our previous connection still holds the name until the server notices it is gone.
    drop();
    scheduleReconnect(message);
  }

  function lost(code: number): void {
    const wasOpen = opened;
    const wasAwaiting = awaitingReply;
    socket = undefined;
    opened = false;
    greeted = false;
    awaitingReply = false;
    clearTimers();
    if (autoReconnect && code === CloseCode.LoggedOut) {
      autoReconnect = false;
      emit({ type: 'join-failed', code: 'logged_out', message: 'You were logged out.', fatal: true });
      status({ status: 'idle' });
      return;
    }
    if (autoReconnect) {
      scheduleReconnect(
        code === CloseCode.GoingAway ? 'The server is restarting.' : 'The connection was lost.',
      );
      return;
    }
    if (!wasOpen) {
      emit({
        type: 'join-failed',
        code: 'unreachable',
        message: 'Cannot reach the server. Check your connection, or try again in a moment.',
        fatal: false,
      });
      status({ status: 'offline' });
    } else if (wasAwaiting) {
      emit({
        type: 'join-failed',
        code: 'closed',
        message: `The server closed the connection (code ${code}) before answering. Try again.`,
        fatal: false,
      });
      status({ status: 'offline' });
    } else status({ status: 'idle' });
  }

  function scheduleReconnect(detail: string): void {
    // The delays start over only after a session that held; one dropped at once keeps backing off.
    if (welcomedAt !== undefined && clock.now() - welcomedAt >= STABLE_AFTER_MS) attempt = 0;
    welcomedAt = undefined;
    const delay = backoffDelay(attempt, options.random, DEFAULT_BACKOFF);
    attempt++;
    status({ status: 'reconnecting', retryAt: clock.now() + delay, detail });
    retryTimer = clock.setTimeout(() => {
      retryTimer = undefined;
      open();
    }, delay);
  }

  /** Forgets the current socket without waiting for its close handshake, which a dead link never sends. */
  function drop(): void {
    const old = socket;
    socket = undefined;
    opened = false;
    greeted = false;
    try {
      old?.close();
    } catch {
      // Closing a socket that never opened may throw in some browsers; it is gone either way.
    }
  }

  function clearTimers(): void {
    if (retryTimer !== undefined) clock.clearTimeout(retryTimer);
    liveness.stop();
    retryTimer = undefined;
  }

  return {
    connect(login) {
      if (socket && greeted) return;
      credentials = login;
      if (socket && opened) greet();
      else if (!socket) {
        attempt = 0;
        open();
      }
    },
    send(message) {
      if (!socket || !greeted) return false;
      socket.send(encodeClientMessage(message));
      return true;
    },
    reconnectNow() {
      if (autoReconnect && !socket) {
        attempt = 0;
        open();
      }
    },
    close() {
      autoReconnect = false;
      clearTimers();
      const old = socket;
      socket = undefined;
      opened = false;
      greeted = false;
      old?.close(CloseCode.Normal);
      status({ status: 'idle' });
    },
  };
}
