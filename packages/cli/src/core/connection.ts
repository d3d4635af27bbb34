import {
  type ClientMessageInput,
  CloseCode,
  decodeServerMessage,
  ErrorCode,
  encodeClientMessage,
  LIMITS,
  PROTOCOL_VERSION,
  type ServerMessageOf,
} from 'aurora-protocol';
import { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF } from './backoff.js';
import { type Clock, systemClock, type TimerHandle } from './clock.js';
import { closeReason } from './close-reason.js';
import type {
  ChatConnection,
  ConnectionEvent,
  ConnectionListener,
  Outgoing,
  Socket,
  SocketFactory,
} from './connection-types.js';
import { Heartbeat } from './heartbeat.js';
import { Outbox } from './outbox.js';
import { ResumeCursors } from './resume-cursors.js';
import { dmPeer } from './targets.js';
import { TypingThrottle } from './typing-throttle.js';

/** Options for {@link Connection}. */
export interface ConnectionOptions {
  /** The server's WebSocket URL. */
  readonly url: string;
  readonly nick: string;
  /** Rooms to join on connect. */
  readonly rooms: readonly string[];
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
  /** Interval of application-level pings; a connection silent for two intervals is dropped. */
  readonly heartbeatMs?: number;
}

/** Codes after which a `hello` must be sent again with something else (another nick). */
const HELLO_REFUSALS = new Set<string>([
  ErrorCode.NameTaken,
  ErrorCode.NameInvalid,
  ErrorCode.NameRegistered,
  ErrorCode.UnsupportedVersion,
  ErrorCode.AuthFailed,
  ErrorCode.BadMessage,
]);
/**
 * The client side of one Aurora session, over as many sockets as it takes. It greets with `hello`,
 * keeps a resume cursor (last seen `seq`) per room and direct conversation, reconnects with
 * exponential backoff and jitter, resumes every target on the new socket, and keeps sent messages in
 * an outbox until their `ack`, writing them again with their original `cid` after a reconnect (the
 * server stores a retried cid once). Time, randomness, ids and the socket are injected.
 */
export class Connection implements ChatConnection {
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly newCid: () => string;
  private readonly listeners = new Set<ConnectionListener>();
  private readonly outbox: Outbox;
  private readonly cursors = new ResumeCursors();
  /** Rooms to be in, by canonical room name. */
  private readonly wanted = new Set<string>();
  /** Rooms joined on the current socket. */
  private readonly joinedHere = new Set<string>();
  private readonly typingThrottle = new TypingThrottle(LIMITS.typingIntervalMs);
  private socket: Socket | undefined;
  private generation = 0;
  private phase: 'idle' | 'opening' | 'greeting' | 'online' | 'waiting' | 'refused' | 'closed' = 'idle';
  private nick: string;
  private attempt = 0;
  private everOpened = false;
  private everWelcomed = false;
  private lastError = '';
  /** Set while the user is away (the server forgets it with the old connection). */
  private awayStatus: string | undefined;
  private reconnectTimer: TimerHandle | undefined;
  private flushTimer: TimerHandle | undefined;
  private readonly heartbeat: Heartbeat;

  /** Creates a connection; nothing happens until {@link start}. */
  constructor(private readonly options: ConnectionOptions) {
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.newCid = options.newCid ?? defaultCid;
    this.outbox = new Outbox(this.random, options.backoff);
    this.heartbeat = new Heartbeat(this.clock, options.heartbeatMs ?? 25_000);
    this.nick = options.nick;
    for (const room of options.rooms) this.wanted.add(room);
  }

  start(): void {
    if (this.phase === 'idle') this.open();
  }

  close(): void {
    if (this.phase === 'closed') return;
    this.phase = 'closed';
    this.clearTimers();
    const socket = this.socket;
    this.socket = undefined;
    socket?.close(CloseCode.Normal, 'bye');
    this.emit({ type: 'status', status: { state: 'closed' } });
  }

  subscribe(listener: ConnectionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  send(kind: Outgoing['kind'], target: string, text: string): Outgoing {
    if (kind === 'dm') this.cursors.spell(dmPeer(target));
    const message: Outgoing = { cid: this.newCid(), kind, target, text, createdAt: this.clock.now() };
    this.outbox.add(message);
    this.flush();
    return message;
  }

  join(room: string): void {
    this.wanted.add(room);
    this.write({ type: 'join', room });
  }

  leave(room: string): void {
    this.wanted.delete(room);
    this.write({ type: 'leave', room });
  }

  setNick(nick: string): void {
    if (this.phase === 'online') {
      this.write({ type: 'nick', nick });
      return;
    }
    this.nick = nick;
    if (this.phase === 'refused') {
      if (this.socket) this.hello();
      else this.open();
    }
  }

  typing(room: string, active: boolean): void {
    if (this.phase === 'online' && this.typingThrottle.allows(room, active, this.clock.now()))
      this.write({ type: 'typing', room, active });
  }

  history(target: string, before: number | undefined, limit: number): void {
    const wire = this.cursors.wire(target);
    this.write(
      before === undefined
        ? { type: 'history', target: wire, limit }
        : { type: 'history', target: wire, before, limit },
    );
  }

  members(room: string): void {
    this.write({ type: 'members', room });
  }

  rooms(): void {
    this.write({ type: 'rooms' });
  }

  topic(room: string, topic: string): void {
    this.write({ type: 'topic', room, topic });
  }

  away(away: boolean, status?: string): void {
    this.awayStatus = away ? (status ?? '') : undefined;
    this.write(status === undefined ? { type: 'away', away } : { type: 'away', away, status });
  }

  private open(): void {
    this.clearTimers();
    this.phase = 'opening';
    this.generation += 1;
    this.joinedHere.clear();
    this.lastError = '';
    const generation = this.generation;
    this.emit({ type: 'status', status: { state: 'connecting', attempt: this.attempt } });
    const current = () => generation === this.generation;
    this.socket = this.options.socketFactory(this.options.url, {
      open: () => {
        if (!current()) return;
        this.everOpened = true;
        this.phase = 'greeting';
        this.hello();
      },
      message: (data) => {
        if (current()) this.receive(data);
      },
      error: (message) => {
        if (current()) this.lastError = message;
      },
      close: (code, reason) => {
        if (current()) this.closed(code, reason);
      },
    });
  }

  private hello(): void {
    this.phase = 'greeting';
    const resume = this.everWelcomed ? this.cursors.resume(this.wanted) : {};
    this.writeRaw({
      type: 'hello',
      v: PROTOCOL_VERSION,
      nick: this.nick,
      client: this.options.client,
      rooms: [...this.wanted],
      ...(Object.keys(resume).length > 0 ? { resume } : {}),
    });
  }

  private receive(data: string): void {
    this.heartbeat.heard();
    const decoded = decodeServerMessage(data);
    if (!decoded.ok) {
      this.emit({ type: 'bad-frame', error: decoded.error });
      return;
    }
    const message = decoded.message;
    switch (message.type) {
      case 'welcome':
        this.welcomed(message);
        break;
      case 'joined':
        this.wanted.add(message.room);
        this.joinedHere.add(message.room);
        this.cursors.joined(message.room, message.seq, message.history.length > 0);
        break;
      case 'left':
        this.wanted.delete(message.room);
        this.joinedHere.delete(message.room);
        this.cursors.left(message.room);
        break;
      case 'message':
        this.cursors.seen(message, this.nick);
        break;
      case 'resumed':
        this.cursors.resumed(message.target, message.seq, message.recovered);
        break;
      case 'nick':
        this.nick = message.nick;
        break;
      case 'ack':
        this.outbox.ack(message.cid);
        break;
      case 'error':
        if (this.failed(message)) return;
        break;
    }
    this.emit({ type: 'server', message });
    if (message.type === 'joined' || message.type === 'welcome') this.flush();
  }

  private welcomed(message: ServerMessageOf<'welcome'>): void {
    this.phase = 'online';
    this.everWelcomed = true;
    this.attempt = 0;
    this.nick = message.nick;
    this.typingThrottle.reset(message.limits.typingIntervalMs);
    if (this.awayStatus !== undefined)
      this.writeRaw(
        this.awayStatus
          ? { type: 'away', away: true, status: this.awayStatus }
          : { type: 'away', away: true },
      );
    this.heartbeat.start(
      () => this.writeRaw({ type: 'ping', t: this.clock.now() }),
      () => this.unresponsive(),
    );
    this.emit({
      type: 'status',
      status: { state: 'online', nick: message.nick, server: message.server.name },
    });
  }

  /** Handles an error frame; returns true when it was consumed (not passed on as a server message). */
  private failed(error: ServerMessageOf<'error'>): boolean {
    if (this.phase === 'greeting' && error.cid === undefined && HELLO_REFUSALS.has(error.code)) {
      if (this.everWelcomed && error.code === ErrorCode.NameTaken) {
        // Our previous connection still holds the name until the server notices it is gone.
        this.lastError = 'the name is still held by the previous connection';
        this.socket?.close(CloseCode.Normal, 'retry');
        return true;
      }
      this.phase = 'refused';
      this.emit({ type: 'status', status: { state: 'refused', code: error.code, message: error.message } });
      return false;
    }
    const { cid, code, message } = error;
    if (cid === undefined) return false;
    const refusal = this.outbox.refused(cid, code, error.retryAfterMs, this.clock.now());
    if (refusal.kind === 'unknown') return false;
    if (refusal.kind === 'failed') this.emit({ type: 'send-failed', cid, code, message });
    else {
      this.scheduleFlush();
      this.emit({ type: 'send-delayed', cid, code, message, retryAt: refusal.retryAt });
    }
    return true;
  }

  private closed(code: number, reason: string): void {
    this.socket = undefined;
    this.joinedHere.clear();
    this.heartbeat.stop();
    if (this.phase === 'closed') return;
    const why = this.lastError || closeReason(code, reason);
    if (this.phase === 'refused') return; // wait for setNick(), which opens a new socket
    if (!this.everOpened && !this.options.retryFirstConnect) {
      this.phase = 'closed';
      this.clearTimers();
      this.emit({ type: 'status', status: { state: 'unreachable', message: why } });
      return;
    }
    this.phase = 'waiting';
    const delay = backoffDelay(this.attempt, this.random, this.options.backoff ?? DEFAULT_BACKOFF);
    this.attempt += 1;
    const retryAt = this.clock.now() + delay;
    this.reconnectTimer = this.clock.setTimeout(() => this.open(), delay);
    this.emit({
      type: 'status',
      status: { state: 'reconnecting', attempt: this.attempt, retryAt, reason: why },
    });
  }

  /** Writes every outbox entry that can go now: online, not paused, and its room ready. */
  private flush(): void {
    if (this.phase !== 'online' || !this.socket) return;
    const now = this.clock.now();
    if (now < this.outbox.pausedUntil) {
      this.scheduleFlush();
      return;
    }
    // A room the user is in waits for its join on this socket (so a resume comes first); a room
    // posted to without joining (as `send` does) can take the message at once.
    const ready = (m: Outgoing) =>
      m.kind === 'dm' || this.joinedHere.has(m.target) || !this.wanted.has(m.target);
    for (const { kind, target, text, cid } of this.outbox.due(this.generation, now, ready)) {
      if (kind === 'dm') this.writeRaw({ type: 'dm', to: this.cursors.peer(target), text, cid });
      else this.writeRaw({ type: kind, room: target, text, cid });
    }
  }

  private scheduleFlush(): void {
    if (this.flushTimer) this.clock.clearTimeout(this.flushTimer);
    const wait = Math.max(0, this.outbox.pausedUntil - this.clock.now());
    this.flushTimer = this.clock.setTimeout(() => {
      this.flushTimer = undefined;
      this.flush();
    }, wait);
  }

  /** The server went silent: drop the socket and reconnect as if it had closed. */
  private unresponsive(): void {
    const socket = this.socket;
    if (this.phase !== 'online' || !socket) return;
    this.lastError = 'the server stopped answering';
    this.closed(CloseCode.Unresponsive, '');
    this.generation += 1; // whatever the dead socket reports later is ignored
    socket.close(CloseCode.Normal, 'unresponsive');
  }

  /** Writes a request if a greeted socket is open; requests are not queued (state is resent on resume). */
  private write(message: ClientMessageInput): void {
    if (this.phase === 'online') this.writeRaw(message);
  }

  private writeRaw(message: ClientMessageInput): void {
    this.socket?.send(encodeClientMessage(message));
  }

  private emit(event: ConnectionEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private clearTimers(): void {
    for (const timer of [this.reconnectTimer, this.flushTimer]) if (timer) this.clock.clearTimeout(timer);
    this.heartbeat.stop();
    this.reconnectTimer = undefined;
    this.flushTimer = undefined;
  }
}

function defaultCid(): string {
  return `c-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
