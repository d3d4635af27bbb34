import { expect, it } from 'vitest';
import { LoginThrottle } from '../accounts/throttle.js';
import { RedisKeys } from '../cluster/keys.js';
import { describeWithRedis, useTestRedis } from '../testing/redis-server.js';
import { throttleContract } from '../testing/throttle-contract.js';
import { RedisAttemptLog } from './redis-attempts.js';

describeWithRedis('log-in attempts in Redis', () => {
  const fixture = useTestRedis();
  let prefixes = 0;
  const log = () => new RedisAttemptLog(fixture.command, new RedisKeys(`attempts${++prefixes}:`));

  throttleContract('Redis', log);

  it('shares the counts between nodes, and lets each scope expire with its window', async () => {
    const keys = new RedisKeys(`attempts${++prefixes}:`);
    const limits = { accountAddress: 5, address: 50, account: 100, windowMs: 60_000 };
    const now = () => 1_000_000;
    const nodeA = new LoginThrottle({ now }, limits, new RedisAttemptLog(fixture.command, keys), 'a.');
    const nodeB = new LoginThrottle({ now }, limits, new RedisAttemptLog(fixture.command, keys), 'b.');
    for (let i = 0; i < 5; i++)
      expect(await (i % 2 ? nodeA : nodeB).begin('alice', '1')).toHaveProperty('attempt');
    expect(await nodeA.begin('alice', '1')).toEqual({ waitMs: 60_000 });
    expect(await nodeB.begin('alice', '1')).toEqual({ waitMs: 60_000 });
    const ttl = await fixture.command.pttl(keys.loginAttempts(`pair:${JSON.stringify(['alice', '1'])}`));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });
});
