import {
  type ClientMessageInput,
  CloseCode,
  decodeServerMessage,
  ErrorCode,
  encodeClientMessage,
  LIMITS,
  type ModeChanges,
  type NotifyPrefs,
  type PrefsChange,
  type ServerMessageOf,
} from 'aurora-protocol';
import { AccountLink, AUTH_REFS, type AuthRequest } from './account-link.js';
import { type Clock, systemClock } from './clock.js';
import type {
  ChatConnection,
  ConnectionEvent,
  ConnectionListener,
  ConnectionOptions,
  ConnectionStatus,
  MessageChange,
  ModerationRequest,
  Outgoing,
} from './connection-types.js';
import { DeferredLeaves } from './deferred-leaves.js';
import { Delivery } from './delivery.js';
import { FollowedTargets } from './followed-targets.js';
import { helloFrame, refusesHello } from './greeting.js';
import { Heartbeat } from './heartbeat.js';
import { LineOwners } from './line-owners.js';
import type { MembersPage } from './member-pages.js';
import { SearchError, type SearchOptions, SearchRequests } from './search-requests.js';
import { boundServerMessage, keptTextBytes } from './server-bounds.js';
import { dmPeer } from './targets.js';
import { Transport } from './transport.js';
import { TypingThrottle } from './typing-throttle.js';

export type { ConnectionOptions } from './connection-types.js';

/**
 * Waiting for a server never reached (--wait), retries stop growing at this: the user is watching for
 * it to come up (a tmux layout, a service started first), and the attempts cost a refused connection.
 */
const WAIT_CEILING_MS = 5000;

/**
 * The client side of one Aurora session, over as many sockets as it takes. It greets with `hello`,
 * keeps a resume cursor (last seen `seq`) per room and direct conversation, reconnects with
 * exponential backoff and jitter, resumes every target on the new socket, and keeps sent messages in
 * an outbox until their `ack`, writing them again with their original `cid` after a reconnect (the
 * server stores a retried cid once), and holds a leave until the lines sent to its room are out. Time,
 * randomness, ids and the socket are injected.
 */
export class Connection implements ChatConnection {
  readonly #clock: Clock;
  readonly #newCid: () => string;
  readonly #listeners = new Set<ConnectionListener>();
  readonly #delivery: Delivery;
  readonly #followed: FollowedTargets;
  /**
   * Join passwords (`ConnectionOptions.roomPasswords`, `/join #room PASSWORD`), in memory only, sent
   * with every hello so a first greeting and a reconnect get in.
   */
  readonly #roomPasswords = new Map<string, string>();
  readonly #leaves: DeferredLeaves;
  readonly #typingThrottle = new TypingThrottle(LIMITS.typingIntervalMs);
  readonly #transport: Transport;
  #phase:
    | 'idle'
    | 'opening'
    | 'greeting'
    /** A register or login went out before any hello; its answer decides how to greet. */
    | 'authenticating'
    | 'online'
    | 'waiting'
    /** Waiting for the user: the hello was refused, or the session logged out. */
    | 'refused'
    | 'closed' = 'idle';
  readonly #link: AccountLink;
  /** Which account each waiting line was typed as (see LineOwners). */
  readonly #owners = new LineOwners();
  /** The account the user acts as, or last did before their session ended (a guest: undefined). */
  #actingAs: string | undefined;
  readonly #searches = new SearchRequests();
  #nick: string;
  #everWelcomed = false;
  /** The token the last hello greeted with: a welcome as a guest after it is no reason to greet again. */
  #greetedWith: string | undefined;
  /** When the current socket was welcomed, if it was a reconnect (see `retryAfterReconnect`). */
  #reconnectedAt: number | undefined;
  /** Set while the user is away (the server forgets it with the old connection). */
  #awayStatus: string | undefined;
  readonly #heartbeat: Heartbeat;
  /** The longest message text kept, from the server's announced limit within this client's bound. */
  #maxTextBytes: number = LIMITS.maxTextBytes;
  /** Frames this socket sent that could not be decoded; only the first is reported. */
  #badFrames = 0;

  /** Creates a connection; nothing happens until {@link start}. */
  readonly #options: ConnectionOptions;

  constructor(options: ConnectionOptions) {
    this.#options = options;
    for (const [room, password] of Object.entries(options.roomPasswords ?? {}))
      this.#roomPasswords.set(room, password);
    this.#clock = options.clock ?? systemClock;
    this.#newCid = options.newCid ?? defaultCid;
    const random = options.random ?? Math.random;
    this.#delivery = new Delivery(
      this.#clock,
      {
        generation: () =>
          this.#phase === 'online' && this.#transport.connected ? this.#transport.generation : undefined,
        ready: (m) => this.#followed.ready(m),
        write: ({ kind, target, text, cid, replyTo }) =>
          this.#writeRaw({
            ...(kind === 'dm'
              ? { type: 'dm', to: this.#followed.cursors.peer(target), text, cid }
              : { type: kind, room: target, text, cid }),
            ...(replyTo === undefined ? {} : { replyTo }),
          }),
        sinceReconnect: () =>
          this.#reconnectedAt === undefined ? undefined : this.#clock.now() - this.#reconnectedAt,
      },
      random,
      options.backoff,
    );
    this.#transport = new Transport(
      { ...options, clock: this.#clock, random },
      {
        open: () => this.#opened(),
        message: (data) => this.#receive(data),
        closed: (code, why) => this.#closed(code, why),
      },
    );
    this.#heartbeat = new Heartbeat(this.#clock, options.probeAfterMs, options.answerWithinMs);
    this.#nick = options.nick;
    this.#link = new AccountLink(options.session);
    this.#actingAs = options.session?.account;
    this.#followed = new FollowedTargets(options.rooms, options.resume);
    // A leave waits for the user's lines to the room, and for a join of it on its way on this socket
    // (named by the hello, or a /join): written before that join's answer, the server would take
    // the leave first and then join the room again.
    this.#leaves = new DeferredLeaves(
      (room) => this.#delivery.holds(room) || (this.#transport.connected && this.#followed.joining(room)),
      (room) => this.#leaveNow(room),
    );
  }

  start(): void {
    if (this.#phase === 'idle') this.#open();
  }

  close(): void {
    if (this.#phase === 'closed') return;
    this.#phase = 'closed';
    this.#clearTimers();
    this.#transport.drop('bye');
    this.#emit({ type: 'status', status: { state: 'closed' } });
  }

  subscribe(listener: ConnectionListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  followedRooms(): readonly string[] {
    return this.#followed.rooms;
  }

  send(kind: Outgoing['kind'], target: string, text: string, replyTo?: number): Outgoing {
    if (kind === 'dm') this.#followed.cursors.spell(dmPeer(target));
    const message: Outgoing = {
      cid: this.#newCid(),
      kind,
      target,
      text,
      createdAt: this.#clock.now(),
      ...(replyTo === undefined ? {} : { replyTo }),
    };
    // The server clears the sender's typing indicator with the line: typing again must say so at once.
    if (kind !== 'dm') this.#typingThrottle.forget(target);
    this.#owners.typed(message.cid, this.#actingAs);
    this.#delivery.add(message);
    return message;
  }

  change(target: string, seq: number, change: MessageChange, ref?: string): void {
    const wire = this.#followed.cursors.wire(target);
    this.#write(
      withRef(
        change.kind === 'edit'
          ? { type: 'edit', target: wire, seq, text: change.text }
          : change.kind === 'delete'
            ? { type: 'delete', target: wire, seq }
            : { type: 'react', target: wire, seq, emoji: change.emoji, on: change.on },
        ref,
      ),
    );
  }

  join(room: string, ref?: string, password?: string): void {
    if (password !== undefined) this.#roomPasswords.set(room, password);
    // A leave still held never left the room: dropping it is all a join has to do.
    if (this.#leaves.cancel(room)) return;
    this.#followed.want(room, true);
    this.#write(
      withRef(password === undefined ? { type: 'join', room } : { type: 'join', room, password }, ref),
    );
  }

  leave(room: string): void {
    // Until its lines are out the room stays wanted, so a reconnect greets with it and they are
    // posted as a member, before the leave notice.
    this.#leaves.request(room);
  }

  setNick(nick: string): void {
    if (this.#phase === 'online') {
      this.#write({ type: 'nick', nick });
      return;
    }
    this.#nick = nick;
    if (this.#phase === 'refused') {
      if (this.#transport.connected) this.#hello();
      else this.#open();
    }
  }

  typing(room: string, active: boolean): void {
    if (this.#phase === 'online' && this.#typingThrottle.allows(room, active, this.#clock.now()))
      this.#write({ type: 'typing', room, active });
  }

  history(target: string, before: number | undefined, limit: number, ref?: string): void {
    const wire = this.#followed.cursors.wire(target);
    this.#write(
      withRef({ type: 'history', target: wire, limit, ...(before === undefined ? {} : { before }) }, ref),
    );
  }

  historyAfter(target: string, after: number, limit: number): void {
    this.#write({ type: 'history', target: this.#followed.cursors.wire(target), after, limit });
  }

  search(query: string, options: SearchOptions = {}): Promise<ServerMessageOf<'search_results'>> {
    if (this.#phase !== 'online')
      return Promise.reject(new SearchError('disconnected', 'not connected; search once online'));
    const { ref, answer } = this.#searches.start();
    this.#writeRaw({ type: 'search', query, ref, ...options });
    return answer;
  }

  members(room: string, ref?: string, page?: MembersPage): void {
    this.#write(withRef({ type: 'members', room, ...page }, ref));
  }

  retryNow(): void {
    if (this.#phase !== 'waiting') return;
    this.#transport.restart();
    this.#open();
  }

  rooms(): void {
    this.#write({ type: 'rooms' });
  }

  topic(room: string, topic: string): void {
    this.#write({ type: 'topic', room, topic });
  }

  away(away: boolean, status?: string): void {
    this.#awayStatus = away ? (status ?? '') : undefined;
    this.#write(status === undefined ? { type: 'away', away } : { type: 'away', away, status });
  }

  register(name: string, password: string, prefs?: NotifyPrefs): void {
    this.#authenticate({ type: 'register', name, password, ...(prefs ? { prefs } : {}), ref: 'register' });
  }

  login(name: string, password: string): void {
    this.#authenticate({ type: 'login', name, password, ref: 'login' });
  }

  resetPassword(name: string, code: string, next: string): void {
    this.#authenticate({ type: 'reset_password', name, code, next, ref: 'reset_password' });
  }

  logout(everywhere: boolean): void {
    this.#write({ type: 'logout', everywhere });
  }

  changePassword(current: string, next: string, keepSessions: boolean): void {
    this.#write({ type: 'password', current, next, keepSessions, ref: 'password' });
  }

  deleteAccount(password: string): void {
    this.#write({ type: 'delete_account', password, ref: 'delete_account' });
  }

  markRead(target: string, seq: number): void {
    if (this.#link.account !== undefined)
      this.#write({ type: 'read', target: this.#followed.cursors.wire(target), seq });
  }

  changePrefs(change: PrefsChange): void {
    // A change has the fields of its client message (`notify`, `mute`, `unmute`, `highlight`).
    if (this.#link.account !== undefined) this.#write(change);
  }

  moderate(request: ModerationRequest): void {
    this.#write({ type: 'moderate', ...request });
  }

  claim(room: string): void {
    this.#write({ type: 'claim', room });
  }

  bans(room?: string): void {
    this.#write(room === undefined ? { type: 'bans' } : { type: 'bans', room });
  }

  mode(room: string, set?: ModeChanges): void {
    this.#write(set === undefined ? { type: 'mode', room } : { type: 'mode', room, set });
  }

  invites(room: string): void {
    this.#write({ type: 'invites', room });
  }

  /** Leaves a room with nothing more on its way there. */
  #leaveNow(room: string): void {
    this.#followed.want(room, false);
    if (this.#phase === 'online' && this.#transport.connected) {
      this.#leaves.wrote(room);
      this.#write({ type: 'leave', room });
    }
    // Offline, nothing can be sent, and the next greeting no longer names the room: it is left as of
    // now, as the server would have said.
    else this.#left(room);
  }

  /** Reports a room left without the server saying so (it will not: the room is not greeted again). */
  #left(room: string): void {
    this.#emit({ type: 'server', message: { type: 'left', room } });
  }

  /** Writes an account request now, or keeps it for the socket it opens (none open while refused). */
  #authenticate(request: AuthRequest): void {
    if (this.#phase === 'closed') return;
    const writable =
      this.#transport.connected && ['greeting', 'authenticating', 'online', 'refused'].includes(this.#phase);
    const frame = this.#link.request(request, !writable);
    if (writable) {
      if (this.#phase === 'refused') this.#phase = 'authenticating';
      this.#writeRaw(frame);
    } else if (this.#phase === 'refused') this.#open(false);
    else if (this.#phase === 'waiting') this.#open();
  }

  /** Opens a socket; `announce` false keeps the status as it is (a log-in while waiting for the user). */
  #open(announce = true): void {
    this.#clearTimers();
    this.#phase = 'opening';
    this.#followed.newSocket();
    this.#badFrames = 0;
    if (announce)
      this.#emit({
        type: 'status',
        status: { state: 'connecting', attempt: this.#transport.attempt, everOnline: this.#everWelcomed },
      });
    this.#transport.connect();
  }

  /** A socket opened: greet, or first send the log-in the user asked for. */
  #opened(): void {
    const request = this.#link.takePending();
    if (!request) {
      this.#hello();
      return;
    }
    this.#phase = 'authenticating';
    this.#writeRaw(request);
  }

  #hello(): void {
    this.#phase = 'greeting';
    this.#greetedWith = this.#link.token;
    this.#writeRaw(
      helloFrame({
        nick: this.#nick,
        token: this.#link.token,
        client: this.#options.client,
        rooms: this.#followed.rooms,
        // Before the first welcome only given positions are known: a script resuming from a cursor.
        resume: this.#everWelcomed || this.#options.resume ? this.#followed.resume() : {},
        passwords: Object.fromEntries(this.#roomPasswords),
      }),
    );
  }

  #receive(data: string): void {
    this.#heartbeat.heard();
    const decoded = decodeServerMessage(data);
    if (!decoded.ok) {
      // Dropped; said once per socket, so a server sending nothing else cannot fill the screen.
      if (this.#badFrames++ === 0) this.#emit({ type: 'bad-frame', error: decoded.error });
      return;
    }
    const message = boundServerMessage(decoded.message, this.#maxTextBytes);
    // An error answering a search belongs to whoever searched, not to the chat.
    if (this.#searches.answered(message) && message.type === 'error') return;
    this.#followed.heard(message, this.#nick);
    if (message.type === 'left' || message.type === 'joined') this.#leaves.confirmed(message.room);
    switch (message.type) {
      case 'welcome':
        this.#welcomed(message);
        break;
      case 'nick':
        this.#nick = message.nick;
        break;
      case 'ack':
        this.#owners.settled(message.cid);
        this.#delivery.ack(message.cid);
        this.#leaves.settle();
        break;
      case 'auth':
        if (!this.#authed(message)) return;
        break;
      case 'logged_out':
        this.#emitIf(this.#link.loggedOut());
        break;
      case 'account_deleted':
        this.#emitIf(this.#link.loggedOut('account-deleted'));
        break;
      case 'password_changed':
        // A reset sent before any hello: the person logs in with the new password next.
        if (this.#phase === 'authenticating') this.#phase = 'refused';
        break;
      case 'error':
        if (message.code === ErrorCode.BadRoomPassword && message.room !== undefined)
          this.#roomPasswords.delete(message.room);
        if (this.#failed(message)) return;
        break;
    }
    this.#emit({ type: 'server', message });
    if (message.type === 'joined' || message.type === 'welcome') this.#delivery.flush();
    if (message.type === 'joined') this.#leaves.settle();
  }

  /** Greeted as `account`: lines typed as another account fail instead of going out as this one. */
  #dropStrangersLines(account: string | undefined): void {
    for (const line of this.#delivery.drop((m) => this.#owners.strangerTo(m.cid, account) !== undefined)) {
      const owner = this.#owners.strangerTo(line.cid, account)!;
      this.#owners.settled(line.cid);
      this.#emit({
        type: 'send-failed',
        cid: line.cid,
        code: 'account_changed',
        message: `typed as ${owner}; not sent as ${account}`,
      });
    }
    this.#actingAs = account;
  }

  #welcomed(message: ServerMessageOf<'welcome'>): void {
    // A log-in answered while the hello was on its way: greet again as the account. (A server that
    // welcomes the very token as a guest is not asked again: that would loop as fast as it answers.)
    if (
      this.#link.token !== undefined &&
      message.account === undefined &&
      this.#link.token !== this.#greetedWith
    ) {
      this.#reconnectNow();
      return;
    }
    this.#phase = 'online';
    this.#dropStrangersLines(message.account);
    this.#reconnectedAt = this.#everWelcomed ? this.#clock.now() : undefined;
    this.#everWelcomed = true;
    this.#transport.succeeded();
    this.#nick = message.nick;
    this.#typingThrottle.reset(message.limits.typingIntervalMs);
    this.#maxTextBytes = keptTextBytes(message.limits.maxTextBytes);
    if (this.#awayStatus !== undefined)
      this.#writeRaw(
        this.#awayStatus
          ? { type: 'away', away: true, status: this.#awayStatus }
          : { type: 'away', away: true },
      );
    this.#heartbeat.start(
      () => this.#writeRaw({ type: 'ping', t: this.#clock.now() }),
      () => this.#unresponsive(),
    );
    this.#emit({
      type: 'status',
      status: {
        state: 'online',
        nick: message.nick,
        server: message.server.name,
        ...(message.account === undefined ? {} : { account: message.account }),
      },
    });
  }

  /**
   * A register or login succeeded: act as the account, on this socket if the server already does.
   * Returns false for an `auth` nobody asked for, which is dropped.
   */
  #authed(auth: ServerMessageOf<'auth'>): boolean {
    const answer = this.#link.authed(auth, this.#nick, this.#phase === 'online');
    if (!answer) return false;
    this.#emit(answer.event);
    if (answer.inPlace) {
      // No new welcome comes: the guest is the account from here on.
      this.#actingAs = auth.account;
      return true;
    }
    if (this.#phase === 'online') this.#reconnectNow();
    else if (this.#transport.connected && (this.#phase === 'authenticating' || this.#phase === 'refused'))
      this.#hello();
    return true;
  }

  /** Greets on a fresh socket at once (a new identity), resuming the rooms but not the old conversations. */
  #reconnectNow(): void {
    this.#transport.drop('changing identity');
    this.#followed.cursors.forgetConversations();
    this.#transport.restart();
    this.#open();
  }

  /** Handles an error frame; returns true when it was consumed (not passed on as a server message). */
  #failed(error: ServerMessageOf<'error'>): boolean {
    if (error.ref !== undefined && AUTH_REFS.has(error.ref)) {
      this.#link.refused();
      // A refused log-in leaves things as they were; the error itself is shown by whoever listens.
      if (this.#phase === 'authenticating') this.#phase = 'refused';
      return false;
    }
    if (error.code === ErrorCode.ServerBusy && error.ref === undefined && error.cid === undefined) {
      // Shed in a reconnect storm: come back when asked, with jitter, resuming as planned.
      this.#transport.drop('server busy');
      this.#closed(CloseCode.TryAgainLater, 'the server is busy', error.retryAfterMs ?? 1000);
      return true;
    }
    if (this.#phase === 'greeting' && refusesHello(error)) {
      if (error.code === ErrorCode.AuthFailed) this.#emitIf(this.#link.tokenRefused());
      if (this.#everWelcomed && error.code === ErrorCode.NameTaken) {
        // Our previous connection still holds the name until the server notices it is gone.
        this.#transport.drop('retry');
        this.#closed(CloseCode.Normal, 'the name is still held by the previous connection');
        return true;
      }
      this.#wait({ state: 'refused', code: error.code, message: error.message });
      return false;
    }
    const refusal = this.#delivery.refused(error);
    if (refusal?.type === 'send-failed') this.#owners.settled(refusal.cid);
    this.#emitIf(refusal);
    // A line refused for good left the outbox: a leave that waited for it may go now.
    if (refusal?.type === 'send-failed') this.#leaves.settle();
    return refusal !== undefined;
  }

  #closed(code: number, why: string, retryAfterMs?: number): void {
    this.#searches.lost();
    this.#followed.newSocket();
    this.#link.socketClosed();
    this.#heartbeat.stop();
    for (const room of this.#leaves.unconfirmed()) this.#left(room);
    // Joins on the lost socket no longer hold a leave back; lines waiting for an ack still do.
    this.#leaves.settle();
    if (this.#phase === 'closed') return;
    if (this.#phase === 'authenticating') this.#phase = 'refused';
    if (this.#phase === 'refused') return; // the user acts next (a nick, a log-in), on a new socket
    if (code === CloseCode.Killed) {
      // A server admin put this person out: coming straight back would undo it, so wait for the user.
      this.#wait({ state: 'refused', code: 'killed', message: why || 'disconnected by a server admin' });
      return;
    }
    if (code === CloseCode.LoggedOut) {
      const { elsewhere, event } = this.#link.closedLoggedOut();
      this.#emitIf(event);
      this.#followed.cursors.forgetConversations();
      this.#wait({ state: 'logged-out', elsewhere });
      return;
    }
    if (!this.#transport.everOpened && !this.#options.retryFirstConnect) {
      this.#phase = 'closed';
      this.#clearTimers();
      this.#emit({ type: 'status', status: { state: 'unreachable', message: why } });
      return;
    }
    this.#phase = 'waiting';
    const { attempt, retryAt } = this.#transport.retryLater(
      () => this.#open(),
      this.#everWelcomed ? undefined : WAIT_CEILING_MS,
      retryAfterMs,
    );
    this.#emit({
      type: 'status',
      status: { state: 'reconnecting', attempt, retryAt, reason: why, everOnline: this.#everWelcomed },
    });
  }

  /** The server went silent: drop the socket and reconnect as if it had closed. */
  #unresponsive(): void {
    if (this.#phase !== 'online' || !this.#transport.connected) return;
    this.#transport.drop('unresponsive');
    this.#closed(CloseCode.Unresponsive, 'the server stopped answering');
  }

  /** Writes a request if a greeted socket is open; requests are not queued (state is resent on resume). */
  #write(message: ClientMessageInput): void {
    if (this.#phase === 'online') this.#writeRaw(message);
  }

  #writeRaw(message: ClientMessageInput): void {
    this.#transport.write(encodeClientMessage(message));
  }

  /** Stops until the user acts (another nick, a log-in), showing `status` meanwhile. */
  #wait(status: ConnectionStatus): void {
    this.#phase = 'refused';
    this.#heartbeat.stop();
    this.#emit({ type: 'status', status });
  }

  #emit(event: ConnectionEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  #emitIf(event: ConnectionEvent | undefined): void {
    if (event) this.#emit(event);
  }

  #clearTimers(): void {
    this.#delivery.stop();
    this.#heartbeat.stop();
  }
}

/** `frame` with `ref` when one is given, so the answer (or the error) can be told apart. */
function withRef<T extends ClientMessageInput>(frame: T, ref: string | undefined): T {
  return ref === undefined ? frame : { ...frame, ref };
}

function defaultCid(): string {
  return `c-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
