import { ManualClock } from 'aurora-testkit';
import { expect, it } from 'vitest';
import { RedisKeys } from '../cluster/keys.js';
import { sequentialIds } from '../ids.js';
import { accountContract } from '../testing/account-contract.js';
import { lifecycleContract } from '../testing/lifecycle-contract.js';
import { moderationContract } from '../testing/moderation-contract.js';
import { describeWithRedis, useTestRedis } from '../testing/redis-server.js';
import { searchContract } from '../testing/search-contract.js';
import { type StoreFactory, storeContract } from '../testing/store-contract.js';
import { RedisStore } from './redis.js';
import { RedisModeration } from './redis-moderation.js';

describeWithRedis('the Redis store', () => {
  const fixture = useTestRedis({ appendOnly: true });
  let prefixes = 0;
  // Each store gets keys of its own, so the tests share one server without seeing each other.
  const keys = () => new RedisKeys(`test${++prefixes}:`);

  const redisStore: StoreFactory = async ({ clock, retention, searchBudget }) =>
    new RedisStore({
      redis: fixture.command,
      keys: keys(),
      clock,
      retention,
      ids: sequentialIds(),
      ...(searchBudget === undefined ? {} : { searchBudget }),
    });
  storeContract(redisStore);
  searchContract(redisStore);
  accountContract(redisStore);
  moderationContract(async () => new RedisModeration(fixture.command, keys()));
  lifecycleContract(redisStore);

  it('ends a page at the search budget, short, with next where the scan stopped', async () => {
    const clock = new ManualClock();
    const store = new RedisStore({ redis: fixture.command, keys: keys(), clock, searchBudget: 3 });
    for (let i = 1; i <= 10; i++) {
      clock.advance(1000);
      await store.append({
        target: 'room:dev',
        kind: 'chat',
        room: 'dev',
        from: 'a',
        fromKey: 'a',
        text: 'the',
      });
    }
    const page = await store.search({
      terms: [{ tokens: ['the'], prefix: false }],
      scopes: [{ target: 'room:dev' }],
      after: clock.now() + 1,
      limit: 20,
    });
    // Documents 10, 9 and 8 were examined and rejected; the next page starts below 8.
    expect(page).toEqual({ found: [], next: 8 });
  });

  it('takes what retention removed out of the search index: word sets, sender sets, dictionary', async () => {
    const clock = new ManualClock();
    const prefix = keys();
    const store = new RedisStore({
      redis: fixture.command,
      keys: prefix,
      clock,
      retention: { maxPerTarget: 1 },
    });
    const say = (text: string, from: string) =>
      store.append({ target: 'room:dev', kind: 'chat', room: 'dev', from, fromKey: from, text });
    await say('zebra shared', 'dora');
    await say('👍', 'dora');
    await say('shared words', 'eve');
    await store.prune(clock.now());
    const base = `${prefix.prefix}sx:room:dev:`;
    const index = (await fixture.command.keys(`${base}*`)).map((key) => key.slice(base.length)).sort();
    expect(index).toEqual(['dict', 'f:eve', 'w:shared', 'w:words']);
    expect(await fixture.command.zrange(`${base}dict`, 0, -1)).toEqual(['shared', 'words']);
    expect(await fixture.command.zrange(`${base}w:shared`, 0, -1)).toEqual(['3']);
  });

  it('publishes a new message once, on every channel asked, in the layout the broker reads', async () => {
    const store = new RedisStore({ redis: fixture.command, keys: keys(), clock: new ManualClock() });
    const listener = fixture.server.client();
    const payloads: string[] = [];
    listener.on('message', (_channel: string, payload: string) => payloads.push(payload));
    await listener.subscribe(`test${prefixes}:fanout`);
    const message = {
      target: 'dm:alice bob',
      kind: 'dm',
      to: 'bob',
      toKey: 'bob',
      from: 'alice',
      fromKey: 'alice',
    } as const;
    const sent = await store.appendAndPublish({ ...message, text: 'hi "bob"', cid: 'c1' }, [
      'user:alice',
      'user:bob',
    ]);
    await store.appendAndPublish({ ...message, text: 'hi "bob"', cid: 'c1' }, ['user:alice', 'user:bob']);
    await store.append({ ...message, text: 'stored, not published' });
    await listener.ping();
    await listener.quit();
    expect(payloads).toEqual([`user:alice user:bob\ndm:alice bob\n1\n${JSON.stringify(sent.message)}`]);
  });

  it('answers store_unavailable while Redis is down, and works again when it is back', async () => {
    const store = new RedisStore({ redis: fixture.command, keys: keys(), clock: new ManualClock() });
    await store.append({
      target: 'room:dev',
      kind: 'chat',
      room: 'dev',
      from: 'a',
      fromKey: 'a',
      text: 'before',
    });
    await fixture.server.stop();
    await expect(
      store.append({
        target: 'room:dev',
        kind: 'chat',
        room: 'dev',
        from: 'a',
        fromKey: 'a',
        text: 'during',
      }),
    ).rejects.toMatchObject({ name: 'StoreError' });
    await fixture.server.restart();
    await new Promise<void>((resolve) =>
      fixture.command.status === 'ready' ? resolve() : fixture.command.once('ready', resolve),
    );
    const after = await store.append({
      target: 'room:dev',
      kind: 'chat',
      room: 'dev',
      from: 'a',
      fromKey: 'a',
      text: 'after',
    });
    expect(after.message.seq).toBe(2);
    expect((await store.page('room:dev', { limit: 10 })).messages.map((m) => m.text)).toEqual([
      'before',
      'after',
    ]);
  });

  it('counts unread messages exactly up to 10,000 after the marker, and whole beyond', async () => {
    const store = new RedisStore({ redis: fixture.command, keys: keys(), clock: new ManualClock() });
    const from = (seq: number) =>
      (seq >= 100 && seq < 110) || (seq >= 10_300 && seq < 10_310) ? 'bob' : 'carol';
    for (let first = 1; first <= 10_600; first += 530) {
      const batch = Array.from({ length: 530 }, (_, i) => from(first + i));
      await Promise.all(
        batch.map((sender) =>
          store.append({
            target: 'room:big',
            kind: 'chat',
            room: 'big',
            from: sender,
            fromKey: sender,
            text: 'x',
          }),
        ),
      );
    }
    expect(await store.accounts.unreadCount('room:big', 0, 'bob')).toBe(10_600 - 10);
    expect(await store.accounts.unreadCount('room:big', 5_000, 'bob')).toBe(5_600 - 10);
  });
});
