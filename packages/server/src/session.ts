import { type ErrorCode, encodeServerMessage, type ServerMessage } from 'aurora-protocol';
import type { Delivery } from './broker/broker.js';
import { JoinedRooms } from './joined-rooms.js';
import type { Peer, PeerInfo } from './peer.js';
import type { SendGate } from './send-gate.js';

/** Who a greeted session is. */
export interface Identity {
  nick: string;
  /** Canonical name: the key for claims, membership and direct conversations. */
  key: string;
  /** When this connection took the name; guests read direct messages from then on. */
  claimedAt: number;
  /** Set on logged-in connections: the account (its canonical name) and the session's token hash. */
  account?: { readonly key: string; readonly tokenHash: string };
}

/** A fan-out frame held back while its channel is synchronised. */
interface HeldFrame {
  readonly delivery: Delivery;
  readonly bytes: Buffer;
}

/** The rarely needed parts of a {@link Session}. */
interface SessionExtras {
  gate?: SendGate | undefined;
  status?: string | undefined;
  held?: Map<string, HeldFrame[]> | undefined;
  otherTargets?: Map<string, number> | undefined;
}

/** The queue of a session with nothing pending: one settled promise shared by every session. */
export const IDLE: Promise<void> = Promise.resolve();

/**
 * One connection's state. Frames for a channel that is being synchronised (a join reading history,
 * or a resume replaying) are held back and released once the state or replay is sent; and a stored
 * message at or below the last seq this connection got for its target is never sent twice.
 *
 * A session is its own {@link JoinedRooms} (read it as `session.rooms`): a separate object for
 * them cost every connection 32 bytes.
 */
export class Session extends JoinedRooms {
  identity: Identity | undefined;
  away = false;
  /** Its place among the connections waiting for their hello (see `HelloDeadlines`). */
  helloPlace = -1;
  closed = false;
  /** Requests are handled one at a time, in the order they arrived; back to IDLE when none wait. */
  queue: Promise<void> = IDLE;
  queued = 0;
  /**
   * Highest seq sent per target, so no stored message reaches this connection twice. The first target
   * (most connections follow one room) sits in two fields; a Map of one would cost about 180 bytes.
   */
  private firstTarget: string | undefined;
  private firstSeq = 0;
  /**
   * What most connections never need, in one object made by the first that does: four fields of
   * their own cost every idle connection 24 bytes more.
   */
  private extras: SessionExtras | undefined;

  constructor(
    readonly id: string,
    readonly peer: Peer,
    readonly info: PeerInfo,
    /** Told of every error this session is sent (the server logs and counts them). */
    private readonly failed?: (session: Session, code: ErrorCode) => void,
  ) {
    super();
  }

  /** The rooms the session is in, in the order joined. */
  get rooms(): JoinedRooms {
    return this;
  }

  /**
   * The rate limit, made at the first limited request: a new bucket is full, as one made at connect
   * would be by then, and a silent connection never needs one.
   */
  get gate(): SendGate | undefined {
    return this.extras?.gate;
  }

  set gate(gate: SendGate | undefined) {
    this.setExtra('gate', gate);
  }

  /** The away message, while away with one. */
  get status(): string | undefined {
    return this.extras?.status;
  }

  set status(status: string | undefined) {
    this.setExtra('status', status);
  }

  /** Frames held per channel while it is synchronised (most connections never hold any). */
  private get held(): Map<string, HeldFrame[]> | undefined {
    return this.extras?.held;
  }

  private set held(held: Map<string, HeldFrame[]> | undefined) {
    this.setExtra('held', held);
  }

  /** Highest seq sent per target beyond the first. */
  private get otherTargets(): Map<string, number> | undefined {
    return this.extras?.otherTargets;
  }

  private set otherTargets(targets: Map<string, number> | undefined) {
    this.setExtra('otherTargets', targets);
  }

  /** Sets one of the extras; the object goes once none is left (every join holds, then releases). */
  private setExtra<K extends keyof SessionExtras>(name: K, value: SessionExtras[K]): void {
    const extras = this.extras;
    if (value !== undefined) {
      this.extras ??= {};
      this.extras[name] = value;
    } else if (extras !== undefined) {
      extras[name] = undefined;
      if (!extras.gate && extras.status === undefined && !extras.held && !extras.otherTargets)
        this.extras = undefined;
    }
  }

  /** Sends a server message. */
  send(message: ServerMessage): void {
    if (!this.closed) this.peer.send(encodeServerMessage(message));
  }

  /** Sends an error answering the request with `ref`. */
  fail(
    code: ErrorCode,
    message: string,
    extra: { ref?: string | undefined; room?: string; cid?: string; retryAfterMs?: number } = {},
  ): void {
    const { ref, ...rest } = extra;
    this.failed?.(this, code);
    this.send({ type: 'error', code, message, ...(ref === undefined ? {} : { ref }), ...rest });
  }

  /** Delivers a fan-out frame, or holds it while its channel is being synchronised. */
  deliver(delivery: Delivery, bytes: Buffer): void {
    if (this.closed) return;
    const held = this.held?.get(delivery.channel);
    if (held) held.push({ delivery, bytes });
    else if (this.isNew(delivery)) this.peer.send(bytes);
  }

  /** Sends a stored message read from history, recording its seq. */
  sendStored(target: string, message: ServerMessage & { seq: number }): void {
    this.send(message);
    this.markDelivered(target, message.seq);
  }

  /** Records that the client has every message of `target` up to `seq`. */
  markDelivered(target: string, seq: number): void {
    if (seq > this.deliveredSeq(target)) this.setDelivered(target, seq);
  }

  /** Forgets what was delivered for a target (after leaving a room). */
  forgetDelivered(target: string): void {
    if (target === this.firstTarget) {
      this.firstTarget = undefined;
      this.firstSeq = 0;
    } else if (this.otherTargets?.delete(target) && this.otherTargets.size === 0)
      this.otherTargets = undefined;
  }

  /** Starts holding back frames of a channel. */
  hold(channel: string): void {
    this.held ??= new Map();
    if (!this.held.has(channel)) this.held.set(channel, []);
  }

  /** Sends the frames held for a channel, skipping stored messages the client already has. */
  release(channel: string): void {
    const held = this.held?.get(channel);
    this.held?.delete(channel);
    if (this.held?.size === 0) this.held = undefined;
    if (!held || this.closed) return;
    for (const { delivery, bytes } of held) if (this.isNew(delivery)) this.peer.send(bytes);
  }

  private isNew(delivery: Delivery): boolean {
    if (delivery.target === undefined || delivery.seq === undefined) return true;
    if (delivery.seq <= this.deliveredSeq(delivery.target)) return false;
    this.setDelivered(delivery.target, delivery.seq);
    return true;
  }

  private deliveredSeq(target: string): number {
    return target === this.firstTarget ? this.firstSeq : (this.otherTargets?.get(target) ?? 0);
  }

  private setDelivered(target: string, seq: number): void {
    if (target === this.firstTarget) this.firstSeq = seq;
    else if (this.firstTarget === undefined && !this.otherTargets?.has(target)) {
      this.firstTarget = target;
      this.firstSeq = seq;
    } else {
      this.otherTargets ??= new Map();
      this.otherTargets.set(target, seq);
    }
  }
}
