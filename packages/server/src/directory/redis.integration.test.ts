import { expect, it } from 'vitest';
import { RedisKeys } from '../cluster/keys.js';
import { connectRedis } from '../cluster/redis-connection.js';
import { silentLogger } from '../logger.js';
import { directoryContract } from '../testing/directory-contract.js';
import { describeWithRedis, useTestRedis } from '../testing/redis-server.js';
import { RedisDirectory } from './redis.js';

describeWithRedis('the Redis directory', () => {
  const fixture = useTestRedis();
  let prefixes = 0;

  /** A directory for a node whose heartbeat key exists until `kill` deletes it. */
  const node = async (keys: RedisKeys, id: string) => {
    await fixture.command.set(keys.node(id), '1');
    await fixture.command.sadd(keys.nodes, id);
    return {
      directory: new RedisDirectory(fixture.command, id, keys),
      kill: () => fixture.command.del(keys.node(id)),
    };
  };
  const keys = () => new RedisKeys(`test${++prefixes}:`);

  directoryContract(async () => (await node(keys(), 'n1')).directory);

  it('gives a name raced for from two nodes to exactly one of them, 200 times out of 200', async () => {
    const shared = keys();
    const a = (await node(shared, 'a')).directory;
    await node(shared, 'b');
    // Node b on a connection of its own, as on another machine.
    const connection = await connectRedis(fixture.server.url, 'command', silentLogger);
    const b = new RedisDirectory(connection, 'b', shared);
    let wins = 0;
    try {
      for (let i = 0; i < 200; i++) {
        const claim = (directory: RedisDirectory) => directory.claimName(`racer${i}`, 's', `racer${i}`);
        const [first, second] = i % 2 === 0 ? [a, b] : [b, a];
        const results = await Promise.all([claim(first), claim(second)]);
        expect(results.filter(Boolean)).toHaveLength(1);
        wins += results[i % 2] ? 1 : 0;
      }
    } finally {
      connection.disconnect();
    }
    // Each node won some, so both really raced.
    expect(wins).toBeGreaterThan(0);
    expect(wins).toBeLessThan(200);
  });

  it("frees a dead node's names at once, and reaps its members exactly once", async () => {
    const shared = keys();
    const [dead, live, other] = [
      await node(shared, 'dead'),
      await node(shared, 'live'),
      await node(shared, 'other'),
    ];
    await dead.directory.claimName('alice', 's1', 'alice');
    await dead.directory.addMember('dev', { key: 'alice', nick: 'alice', away: false }, 's1');
    await dead.directory.addMember('dev', { key: 'bob', nick: 'bob', away: false }, 's2');
    await live.directory.addMember('dev', { key: 'bob', nick: 'bob', away: false }, 's9');
    expect(await live.directory.claimName('alice', 's3', 'alice')).toBe(false);
    expect(await live.directory.reap('dead')).toEqual([]);

    await dead.kill();
    expect(await live.directory.onlineNick('alice')).toBeUndefined();
    expect(await live.directory.claimName('alice', 's3', 'alice')).toBe(true);
    const [first, second] = await Promise.all([live.directory.reap('dead'), other.directory.reap('dead')]);
    expect([...first, ...second]).toEqual([
      { room: 'dev', member: { key: 'alice', nick: 'alice', away: false } },
    ]);
    expect(await live.directory.members('dev')).toEqual([{ nick: 'bob', away: false }]);
    expect(await live.directory.nodes()).not.toContain('dead');
  });

  it('lets a person whose connection was on a dead node leave at once from another node', async () => {
    const shared = keys();
    const [dead, live] = [await node(shared, 'dead'), await node(shared, 'live')];
    await dead.directory.addMember('dev', { key: 'carol', nick: 'carol', away: false }, 's1');
    expect(await live.directory.addMember('dev', { key: 'carol', nick: 'carol', away: false }, 's2')).toEqual(
      {
        changed: false,
      },
    );
    await dead.kill();
    expect(await live.directory.removeMember('dev', 'carol', 's2')).toEqual({ changed: true });
    expect(await live.directory.reap('dead')).toEqual([]);
  });
});
