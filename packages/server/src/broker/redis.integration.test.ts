import { eventually } from 'aurora-testkit';
import { expect, it } from 'vitest';
import { RedisKeys } from '../cluster/keys.js';
import { connectRedis } from '../cluster/redis-connection.js';
import { silentLogger } from '../logger.js';
import { RedisStore } from '../store/redis.js';
import type { NewMessage } from '../store/store.js';
import { describeWithRedis, useTestRedis } from '../testing/redis-server.js';
import type { Delivery } from './broker.js';
import { LOGOUT_CHANNEL } from './control.js';
import { RedisBroker } from './redis.js';

const say = (room: string, text: string): NewMessage => ({
  target: `room:${room}`,
  kind: 'chat',
  room,
  from: 'alice',
  fromKey: 'alice',
  text,
});

describeWithRedis('the Redis broker', () => {
  const fixture = useTestRedis();
  let prefixes = 0;

  /** A node's broker with its own subscriber, recording deliveries, and a store to publish through. */
  async function node(keys: RedisKeys, nodeId: string) {
    const subscriber = await connectRedis(fixture.server.url, 'subscriber', silentLogger);
    const store = new RedisStore({ redis: fixture.command, keys, clock: { now: Date.now } });
    const broker = new RedisBroker({
      command: fixture.command,
      subscriber,
      nodeId,
      keys,
      logger: silentLogger,
      history: (target, query) => store.page(target, query),
    });
    const deliveries: Delivery[] = [];
    const controls: string[] = [];
    broker.onDelivery((delivery) => deliveries.push(delivery));
    broker.onControl((channel, frame) => controls.push(`${channel} ${frame}`));
    await broker.start();
    return { broker, store, subscriber, deliveries, controls };
  }
  const texts = (deliveries: Delivery[], channel: string) =>
    deliveries
      .filter((d) => d.channel === channel)
      .map((d) => (JSON.parse(d.frame) as { text: string }).text);

  it("hands every node each frame once, stored messages with their target and seq, control to others' handlers", async () => {
    const keys = new RedisKeys(`test${++prefixes}:`);
    const [a, b] = [await node(keys, 'a'), await node(keys, 'b')];
    await a.store.appendAndPublish(say('dev', 'hello'), ['room:dev']);
    a.broker.publish({
      channel: 'room:dev',
      frame: '{"type":"typing","room":"dev","nick":"alice","active":true}',
    });
    a.broker.publish({ channel: LOGOUT_CHANNEL, frame: '{"accountKey":"carol"}' });
    await eventually('both nodes to receive both frames', async () =>
      a.deliveries.length === 2 && b.deliveries.length === 2 && b.controls.length === 1 ? true : undefined,
    );
    expect(a.deliveries).toEqual(b.deliveries);
    expect(a.deliveries[0]).toMatchObject({ channel: 'room:dev', target: 'room:dev', seq: 1 });
    expect(a.deliveries[1]).not.toHaveProperty('seq');
    expect(b.controls).toEqual([`${LOGOUT_CHANNEL} {"accountKey":"carol"}`]);
    expect(a.controls).toEqual([]);
    for (const { subscriber } of [a, b]) subscriber.disconnect();
  });

  it('delivers what was published while its subscription was down, in order, once it is back', async () => {
    const keys = new RedisKeys(`test${++prefixes}:`);
    const { store, subscriber, deliveries } = await node(keys, 'a');
    await store.appendAndPublish(say('dev', 'm1'), ['room:dev']);
    await eventually('m1', async () => (deliveries.length === 1 ? true : undefined));
    const back = new Promise((resolve) => subscriber.once('ready', resolve));
    await fixture.command.client('KILL', 'TYPE', 'pubsub');
    for (const text of ['m2', 'm3', 'm4']) await store.appendAndPublish(say('dev', text), ['room:dev']);
    await store.appendAndPublish(say('ops', 'o1'), ['room:ops']);
    await back;
    await eventually('the resubscription', async () =>
      (await fixture.command.pubsub('NUMSUB', keys.fanout))[1] === 1 ? true : undefined,
    );
    await store.appendAndPublish(say('dev', 'm5'), ['room:dev']);
    await store.appendAndPublish(say('ops', 'o2'), ['room:ops']);
    await eventually('every message', async () => (deliveries.length === 7 ? true : undefined));
    expect(texts(deliveries, 'room:dev')).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
    expect(texts(deliveries, 'room:ops')).toEqual(['o1', 'o2']);
    subscriber.disconnect();
  });
});
