import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
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
