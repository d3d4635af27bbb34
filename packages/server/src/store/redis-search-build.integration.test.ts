import { ManualClock } from 'aurora-testkit';
import { expect, it } from 'vitest';
import { RedisKeys } from '../cluster/keys.js';
import { sequentialIds } from '../ids.js';
import { describeWithRedis, useTestRedis } from '../testing/redis-server.js';
import { storeSearch } from '../testing/search-contract.js';
import { dm, say } from '../testing/store-contract.js';
import { RedisStore } from './redis.js';
import { buildRedisSearchIndex } from './redis-search-build.js';

describeWithRedis('building the Redis search index for history from before search', () => {
  const fixture = useTestRedis();

  it('indexes every stored message once, oldest first across targets, and live ones after', async () => {
    const redis = fixture.command;
    const keys = new RedisKeys('build:');
    const clock = new ManualClock();
    const store = new RedisStore({ redis, keys, clock, ids: sequentialIds() });
    for (let i = 0; i < 1200; i++) {
      // Messages of the same millisecond are numbered by target name, not by the order they came in.
      clock.advance(1000);
      const room = ['dev', 'ops', 'fun'][i % 3]!;
      await store.append(
        i % 7 === 0 ? dm('alice', 'bob', `plan ${i}`) : say(room, `plan ${i}`, i % 2 ? 'bob' : 'carol'),
      );
    }
    const scopes = ['room:dev', 'room:ops', 'room:fun', 'dm:alice bob'].map((target) => ({ target }));
    const shown = async (query: string) =>
      (await store.search({ ...storeSearch(query, scopes), limit: 100 })).found.map((f) => f.message.text);
    const before = [await shown('plan'), await shown('from:bob'), await shown('plan 11*')];

    // As an older Aurora left it: the messages, and no index.
    const indexKeys = await redis.keys('build:sx*');
    await redis.del(...indexKeys);
    expect(await shown('plan')).toEqual([]);

    const logged: string[] = [];
    const logger = { info: (message: string) => logged.push(message) };
    await buildRedisSearchIndex(redis, keys, 'n1', logger, 500);
    expect([await shown('plan'), await shown('from:bob'), await shown('plan 11*')]).toEqual(before);
    expect(logged).toEqual([
      'building the search index',
      'search index progress',
      'search index progress',
      'search index built',
    ]);

    logged.length = 0;
    await buildRedisSearchIndex(redis, keys, 'n2', logger);
    expect(logged).toEqual([]);
    clock.advance(1000);
    await store.append(say('dev', 'plan after the build'));
    expect((await shown('plan'))[0]).toBe('plan after the build');
  });

  it('walks again when the builder died, and leaves it to a builder that is alive', async () => {
    const redis = fixture.command;
    const keys = new RedisKeys('resume:');
    const clock = new ManualClock();
    const store = new RedisStore({ redis, keys, clock, ids: sequentialIds() });
    for (const text of ['first plan', 'second plan']) {
      clock.advance(1000);
      await store.append(say('dev', text));
    }
    await redis.del(...(await redis.keys('resume:sx*')));
    const quiet = { info: () => {} };
    // A builder is at work elsewhere: this node leaves it alone.
    await redis.set(keys.searchBuildLock, 'n0', 'PX', 60_000);
    await buildRedisSearchIndex(redis, keys, 'n1', quiet);
    expect(await redis.get(keys.searchBuilt)).toBe('building:0');
    // It died (its lock expired): the next node to start walks the history again.
    await redis.del(keys.searchBuildLock);
    await buildRedisSearchIndex(redis, keys, 'n2', quiet);
    expect(await redis.get(keys.searchBuilt)).toBe('done');
    const found = await store.search(storeSearch('plan', [{ target: 'room:dev' }]));
    expect(found.found.map((f) => [f.doc, f.message.text])).toEqual([
      [2, 'second plan'],
      [1, 'first plan'],
    ]);
  });

  it('takes a fresh Redis as built, without a walk', async () => {
    const keys = new RedisKeys('fresh:');
    const logged: string[] = [];
    await buildRedisSearchIndex(fixture.command, keys, 'n1', { info: (message) => logged.push(message) });
    expect(logged).toEqual([]);
    expect(await fixture.command.get(keys.searchBuilt)).toBe('done');
  });
});
