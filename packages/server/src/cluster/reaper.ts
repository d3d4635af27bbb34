import type { Clock } from '../clock.js';
import type { RedisDirectory } from '../directory/redis.js';
import { announce } from '../handlers/members.js';
import type { Hub } from '../hub.js';
import type { RedisStore } from '../store/redis.js';
import { roomKey } from '../targets.js';

/**
 * Cleans up after nodes that died without saying goodbye. Each sweep asks Redis for every node whose
 * heartbeat expired and reaps it atomically (one live node wins each dead one); the people whose last
 * connection was there leave their rooms as if they had disconnected: a presence `leave` and a stored
 * leave notice. Their name claims go with them.
 */
export class Reaper {
  /** No sweep before this time: after a start or a Redis outage, give every node one TTL to renew. */
  private notBefore: number;

  constructor(
    private readonly hub: Hub,
    private readonly directory: RedisDirectory,
    private readonly store: RedisStore,
    private readonly clock: Clock,
    private readonly graceMs: number,
  ) {
    this.notBefore = clock.now() + graceMs;
  }

  /** Redis came back: other nodes may not have renewed their heartbeats yet. */
  postpone(): void {
    this.notBefore = this.clock.now() + this.graceMs;
  }

  /** Reaps every dead node; returns how many people left rooms. */
  async sweep(): Promise<number> {
    if (this.clock.now() < this.notBefore) return 0;
    let left = 0;
    for (const node of await this.directory.nodes()) {
      if (node === this.directory.nodeId) continue;
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
