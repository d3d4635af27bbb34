import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { WsPeer } from './ws-peer.js';

interface Pair {
  readonly peer: WsPeer;
  readonly client: WebSocket;
  readonly received: string[];
  readonly closed: Promise<number>;
}

const servers: Server[] = [];
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A WsPeer on the server side of a real loopback connection, and the client that reads it. */
async function pairs(count: number, maxBufferedBytes = 1024 * 1024): Promise<Pair[]> {
  const http = createServer();
  servers.push(http);
  const wss = new WebSocketServer({ server: http, perMessageDeflate: false });
  const peers: WsPeer[] = [];
  const accepted = new Promise<void>((resolve) =>
    wss.on('connection', (socket) => {
      sockets.push(socket);
      peers.push(new WsPeer(socket, { maxBufferedBytes }));
      if (peers.length === count) resolve();
    }),
  );
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const clients = await Promise.all(
    Array.from({ length: count }, async () => {
      const client = new WebSocket(url);
      sockets.push(client);
      const received: string[] = [];
      client.on('message', (data: Buffer, isBinary) => received.push(`${isBinary ? 'binary:' : ''}${data}`));
      const closed = new Promise<number>((resolve) => client.once('close', (code) => resolve(code)));
      await new Promise((resolve) => client.once('open', resolve));
      return { client, received, closed };
    }),
  );
  await accepted;
  return clients.map((client, i) => ({ ...client, peer: peers[i]! }));
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('WsPeer', () => {
  it('delivers frames sent in one turn as separate text messages, in order', async () => {
    const [{ peer, received }] = (await pairs(1)) as [Pair];
    const big = 'x'.repeat(70_000);
    peer.send('{"n":1}');
    peer.send(Buffer.from('{"n":2}'));
    peer.send(big);
    peer.send('{"n":"é"}');
    await until(() => received.length === 4);
    expect(received).toEqual(['{"n":1}', '{"n":2}', big, '{"n":"é"}']);
  });

  it('delivers long messages (framed when written) intact to many peers in one turn', async () => {
    const members = await pairs(3);
    const medium = `{"t":"${'é'.repeat(1500)}"}`;
    const long = `{"t":"${'日本'.repeat(5000)}"}`;
    for (const [i, { peer }] of members.entries()) {
      peer.send(medium);
      peer.send(Buffer.from(`{"n":${i}}`));
      peer.send(long);
    }
    members[0]!.peer.send(long);
    // Headers of 4 bytes (126 to 65535 bytes long) and 2; the text is UTF-8.
    expect(members[1]!.peer.bufferedAmount).toBe(4 + 3008 + 2 + 7 + 4 + 30_008);
    for (const { received } of members) await until(() => received.length >= 3);
    await until(() => members[0]!.received.length === 4);
    for (const [i, { received }] of members.entries())
      expect(received).toEqual([medium, `{"n":${i}}`, long, ...(i === 0 ? [long] : [])]);

    // A turn of 4 to 16 KB is assembled in the one scratch buffer, peer after peer.
    for (const { received } of members) received.length = 0;
    for (const [i, { peer }] of members.entries()) {
      peer.send(`{"i":${i},"t":"${'ü'.repeat(3000 + i)}"}`);
      peer.send(Buffer.from(`{"after":${i}}`));
    }
    for (const { received } of members) await until(() => received.length === 2);
    for (const [i, { received }] of members.entries())
      expect(received).toEqual([`{"i":${i},"t":"${'ü'.repeat(3000 + i)}"}`, `{"after":${i}}`]);
  });

  it('leaves a frame the socket had to queue intact while other peers reuse the scratch', async () => {
    const [slow, fast] = (await pairs(2, 256 * 1024 * 1024)) as [Pair, Pair];
    const tcp = (client: WebSocket) => (client as unknown as { _socket: import('node:net').Socket })._socket;
    tcp(slow.client).pause();
    const frame = (who: string, n: number) => `{"${who}":${n},"t":"${String(n % 10).repeat(12_000)}"}`;
    // Enough turns to fill the slow reader's kernel buffers, so some of its writes are kept queued.
    let turns = 0;
    while (slow.peer.bufferedAmount === 0 || turns < 50) {
      slow.peer.send(frame('slow', turns));
      fast.peer.send(frame('fast', turns));
      turns++;
      await new Promise((resolve) => setImmediate(resolve));
      if (turns > 5000) throw new Error('the slow reader never filled up');
    }
    // The other peer's next turns must not land in the bytes the slow socket still holds.
    for (let n = turns; n < turns + 5; n++) {
      fast.peer.send(frame('fast', n));
      await new Promise((resolve) => setImmediate(resolve));
    }
    tcp(slow.client).resume();
    await until(() => slow.received.length === turns && fast.received.length === turns + 5);
    expect(slow.received).toEqual(Array.from({ length: turns }, (_, n) => frame('slow', n)));
    expect(fast.received).toEqual(Array.from({ length: turns + 5 }, (_, n) => frame('fast', n)));
  });

  it('gives every member the same broadcast bytes', async () => {
    const members = await pairs(3);
    const first = Buffer.from('{"type":"message","text":"one"}');
    const second = Buffer.from('{"type":"message","text":"two"}');
    for (const { peer } of members) peer.send(first);
    for (const { peer } of members) peer.send(second);
    for (const { received } of members) await until(() => received.length === 2);
    for (const { received } of members)
      expect(received).toEqual(['{"type":"message","text":"one"}', '{"type":"message","text":"two"}']);
  });

  it('sends what was queued before a close, then the close frame', async () => {
    const [{ peer, received, closed }] = (await pairs(1)) as [Pair];
    peer.send('{"last":true}');
    peer.close(1001, 'server restarting');
    expect(await closed).toBe(1001);
    expect(received).toEqual(['{"last":true}']);
  });

  it('counts queued bytes as buffered until they are written, and drops frames once closed', async () => {
    const [{ peer, received, client, closed }] = (await pairs(1)) as [Pair];
    peer.send('{"a":1}');
    expect(peer.bufferedAmount).toBe(9);
    await until(() => received.length === 1);
    client.close();
    await closed;
    await until(() => peer.bufferedAmount === 0);
    peer.send('{"late":true}');
    await peer.drained();
    expect(received).toEqual(['{"a":1}']);
  });
});
