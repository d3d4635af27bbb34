import type { Role, ServerMessage, SystemEvent } from 'aurora-protocol';
import type { Clock, Timer } from '../clock.js';

/** One person joining or leaving a room, waiting in a {@link PresenceBatch}. */
export interface Move {
  readonly kind: 'join' | 'leave';
  readonly nick: string;
  readonly key: string;
  readonly account: boolean;
  /** On a join: the person's role in the room, for member lists (absent: a plain member). */
  readonly role?: Role | undefined;
  /**
   * False for a quiet join: a resumed join of someone the room still remembers (the server restarted
   * under them) updates member lists but stores no notice, as they never left.
   */
  readonly notice: boolean;
}

/** What a {@link PresenceBatch} does with a batch: the hub's fan-out, store and directory. */
export interface PresenceHost {
  readonly clock: Clock;
  /** Members above which a room is big (see `HubLimits.bigRoomMembers`). */
  readonly bigRoomMembers: number;
  /** A big room's joins and leaves go out at most this often. */
  readonly bigRoomIntervalMs: number;
  /** Any other room's go out at most this often (0: at the end of every tick). */
  readonly windowMs: number;
  publish(room: string, message: ServerMessage): void;
  /** Stores a notice in the room and publishes it; resolves once stored. */
  announce(room: string, event: SystemEvent, actorKey: string): Promise<unknown>;
  /** Records that the person is (join) or is no longer (leave) in the room, for restarts. */
  remember(room: string, move: Move): Promise<void>;
  memberCount(room: string): Promise<number>;
  /** A flush failed (the store is down): logged, the moves are lost like a failed announce was. */
  failed(error: unknown): void;
}

/** The moves of one room waiting to go out, and who waits for them to be stored. */
interface Batch {
  readonly moves: Move[];
  readonly done: Promise<void>;
  readonly resolve: () => void;
}

const RESOLVED = Promise.resolve();

/** How many people a coalesced notice names; the rest are counted. */
export const NAMED_PER_NOTICE = 50;
/** How many a big room's notice names. */
export const NAMED_IN_BIG_ROOM = 3;

/**
 * Join and leave notices coalesced per room: the people who joined a room in the same turn of the
 * event loop, or within `windowMs` of the room's last batch, become one `presence` frame and one
 * stored notice instead of one of each per person, so a storm filling a room costs a frame per
 * member per window rather than per joiner (O(n^2) before). A big room (above `bigRoomMembers`)
 * flushes at most every `bigRoomIntervalMs` and its frames carry the count only. Joins and leaves
 * keep their order: each run of one kind is one notice.
 */
export class PresenceBatch {
  private readonly pending = new Map<string, Batch>();
  /** Rooms waiting for the end of this tick. */
  private readonly nextTick = new Set<string>();
  private tickScheduled = false;
  /** Big rooms' timers (a big room flushes at most every interval). */
  private readonly timers = new Map<string, Timer>();
  private readonly lastFlush = new Map<string, number>();
  /** Rooms the last flush found big. */
  private readonly big = new Set<string>();
  /**
   * A room's flushes run one at a time, in order, so its notices are stored in the order they
   * happened; rooms do not wait for each other.
   */
  private readonly chains = new Map<string, Promise<void>>();

  constructor(private readonly host: PresenceHost) {}

  /**
   * Queues a join or leave. In a quiet room it goes out at the end of the tick, and the promise
   * resolves once it is stored (so a joiner's `joined.history` holds their own notice). In a room
   * that flushed less than a window ago (a storm; a big room's interval) it goes out with the next
   * window's batch and the promise resolves at once: nobody waits for the window to join, and the
   * notice reaches the joiner live, after `joined`.
   */
  move(room: string, move: Move): Promise<void> {
    let batch = this.pending.get(room);
    if (batch) batch.moves.push(move);
    else {
      let resolve!: () => void;
      const done = new Promise<void>((settle) => {
        resolve = settle;
      });
      batch = { moves: [move], done, resolve };
      this.pending.set(room, batch);
    }
    if (this.timers.has(room)) return RESOLVED;
    if (this.nextTick.has(room)) return batch.done;
    const last = this.lastFlush.get(room);
    const gap = this.big.has(room) ? this.host.bigRoomIntervalMs : this.host.windowMs;
    const wait = last === undefined ? 0 : last + gap - this.host.clock.now();
    if (wait > 0) {
      this.timers.set(
        room,
        this.host.clock.setTimeout(() => {
          this.timers.delete(room);
          this.flushRoom(room);
        }, wait),
      );
      return RESOLVED;
    }
    this.nextTick.add(room);
    if (this.tickScheduled) return batch.done;
    this.tickScheduled = true;
    setImmediate(() => {
      this.tickScheduled = false;
      const rooms = [...this.nextTick];
      this.nextTick.clear();
      for (const waiting of rooms) this.flushRoom(waiting);
    });
    return batch.done;
  }

  /** Sends and stores everything queued now, big rooms included (shutdown, tests). */
  async flush(): Promise<void> {
    for (const [room, timer] of this.timers) {
      this.host.clock.clearTimeout(timer);
      this.timers.delete(room);
    }
    this.nextTick.clear();
    for (const room of [...this.pending.keys()]) this.flushRoom(room);
    await this.idle();
  }

  /** Resolves once the flushes started so far are done. */
  async idle(): Promise<void> {
    await Promise.all(this.chains.values());
  }

  private flushRoom(room: string): void {
    const batch = this.pending.get(room);
    if (batch === undefined) return;
    this.pending.delete(room);
    this.lastFlush.set(room, this.host.clock.now());
    const chain = (this.chains.get(room) ?? RESOLVED)
      .then(() => this.send(room, batch.moves))
      .catch((error: unknown) => this.host.failed(error))
      .finally(() => {
        batch.resolve();
        if (this.chains.get(room) === chain) this.chains.delete(room);
      });
    this.chains.set(room, chain);
  }

  private async send(room: string, moves: readonly Move[]): Promise<void> {
    const members = await this.host.memberCount(room);
    const big = members > this.host.bigRoomMembers;
    if (big) this.big.add(room);
    else this.big.delete(room);
    // Each notice takes its seq when announced, so they are stored in order without waiting for
    // one commit per run. Each run's presence frame goes out once its notice is stored and
    // published, in the same turn, so every member's socket gets the two in one write instead of
    // one each: a connect storm of 10,000 in rooms of 100 made 10,000 writes fewer.
    const runsOut: { presence: ServerMessage; stored: Promise<unknown> | undefined }[] = [];
    for (const run of runs(moves)) {
      for (const move of run) await this.host.remember(room, move);
      const [first] = run as [Move, ...Move[]];
      const presence: ServerMessage = {
        type: 'presence',
        room,
        event: first.kind,
        nick: first.nick,
        ...(first.kind === 'join' && first.account ? { account: true } : {}),
        ...(first.kind === 'join' && first.role ? { role: first.role } : {}),
        ...(run.length > 1 && !big ? { people: run.map(presencePerson) } : {}),
        members,
      };
      const noticed = run.filter((move) => move.notice);
      const [actor] = noticed;
      runsOut.push({
        presence,
        stored:
          actor === undefined
            ? undefined
            : this.host.announce(room, coalescedEvent(first.kind, noticed, big), actor.key),
      });
    }
    // A notice that failed to store still lets its presence frame out (member lists stay true).
    let failure: { error: unknown } | undefined;
    for (const { presence, stored } of runsOut) {
      if (stored !== undefined)
        await stored.catch((error: unknown) => {
          failure ??= { error };
        });
      this.host.publish(room, presence);
    }
    if (failure !== undefined) throw failure.error;
  }
}

/** Splits moves into runs of one kind, in order. */
export function runs(moves: readonly Move[]): Move[][] {
  const out: Move[][] = [];
  for (const move of moves) {
    const last = out.at(-1);
    if (last && last[0]!.kind === move.kind) last.push(move);
    else out.push([move]);
  }
  return out;
}

/** The stored event of a run: one person as before, several as `nicks` (and `count` past the named). */
export function coalescedEvent(kind: 'join' | 'leave', moves: readonly Move[], big: boolean): SystemEvent {
  const [first] = moves as [Move, ...Move[]];
  if (moves.length === 1) return { kind, nick: first.nick };
  const named = moves.slice(0, big ? NAMED_IN_BIG_ROOM : NAMED_PER_NOTICE).map((move) => move.nick);
  return {
    kind,
    nick: first.nick,
    nicks: named,
    ...(named.length < moves.length ? { count: moves.length } : {}),
  };
}

/** One person of a coalesced notice, as member lists need them. */
function presencePerson(move: Move) {
  return {
    nick: move.nick,
    ...(move.account ? { account: true } : {}),
    ...(move.kind === 'join' && move.role ? { role: move.role } : {}),
  };
}
