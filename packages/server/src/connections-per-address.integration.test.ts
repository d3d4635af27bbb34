import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { makeConfig } from './config.js';
import { silentLogger } from './logger.js';
import { type AuroraServer, startServer } from './server.js';
import { TestClient } from './testing/ws-client.js';

const running: AuroraServer[] = [];
const opened: Socket[] = [];
const clients: TestClient[] = [];

afterEach(async () => {
  for (const socket of opened.splice(0)) socket.destroy();
  for (const client of clients.splice(0)) client.socket.terminate();
  await Promise.all(running.splice(0).map((server) => server.close()));
});

/** A TCP connection that sends half a request line and stalls; `closed` flips when the server hangs up. */
function stall(port: number): { closed: () => boolean; answer: () => string } {
  const socket = connect(port, '127.0.0.1', () => socket.write('GET /ws HT'));
  opened.push(socket);
  let closed = false;
  let answer = '';
  socket.on('data', (data) => {
    answer += data.toString('latin1');
  });
  socket.on('error', () => {});
  socket.on('close', () => {
    closed = true;
  });
  return { closed: () => closed, answer: () => answer };
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('connections that hold nothing', () => {
  it('counts half-sent requests against the per-address cap and times them out', async () => {
    const server = await startServer(
      makeConfig({ port: 0, dataDir: undefined, webRoot: undefined, maxConnectionsPerIp: 5 }),
      { logger: silentLogger },
    );
    running.push(server);
    const url = `ws://127.0.0.1:${server.port}/ws`;
    const stalled = Array.from({ length: 300 }, () => stall(server.port));
    // All but five are refused at once.
    await until(() => stalled.filter((s) => s.closed()).length >= 295, 5000);
    // While the five are pending, the address has no room for a WebSocket either.
    await expect(TestClient.connect(url)).rejects.toThrow();
    // The five are timed out (408) within a few seconds of connecting.
    await until(() => stalled.every((s) => s.closed()), 8000);
    expect(stalled.filter((s) => s.answer().startsWith('HTTP/1.1 408'))).toHaveLength(5);
    // And the address can connect again.
    const alice = await TestClient.join(url, 'alice');
    clients.push(alice);
    alice.send({ type: 'ping', t: 1 });
    expect(await alice.next('pong')).toMatchObject({ t: 1 });
  });

  it('counts open WebSockets against the cap until they close', async () => {
    const server = await startServer(
      makeConfig({ port: 0, dataDir: undefined, webRoot: undefined, maxConnectionsPerIp: 2 }),
      { logger: silentLogger },
    );
    running.push(server);
    const url = `ws://127.0.0.1:${server.port}/ws`;
    const alice = await TestClient.join(url, 'alice');
    const bob = await TestClient.join(url, 'bob');
    clients.push(alice, bob);
    await expect(TestClient.connect(url)).rejects.toThrow();
    alice.socket.close();
    await alice.closed;
    // The place is free once the server has seen the close; until then an attempt is refused.
    let carol: TestClient | undefined;
    const deadline = Date.now() + 3000;
    while (carol === undefined && Date.now() < deadline)
      carol = await TestClient.join(url, 'carol').catch(() => undefined);
    expect(carol).toBeDefined();
    clients.push(carol!);
  });
});
