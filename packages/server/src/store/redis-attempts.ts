import type { Redis } from 'ioredis';
import type { AttemptLog, AttemptScope } from '../accounts/attempt-log.js';
import type { RedisKeys } from '../cluster/keys.js';
import { LuaScript } from '../cluster/lua-script.js';
import { storage } from './redis-call.js';

/**
 * Counts and records one attempt in every scope, or none. KEYS: the scopes' sorted sets (member: the
 * attempt id, score: its time). ARGV: now, window, id, then each scope's limit. Returns 0 when
 * recorded, else the milliseconds until the fullest scope has room.
 */
const ADD_ATTEMPT = new LuaScript(`
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local wait = 0
for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local limit = tonumber(ARGV[3 + i])
  local held = redis.call('ZCARD', key)
  if held >= limit then
    local oldest = redis.call('ZRANGE', key, held - limit, held - limit, 'WITHSCORES')
    local until_room = tonumber(oldest[2]) + window - now
    if until_room > wait then wait = until_room end
  end
end
if wait > 0 then return wait end
for _, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, ARGV[3])
  redis.call('PEXPIRE', key, window)
end
return 0
`);

/**
 * Log-in attempts in Redis, shared by every node of a cluster: one script counts and records an
 * attempt atomically, so concurrent guesses on different nodes cannot race past a limit. Each scope
 * is a sorted set that expires with its window.
 */
export class RedisAttemptLog implements AttemptLog {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  add(scopes: readonly AttemptScope[], id: string, now: number, windowMs: number): Promise<number> {
    return storage(async () =>
      Number(
        await ADD_ATTEMPT.run(
          this.redis,
          scopes.map(({ key }) => this.keys.loginAttempts(key)),
          [now, windowMs, id, ...scopes.map(({ limit }) => limit)],
        ),
      ),
    );
  }

  remove(keys: readonly string[], id: string): Promise<void> {
    return storage(async () => {
      const pipeline = this.redis.pipeline();
      for (const key of keys) pipeline.zrem(this.keys.loginAttempts(key), id);
      await pipeline.exec();
    });
  }

  clear(key: string): Promise<void> {
    return storage(async () => {
      await this.redis.del(this.keys.loginAttempts(key));
    });
  }
}
