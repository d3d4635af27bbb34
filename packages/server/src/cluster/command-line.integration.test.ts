import { spawnSync } from 'node:child_process';
import { freePort, SERVER_BIN, startServer } from 'aurora-testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithRedis, TestRedis } from '../testing/redis-server.js';
import { TestClient } from '../testing/ws-client.js';

/** Runs the built binary to completion. */
const aurora = (...args: string[]) =>
  spawnSync(process.execPath, [SERVER_BIN, ...args], { encoding: 'utf8', timeout: 15_000 });

describe('aurora-server --redis', () => {
  it('lists --redis and AURORA_REDIS in --help', async () => {
    expect(aurora('--help').stdout).toMatch(
      /--redis <url>[\s\S]*--data and --memory are\s+then ignored \(env: AURORA_REDIS\)/,
    );
  });

  it('exits 1 with one line naming the address and the reason when Redis is unreachable', async () => {
    const port = await freePort();
    const { status, stderr } = aurora('--redis', `redis://:hunter2@127.0.0.1:${port}`, '--port', '0');
    expect(status).toBe(1);
    expect(stderr.trim()).toBe(
      `aurora-server: cannot reach Redis at redis://:***@127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}`,
    );
  });

  it('refuses something that is not a Redis URL', async () => {
    const { status, stderr } = aurora('--redis', 'localhost:6379');
    expect(status).not.toBe(0);
    expect(stderr).toMatch(/--redis must be a URL like redis:\/\/127\.0\.0\.1:6379/);
  });
});

describeWithRedis('aurora-server with AURORA_REDIS', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await TestRedis.start();
  });
  afterAll(async () => {
    await redis?.dispose();
  });

  it('runs as a cluster node, says so, and shares its rooms with the other nodes', async () => {
    const env = { AURORA_REDIS: redis.url };
    const [first, second] = await Promise.all([startServer({ env }), startServer({ env })]);
    expect(first.output()).toContain(`Cluster mode: history is kept in Redis at ${redis.url}.`);
    const alice = await TestClient.join(first.wsUrl, 'alice', { rooms: ['dev'] });
    const bob = await TestClient.join(second.wsUrl, 'bob', { rooms: ['dev'] });
    await bob.next('joined');
    alice.send({ type: 'say', room: 'dev', text: 'across processes', cid: 'c1' });
    expect(await bob.next('message', (m) => m.kind === 'chat')).toMatchObject({
      from: 'alice',
      text: 'across processes',
    });
    alice.close();
    bob.close();
    expect(await Promise.all([first.stop(), second.stop()])).toEqual([0, 0]);
  });
});
