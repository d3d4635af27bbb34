import { ErrorCode } from 'aurora-protocol';
import { error, welcome } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import type { ConnectionEvent } from './connection-types.js';
import { SearchError } from './search-requests.js';
import { testConnection } from './testing/test-connection.js';

function online() {
  const { sockets, connection } = testConnection({ rooms: [] });
  const events: ConnectionEvent[] = [];
  connection.subscribe((event) => events.push(event));
  connection.start();
  const socket = sockets.last();
  socket.open();
  socket.deliver(welcome('alice'));
  return { socket, connection, events };
}

describe('Connection.search', () => {
  it('sends the query with a ref and resolves with the results that answer it', async () => {
    const { socket, connection } = online();
    const answer = connection.search('deploy* from:bob', { limit: 5, before: 40 });
    const [sent] = socket.sentOf('search');
    expect(sent).toMatchObject({ type: 'search', query: 'deploy* from:bob', limit: 5, before: 40 });
    const result = {
      target: 'dev',
      seq: 7,
      id: 'm7',
      kind: 'chat' as const,
      from: 'bob',
      ts: 1000,
      snippet: [{ text: 'deploying', match: true }],
    };
    // An answer to another request is not this one's.
    socket.deliver({ type: 'search_results', results: [], ref: 'other' });
    socket.deliver({ type: 'search_results', results: [result], next: 3, ref: sent!.ref! });
    await expect(answer).resolves.toEqual({
      type: 'search_results',
      results: [result],
      next: 3,
      ref: sent!.ref,
    });
  });

  it('rejects with the error that answers it, which the chat does not see', async () => {
    const { socket, connection, events } = online();
    const answer = connection.search('color:red');
    const ref = socket.sentOf('search')[0]!.ref!;
    socket.deliver(error(ErrorCode.BadQuery, 'unknown filter "color:"', { ref }));
    await expect(answer).rejects.toEqual(new SearchError(ErrorCode.BadQuery, 'unknown filter "color:"'));
    expect(events.some((event) => event.type === 'server' && event.message.type === 'error')).toBe(false);
  });

  it('rejects when not online, and when the socket closes before the answer', async () => {
    const { sockets, connection } = testConnection({ rooms: [] });
    await expect(connection.search('x')).rejects.toMatchObject({ code: 'disconnected' });
    connection.start();
    sockets.last().open();
    sockets.last().deliver(welcome('alice'));
    const answer = connection.search('x');
    sockets.last().drop(1006);
    await expect(answer).rejects.toMatchObject({ code: 'disconnected' });
    connection.close();
  });
});
