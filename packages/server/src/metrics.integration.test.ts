import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createProgram, type ProgramOptions, toConfig } from './cli-options.js';
import { makeConfig } from './config.js';
import { silentLogger } from './logger.js';
import { type AuroraServer, startServer } from './server.js';
import { describeWithRedis, TestRedis } from './testing/redis-server.js';
import { TestClient } from './testing/ws-client.js';

let server: AuroraServer | undefined;
let dataDir = '';
const clients: TestClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.socket.terminate();
  await server?.close();
  server = undefined;
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** The value of one sample line (`name{labels} value`) in a scrape, or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** Scrapes until `check` accepts the text (counters move as frames arrive); fails after 5 s. */
async function scrapeUntil(url: string, check: (text: string) => boolean): Promise<string> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const text = await (await fetch(url)).text();
    if (check(text)) return text;
    if (Date.now() > deadline) throw new Error(`the scrape never matched:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('metrics', () => {
  it('are turned on by --metrics-port, on 127.0.0.1 unless --metrics-host says otherwise', () => {
    const parse = (args: string[]) =>
      toConfig(createProgram().parse(args, { from: 'user' }).opts<ProgramOptions>());
    expect(parse([]).metricsPort).toBeUndefined();
    expect(parse([]).metricsHost).toBe('127.0.0.1');
    expect(parse(['--metrics-port', '9464', '--metrics-host', '0.0.0.0'])).toMatchObject({
      metricsPort: 9464,
      metricsHost: '0.0.0.0',
    });
  });

  it('are off by default: the chat port has no /metrics', async () => {
    server = await startServer(makeConfig({ port: 0, dataDir: undefined, webRoot: undefined }), {
      logger: silentLogger,
    });
    expect(server.metricsPort).toBeUndefined();
    expect((await fetch(`http://127.0.0.1:${server.port}/metrics`)).status).toBe(404);
  });

  it('serve Prometheus text on --metrics-port: connections, rooms, messages, latencies, errors, process', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'aurora-metrics-'));
    server = await startServer(
      makeConfig({
        port: 0,
        dataDir,
        webRoot: undefined,
        metricsPort: 0,
        limits: { burst: 2, ratePerSecond: 0.01 },
      }),
      { logger: silentLogger },
    );
    const url = `http://127.0.0.1:${server.metricsPort}/metrics`;
    const ws = `ws://127.0.0.1:${server.port}/ws`;
    const alice = await TestClient.join(ws, 'alice', { rooms: ['dev'] });
    const bob = await TestClient.join(ws, 'bob', { rooms: ['dev'] });
    clients.push(alice, bob);
    alice.send({ type: 'say', room: 'dev', text: 'one', cid: 'c1' });
    alice.send({ type: 'say', room: 'dev', text: 'two', cid: 'c2' });
    alice.send({ type: 'say', room: 'dev', text: 'three', cid: 'c3' });
    await alice.next('error', (e) => e.code === 'rate_limited');
    await bob.next('message', (m) => m.text === 'two');

    // Stored: two join notices and the two messages the rate limit let through.
    const text = await scrapeUntil(url, (t) => (sample(t, 'aurora_messages_stored_total') ?? 0) >= 4);
    const response = await fetch(url);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(text, 'aurora_connections')).toBe(2);
    expect(sample(text, 'aurora_rooms')).toBe(1);
    expect(sample(text, 'aurora_messages_stored_total')).toBe(4);
    // Two messages to two members, plus join notices and presence.
    expect(sample(text, 'aurora_deliveries_total')).toBeGreaterThanOrEqual(4);
    // One message in 16 is timed, starting with the first.
    expect(sample(text, 'aurora_send_seconds_count')).toBe(1);
    expect(sample(text, 'aurora_delivery_seconds_count')).toBe(1);
    expect(sample(text, 'aurora_store_commit_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'aurora_errors_total{code="rate_limited"}')).toBe(1);
    expect(text).toMatch(/^# TYPE aurora_send_seconds histogram$/m);
    expect(sample(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    expect((await fetch(`http://127.0.0.1:${server.metricsPort}/`)).status).toBe(404);
  });
});

describeWithRedis('metrics in cluster mode', () => {
  let redis: TestRedis;
  const nodes: AuroraServer[] = [];

  beforeAll(async () => {
    redis = await TestRedis.start();
  });
  afterAll(async () => {
    for (const client of clients.splice(0)) client.socket.terminate();
    await Promise.all(nodes.map((node) => node.close()));
    await redis?.dispose();
  });

  it('each node reports its own connections and deliveries', async () => {
    for (let i = 0; i < 2; i++)
      nodes.push(
        await startServer(
          makeConfig({ port: 0, dataDir: undefined, webRoot: undefined, redis: redis.url, metricsPort: 0 }),
          { logger: silentLogger },
        ),
      );
    const [one, two] = nodes as [AuroraServer, AuroraServer];
    const alice = await TestClient.join(`ws://127.0.0.1:${one.port}/ws`, 'alice', { rooms: ['dev'] });
    const bob = await TestClient.join(`ws://127.0.0.1:${one.port}/ws`, 'bob', { rooms: ['dev'] });
    const carol = await TestClient.join(`ws://127.0.0.1:${two.port}/ws`, 'carol', { rooms: ['dev'] });
    clients.push(alice, bob, carol);
    for (const client of [alice, bob, carol]) await client.next('joined');
    alice.send({ type: 'say', room: 'dev', text: 'hello', cid: 'c1' });
    await carol.next('message', (m) => m.text === 'hello');

    const scrape = (node: AuroraServer) => `http://127.0.0.1:${node.metricsPort}/metrics`;
    const first = await scrapeUntil(scrape(one), (t) => sample(t, 'aurora_connections') === 2);
    const second = await scrapeUntil(scrape(two), (t) => sample(t, 'aurora_connections') === 1);
    // The message was stored once, by the node alice is on.
    expect(sample(first, 'aurora_messages_stored_total')).toBeGreaterThanOrEqual(1);
    expect(sample(second, 'aurora_deliveries_total')).toBeGreaterThanOrEqual(1);
    expect(sample(first, 'aurora_deliveries_total')).toBeGreaterThan(
      sample(second, 'aurora_deliveries_total')!,
    );
  });
});
