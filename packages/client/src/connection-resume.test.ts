import { chat, joined, welcome } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { remoteKeyed } from './remote-keyed.js';
import { testConnection } from './testing/test-connection.js';

// A script that saved its place (`aurora-chat tail --since`) starts where it stopped.

describe('Connection started from given positions', () => {
  it('resumes the given rooms it follows and every given conversation in its first hello', () => {
    const { connection, sockets } = testConnection({
      rooms: ['dev', 'ops'],
      resume: remoteKeyed([
        ['dev', 12],
        ['elsewhere', 3],
        ['@Bob', 7],
      ]),
    });
    connection.start();
    sockets.last().open();
    expect(sockets.last().sentOf('hello')[0]).toMatchObject({
      rooms: ['dev', 'ops'],
      resume: { dev: 12, '@Bob': 7 },
    });
  });

  it('keeps a given position across the resumed join, then moves on with the replay', () => {
    const { connection, sockets, clock } = testConnection({
      rooms: ['dev'],
      resume: remoteKeyed([['dev', 12]]),
    });
    connection.start();
    sockets.last().open();
    sockets.last().deliver(welcome('alice'));
    // The resumed join names the latest seq; the replay of 13..20 has not arrived yet.
    sockets.last().deliver(joined('dev', { seq: 20 }));
    sockets.last().deliver(chat(13, 'bob', 'first missed'));
    sockets.last().drop(1006);
    clock.advance(1000);
    sockets.last().open();
    expect(sockets.last().sentOf('hello')[0]?.resume).toEqual({ dev: 13 });
  });

  it('sends no resume without given positions', () => {
    const { connection, sockets } = testConnection({ rooms: ['dev'] });
    connection.start();
    sockets.last().open();
    expect(sockets.last().sentOf('hello')[0]).not.toHaveProperty('resume');
  });

  it('reads history forward from a seq without joining', () => {
    const { connection, sockets } = testConnection({ rooms: [] });
    connection.start();
    sockets.last().open();
    sockets.last().deliver(welcome('alice'));
    connection.historyAfter('dev', 41, 1000);
    expect(sockets.last().sentOf('history')).toEqual([
      { type: 'history', target: 'dev', after: 41, limit: 1000 },
    ]);
    expect(sockets.last().sentOf('join')).toEqual([]);
  });
});
