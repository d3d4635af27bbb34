import { Connection, standardSocketFactory } from 'aurora-client';
import { sameName } from 'aurora-protocol';
import WebSocket from 'ws';

/** Starts a bot that answers `!echo TEXT` with TEXT in the same room; returns it, to close. */
export function startEchoBot(url: string, rooms: readonly string[]): Connection {
  const bot = new Connection({
    url,
    nick: 'echo-bot',
    rooms,
    client: { name: 'echo-bot', version: '1.0.0' },
    socketFactory: standardSocketFactory(WebSocket),
    retryFirstConnect: true, // wait for a server that is not up yet; reconnects are always on
  });
  let me = 'echo-bot';
  bot.subscribe((event) => {
    if (event.type === 'status' && event.status.state === 'online') me = event.status.nick;
    if (event.type !== 'server' || event.message.type !== 'message') return;
    const { kind, room, from, text } = event.message;
    // Lines missed while disconnected arrive here too, after the reconnect: each is answered once.
    if (kind === 'chat' && room && !sameName(from, me) && text.startsWith('!echo '))
      bot.send('say', room, text.slice('!echo '.length));
  });
  bot.start();
  return bot;
}

// Run as a program: `node echo-bot.js ws://localhost:7777/ws dev ops`.
if (import.meta.url === `file://${process.argv[1]}`)
  startEchoBot(process.argv[2] ?? 'ws://localhost:7777/ws', process.argv.slice(3));
