import { type ChatMessage, MAX_QUEUED_REQUESTS } from 'aurora-protocol';
import { startServer } from 'aurora-testkit';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Connection } from '../src/connection.js';
import { standardSocketFactory } from '../src/standard-socket.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('a bot with many lines to send at once', () => {
  it('gets every one stored once, on one socket, past the server queue of requests', async () => {
    // A rate high enough that only the request queue could stop the burst.
    const server = await startServer({ memory: true, args: ['--rate', '100000', '--burst', '100000'] });
    cleanups.push(() => server.stop());
    const lines = 3 * MAX_QUEUED_REQUESTS;
    const stored: ChatMessage[] = [];
    let welcomes = 0;
    const bot = new Connection({
      url: server.wsUrl,
      nick: 'bulk-bot',
      rooms: ['dev'],
      client: { name: 'test', version: '0' },
      socketFactory: standardSocketFactory(WebSocket),
    });
    bot.subscribe((event) => {
      if (event.type !== 'server') return;
      if (event.message.type === 'welcome') welcomes++;
      if (event.message.type === 'message') stored.push(event.message);
    });
    bot.start();
    cleanups.push(() => bot.close());
    await expect.poll(() => welcomes).toBe(1);
    for (let i = 0; i < lines; i++) bot.send('say', 'dev', `line ${i}`);

    await expect.poll(() => stored.length, { timeout: 15_000 }).toBe(lines);
    expect(stored.map((m) => m.text)).toEqual(Array.from({ length: lines }, (_, i) => `line ${i}`));
    expect(welcomes).toBe(1);
  });
});
