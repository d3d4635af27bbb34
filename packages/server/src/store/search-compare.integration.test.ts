import { ManualClock } from 'aurora-testkit';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { RedisKeys } from '../cluster/keys.js';
import { sequentialIds } from '../ids.js';
import { describeWithRedis, useTestRedis } from '../testing/redis-server.js';
import { storeSearch } from '../testing/search-contract.js';
import { RedisStore } from './redis.js';
import type { SearchScope } from './search.js';
import { SqliteStore } from './sqlite.js';
import type { NewMessage, Store } from './store.js';

const WORDS = ['alpha', 'alps', 'beta', 'Bête', 'gamma', 'gam', 'delta', '東京', '京都', 'e-mail', 'mail'];
const PEOPLE = ['alice', 'bob', 'carol'];
const TARGETS = ['room:dev', 'room:ops', 'room:fun', 'dm:alice bob'];

describeWithRedis('search in SQLite and in Redis', () => {
  const fixture = useTestRedis();

  it('gives the same results, in the same order, for random messages and queries', async () => {
    const clock = new ManualClock();
    const stores: Store[] = [
      new SqliteStore({ clock, ids: sequentialIds() }),
      new RedisStore({
        redis: fixture.command,
        keys: new RedisKeys('compare:'),
        clock,
        ids: sequentialIds(),
      }),
    ];
    const message = fc.record({
      target: fc.constantFrom(...TARGETS),
      from: fc.constantFrom(...PEOPLE),
      words: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 }),
    });
    const messages = fc.sample(message, { numRuns: 300, seed: 20 });
    for (const { target, from, words } of messages) {
      clock.advance(1000);
      const input: NewMessage = target.startsWith('room:')
        ? { target, kind: 'chat', room: target.slice(5), from, fromKey: from, text: words.join(' ') }
        : { target, kind: 'dm', to: 'bob', toKey: 'bob', from, fromKey: from, text: words.join(' ') };
      for (const store of stores) await store.append(input);
    }
    const end = clock.now();
    const term = fc.oneof(
      fc.constantFrom(...WORDS),
      fc.constantFrom(...WORDS).map((word) => `${word.slice(0, 3)}*`),
      fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...WORDS)).map(([a, b]) => `"${a} ${b}"`),
    );
    const query = fc.record({
      terms: fc.array(term, { minLength: 1, maxLength: 3 }),
      from: fc.option(fc.constantFrom(...PEOPLE), { nil: undefined }),
      scopes: fc.subarray(TARGETS),
      before: fc.option(fc.integer({ min: 0, max: end }), { nil: undefined }),
      limit: fc.integer({ min: 1, max: 30 }),
    });
    await fc.assert(
      fc.asyncProperty(query, async ({ terms, from, scopes, before, limit }) => {
        const text = [...terms, ...(from === undefined ? [] : [`from:${from}`])].join(' ');
        const search = storeSearch(
          text,
          scopes.map((target): SearchScope => ({ target })),
          { limit, ...(before === undefined ? {} : { before }) },
        );
        const [fromSqlite, fromRedis] = await Promise.all(stores.map((store) => store.search(search)));
        const shown = (page: typeof fromSqlite) => ({
          next: page?.next,
          found: page?.found.map((found) => `${found.doc} ${found.target} ${found.message.seq}`),
        });
        expect(shown(fromRedis), text).toEqual(shown(fromSqlite));
      }),
      { numRuns: 150, seed: 20 },
    );
    for (const store of stores) await store.close();
  });
});
