import { ErrorCode } from 'aurora-protocol';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { makeConfig } from './config.js';
import { silentLogger } from './logger.js';
import { type AuroraServer, startServer } from './server.js';
import { anyFrame, NESTED_ARRAYS_FRAME } from './testing/hostile-frames.js';
import { TestClient } from './testing/ws-client.js';

const running: AuroraServer[] = [];
const clients: TestClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.socket.terminate();
  await Promise.all(running.splice(0).map((server) => server.close()));
});

async function serve() {
  const server = await startServer(
    makeConfig({
      port: 0,
      dataDir: undefined,
      webRoot: undefined,
      maxConnectionsPerIp: 1000,
      // Large enough that the deepest generated frames reach the decoder instead of ws's 1009.
      limits: { maxFrameBytes: 256 * 1024, burst: 1_000_000, ratePerSecond: 1_000_000 },
    }),
    { logger: silentLogger },
  );
  running.push(server);
  return `ws://127.0.0.1:${server.port}/ws`;
}

async function connect(url: string): Promise<TestClient> {
  const client = await TestClient.connect(url);
  clients.push(client);
  return client;
}

/** Pings and waits for the pong: the connection is still served. */
async function expectServed(client: TestClient, t: number): Promise<void> {
  client.send({ type: 'ping', t });
  await client.next('pong', (pong) => pong.t === t);
}

describe('hostile frames over a real socket', () => {
  it('answers the 8 KB frame of nested arrays before hello with bad_frame and keeps serving everyone', async () => {
    const url = await serve();
    const alice = await TestClient.join(url, 'alice', { rooms: ['dev'] });
    clients.push(alice);
    const mallory = await connect(url);
    mallory.socket.send(NESTED_ARRAYS_FRAME);
    expect(await mallory.next('error')).toMatchObject({ code: ErrorCode.BadFrame });
    await expectServed(mallory, 1);

    const bob = await TestClient.join(url, 'bob', { rooms: ['dev'] });
    clients.push(bob);
    bob.send({ type: 'say', room: 'dev', text: 'still here?', cid: 'c1' });
    expect(await alice.next('message', (m) => m.text === 'still here?')).toMatchObject({ from: 'bob' });
  });

  it('survives random frames of every shape, before and after hello', async () => {
    const url = await serve();
    const alice = await TestClient.join(url, 'alice', { rooms: ['dev'] });
    clients.push(alice);
    // Text frames with bytes that are not UTF-8 are refused by ws itself (1007), before the server.
    const overTheWire = anyFrame.filter((frame) => typeof frame.data === 'string' || frame.isBinary);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.array(overTheWire, { minLength: 1, maxLength: 4 }),
        async (greeted, frames) => {
          run++;
          const mallory = greeted ? await TestClient.join(url, `m${run}`) : await connect(url);
          if (greeted) clients.push(mallory);
          for (const frame of frames) mallory.socket.send(frame.data, { binary: frame.isBinary });
          await expectServed(mallory, run);
          await expectServed(alice, run);
          mallory.socket.terminate();
        },
      ),
      { numRuns: 60 },
    );
  });
});
