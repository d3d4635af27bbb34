import type { Clock } from '../clock.js';
import type { RedisDirectory } from '../directory/redis.js';
import type { Hub } from '../hub.js';
import { announce } from '../rooms/notices.js';
import type { RedisStore } from '../store/redis.js';
import { roomKey } from '../targets.js';
import type { ClusterTimings } from './node-heartbeat.js';

/**
 * Cleans up after nodes that died without saying goodbye. Each sweep looks for nodes whose heartbeat
 * expired; one seen dead for `reapGraceMs` is reaped atomically (one live node wins each dead one),
 * and the people whose last connection was there leave their rooms as if they had disconnected: a
 * presence `leave` and a stored leave notice. Their name claims go with them (the claim script
 * already ignores them from the moment the heartbeat expired).
 */
export class Reaper {
  /** No sweep before this time: after a start or a Redis outage, give every node one TTL to renew. */
  private notBefore: number;
  /** When each dead node was first seen dead. */
  private readonly deadSince = new Map<string, number>();

  constructor(
    private readonly hub: Hub,
    private readonly directory: RedisDirectory,
    private readonly store: RedisStore,
    private readonly clock: Clock,
    private readonly timings: ClusterTimings,
  ) {
    this.notBefore = clock.now() + timings.nodeTtlMs;
  }

  /** Redis came back: other nodes may not have renewed their heartbeats yet. */
  postpone(): void {
    this.notBefore = this.clock.now() + this.timings.nodeTtlMs;
  }

  /** Reaps every node dead for longer than the grace; returns how many people left rooms. */
  async sweep(): Promise<number> {
    const now = this.clock.now();
    if (now < this.notBefore) return 0;
    let left = 0;
    const nodes = (await this.directory.nodes()).filter((node) => node !== this.directory.nodeId);
    for (const node of this.deadSince.keys()) if (!nodes.includes(node)) this.deadSince.delete(node);
    for (const node of nodes) {
      if (await this.directory.isAlive(node)) {
        this.deadSince.delete(node);
        continue;
      }
      const since = this.deadSince.get(node) ?? now;
      this.deadSince.set(node, since);
      if (now - since < this.timings.reapGraceMs) continue;
      for (const { room, member } of await this.directory.reap(node)) {
        left++;
        this.hub.publish(roomKey(room), { type: 'presence', room, event: 'leave', nick: member.nick });
        if (await this.store.forgetMemberOnce(room, member.key))
          await announce(this.hub, room, { kind: 'leave', nick: member.nick }, member.key);
      }
    }
    return left;
  }
}
