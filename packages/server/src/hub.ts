import {
  BIG_ROOM_MEMBERS,
  type ClientMessage,
  CloseCode,
  decodeClientMessage,
  ErrorCode,
  encodeServerMessage,
  LIMITS,
  MAX_QUEUED_REQUESTS,
  type ServerLimits,
  type ServerMessage,
} from 'aurora-protocol';
import type { AuthOptions } from './accounts/auth.js';
import type { Broker, Delivery } from './broker/broker.js';
import { encodeLogout, LOGOUT_CHANNEL, type LogoutRequest } from './broker/control.js';
import type { Clock } from './clock.js';
import type { Directory } from './directory/directory.js';
import { describeError, FrameFault } from './frame-fault.js';
import { handlers } from './handlers/index.js';
import { HelloDeadlines } from './hello-deadlines.js';
import type { IdFactory } from './ids.js';
import type { Logger } from './logger.js';
import type { HubMetrics } from './metrics.js';
import { releaseNames } from './name-claims.js';
import * as oneOrSet from './one-or-set.js';
import type { Peer, PeerInfo } from './peer.js';
import { applyRoomControl, encodeRoomControl, ROOMS_CHANNEL, type RoomControl } from './rooms/evictions.js';
import { leaveRoom } from './rooms/membership.js';
import { announce } from './rooms/notices.js';
import { PresenceBatch } from './rooms/presence-batch.js';
import { RecentHistory } from './rooms/recent-history.js';
import { RejoinThrottle } from './rooms/rejoin-throttle.js';
import { RestrictionCache } from './rooms/restriction-cache.js';
import { RoomSettingsCache } from './rooms/settings-cache.js';
import { SendGate } from './send-gate.js';
import { IDLE, Session } from './session.js';
import type { AppendResult, ChangeResult, DecideChange, NewMessage, Store } from './store/store.js';
import { personOfChannel, roomKey, userChannel } from './targets.js';
import { TypingTracker } from './typing.js';

/** Limits the hub enforces; announced to clients in `welcome` where they concern them. */
export interface HubLimits extends ServerLimits {
  /** A socket that has not been welcomed within this time is closed (4000). */
  readonly helloTimeoutMs: number;
  /** Requests one connection may have waiting; past this it is closed (1008). */
  readonly maxQueuedRequests: number;
  /**
   * Rooms with more members are big: their joins and leaves go out as a count at most every
   * `bigRoomIntervalMs`, and `joined` lists no members (clients page them with `members`).
   */
  readonly bigRoomMembers: number;
  readonly bigRoomIntervalMs: number;
  /**
   * A room's joins and leaves go out at most this often: those within the window of the room's last
   * batch wait for the next one (0: every tick). A lone join in a quiet room is never delayed.
   */
  readonly presenceWindowMs: number;
  /** Greetings are refused with `server_busy` while the event loop runs this late (0: never). */
  readonly shedLagMs: number;
}

/** The default hub limits: the protocol's, plus the server-side ones. */
export const DEFAULT_HUB_LIMITS: HubLimits = {
  ...LIMITS,
  ratePerSecond: 2,
  burst: 5,
  helloTimeoutMs: 10_000,
  maxQueuedRequests: MAX_QUEUED_REQUESTS,
  bigRoomMembers: BIG_ROOM_MEMBERS,
  bigRoomIntervalMs: 1000,
  // A room filling in a connect storm takes a tenth of a second or so: at 50 ms it went out in three
  // or four batches, each a frame to every member; at 250 ms it is two (the first joiner's, at
  // once, then the rest), and nobody notices a join shown a quarter of a second late.
  presenceWindowMs: 250,
  shedLagMs: 1000,
};

/**
 * One message in this many is timed for the latency histograms: reading the clock twice and
 * observing costs about a microsecond on this machine's virtual clock, which every message paid
 * would show at a million deliveries a second.
 */
const LATENCY_SAMPLE = 16;

/** What the hub needs from the outside world. */
export interface HubOptions {
  readonly store: Store;
  readonly broker: Broker;
  readonly directory: Directory;
  readonly clock: Clock;
  readonly ids: IdFactory;
  readonly logger: Logger;
  readonly limits: HubLimits;
  readonly server: { readonly name: string; readonly version: string };
  readonly auth: AuthOptions;
  /** Told of stored messages, fan-outs and errors when the server exports metrics (`--metrics-port`). */
  readonly metrics?: HubMetrics | undefined;
  /** Canonical names of the accounts made server admins by `--admins` (besides those promoted in the store). */
  readonly admins?: readonly string[] | undefined;
  /**
   * Load shedding: how long a new greeting should wait, or undefined to greet it now (see
   * `shedWait`). Absent: every greeting is served.
   */
  readonly overloaded?: (() => number | undefined) | undefined;
}

/** What the transport calls for one connection. */
export interface Connection {
  /** A frame arrived. */
  receive(data: string | Buffer, isBinary: boolean): void;
  /** The socket closed (cleanly or not); the person leaves their rooms once. */
  closed(): void;
}

/**
 * The {@link Connection} `connect` hands out: two fields and prototype methods, where an object
 * literal of two arrow functions cost every connection two closures and their context.
 */
class SessionConnection implements Connection {
  constructor(
    private readonly hub: Hub,
    private readonly session: Session,
  ) {}

  receive(data: string | Buffer, isBinary: boolean): void {
    this.hub.received(this.session, data, isBinary);
  }

  closed(): void {
    this.hub.lost(this.session);
  }
}

/**
 * Requests a connection may make before `welcome`: greeting, signing up, logging in, a password reset
 * (the person's name is registered, so a guest hello with it would be refused), pinging.
 */
const BEFORE_HELLO = new Set<ClientMessage['type']>(['hello', 'register', 'login', 'reset_password', 'ping']);

/**
 * Message types that count against the sender's rate limit (a search costs the store like a message;
 * a preferences change is a store write and a frame to every device of the account; a moderation
 * action writes, stores a notice and reaches every node).
 */
const RATE_LIMITED = new Set<ClientMessage['type']>([
  'notify',
  'mute',
  'unmute',
  'highlight',
  'ignore',
  'search',
  'say',
  'action',
  'dm',
  'edit',
  'delete',
  'react',
  'topic',
  'nick',
  'register',
  'login',
  'reset_password',
  'moderate',
  'claim',
  'bans',
]);

/**
 * The chat core: sessions, rooms and fan-out, independent of any socket library. Transports hand it
 * peers (`connect`) and frames (`receive`); it answers through `Peer.send`.
 */
export class Hub {
  readonly sessions = new Set<Session>();
  readonly typing: TypingTracker;
  /** This node's copy of the bans and mutes of rooms people speak in. */
  readonly restrictions: RestrictionCache;
  /** This node's copy of rooms' settings (`/mode`). */
  readonly roomSettings: RoomSettingsCache;
  /** Who was kicked from where lately, to slow down a kick-and-rejoin loop. */
  readonly rejoins: RejoinThrottle;
  /** Join and leave notices, coalesced per room per tick. */
  readonly presence: PresenceBatch;
  /** Each room's latest history page, while nothing is published to it. */
  readonly recentHistory: RecentHistory;
  /** Closes connections not greeted within `helloTimeoutMs` (4000). */
  private readonly helloDeadlines: HelloDeadlines<Session>;
  shuttingDown = false;
  /**
   * This node's members of each channel: one session (a person's own channel, nearly always), or a
   * Set once there are two. A Set of one costs about 150 bytes, and every connection has a channel.
   */
  private readonly channels = new Map<string, oneOrSet.OneOrSet<Session>>();
  /**
   * The members of each person's own channel (`userChannel`), by canonical name: keyed by the
   * name the session's identity already holds, where a key of `user:` and the name was one more
   * string per connection (32 bytes).
   */
  private readonly people = new Map<string, oneOrSet.OneOrSet<Session>>();
  /** Frames handed to client sockets on this node; a plain count, as the fan-out is the hot path. */
  delivered = 0;
  /** Messages this node stored (retries of a stored one are not counted). */
  stored = 0;
  /** Counts messages so that one in {@link LATENCY_SAMPLE} is timed for the metrics. */
  private sendsSeen = 0;
  private fanoutsSeen = 0;
  /** Every error frame a session is sent, with its code (never its request or message text). */
  private readonly failed = (session: Session, code: ErrorCode): void => {
    this.options.logger.info('error sent', { conn: session.id, code });
    this.options.metrics?.failed(code);
  };

  constructor(readonly options: HubOptions) {
    this.typing = new TypingTracker(
      options.clock,
      options.limits.typingIntervalMs,
      options.limits.typingExpiryMs,
      (room, nick) => this.publishTypingStop(room, nick),
    );
    this.restrictions = new RestrictionCache(options.store.moderation, options.clock);
    this.roomSettings = new RoomSettingsCache(options.store.moderation, options.clock);
    this.rejoins = new RejoinThrottle(options.clock);
    this.recentHistory = new RecentHistory(options.clock);
    this.helloDeadlines = new HelloDeadlines(options.clock, options.limits.helloTimeoutMs, (session) => {
      if (!session.identity && !session.closed)
        session.peer.close(CloseCode.HelloTimeout, 'no hello in time');
    });
    options.broker.onDelivery((delivery) => this.deliver(delivery));
    this.presence = new PresenceBatch({
      clock: options.clock,
      bigRoomMembers: options.limits.bigRoomMembers,
      bigRoomIntervalMs: options.limits.bigRoomIntervalMs,
      windowMs: options.limits.presenceWindowMs,
      publish: (room, message) => this.publish(roomKey(room), message),
      announce: (room, event, actorKey) => announce(this, room, event, actorKey),
      remember: (room, move) =>
        move.kind === 'join'
          ? options.store.rememberMember({ room, key: move.key, nick: move.nick })
          : options.store.forgetMember(room, move.key),
      memberCount: (room) => options.directory.memberCount(room),
      failed: (error) =>
        options.logger.error('presence failed', { code: FrameFault.Request, error: describeError(error) }),
    });
  }

  /** Runs a task in a session's request queue, after what it is already doing (evictions). */
  schedule(session: Session, task: () => Promise<void>): void {
    this.enqueue(session, task, true);
  }

  /**
   * Applies a moderation change to this node and asks the other nodes to do the same through the
   * broker, unless `everywhere` is false (a node answering that ask).
   */
  roomControl(control: RoomControl, everywhere = true): void {
    applyRoomControl(this, control);
    if (everywhere)
      this.options.broker.publish({ channel: ROOMS_CHANNEL, frame: encodeRoomControl(control) });
  }

  /** Registers a new connection. */
  connect(peer: Peer, info: PeerInfo): Connection {
    return new SessionConnection(this, this.open(peer, info));
  }

  /**
   * Registers a new connection without a {@link Connection} object: the transport then reports its
   * frames and its close with `received` and `lost` (the WebSocket server keeps the session on the
   * socket, one object fewer per connection).
   */
  open(peer: Peer, info: PeerInfo): Session {
    const session = new Session(this.options.ids('s'), peer, info, this.failed);
    this.sessions.add(session);
    session.helloPlace = this.helloDeadlines.add(session);
    return session;
  }

  /** A session's socket closed. */
  lost(session: Session): void {
    // Stop sending at once; the clean-up waits for requests already queued, so a hello that is
    // still claiming a name is finished before the name is released.
    session.closed = true;
    this.enqueue(session, () => this.disconnect(session), true);
  }

  /** Subscribes a session to a channel on this node. */
  subscribe(session: Session, channel: string): void {
    const [map, key] = this.placeOf(channel, session);
    map.set(key, oneOrSet.add(map.get(key), session));
  }

  /** Unsubscribes a session from a channel on this node. */
  unsubscribe(session: Session, channel: string): void {
    const [map, key] = this.placeOf(channel, session);
    const members = oneOrSet.remove(map.get(key), session);
    if (members === undefined) map.delete(key);
    else map.set(key, members);
  }

  /** The map holding a channel's members, and its key there. */
  private placeOf(channel: string, session?: Session): [Map<string, oneOrSet.OneOrSet<Session>>, string] {
    const person = personOfChannel(channel);
    if (person === undefined) return [this.channels, channel];
    const own = session?.identity?.key;
    return [this.people, own === person ? own : person];
  }

  private membersOf(channel: string): oneOrSet.OneOrSet<Session> | undefined {
    const person = personOfChannel(channel);
    return person === undefined ? this.channels.get(channel) : this.people.get(person);
  }

  /** Publishes a server message to every member of a channel, on every node; encoded once. */
  publish(channel: string, message: ServerMessage): void {
    this.options.broker.publish({ channel, frame: encodeServerMessage(message) });
  }

  /**
   * Stores a message and, when it is new, publishes it to `channels`. Resolves after both, so the
   * caller acknowledges only what is stored.
   */
  async storeAndPublish(message: NewMessage, channels: readonly string[]): Promise<AppendResult> {
    const { metrics } = this.options;
    const timed = metrics !== undefined && this.sendsSeen++ % LATENCY_SAMPLE === 0;
    const startedAt = timed ? performance.now() : 0;
    const result = await this.appendAndPublish(message, channels);
    if (!result.duplicate) {
      this.stored++;
      if (timed) metrics.sent((performance.now() - startedAt) / 1000);
    }
    return result;
  }

  private async appendAndPublish(message: NewMessage, channels: readonly string[]): Promise<AppendResult> {
    if (this.options.store.appendAndPublish) return this.options.store.appendAndPublish(message, channels);
    const result = await this.options.store.append(message);
    if (!result.duplicate) {
      const frame = encodeServerMessage(result.message);
      for (const channel of channels)
        this.options.broker.publish({ channel, frame, target: message.target, seq: result.message.seq });
    }
    return result;
  }

  /**
   * Stores a change to message `seq` of a target (an edit, a delete, a reaction) if `decide` allows
   * it, and publishes the event to `channels`; like `storeAndPublish`, in one step where the store can.
   */
  async changeAndPublish(
    target: string,
    seq: number,
    decide: DecideChange,
    channels: readonly string[],
  ): Promise<ChangeResult> {
    const store = this.options.store;
    if (store.changeAndPublish) return store.changeAndPublish(target, seq, decide, channels);
    const result = await store.change(target, seq, decide);
    if (result.ok && result.event !== undefined) {
      const frame = encodeServerMessage(result.event);
      for (const channel of channels)
        this.options.broker.publish({ channel, frame, target, seq: result.event.seq });
    }
    return result;
  }

  /** Sends every live connection a close frame (1001) without leave notices, then flushes the store. */
  async shutdown(): Promise<void> {
    this.shuttingDown = true;
    this.typing.clear();
    this.helloDeadlines.stop();
    for (const session of this.sessions) session.peer.close(CloseCode.GoingAway, 'server restarting');
    await this.presence.flush();
    await this.options.store.flush();
  }

  /**
   * Closes an account's connections: all of them, those of one session token, or all but those of
   * one. Other nodes are asked to do the same through the broker, unless `everywhere` is false (a
   * node answering that ask).
   */
  closeAccountConnections(request: LogoutRequest, everywhere = true): void {
    const { accountKey, tokenHash, exceptTokenHash } = request;
    for (const session of this.sessions) {
      const account = session.identity?.account;
      if (
        account?.key === accountKey &&
        (tokenHash === undefined || account.tokenHash === tokenHash) &&
        account.tokenHash !== exceptTokenHash
      )
        session.peer.close(CloseCode.LoggedOut, 'logged out');
    }
    if (everywhere) this.options.broker.publish({ channel: LOGOUT_CHANNEL, frame: encodeLogout(request) });
  }

  /** Whether a channel has members on this node (for health and tests). */
  channelSize(channel: string): number {
    return oneOrSet.size(this.membersOf(channel));
  }

  private deliver(delivery: Delivery): void {
    this.recentHistory.published(delivery.channel);
    const members = this.membersOf(delivery.channel);
    if (members === undefined) return;
    const { metrics } = this.options;
    const timed =
      metrics !== undefined && delivery.seq !== undefined && this.fanoutsSeen++ % LATENCY_SAMPLE === 0;
    const startedAt = timed ? performance.now() : 0;
    // Encoded to bytes once; every member's socket gets the same buffer.
    const bytes = Buffer.from(delivery.frame);
    if (members instanceof Set) {
      for (const session of members) session.deliver(delivery, bytes);
      this.delivered += members.size;
    } else {
      members.deliver(delivery, bytes);
      this.delivered++;
    }
    if (timed) metrics.fannedOut((performance.now() - startedAt) / 1000);
  }

  /**
   * A frame arrived on a session's connection. The one place frames enter: nothing thrown while
   * decoding or handling it leaves here, so one hostile frame can never stop the process; the
   * sender gets `bad_frame` and the fault is logged with a code.
   */
  received(session: Session, data: string | Buffer, isBinary: boolean): void {
    try {
      this.receive(session, data, isBinary);
    } catch (error) {
      this.options.logger.error('frame failed', {
        code: FrameFault.Frame,
        session: session.id,
        ip: session.info.ip,
        error: describeError(error),
      });
      try {
        session.fail(ErrorCode.BadFrame, 'the server could not handle this frame');
      } catch {
        // The connection itself is broken; closing it is all that is left.
        session.peer.close(CloseCode.InternalError, 'internal error');
      }
    }
  }

  private receive(session: Session, data: string | Buffer, isBinary: boolean): void {
    if (session.closed) return;
    if (isBinary) {
      session.fail(ErrorCode.BadFrame, 'binary frames are not accepted; send JSON text');
      return;
    }
    const decoded = decodeClientMessage(data, { maxBytes: this.options.limits.maxFrameBytes });
    if (!decoded.ok) {
      this.options.logger.info('bad frame', {
        session: session.id,
        ip: session.info.ip,
        code: decoded.error.code,
      });
      session.fail(decoded.error.code, decoded.error.message, { ref: decoded.error.ref });
      return;
    }
    const message = decoded.message;
    if (RATE_LIMITED.has(message.type)) {
      const { limits, clock } = this.options;
      session.gate ??= new SendGate(limits.burst, limits.ratePerSecond, clock);
      const wait = session.gate.admit('cid' in message ? message.cid : undefined);
      if (wait > 0) {
        session.fail(ErrorCode.RateLimited, `too many messages; retry in ${wait} ms`, {
          ref: message.ref,
          retryAfterMs: wait,
          ...('cid' in message ? { cid: message.cid } : {}),
        });
        return;
      }
    }
    this.enqueue(session, () => this.dispatch(session, message));
  }

  private enqueue(session: Session, task: () => Promise<void>, always = false): void {
    if (!always && session.queued >= this.options.limits.maxQueuedRequests) {
      session.peer.close(CloseCode.PolicyViolation, 'too many requests in flight');
      return;
    }
    session.queued++;
    session.queue = session.queue.then(task).then(
      () => this.dequeued(session),
      (error: unknown) => {
        this.dequeued(session);
        this.options.logger.error('request failed', {
          code: FrameFault.Request,
          session: session.id,
          error: describeError(error),
        });
      },
    );
  }

  /** A request finished; with none left the queue drops its chain of settled promises. */
  private dequeued(session: Session): void {
    if (--session.queued === 0) session.queue = IDLE;
  }

  private async dispatch(session: Session, message: ClientMessage): Promise<void> {
    if (session.closed) return;
    if (!session.identity && !BEFORE_HELLO.has(message.type)) {
      session.fail(ErrorCode.HelloRequired, 'send hello first', { ref: message.ref });
      return;
    }
    try {
      // The table is keyed by type, so the handler always matches the message it is given.
      await (handlers[message.type] as (hub: Hub, session: Session, message: ClientMessage) => Promise<void>)(
        this,
        session,
        message,
      );
    } catch (error) {
      this.options.logger.error('handler failed', {
        code: FrameFault.Handler,
        session: session.id,
        type: message.type,
        error: describeError(error),
      });
      const storeDown = error instanceof Error && error.name === 'StoreError';
      session.fail(
        storeDown ? ErrorCode.StoreUnavailable : ErrorCode.Internal,
        storeDown ? 'storage is unavailable; nothing was stored, retry later' : 'internal error; retry later',
        { ref: message.ref, ...('cid' in message ? { cid: message.cid } : {}) },
      );
    }
  }

  /** A session was greeted: its hello deadline no longer applies. */
  greeted(session: Session): void {
    this.helloDeadlines.forget(session.helloPlace);
  }

  private async disconnect(session: Session): Promise<void> {
    this.helloDeadlines.forget(session.helloPlace);
    this.sessions.delete(session);
    const identity = session.identity;
    if (!identity) return;
    for (const room of [...session.rooms]) await leaveRoom(this, session, room, { quiet: this.shuttingDown });
    this.unsubscribe(session, userChannel(identity.key));
    await releaseNames(this.options.directory, session.id, identity);
  }

  private publishTypingStop(room: string, nick: string): void {
    this.publish(roomKey(room), { type: 'typing', room, nick, active: false });
  }
}
