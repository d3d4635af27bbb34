import type { ClientMessageInput, ServerMessage } from 'aurora-protocol';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  type ConnectionEvent,
  createConnection,
  type SocketHandlers,
  STABLE_AFTER_MS,
} from './connection.js';
import { type FakeClock, fakeClock } from './fake-clock.js';
import { welcome } from './test-frames.js';

/** A socket the test drives: it records what the client sent and fires events on demand. */
class FakeSocket {
  readonly sent: ClientMessageInput[] = [];
  closedWith: number | undefined | 'not closed' = 'not closed';
  constructor(readonly handlers: SocketHandlers) {}
  send(data: string) {
    this.sent.push(JSON.parse(data) as ClientMessageInput);
  }
  close(code?: number) {
    this.closedWith = code;
  }
  receive(message: ServerMessage | string) {
    this.handlers.onMessage(typeof message === 'string' ? message : JSON.stringify(message));
  }
}

let clock: FakeClock;
let sockets: FakeSocket[];
let events: ConnectionEvent[];
let nick: string;

function connection() {
  return createConnection({
    url: 'ws://test/ws',
    openSocket: (_url, handlers) => {
      const socket = new FakeSocket(handlers);
      sockets.push(socket);
      return socket;
    },
    hello: () => ({ type: 'hello', v: 1, nick }),
    onEvent: (event) => events.push(event),
    clock,
    random: () => 0.5,
  });
}

const last = () => sockets.at(-1)!;
const statuses = () => events.flatMap((e) => (e.type === 'status' ? [e.info.status] : []));
const frames = () => events.flatMap((e) => (e.type === 'frame' ? [e.message.type] : []));

beforeEach(() => {
  clock = fakeClock();
  sockets = [];
  events = [];
  nick = 'alice';
});

/** Opens and greets a connection. */
function online() {
  const conn = connection();
  conn.connect();
  last().handlers.onOpen();
  last().receive(welcome('alice'));
  return conn;
}

describe('joining', () => {
  it('greets with hello once the socket opens and reports being online after welcome', () => {
    const conn = connection();
    conn.connect();
    expect(statuses()).toEqual(['connecting']);
    last().handlers.onOpen();
    expect(last().sent).toEqual([{ type: 'hello', v: 1, nick: 'alice' }]);
    last().receive(welcome('alice'));
    expect(statuses()).toEqual(['connecting', 'online']);
    expect(frames()).toEqual(['welcome']);
  });

  it('keeps the socket open after a refused name and greets again on it', () => {
    const conn = connection();
    conn.connect();
    last().handlers.onOpen();
    last().receive({ type: 'error', code: 'name_taken', message: 'alice is taken' });
    expect(events).toContainEqual({
      type: 'join-failed',
      code: 'name_taken',
      message: 'alice is taken',
      fatal: false,
    });
    nick = 'alice2';
    conn.connect();
    expect(sockets).toHaveLength(1);
    expect(last().sent.at(-1)).toMatchObject({ type: 'hello', nick: 'alice2' });
  });

  it('says the server is unreachable when the socket never opens, and does not retry by itself', () => {
    const conn = connection();
    conn.connect();
    last().handlers.onClose(1006);
    expect(events).toContainEqual(expect.objectContaining({ type: 'join-failed', code: 'unreachable' }));
    clock.advance(60_000);
    expect(sockets).toHaveLength(1);
    conn.connect();
    expect(sockets).toHaveLength(2);
  });

  it('does not send requests before the server has welcomed the session', () => {
    const conn = connection();
    conn.connect();
    last().handlers.onOpen();
    expect(conn.send({ type: 'rooms' })).toBe(false);
    last().receive(welcome('alice'));
    expect(conn.send({ type: 'rooms' })).toBe(true);
    expect(last().sent.at(-1)).toEqual({ type: 'rooms' });
  });
});

describe('reconnecting', () => {
  it('reconnects with a fresh hello after the connection drops, backing off between failures', () => {
    online();
    last().handlers.onClose(1006);
    expect(events.at(-1)).toEqual({
      type: 'status',
      info: { status: 'reconnecting', retryAt: clock.now() + 375, detail: 'The connection was lost.' },
    });
    clock.advance(374);
    expect(sockets).toHaveLength(1);
    clock.advance(1);
    expect(sockets).toHaveLength(2);
    last().handlers.onClose(1006);
    clock.advance(749);
    expect(sockets).toHaveLength(2);
    clock.advance(1);
    expect(sockets).toHaveLength(3);
    last().handlers.onOpen();
    expect(last().sent).toEqual([{ type: 'hello', v: 1, nick: 'alice' }]);
    last().receive(welcome('alice'));
    expect(statuses().at(-1)).toBe('online');
  });

  it('explains a server restart (close code 1001)', () => {
    online();
    last().handlers.onClose(1001);
    expect(events.at(-1)).toMatchObject({
      info: { status: 'reconnecting', detail: 'The server is restarting.' },
    });
  });

  it('keeps retrying while the old connection still holds the name', () => {
    online();
    last().handlers.onClose(1006);
    clock.advance(1000);
    last().handlers.onOpen();
    last().receive({ type: 'error', code: 'name_taken', message: 'alice is taken' });
    expect(last().closedWith).toBeUndefined();
    expect(events.at(-1)).toMatchObject({ info: { status: 'reconnecting', detail: 'alice is taken' } });
    clock.advance(60_000);
    expect(sockets.length).toBeGreaterThan(2);
  });

  it('gives up when the name can never be used again', () => {
    online();
    last().handlers.onClose(1006);
    clock.advance(1000);
    last().handlers.onOpen();
    last().receive({ type: 'error', code: 'name_registered', message: 'alice has an account' });
    expect(events).toContainEqual({
      type: 'join-failed',
      code: 'name_registered',
      message: 'alice has an account',
      fatal: true,
    });
    clock.advance(120_000);
    expect(sockets).toHaveLength(2);
  });

  it('reconnects at once when asked', () => {
    const conn = online();
    last().handlers.onClose(1006);
    conn.reconnectNow();
    expect(sockets).toHaveLength(2);
  });

  it('probes a silent connection with ping and replaces it when nothing answers', () => {
    online();
    clock.advance(25_000);
    expect(last().sent.at(-1)).toMatchObject({ type: 'ping' });
    clock.advance(9_999);
    expect(sockets).toHaveLength(1);
    clock.advance(1);
    expect(last().closedWith).toBeUndefined();
    expect(statuses().at(-1)).toBe('reconnecting');
  });

  it('does not probe while frames keep arriving', () => {
    online();
    for (let i = 0; i < 10; i++) {
      clock.advance(20_000);
      last().receive({ type: 'pong' });
    }
    expect(last().sent.filter((m) => m.type === 'ping')).toEqual([]);
  });

  it('stops for good on close, without reconnecting', () => {
    const conn = online();
    const socket = last();
    conn.close();
    expect(socket.closedWith).toBe(1000);
    socket.handlers.onClose(1000);
    clock.advance(120_000);
    expect(sockets).toHaveLength(1);
    expect(statuses().at(-1)).toBe('idle');
  });
});

describe('bad frames', () => {
  it('reports a malformed frame and carries on', () => {
    online();
    last().receive('{"type":"message","seq":"nope"}');
    last().receive('not json');
    last().handlers.onMessage(new Uint8Array([1]));
    last().receive({ type: 'pong' });
    expect(
      events.filter((e) => e.type === 'bad-frame').map((e) => e.type === 'bad-frame' && e.error.code),
    ).toEqual(['bad_message', 'bad_frame', 'bad_frame']);
    expect(frames()).toEqual(['welcome', 'pong']);
  });
});

describe('a hostile or broken server', () => {
  it('drops a deeply nested frame and keeps the session', () => {
    online();
    last().receive(`{"type":${'['.repeat(5000)}${']'.repeat(5000)}}`);
    last().receive({ type: 'pong' });
    expect(events.at(-2)).toMatchObject({ type: 'bad-frame', error: { code: 'bad_frame' } });
    expect(frames()).toEqual(['welcome', 'pong']);
    expect(statuses().at(-1)).toBe('online');
  });

  it('ignores an auth nobody asked for, before and after welcome', () => {
    const conn = connection();
    conn.connect();
    last().handlers.onOpen();
    for (let i = 0; i < 50; i++)
      last().receive({ type: 'auth', account: 'mallory', token: 't', expiresAt: 1 });
    expect(last().sent).toEqual([{ type: 'hello', v: 1, nick: 'alice' }]);
    last().receive(welcome('alice'));
    last().receive({ type: 'auth', account: 'mallory', token: 't', expiresAt: 1 });
    expect(frames()).toEqual(['welcome']);
    expect(sockets).toHaveLength(1);
  });

  it('backs off from a server that welcomes and drops at once, however often', () => {
    online();
    const opened: number[] = [];
    for (let i = 0; i < 10; i++) {
      last().handlers.onClose(1006);
      clock.advance(60_000);
      opened.push(sockets.length);
      last().handlers.onOpen();
      last().receive(welcome('alice'));
    }
    const delays = events.flatMap((e) =>
      e.type === 'status' && e.info.retryAt !== undefined ? [e.info.retryAt] : [],
    );
    expect(opened).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    // Each retry waits longer than the one before, up to the 30 s ceiling (half fixed, half jitter).
    const waits = delays.map((at, i) => at - (1_700_000_000_000 + i * 60_000));
    expect(waits.slice(0, 5)).toEqual([375, 750, 1500, 3000, 6000]);
    expect(waits.at(-1)).toBe(22_500);
  });

  it('starts from the shortest delay again after a session that held', () => {
    online();
    last().handlers.onClose(1006);
    clock.advance(60_000);
    last().handlers.onOpen();
    last().receive(welcome('alice'));
    clock.advance(STABLE_AFTER_MS);
    last().handlers.onClose(1006);
    expect(events.at(-1)).toMatchObject({ info: { retryAt: clock.now() + 375 } });
  });
});

describe('accounts', () => {
  it('logs in before greeting and greets once the token has arrived', () => {
    const conn = connection();
    conn.connect({ type: 'login', name: 'alice', password: 'correct horse' });
    last().handlers.onOpen();
    expect(last().sent).toEqual([{ type: 'login', name: 'alice', password: 'correct horse' }]);
    last().receive({ type: 'auth', account: 'alice', token: 't0k3n', expiresAt: 1 });
    expect(frames()).toEqual(['auth']);
    expect(last().sent.at(-1)).toEqual({ type: 'hello', v: 1, nick: 'alice' });
    last().receive(welcome('alice'));
    expect(statuses().at(-1)).toBe('online');
  });

  it('reports a wrong password and lets the person try again on the same socket', () => {
    const conn = connection();
    conn.connect({ type: 'login', name: 'alice', password: 'wrong password' });
    last().handlers.onOpen();
    last().receive({ type: 'error', code: 'auth_failed', message: 'wrong name or password' });
    expect(events).toContainEqual({
      type: 'join-failed',
      code: 'auth_failed',
      message: 'wrong name or password',
      fatal: false,
    });
    conn.connect({ type: 'login', name: 'alice', password: 'correct horse' });
    expect(sockets).toHaveLength(1);
    expect(last().sent.at(-1)).toMatchObject({ type: 'login', password: 'correct horse' });
  });

  it('stops reconnecting when the session was logged out (close code 4002)', () => {
    online();
    last().handlers.onClose(4002);
    expect(events).toContainEqual({
      type: 'join-failed',
      code: 'logged_out',
      message: 'You were logged out.',
      fatal: true,
    });
    clock.advance(120_000);
    expect(sockets).toHaveLength(1);
  });

  it('never sends the password again on a reconnect', () => {
    const conn = connection();
    conn.connect({ type: 'login', name: 'alice', password: 'correct horse' });
    last().handlers.onOpen();
    last().receive({ type: 'auth', account: 'alice', token: 't0k3n', expiresAt: 1 });
    last().receive(welcome('alice'));
    last().handlers.onClose(1006);
    clock.advance(1000);
    last().handlers.onOpen();
    expect(last().sent).toEqual([{ type: 'hello', v: 1, nick: 'alice' }]);
  });
});
