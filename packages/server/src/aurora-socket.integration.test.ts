import { randomBytes } from 'node:crypto';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { type ServerOptions, WebSocket, WebSocketServer } from 'ws';
import { AuroraSocket } from './aurora-socket.js';
import { makeConfig } from './config.js';
import { silentLogger } from './logger.js';
import { type AuroraServer, startServer } from './server.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const running: AuroraServer[] = [];
const raw: Socket[] = [];

afterEach(async () => {
  for (const socket of raw.splice(0)) socket.destroy();
  await Promise.all(running.splice(0).map((server) => server.close()));
});

const SOCKETS = 200;
/** What each socket sends after the header of its oversized frame: one read's worth. */
const BODY = randomBytes(60 * 1024);

/** Heap and Buffer memory after a full collection, in bytes. */
function retained(): number {
  gc();
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external;
}

/**
 * Opens a WebSocket by hand and sends the start of a masked text frame announcing `length` bytes.
 * `then: 'stay'` ignores the server's FIN and keeps the socket open, as an attacker's would;
 * `then: 'leave'` closes it with the frame unfinished.
 */
function announceFrame(port: number, length: number, then: 'stay' | 'leave'): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: then === 'stay' }, () =>
      socket.write(
        `GET /ws HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      ),
    );
    raw.push(socket);
    socket.on('error', reject);
    let answer = '';
    const onData = (data: Buffer) => {
      answer += data.toString('latin1');
      if (!answer.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      socket.resume();
      const header = Buffer.alloc(14);
      header[0] = 0x81; // FIN, text
      header[1] = 0x80 | 127; // masked, 64-bit length
      header.writeUInt32BE(length, 6);
      socket.write(Buffer.concat([header, BODY]), () => resolve(socket));
      if (then === 'leave') socket.end();
    };
    socket.on('data', onData);
  });
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function serve(): Promise<AuroraServer> {
  const server = await startServer(
    makeConfig({ port: 0, dataDir: undefined, webRoot: undefined, maxConnectionsPerIp: 100_000 }),
    { logger: silentLogger },
  );
  running.push(server);
  return server;
}

describe('memory held for sockets', () => {
  it('keeps none of the refused bytes while the peer holds its sockets open', async () => {
    const server = await serve();
    const before = retained();
    await Promise.all(Array.from({ length: SOCKETS }, () => announceFrame(server.port, 1024 * 1024, 'stay')));
    // Every frame is refused with 1009, but the sockets stay open for ws's close timeout (30 s).
    await until(() => server.hub.sessions.size === SOCKETS);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const grown = retained() - before;
    // Keeping the refused bytes took 200 * 60 KB = 12 MB; a socket without them costs a few KB.
    expect(grown).toBeLessThan(4 * 1024 * 1024);
  });

  it('lets go of closed sockets at once, not at their next heartbeat', async () => {
    const server = await serve();
    const before = retained();
    // Frames within the limit, cut short: each socket's parser holds 60 KB when it closes.
    await Promise.all(Array.from({ length: SOCKETS }, () => announceFrame(server.port, 64_000, 'leave')));
    await until(() => server.hub.sessions.size === 0);
    const grown = retained() - before;
    expect(grown).toBeLessThan(4 * 1024 * 1024);
  });
});

describe('what an accepted socket keeps', () => {
  /** A server-side AuroraSocket and the client it talks to, over loopback. */
  async function pair(): Promise<{ socket: AuroraSocket; client: WebSocket; close: () => Promise<void> }> {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', WebSocket: AuroraSocket } as ServerOptions);
    await new Promise((resolve) => wss.once('listening', resolve));
    const accepted = new Promise<AuroraSocket>((resolve) => wss.once('connection', resolve));
    const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
    const socket = await accepted;
    await new Promise((resolve) => client.once('open', resolve));
    return {
      socket,
      client,
      close: async () => {
        client.terminate();
        await new Promise((resolve) => wss.close(resolve));
      },
    };
  }

  it("drops ws's per-socket listeners table and extensions, and still hears frames and closes", async () => {
    const { socket, client, close } = await pair();
    socket.removeAllListeners();
    const internals = socket as unknown as Record<string, { _extensions?: object } | undefined>;
    // The private fields `accepted` replaces: if ws or Node renames them, this fails.
    expect(internals._events).toBeTypeOf('object');
    expect(internals._extensions).toEqual({});
    expect(internals._receiver?._extensions).toBe(internals._extensions);
    expect(internals._sender?._extensions).toBe(internals._extensions);
    const heard: string[] = [];
    socket.accepted({
      message: (_socket, data) => heard.push(data.toString()),
      pong: () => {},
      error: () => {},
      close: (_socket, code) => heard.push(`closed ${code}`),
    });
    expect(internals._events).toBeUndefined();
    expect(Object.isFrozen(internals._extensions)).toBe(true);
    expect(internals._receiver?._extensions).toBe(internals._extensions);
    client.send('hello');
    client.send('again');
    await until(() => heard.length === 2);
    // A listener someone adds later still hears events.
    const alsoHeard = new Promise((resolve) => socket.once('message', (data) => resolve(String(data))));
    client.send('third');
    expect(await alsoHeard).toBe('third');
    client.close(1000);
    await until(() => heard.includes('closed 1000'));
    expect(heard.slice(0, 3)).toEqual(['hello', 'again', 'third']);
    await close();
  });
});
