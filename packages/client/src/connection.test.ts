import { MAX_SERVER_FRAME_BYTES } from 'aurora-protocol';
import { ack, chat, error, joined, welcome } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import type { ConnectionEvent, ConnectionStatus } from './connection-types.js';
import { testConnection } from './testing/test-connection.js';
import { STABLE_SESSION_MS } from './transport.js';

function setup(
  options: { retryFirstConnect?: boolean; rooms?: string[]; roomPasswords?: Record<string, string> } = {},
) {
  const { clock, sockets, connection } = testConnection(options);
  const events: ConnectionEvent[] = [];
  connection.subscribe((event) => events.push(event));
  const statuses = () =>
    events
      .filter((e): e is Extract<ConnectionEvent, { type: 'status' }> => e.type === 'status')
      .map((e) => e.status);
  const lastStatus = (): ConnectionStatus | undefined => statuses().at(-1);
  /** Opens the latest socket and greets as the server would. */
  const accept = (...frames: Parameters<ReturnType<typeof sockets.last>['deliver']>[0][]) => {
    const socket = sockets.last();
    socket.open();
    socket.deliver(welcome('alice'));
    for (const frame of frames) socket.deliver(frame);
    return socket;
  };
  /** Whether each typing notice written to the latest socket said typing (true) or stopped. */
  const typingSent = () =>
    sockets
      .last()
      .sentOf('typing')
      .map((t) => t.active);
  return { clock, sockets, connection, events, statuses, lastStatus, accept, typingSent };
}

describe('Connection', () => {
  it('greets with hello naming the nick, the client and the rooms', () => {
    const { connection, sockets, lastStatus } = setup({ rooms: ['dev', 'ops'] });
    connection.start();
    expect(lastStatus()).toEqual({ state: 'connecting', attempt: 0, everOnline: false });
    sockets.last().open();
    expect(sockets.last().sent).toEqual([
      {
        type: 'hello',
        v: 1,
        nick: 'alice',
        client: { name: 'aurora-chat', version: 'test' },
        rooms: ['dev', 'ops'],
      },
    ]);
    sockets.last().deliver(welcome('alice'));
    expect(lastStatus()).toEqual({ state: 'online', nick: 'alice', server: 'aurora-server' });
  });

  it('greets with the join passwords it was given, on the first hello and after a reconnect', () => {
    const { connection, sockets, clock } = setup({ rooms: ['dev', 'ops'], roomPasswords: { dev: 'sesame' } });
    connection.start();
    sockets.last().open();
    expect(sockets.last().sentOf('hello')[0]).toMatchObject({
      rooms: ['dev', 'ops'],
      passwords: { dev: 'sesame' },
    });
    sockets.last().deliver(welcome('alice'));
    sockets.last().drop(1006);
    clock.advance(60_000);
    sockets.last().open();
    expect(sockets.last().sentOf('hello')[0]).toMatchObject({ passwords: { dev: 'sesame' } });
  });

  it('reports an unreachable server once, without retrying, when retries were not asked for', () => {
    const { connection, sockets, lastStatus, clock } = setup();
    connection.start();
    sockets.last().fail('connection refused (is the server running?)');
    expect(lastStatus()).toEqual({
      state: 'unreachable',
      message: 'connection refused (is the server running?)',
    });
    clock.advance(60_000);
    expect(sockets.sockets).toHaveLength(1);
  });

  it('keeps retrying a first connection when asked to (--wait), saying it was never online', () => {
    const { connection, sockets, lastStatus, clock, accept } = setup({ retryFirstConnect: true });
    connection.start();
    sockets.last().fail('connection refused (is the server running?)');
    expect(lastStatus()).toMatchObject({
      state: 'reconnecting',
      attempt: 1,
      reason: 'connection refused (is the server running?)',
      everOnline: false,
    });
    clock.advance(375);
    expect(lastStatus()).toEqual({ state: 'connecting', attempt: 1, everOnline: false });
    sockets.last().fail('connection refused (is the server running?)');
    clock.advance(750);
    expect(sockets.sockets).toHaveLength(3);
    // However long it waits, a retry comes within 5 s (30 s once it has been online).
    for (let attempt = 3; attempt <= 10; attempt++) {
      sockets.last().fail('connection refused (is the server running?)');
      clock.advance(5000);
      expect(sockets.sockets).toHaveLength(attempt + 1);
    }
    accept(joined('dev'));
    expect(lastStatus()).toMatchObject({ state: 'online' });
    clock.advance(STABLE_SESSION_MS); // online long enough for the backoff to start afresh
    sockets.last().drop(1001);
    expect(lastStatus()).toMatchObject({ state: 'reconnecting', attempt: 1, everOnline: true });
    clock.advance(375);
    expect(lastStatus()).toEqual({ state: 'connecting', attempt: 1, everOnline: true });
  });

  it('reconnects with growing, jittered delays after losing an established connection', () => {
    const { connection, sockets, lastStatus, clock, accept } = setup();
    connection.start();
    accept(joined('dev'));
    sockets.last().drop(1001);
    expect(lastStatus()).toMatchObject({
      state: 'reconnecting',
      attempt: 1,
      reason: 'the server is restarting',
    });
    const first = lastStatus() as Extract<ConnectionStatus, { state: 'reconnecting' }>;
    expect(first.retryAt - clock.now()).toBe(375); // half of 500 plus jitter 0.5 of the other half
    clock.advance(374);
    expect(sockets.sockets).toHaveLength(1);
    clock.advance(1);
    expect(sockets.sockets).toHaveLength(2);
    sockets.last().fail('connection refused');
    const second = lastStatus() as Extract<ConnectionStatus, { state: 'reconnecting' }>;
    expect(second.attempt).toBe(2);
    expect(second.retryAt - clock.now()).toBe(750);
    expect(second.reason).toBe('connection refused');
  });

  it('waits as long as a busy server asks, stretched by jitter, then resumes where it was', () => {
    const { connection, sockets, lastStatus, clock, accept } = setup({ rooms: ['dev'] });
    connection.start();
    accept(joined('dev', { history: [chat(4, 'bob', 'a')] }));
    sockets.last().drop(1001);
    clock.advance(1000);
    sockets.last().open();
    sockets.last().deliver(error('server_busy', 'the server is busy', { retryAfterMs: 4000 }));
    const waiting = lastStatus() as Extract<ConnectionStatus, { state: 'reconnecting' }>;
    expect(waiting).toMatchObject({ state: 'reconnecting', reason: 'the server is busy' });
    // 4 s and a quarter more: the test's random() is 0.5 and the jitter is up to half again.
    expect(waiting.retryAt - clock.now()).toBe(5000);
    clock.advance(4999);
    expect(sockets.sockets).toHaveLength(2);
    clock.advance(1);
    sockets.last().open();
    expect(sockets.last().sentOf('hello')[0]).toMatchObject({ resume: { dev: 4 } });
  });

  it('resumes every room and conversation from the last seen seq after a reconnect', () => {
    const { connection, sockets, clock, accept } = setup({ rooms: ['dev', 'ops'] });
    connection.start();
    accept(
      joined('dev', { history: [chat(1, 'bob', 'a'), chat(2, 'bob', 'b')] }),
      joined('ops', { seq: 0 }),
      chat(3, 'bob', 'c'),
      chat(7, 'Bob', 'psst', { to: 'alice' }),
    );
    sockets.last().drop(1006);
    clock.advance(1000);
    sockets.last().open();
    expect(sockets.last().sentOf('hello')[0]).toMatchObject({
      rooms: ['dev', 'ops'],
      resume: { dev: 3, ops: 0, '@Bob': 7 },
    });
  });

  it('leaves a room at once while disconnected, and does not rejoin it on reconnecting', () => {
    const { connection, sockets, clock, events, accept } = setup({ rooms: ['dev', 'ops'] });
    connection.start();
    accept(joined('dev'), joined('ops'));
    sockets.last().drop(1006);
    connection.leave('ops');
    expect(events.at(-1)).toEqual({ type: 'server', message: { type: 'left', room: 'ops' } });
    clock.advance(1000);
    sockets.last().open();
    expect(sockets.last().sentOf('hello')[0]).toMatchObject({ rooms: ['dev'] });
    expect(sockets.last().sentOf('leave')).toEqual([]);
  });

  it('leaves a room only once the lines sent there are stored, rate limited ones included', () => {
    const { connection, clock, accept } = setup();
    connection.start();
    const socket = accept(joined('dev'));
    for (const text of ['one', 'two', 'three']) connection.send('say', 'dev', text);
    socket.deliver(ack('c1', 1));
    socket.deliver(error('rate_limited', 'slow down', { cid: 'c2', retryAfterMs: 1000 }));
    socket.deliver(error('rate_limited', 'slow down', { cid: 'c3', retryAfterMs: 1000 }));
    connection.leave('dev');
    expect(socket.sentOf('leave')).toEqual([]);
    clock.advance(1000);
    socket.deliver(ack('c2', 2));
    expect(socket.sentOf('leave')).toEqual([]);
    socket.deliver(ack('c3', 3));
    const order = socket.sent
      .filter((m) => m.type === 'say' || m.type === 'leave')
      .map((m) => (m.type === 'say' ? m.cid : m.type));
    expect(order).toEqual(['c1', 'c2', 'c3', 'c2', 'c3', 'leave']);
  });

  it('leaves at once when nothing sent to the room is waiting', () => {
    const { connection, accept } = setup({ rooms: ['dev', 'ops'] });
    connection.start();
    const socket = accept(joined('dev'), joined('ops'));
    connection.send('say', 'ops', 'still on its way');
    connection.send('dm', '@bob', 'psst');
    connection.leave('dev');
    expect(socket.sentOf('leave')).toEqual([{ type: 'leave', room: 'dev' }]);
  });

  it('keeps a room left while offline until its queued lines are posted as a member after the reconnect', () => {
    const { connection, sockets, clock, events, accept } = setup({ rooms: ['dev', 'ops'] });
    connection.start();
    accept(joined('dev'), joined('ops'));
    connection.send('say', 'ops', 'typed before leaving');
    sockets.last().drop(1006);
    connection.leave('ops');
    expect(events.filter((e) => e.type === 'server' && e.message.type === 'left')).toEqual([]);
    clock.advance(1000);
    const socket = accept();
    expect(socket.sentOf('hello')[0]?.rooms).toEqual(['dev', 'ops']);
    expect(socket.sentOf('say')).toEqual([]); // not before the room is joined again
    socket.deliver(joined('ops', { seq: 0 }));
    expect(socket.sent.filter((m) => m.type === 'say' || m.type === 'leave').map((m) => m.type)).toEqual([
      'say',
    ]);
    socket.deliver(ack('c1', 1, 'ops'));
    expect(socket.sent.at(-1)).toEqual({ type: 'leave', room: 'ops' });
    socket.deliver({ type: 'left', room: 'ops' });
    socket.drop(1006);
    clock.advance(1000);
    sockets.last().open();
    expect(sockets.last().sentOf('hello')[0]?.rooms).toEqual(['dev']);
  });

  it('cancels a leave still waiting for lines when the room is joined again', () => {
    const { connection, accept } = setup();
    connection.start();
    const socket = accept(joined('dev'));
    connection.send('say', 'dev', 'one');
    connection.leave('dev');
    connection.join('dev');
    socket.deliver(ack('c1', 1));
    // The room was never left, so there is nothing to join again.
    expect(socket.sentOf('join')).toEqual([]);
    expect(socket.sentOf('leave')).toEqual([]);
  });

  it("writes a leave asked for while the greeting's join is on its way after that join's answer", () => {
    const { connection, sockets } = setup({ rooms: ['dev', 'ops'] });
    connection.start();
    const socket = sockets.last();
    socket.open();
    connection.leave('dev');
    socket.deliver(welcome('alice'));
    socket.deliver(joined('ops'));
    expect(socket.sentOf('leave')).toEqual([]);
    socket.deliver(joined('dev'));
    expect(socket.sentOf('leave')).toEqual([{ type: 'leave', room: 'dev' }]);
  });

  it('leaves at once, offline, a room whose join was lost with its socket', () => {
    const { connection, sockets, clock, events } = setup({ rooms: ['dev', 'ops'] });
    connection.start();
    sockets.last().open();
    connection.leave('dev');
    sockets.last().drop(1006);
    expect(events).toContainEqual({ type: 'server', message: { type: 'left', room: 'dev' } });
    clock.advance(1000);
    sockets.last().open();
    expect(sockets.last().sentOf('hello')[0]?.rooms).toEqual(['ops']);
  });

  it('writes a leave once, and counts it done when the socket is lost before the server confirms it', () => {
    const { connection, sockets, clock, accept, events } = setup({ rooms: ['dev', 'ops'] });
    connection.start();
    const socket = accept(joined('dev'), joined('ops'));
    connection.leave('dev');
    connection.leave('dev');
    expect(socket.sentOf('leave')).toEqual([{ type: 'leave', room: 'dev' }]);
    socket.drop(1006);
    expect(events).toContainEqual({ type: 'server', message: { type: 'left', room: 'dev' } });
    clock.advance(1000);
    sockets.last().open();
    expect(sockets.last().sentOf('hello')[0]?.rooms).toEqual(['ops']);
  });

  it('lets a waiting leave go when the last line is refused for good', () => {
    const { connection, accept, events } = setup();
    connection.start();
    const socket = accept(joined('dev'));
    connection.send('say', 'dev', 'x');
    connection.leave('dev');
    socket.deliver(error('text_too_long', 'too long', { cid: 'c1' }));
    expect(events.some((e) => e.type === 'send-failed' && e.cid === 'c1')).toBe(true);
    expect(socket.sentOf('leave')).toEqual([{ type: 'leave', room: 'dev' }]);
  });

  it('does not move a resume cursor past messages that were not replayed yet', () => {
    const { connection, sockets, clock, accept } = setup();
    connection.start();
    accept(joined('dev', { history: [chat(5, 'bob', 'x')] }));
    sockets.last().drop(1006);
    clock.advance(1000);
    // The resumed join says the room is at 9, but the connection drops before 6..9 arrive.
    accept(joined('dev', { seq: 9 }), chat(6, 'bob', 'y'));
    sockets.last().drop(1006);
    clock.advance(5000);
    sockets.last().open();
    expect(sockets.last().sentOf('hello')[0]?.resume).toEqual({ dev: 6 });
  });

  it('writes a message at once when online and forgets it when acknowledged', () => {
    const { connection, sockets, accept, clock } = setup();
    connection.start();
    accept(joined('dev'));
    const sent = connection.send('say', 'dev', 'hello');
    expect(sent).toMatchObject({ cid: 'c1', kind: 'say', target: 'dev', text: 'hello' });
    expect(sockets.last().sentOf('say')).toEqual([{ type: 'say', room: 'dev', text: 'hello', cid: 'c1' }]);
    sockets.last().deliver(ack('c1', 1));
    sockets.last().drop(1006);
    clock.advance(1000);
    accept(joined('dev', { seq: 1 }));
    expect(sockets.last().sentOf('say')).toEqual([]);
  });

  it('re-sends unacknowledged messages with their original cids after a reconnect, in order', () => {
    const { connection, sockets, clock, accept } = setup();
    connection.start();
    accept(joined('dev'));
    connection.send('say', 'dev', 'one');
    connection.send('action', 'dev', 'waves');
    connection.send('say', 'dev', 'three');
    sockets.last().deliver(ack('c1', 1));
    sockets.last().drop(1006);
    connection.send('say', 'dev', 'typed while offline');
    clock.advance(1000);
    const socket = accept();
    expect(socket.sentOf('say')).toEqual([]); // not before the room is joined again
    socket.deliver(joined('dev', { seq: 1 }));
    expect(socket.sent.filter((m) => m.type === 'say' || m.type === 'action')).toEqual([
      { type: 'action', room: 'dev', text: 'waves', cid: 'c2' },
      { type: 'say', room: 'dev', text: 'three', cid: 'c3' },
      { type: 'say', room: 'dev', text: 'typed while offline', cid: 'c4' },
    ]);
  });

  it('holds messages while rate limited and sends them again when the server says', () => {
    const { connection, clock, accept, events } = setup();
    connection.start();
    const socket = accept(joined('dev'));
    connection.send('say', 'dev', 'one');
    socket.deliver(error('rate_limited', 'slow down', { cid: 'c1', retryAfterMs: 1200 }));
    connection.send('say', 'dev', 'two');
    expect(socket.sentOf('say').map((m) => m.text)).toEqual(['one']);
    expect(events.some((e) => e.type === 'send-delayed' && e.cid === 'c1')).toBe(true);
    clock.advance(1199);
    expect(socket.sentOf('say').map((m) => m.text)).toEqual(['one']);
    clock.advance(1);
    // One at a time after a rate limit: the next goes once the last is stored.
    expect(socket.sentOf('say').map((m) => m.cid)).toEqual(['c1', 'c1']);
    socket.deliver({ type: 'ack', cid: 'c1', id: 'm1', seq: 1, ts: 0 });
    expect(socket.sentOf('say').map((m) => m.cid)).toEqual(['c1', 'c1', 'c2']);
  });

  it('writes a queue held back by the rate limit about once per line, not again after every pause', () => {
    const { connection, clock, accept } = setup();
    connection.start();
    const socket = accept(joined('dev'));
    for (let i = 1; i <= 20; i++) connection.send('say', 'dev', `line ${i}`);
    // A server allowing a burst of 3, then one line every 500 ms.
    let seq = 0;
    let tokens = 3;
    let answered = 0;
    const serve = () => {
      const says = socket.sentOf('say');
      while (answered < says.length) {
        const cid = says[answered++]!.cid;
        if (tokens >= 1) {
          tokens -= 1;
          seq += 1;
          socket.deliver({ type: 'ack', cid, id: `m${seq}`, seq, ts: 0 });
        } else socket.deliver(error('rate_limited', 'slow down', { cid, retryAfterMs: 500 }));
      }
    };
    for (let step = 0; step < 40 && seq < 20; step++) {
      serve();
      clock.advance(500);
      tokens = Math.min(3, tokens + 1);
    }
    serve();
    expect(seq).toBe(20);
    // Each line written, and each refused at most twice: well under the 200 or so of writing the
    // whole queue again after every pause.
    expect(socket.sentOf('say').length).toBeLessThanOrEqual(20 + 2 * 17);
  });

  it('posts to a room it is not in right after the greeting, without joining', () => {
    const { connection, sockets, accept } = setup({ rooms: [] });
    connection.start();
    connection.send('say', 'ci', 'build passed');
    const socket = accept();
    expect(socket.sentOf('hello')[0]?.rooms).toEqual([]);
    expect(socket.sentOf('say')).toEqual([{ type: 'say', room: 'ci', text: 'build passed', cid: 'c1' }]);
    expect(sockets.sockets).toHaveLength(1);
  });

  it('drops a message the server refuses for good and says why', () => {
    const { connection, sockets, clock, accept, events } = setup();
    connection.start();
    const socket = accept(joined('dev'));
    connection.send('say', 'dev', 'x');
    socket.deliver(error('not_in_room', 'join first', { cid: 'c1' }));
    expect(events).toContainEqual({
      type: 'send-failed',
      cid: 'c1',
      code: 'not_in_room',
      message: 'join first',
    });
    socket.drop(1006);
    clock.advance(1000);
    accept(joined('dev'));
    expect(sockets.last().sentOf('say')).toEqual([]);
  });

  it('keeps a direct message written during an outage until its recipient is back too', () => {
    const { connection, clock, accept, events } = setup();
    connection.start();
    accept(joined('dev')).drop(1001);
    connection.send('dm', '@bob', 'hi');
    clock.advance(1000);
    // alice is back first: bob, a guest, is still reconnecting.
    const socket = accept(joined('dev'));
    expect(socket.sentOf('dm')).toEqual([{ type: 'dm', to: 'bob', text: 'hi', cid: 'c1' }]);
    socket.deliver(error('no_such_user', 'nobody called bob is online', { cid: 'c1' }));
    expect(events.some((e) => e.type === 'send-failed')).toBe(false);
    expect(events).toContainEqual(expect.objectContaining({ type: 'send-delayed', cid: 'c1' }));
    // Other lines do not wait for bob.
    connection.send('say', 'dev', 'meanwhile');
    expect(socket.sentOf('say')).toHaveLength(1);
    clock.advance(2000);
    expect(socket.sentOf('dm')).toHaveLength(2);
    socket.deliver(ack('c1', 7));
    clock.advance(10_000);
    expect(socket.sentOf('dm')).toHaveLength(2);
    expect(events.some((e) => e.type === 'send-failed')).toBe(false);
  });

  it('gives a direct message up once the grace after a reconnect is over, and at once on a first connection', () => {
    const { connection, clock, accept, events } = setup();
    connection.start();
    const first = accept(joined('dev'));
    connection.send('dm', '@bob', 'typo?');
    first.deliver(error('no_such_user', 'nobody called bob is online', { cid: 'c1' }));
    expect(events).toContainEqual(expect.objectContaining({ type: 'send-failed', cid: 'c1' }));
    first.drop(1001);
    connection.send('dm', '@carol', 'are you there?');
    clock.advance(1000);
    const socket = accept(joined('dev'));
    for (let elapsed = 0; elapsed <= 30_000; elapsed += 2000) {
      for (const dm of socket.sentOf('dm').slice(-1))
        socket.deliver(error('no_such_user', 'nobody called carol is online', { cid: dm.cid }));
      clock.advance(2000);
    }
    expect(events).toContainEqual({
      type: 'send-failed',
      cid: 'c2',
      code: 'no_such_user',
      message: 'nobody called carol is online',
    });
    const tries = socket.sentOf('dm').length;
    clock.advance(10_000);
    expect(socket.sentOf('dm')).toHaveLength(tries);
  });

  it('keeps a refused hello open and greets again with the next nick', () => {
    const { connection, sockets, lastStatus } = setup();
    connection.start();
    const socket = sockets.last();
    socket.open();
    socket.deliver(error('name_taken', 'alice is taken'));
    expect(lastStatus()).toEqual({ state: 'refused', code: 'name_taken', message: 'alice is taken' });
    connection.setNick('alice2');
    expect(socket.sentOf('hello').map((h) => h.nick)).toEqual(['alice', 'alice2']);
  });

  it('opens a new socket for the next nick when the refused one was closed meanwhile', () => {
    const { connection, sockets, clock } = setup();
    connection.start();
    sockets.last().open();
    sockets.last().deliver(error('name_invalid', 'bad name'));
    sockets.last().drop(4000);
    clock.advance(60_000);
    expect(sockets.sockets).toHaveLength(1);
    connection.setNick('alice2');
    expect(sockets.sockets).toHaveLength(2);
    sockets.last().open();
    expect(sockets.last().sentOf('hello')[0]?.nick).toBe('alice2');
  });

  it('retries on its own when a reconnect finds the name still held by the dead connection', () => {
    const { connection, sockets, clock, accept, lastStatus } = setup();
    connection.start();
    accept(joined('dev'));
    sockets.last().drop(1006);
    clock.advance(1000);
    sockets.last().open();
    sockets.last().deliver(error('name_taken', 'taken'));
    expect(sockets.last().closedWith).toBe(1000);
    sockets.last().drop(1000);
    expect(lastStatus()).toMatchObject({
      state: 'reconnecting',
      reason: expect.stringContaining('still held'),
    });
  });

  it('uses the nick the server confirmed when it greets again', () => {
    const { connection, sockets, clock, accept } = setup();
    connection.start();
    accept(joined('dev'));
    connection.setNick('alicia');
    expect(sockets.last().sentOf('nick')).toEqual([{ type: 'nick', nick: 'alicia' }]);
    sockets.last().deliver({ type: 'nick', nick: 'alicia', from: 'alice' });
    sockets.last().drop(1006);
    clock.advance(1000);
    sockets.last().open();
    expect(sockets.last().sentOf('hello')[0]?.nick).toBe('alicia');
  });

  it('stays away across a reconnect', () => {
    const { connection, sockets, clock, accept } = setup();
    connection.start();
    accept(joined('dev'));
    connection.away(true, 'lunch');
    sockets.last().drop(1006);
    clock.advance(1000);
    accept(joined('dev'));
    expect(sockets.last().sentOf('away')).toEqual([{ type: 'away', away: true, status: 'lunch' }]);
    connection.away(false);
    sockets.last().drop(1006);
    clock.advance(1000);
    accept(joined('dev'));
    expect(sockets.last().sentOf('away')).toEqual([]);
  });

  it('throttles typing notices to the server interval', () => {
    const { connection, clock, accept, typingSent } = setup();
    connection.start();
    accept(joined('dev'));
    connection.typing('dev', true);
    clock.advance(1000);
    connection.typing('dev', true);
    clock.advance(2000);
    connection.typing('dev', true);
    connection.typing('dev', false);
    connection.typing('dev', false);
    expect(typingSent()).toEqual([true, true, false]);
  });

  it('says typing again at once after a line, since the line cleared the indicator', () => {
    const { connection, clock, accept, typingSent } = setup();
    connection.start();
    accept(joined('dev'));
    connection.typing('dev', true);
    connection.send('say', 'dev', 'hi');
    clock.advance(500);
    connection.typing('dev', true);
    connection.typing('dev', false);
    connection.typing('dev', false);
    expect(typingSent()).toEqual([true, true, false]);
  });

  it('echoes a ref on join, members and history requests so their answers can be told apart', () => {
    const { connection, sockets, accept } = setup();
    connection.start();
    accept(joined('dev'));
    connection.join('ops', 'join');
    connection.members('dev', 'who');
    connection.members('dev');
    connection.history('dev', 5, 50, 'history');
    const socket = sockets.last();
    expect(socket.sentOf('join')).toEqual([{ type: 'join', room: 'ops', ref: 'join' }]);
    expect(socket.sentOf('members')).toEqual([
      { type: 'members', room: 'dev', ref: 'who' },
      { type: 'members', room: 'dev' },
    ]);
    expect(socket.sentOf('history')).toEqual([
      { type: 'history', target: 'dev', before: 5, limit: 50, ref: 'history' },
    ]);
  });

  it('reconnects at once on retryNow while waiting, with the backoff started afresh', () => {
    const { connection, sockets, lastStatus, clock, accept } = setup();
    connection.start();
    accept(joined('dev'));
    sockets.last().drop(1006);
    sockets.last().fail('connection refused');
    connection.retryNow();
    // The retry waiting on its timer is gone: only the one asked for opens a socket.
    expect(sockets.sockets).toHaveLength(2);
    clock.advance(60_000);
    expect(sockets.sockets).toHaveLength(2);
    expect(lastStatus()).toMatchObject({ state: 'connecting', everOnline: true });
    sockets.last().fail('connection refused');
    expect(lastStatus()).toMatchObject({ state: 'reconnecting', attempt: 1 });
    clock.advance(1000);
    accept();
    connection.retryNow();
    // Online, there is nothing to retry.
    expect(sockets.sockets).toHaveLength(3);
  });

  it('reports a frame it cannot decode instead of throwing', () => {
    const { connection, sockets, events } = setup();
    connection.start();
    sockets.last().open();
    sockets.last().deliverRaw('{"type":"welcome"');
    sockets.last().deliverRaw('{"type":"surprise"}');
    // The first is reported; later ones on the same socket are dropped silently.
    expect(
      events.filter((e) => e.type === 'bad-frame').map((e) => e.type === 'bad-frame' && e.error.code),
    ).toEqual(['bad_frame']);
  });

  it('never reconnects faster than the backoff to a server that welcomes and closes at once', () => {
    const { connection, sockets, clock, accept } = setup();
    connection.start();
    const opened: number[] = [];
    const start = clock.now();
    while (clock.now() - start < 60_000) {
      if (sockets.sockets.length > opened.length) {
        opened.push(clock.now() - start);
        accept(joined('dev'));
        sockets.last().drop(1011);
      }
      clock.advance(10);
    }
    // Half a second, doubling to 30 s: a handful of sockets in a minute, not hundreds.
    expect(opened.length).toBeLessThanOrEqual(9);
    const gaps = opened.slice(1).map((at, i) => at - opened[i]!);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]!).toBeGreaterThanOrEqual(gaps[i - 1]!);
  });

  it('starts the backoff afresh once a session has lasted', () => {
    const { connection, sockets, clock, accept, lastStatus } = setup();
    connection.start();
    for (let i = 0; i < 4; i++) {
      accept(joined('dev'));
      sockets.last().drop(1011);
      clock.advance(30_000);
    }
    expect(lastStatus()).toMatchObject({ state: 'connecting', attempt: 4 });
    accept(joined('dev'));
    clock.advance(STABLE_SESSION_MS);
    sockets.last().drop(1001);
    expect(lastStatus()).toMatchObject({ state: 'reconnecting', attempt: 1 });
  });

  it('drops deeply nested frames of every shape, reporting the first once per socket', () => {
    const { connection, events, accept, clock } = setup();
    connection.start();
    const socket = accept(joined('dev'));
    const deep = (open: string, close: string, n = 100_000) => open.repeat(n) + close.repeat(n);
    for (const frame of [
      deep('[', ']'),
      deep('{"a":', '}'),
      `{"type":${deep('[', ']')}}`,
      `{"type":"message","id":"m","seq":1,"kind":"chat","room":"dev","from":"x","text":${deep('[', ']')},"ts":1}`,
      `{"type":"joined","room":"dev","topic":"","members":${deep('[', ']')},"seq":0,"history":[],"more":false}`,
    ])
      socket.deliverRaw(frame);
    socket.deliver(chat(1, 'bob', 'still here'));
    const bad = events.filter((e) => e.type === 'bad-frame');
    expect(bad).toEqual([
      { type: 'bad-frame', error: { code: 'bad_frame', message: 'frame nests deeper than 32 levels' } },
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'server', message: { text: 'still here' } });
    // A new socket reports its first bad frame again.
    clock.advance(STABLE_SESSION_MS);
    socket.drop(1001);
    clock.advance(1000);
    accept(joined('dev')).deliverRaw(deep('[', ']'));
    expect(events.filter((e) => e.type === 'bad-frame')).toHaveLength(2);
  });

  it('drops a frame larger than it takes from a server', () => {
    const { connection, sockets, events, accept } = setup();
    connection.start();
    const socket = accept(joined('dev'));
    const text = 'x'.repeat(MAX_SERVER_FRAME_BYTES);
    socket.deliverRaw(JSON.stringify(chat(1, 'bob', text)));
    expect(events.filter((e) => e.type === 'bad-frame')).toMatchObject([
      { error: { code: 'frame_too_large' } },
    ]);
    expect(sockets.sockets).toHaveLength(1);
  });

  it('keeps at most the announced text limit of a message, marked as cut', () => {
    const { connection, sockets, events, accept } = setup();
    connection.start();
    accept(joined('dev'), chat(1, 'bob', 'x'.repeat(1 << 20)));
    expect(events.at(-1)).toMatchObject({
      type: 'server',
      message: { seq: 1, text: `${'x'.repeat(4096)}… [cut: 1048576 bytes]` },
    });
    expect(sockets.sockets).toHaveLength(1);
  });

  it('pings after 25 s of silence and drops the connection when 10 s pass without an answer', () => {
    const { connection, sockets, clock, accept, lastStatus } = setup();
    connection.start();
    accept(joined('dev'));
    clock.advance(24_999);
    expect(sockets.last().sentOf('ping')).toHaveLength(0);
    clock.advance(1);
    expect(sockets.last().sentOf('ping')).toHaveLength(1);
    clock.advance(9_999);
    expect(lastStatus()).toMatchObject({ state: 'online' });
    clock.advance(1);
    expect(lastStatus()).toMatchObject({
      state: 'reconnecting',
      attempt: 1,
      reason: 'the server stopped answering',
    });
    expect(sockets.sockets[0]?.closedWith).toBe(1000);
    sockets.sockets[0]?.drop(1000); // the dead socket's late close changes nothing
    expect(lastStatus()).toMatchObject({ state: 'reconnecting', attempt: 1 });
    clock.advance(1000);
    expect(sockets.sockets).toHaveLength(2);
  });

  it('stays connected while the server answers its pings, and needs none while frames arrive', () => {
    const { connection, sockets, clock, accept, lastStatus } = setup();
    connection.start();
    accept(joined('dev'));
    for (let i = 1; i <= 6; i++) {
      clock.advance(25_000);
      expect(sockets.last().sentOf('ping')).toHaveLength(i);
      clock.advance(3_000); // a slow answer, well within the 10 s
      sockets.last().deliver({ type: 'pong', t: clock.now() });
    }
    expect(sockets.sockets).toHaveLength(1);
    const pings = sockets.last().sentOf('ping').length;
    // A busy room: a frame every 20 s, so the silence never reaches 25 s.
    for (let i = 0; i < 6; i++) {
      clock.advance(20_000);
      sockets.last().deliver(chat(i + 1, 'bob', 'hi'));
    }
    expect(sockets.last().sentOf('ping')).toHaveLength(pings);
    expect(lastStatus()).toMatchObject({ state: 'online' });
    expect(sockets.sockets).toHaveLength(1);
  });

  it('closes with 1000 and never reconnects after close()', () => {
    const { connection, sockets, clock, accept, lastStatus } = setup();
    connection.start();
    accept(joined('dev'));
    connection.close();
    expect(sockets.last().closedWith).toBe(1000);
    sockets.last().drop(1000);
    clock.advance(120_000);
    expect(sockets.sockets).toHaveLength(1);
    expect(lastStatus()).toEqual({ state: 'closed' });
  });

  it('sends a direct message to the peer as the server spelled it', () => {
    const { connection, sockets, accept } = setup();
    connection.start();
    accept(chat(1, 'Bob', 'hi', { to: 'alice' }));
    connection.send('dm', '@bob', 'hello');
    expect(sockets.last().sentOf('dm')).toEqual([{ type: 'dm', to: 'Bob', text: 'hello', cid: 'c1' }]);
  });
});
