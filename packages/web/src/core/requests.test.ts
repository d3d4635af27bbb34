import { testConnection } from 'aurora-client/testing';
import { ack, error, joined, welcome } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { sendRequest } from './requests.js';

/** A real engine connection, greeted and in #dev, and what it wrote. */
function online() {
  const { sockets, connection } = testConnection({ rooms: ['dev'] });
  connection.start();
  const socket = sockets.last();
  socket.open();
  socket.deliver(welcome('alice'));
  socket.deliver(joined('dev'));
  const written = () => socket.sent.filter((m) => m.type !== 'hello');
  return { socket, connection, written };
}

describe('sendRequest', () => {
  it('writes each planned request through the connection, with its ref', () => {
    const { connection, written } = online();
    sendRequest(connection, { type: 'join', room: 'ops', ref: 'join' });
    sendRequest(connection, { type: 'members', room: 'dev', ref: 'who' });
    sendRequest(connection, { type: 'history', target: '@bob', before: 9, limit: 50, ref: 'history' });
    sendRequest(connection, { type: 'topic', room: 'dev', topic: 'release' });
    sendRequest(connection, { type: 'away', away: true, status: 'lunch' });
    sendRequest(connection, { type: 'rooms' });
    sendRequest(connection, { type: 'nick', nick: 'alicia' });
    expect(written()).toEqual([
      { type: 'join', room: 'ops', ref: 'join' },
      { type: 'members', room: 'dev', ref: 'who' },
      { type: 'history', target: '@bob', before: 9, limit: 50, ref: 'history' },
      { type: 'topic', room: 'dev', topic: 'release' },
      { type: 'away', away: true, status: 'lunch' },
      { type: 'rooms' },
      { type: 'nick', nick: 'alicia' },
    ]);
  });

  it('leaves a room only once the line sent there is stored', () => {
    const { socket, connection, written } = online();
    const line = connection.send('say', 'dev', 'last words');
    socket.deliver(error('rate_limited', 'slow down', { cid: line.cid, retryAfterMs: 1000 }));
    sendRequest(connection, { type: 'leave', room: 'dev' });
    expect(written().map((m) => m.type)).toEqual(['say']);
    socket.deliver(ack(line.cid, 5));
    expect(written().map((m) => m.type)).toEqual(['say', 'leave']);
  });
});
