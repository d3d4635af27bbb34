import type { Redis } from 'ioredis';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { RedisKeys } from './keys.js';
import { repeat } from './repeat.js';

/** How often nodes prove they are alive, and how soon a silent one counts as dead. */
export interface ClusterTimings {
  /** A node's heartbeat key expires this long after its last renewal. */
  readonly nodeTtlMs: number;
  /** How often the key is renewed (a third of the TTL leaves room for two misses). */
  readonly heartbeatMs: number;
  /** How often live nodes look for dead ones to reap. */
  readonly sweepMs: number;
  /**
   * How long a node is seen dead before its people are taken out of their rooms, so that clients
   * reconnecting to another node (once their names are free) take their places over quietly.
   */
  readonly reapGraceMs: number;
}

/**
 * A dead node's names are free once its key expires (10 to 15 s after a kill -9); its people leave
 * their rooms at most 25 s after it.
 */
export const DEFAULT_CLUSTER_TIMINGS: ClusterTimings = {
  nodeTtlMs: 15_000,
  heartbeatMs: 5_000,
  sweepMs: 2_500,
  reapGraceMs: 5_000,
};

/**
 * Keeps `node:{id}` alive with a TTL. When a renewal finds the key gone, the node registers again and
 * calls `onLost(reaped)`: `reaped` when another node reaped it or Redis lost its data (its claims and
 * memberships are gone: its clients must reconnect), otherwise the key only expired while Redis was
 * away (its entries are still there: they are claimed again).
 */
export class NodeHeartbeat {
  private stop: (() => void) | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    readonly nodeId: string,
    private readonly timings: ClusterTimings,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly onLost: (reaped: boolean) => Promise<void>,
  ) {}

  /** Registers the node and starts renewing. */
  async start(): Promise<void> {
    await this.register();
    this.stop = repeat(this.clock, this.timings.heartbeatMs, 'heartbeat', this.logger, () => this.beat());
  }

  /** Renews now (after a reconnect), without waiting for the next tick. */
  async beat(): Promise<void> {
    if (this.redis.status !== 'ready') return; // renewed on reconnect; the outage is logged once
    const renewed = await this.redis.set(this.key, this.value, 'PX', this.timings.nodeTtlMs, 'XX');
    if (renewed === 'OK') return;
    const reaped = (await this.redis.sismember(this.keys.nodes, this.nodeId)) === 0;
    this.logger.warn('this node was taken for dead; registering again', { node: this.nodeId, reaped });
    await this.register();
    await this.onLost(reaped);
  }

  /** Stops renewing; the key expires by itself, so clients moving to other nodes take over quietly. */
  close(): void {
    this.stop?.();
  }

  private async register(): Promise<void> {
    await this.redis
      .multi()
      .set(this.key, this.value, 'PX', this.timings.nodeTtlMs)
      .sadd(this.keys.nodes, this.nodeId)
      .exec();
  }

  private get key(): string {
    return this.keys.node(this.nodeId);
  }

  private get value(): string {
    return JSON.stringify({ pid: process.pid, at: this.clock.now() });
  }
}
