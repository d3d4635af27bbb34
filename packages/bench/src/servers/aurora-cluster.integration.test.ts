import { afterEach, describe, expect, it } from 'vitest';
import { Fleet } from '../load/fleet.js';
import { auroraCluster } from './aurora-cluster.js';
import { redisUnavailable } from './redis.js';
import type { RunningServer } from './server-kind.js';

const cluster = auroraCluster('aurora-cluster', 'Aurora cluster');

async function connectionsOn(port: number): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`);
  return ((await response.json()) as { connections: number }).connections;
}

const describeWithRedis = redisUnavailable() === undefined ? describe : describe.skip;

describeWithRedis('the aurora-cluster server', () => {
  let server: RunningServer | undefined;
  let fleet: Fleet | undefined;
  afterEach(async () => {
    fleet?.close();
    await server?.stop();
    fleet = undefined;
    server = undefined;
  });

  it('splits every room over both nodes and delivers every message to the whole room', async () => {
    server = await cluster.start({});
    expect(new Set(server.ports).size).toBe(2);
    fleet = new Fleet({ ports: server.ports, dialect: cluster.dialect, roomSize: 10 });
    await fleet.grow(40);
    expect(await Promise.all(server.ports.map(connectionsOn))).toEqual([20, 20]);

    // Every 5th member sends: one on each node per room, so deliveries cross nodes both ways.
    const step = await fleet.run({
      senders: 8,
      ratePerSender: 5,
      warmupMs: 200,
      measureMs: 1000,
      drainMs: 3000,
      sampleServer: () => server!.sample(),
    });
    expect(step.offeredPerS).toBe(400);
    expect(step.share).toBe(1);
    expect(step.dropped).toBe(0);
    // The three processes together: two Node servers hold far more than one's memory.
    expect(step.serverRssKb).toBeGreaterThan(2 * 30 * 1024);
  });

  it('stops all three processes', async () => {
    const started = await cluster.start({});
    await started.stop();
    expect(started.sample()).toEqual({ cpuSeconds: 0, rssKb: 0, waitSeconds: 0 });
    await expect(connectionsOn(started.ports[1]!)).rejects.toThrow();
  });
});
