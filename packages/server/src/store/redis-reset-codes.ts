import type { Redis } from 'ioredis';
import type { RedisKeys } from '../cluster/keys.js';
import { LuaScript } from '../cluster/lua-script.js';
import { storage } from './redis-call.js';
import type { ResetCodeStore } from './reset-codes.js';

/**
 * Deletes a key if it holds a value: the compare-and-delete that makes a code work once across
 * nodes. KEYS: the key. ARGV: the value. Returns 1 when deleted.
 */
const DELETE_KEY_IF = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);

/** Reset codes as one Redis string per account (the code's hash), expiring by itself. */
export class RedisResetCodes implements ResetCodeStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  issueResetCode(accountKey: string, codeHash: string, now: number, lifetimeMs: number): Promise<void> {
    return storage(async () => {
      // The key goes by itself (by Redis's clock); the server's clock is checked on use.
      const key = this.keys.resetCode(accountKey);
      const code = JSON.stringify({ codeHash, expiresAt: now + lifetimeMs });
      await this.redis.set(key, code, 'PX', lifetimeMs);
    });
  }

  redeemResetCode(accountKey: string, codeHash: string, now: number): Promise<boolean> {
    return storage(async () => {
      const key = this.keys.resetCode(accountKey);
      const stored = await this.redis.get(key);
      if (stored === null) return false;
      // Written by issueResetCode.
      const code = JSON.parse(stored) as { codeHash: string; expiresAt: number };
      if (code.codeHash !== codeHash || code.expiresAt <= now) return false;
      return Number(await DELETE_KEY_IF.run(this.redis, [key], [stored])) === 1;
    });
  }
}
