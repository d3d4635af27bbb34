import { readFile } from 'node:fs/promises';
import { type ChatMessage, sameName } from 'aurora-protocol';
import { type ServerProcess, startServer } from 'aurora-testkit';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startEchoBot } from '../examples/echo-bot.js';
import { Connection } from '../src/connection.js';
import { standardSocketFactory } from '../src/standard-socket.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A person in `room`, collecting every chat message they see. */
function person(server: ServerProcess, nick: string, room: string) {
  const seen: ChatMessage[] = [];
  const connection = new Connection({
    url: server.wsUrl,
    nick,
    rooms: [room],
    client: { name: 'test', version: '0' },
    socketFactory: standardSocketFactory(WebSocket),
    retryFirstConnect: true,
  });
  connection.subscribe((event) => {
    if (event.type === 'server' && event.message.type === 'message') seen.push(event.message);
    if (event.type === 'server' && event.message.type === 'joined') seen.push(...event.message.history);
  });
  connection.start();
  cleanups.push(() => connection.close());
  const from = (who: string) =>
    seen.filter((m) => m.kind === 'chat' && sameName(m.from, who)).map((m) => m.text);
  return { connection, from };
}

describe('the echo bot of the README', () => {
  it('is the example file, word for word', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    const example = await readFile(new URL('../examples/echo-bot.ts', import.meta.url), 'utf8');
    expect(readme).toContain(`\`\`\`ts\n${example}\`\`\``);
    expect(example.trim().split('\n').length).toBeLessThanOrEqual(32);
  });

  it('answers in the room, and again after the server restarts, on its own', async () => {
    let server = await startServer();
    cleanups.push(() => server.stop());
    const bot = startEchoBot(server.wsUrl, ['dev']);
    cleanups.push(() => bot.close());
    let botJoins = 0;
    bot.subscribe((event) => {
      if (event.type === 'server' && event.message.type === 'joined') botJoins++;
    });
    const alice = person(server, 'alice', 'dev');
    await expect.poll(() => botJoins).toBe(1);
    alice.connection.send('say', 'dev', '!echo hello');
    await expect.poll(() => alice.from('echo-bot'), { timeout: 10_000 }).toEqual(['hello']);

    server = await server.restart();
    alice.connection.send('say', 'dev', '!echo back again');
    await expect.poll(() => alice.from('echo-bot'), { timeout: 20_000 }).toEqual(['hello', 'back again']);
  });
});
