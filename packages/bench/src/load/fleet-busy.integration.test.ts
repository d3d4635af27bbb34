import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { auroraDialect } from './dialects.js';
import { Fleet } from './fleet.js';

let server: WebSocketServer | undefined;
let fleet: Fleet | undefined;

afterEach(async () => {
  await fleet?.close();
  await new Promise((done) => (server ? server.close(done) : done(undefined)));
});

describe('a fleet against a server that sheds load', () => {
  it('comes back after the wait a busy server asks for, and counts the refusal, not a lost client', async () => {
    // Refuses the first greeting of each name as Aurora does under load, then lets it in.
    const refusedOnce = new Set<string>();
    server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    server.on('connection', (socket) => {
      socket.on('message', (data) => {
        const hello = JSON.parse(String(data)) as { nick: string; rooms: string[] };
        if (!refusedOnce.has(hello.nick)) {
          refusedOnce.add(hello.nick);
          socket.send(
            JSON.stringify({ type: 'error', code: 'server_busy', message: 'busy', retryAfterMs: 50 }),
          );
          socket.close(1013, 'server busy');
          return;
        }
        socket.send(JSON.stringify({ type: 'joined', room: hello.rooms[0] }));
      });
    });
    await new Promise((done) => server!.once('listening', done));
    const { port } = server.address() as AddressInfo;
    fleet = new Fleet({ ports: [port], dialect: auroraDialect, roomSize: 2, sourceAddresses: 1 });
    await fleet.grow(4);
    expect(fleet.size).toBe(4);
    expect(fleet.refusedForLoad).toBe(4);
    expect(fleet.lost).toBe(0);
  });

  it('reads a server_busy refusal and its wait, and nothing else, as one', () => {
    const frame = (text: string) => Buffer.from(text);
    const busy = (text: string) => auroraDialect.busy?.(frame(text), 0, text.length);
    expect(busy('{"type":"error","code":"server_busy","message":"m","retryAfterMs":2500}')).toBe(2500);
    expect(busy('{"type":"error","code":"server_busy","message":"m"}')).toBe(1000);
    expect(busy('{"type":"error","code":"rate_limited","message":"m","retryAfterMs":5}')).toBeUndefined();
    expect(busy('{"type":"joined","room":"r0"}')).toBeUndefined();
  });
});
