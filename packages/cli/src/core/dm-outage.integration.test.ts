import type { ConnectionEvent } from 'aurora-client';
import { Connection } from 'aurora-client';
import { decodeServerMessage, encodeClientMessage, type ServerMessage } from 'aurora-protocol';
import { type ServerProcess, startServer } from 'aurora-testkit';
import { afterEach, expect, it } from 'vitest';
import WebSocket from 'ws';
import { wsSocketFactory } from './ws-socket.js';

// The outage of issue 16: alice writes to guest bob while the server is down; after the restart her
// client is welcomed first, and bob only some seconds later. The line must reach him.

const servers: ServerProcess[] = [];
const cleanups: (() => void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  for (const server of servers.splice(0)) await server.stop();
});

/** Polls until `check` holds, or fails after `ms`. */
async function until(check: () => boolean, what: string, ms = 15_000, state = () => ''): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} ${state()}`.trimEnd());
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A bare guest socket that says hello and records what it receives. */
async function guest(url: string, nick: string): Promise<{ received: ServerMessage[]; socket: WebSocket }> {
  const socket = new WebSocket(url);
  const received: ServerMessage[] = [];
  socket.on('message', (data: Buffer) => {
    const decoded = decodeServerMessage(data.toString('utf8'));
    if (decoded.ok) received.push(decoded.message);
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  socket.send(encodeClientMessage({ type: 'hello', v: 1, nick }));
  await until(() => received.some((m) => m.type === 'welcome'), `${nick}'s welcome`);
  cleanups.push(() => socket.terminate());
  return { received, socket };
}

it('delivers a direct message written during an outage to a guest who reconnects after the sender', async () => {
  const first = await startServer({ memory: true });
  servers.push(first);
  const bob = await guest(first.wsUrl, 'bob');
  const events: ConnectionEvent[] = [];
  const alice = new Connection({
    url: first.wsUrl,
    nick: 'alice',
    rooms: ['dev'],
    client: { name: 'aurora-chat', version: 'test' },
    socketFactory: wsSocketFactory,
    backoff: { initialMs: 100, maxMs: 200 },
  });
  cleanups.push(() => alice.close());
  alice.subscribe((event) => events.push(event));
  const online = () => events.filter((e) => e.type === 'status' && e.status.state === 'online').length;
  alice.start();
  await until(() => online() === 1, 'alice online');

  servers.splice(0);
  await first.stop();
  await until(() => bob.socket.readyState === WebSocket.CLOSED, 'bob disconnected');
  alice.send('dm', '@bob', 'hi');
  const second = await startServer({ memory: true, port: first.port });
  servers.push(second);
  await until(() => online() === 2, 'alice back online');
  await until(
    () => events.some((e) => e.type === 'send-delayed' && e.code === 'no_such_user'),
    "the server's refusal while bob is away",
  );

  const back = await guest(second.wsUrl, 'bob');
  // Should this time out, the message says what alice's engine did with the line meanwhile.
  const sendEvents = () =>
    JSON.stringify(
      events.filter((e) => e.type === 'send-delayed' || e.type === 'send-failed' || e.type === 'status'),
    );
  await until(
    () => back.received.some((m) => m.type === 'message' && m.kind === 'dm' && m.text === 'hi'),
    'the direct message at bob',
    15_000,
    sendEvents,
  );
  expect(events.some((e) => e.type === 'send-failed')).toBe(false);
});
