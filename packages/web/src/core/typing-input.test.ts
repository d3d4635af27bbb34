import { testConnection } from 'aurora-client/testing';
import { joined, welcome } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { createTypingInput } from './typing-input.js';

/** The composer's typing input over a real engine connection, greeted and in #dev and #ops. */
function setup() {
  const { clock, sockets, connection } = testConnection({ rooms: ['dev', 'ops'] });
  connection.start();
  const socket = sockets.last();
  socket.open();
  socket.deliver(welcome('alice'));
  socket.deliver(joined('dev'));
  socket.deliver(joined('ops'));
  const typing = createTypingInput((room, active) => connection.typing(room, active));
  const sent = () => socket.sentOf('typing').map(({ room, active }) => ({ room, active }));
  return { clock, connection, typing, sent };
}

describe('createTypingInput', () => {
  it('announces typing once per interval, however many keys are pressed', () => {
    const { clock, typing, sent } = setup();
    for (const text of ['h', 'he', 'hel', 'hell']) {
      typing.input('dev', text);
      clock.advance(500);
    }
    expect(sent()).toEqual([{ room: 'dev', active: true }]);
    clock.advance(1000);
    typing.input('dev', 'hello');
    expect(sent()).toHaveLength(2);
  });

  it('says typing stopped when the composer is emptied, once', () => {
    const { typing, sent } = setup();
    typing.input('dev', 'x');
    typing.input('dev', '');
    typing.input('dev', '');
    expect(sent()).toEqual([
      { room: 'dev', active: true },
      { room: 'dev', active: false },
    ]);
  });

  it('does not announce commands or direct conversations', () => {
    const { typing, sent } = setup();
    typing.input('dev', '/nick bob');
    typing.input(undefined, 'hi');
    expect(sent()).toEqual([]);
  });

  it('announces typing again at once after a line is sent', () => {
    const { connection, typing, sent } = setup();
    typing.input('dev', 'x');
    connection.send('say', 'dev', 'x');
    typing.reset();
    typing.input('dev', 'y');
    expect(sent()).toEqual([
      { room: 'dev', active: true },
      { room: 'dev', active: true },
    ]);
  });

  it('stops in the old room when the user switches rooms mid-sentence', () => {
    const { typing, sent } = setup();
    typing.input('dev', 'x');
    typing.input('ops', 'xy');
    expect(sent()).toEqual([
      { room: 'dev', active: true },
      { room: 'dev', active: false },
      { room: 'ops', active: true },
    ]);
  });
});
