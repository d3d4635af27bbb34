import { ErrorCode } from 'aurora-protocol';
import type { Redis } from 'ioredis';
import type { Clock, Timer } from '../clock.js';
import type { Hub } from '../hub.js';

/**
 * Tells every greeted connection, once per outage, that storage is away when the connection to Redis
 * has been down for `afterMs` (a blip that reconnects sooner goes unmentioned). Clients show it as an
 * error; their sends fail with `store_unavailable` and are retried with the same cid until Redis is back.
 */
export function reportOutages(redis: Redis, hub: Hub, clock: Clock, afterMs = 1000): void {
  let timer: Timer | undefined;
  let reported = false;
  redis.on('close', () => {
    if (timer !== undefined || reported) return;
    timer = clock.setTimeout(() => {
      timer = undefined;
      if (redis.status === 'ready' || redis.status === 'end') return;
      reported = true;
      for (const session of hub.sessions)
        if (session.identity)
          session.fail(
            ErrorCode.StoreUnavailable,
            'storage is unavailable: messages cannot be sent until it is back; yours will be retried',
          );
    }, afterMs);
  });
  redis.on('ready', () => {
    reported = false;
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
  });
}
