import { describe, expect, it } from 'vitest';
import type { SocketHandlers } from './connection-types.js';
import { type StandardSocketEvent, standardSocketFactory } from './standard-socket.js';

type Listener = (event: StandardSocketEvent) => void;

/** A WebSocket class as a browser has it, driven by the test. */
class FakeWebSocket {
  static last: FakeWebSocket | undefined;
  readonly listeners = new Map<string, Listener[]>();
  readonly sent: string[] = [];
  readyState = 0;

  constructor(readonly url: string) {
    if (url.startsWith('http')) throw new Error(`The URL's scheme must be "ws" or "wss": ${url}`);
    FakeWebSocket.last = this;
  }

  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  send(data: string): void {
    this.sent.push(data);
  }

  close(): void {}

  fire(event: StandardSocketEvent): void {
    for (const listener of this.listeners.get(event.type) ?? []) listener(event);
  }
}

function recorder() {
  const heard: string[] = [];
  const handlers: SocketHandlers = {
    open: () => heard.push('open'),
    message: (data) => heard.push(`message ${data}`),
    close: (code, reason) => heard.push(`close ${code} ${reason}`),
    error: (message) => heard.push(`error ${message}`),
  };
  return { heard, handlers };
}

describe('standardSocketFactory', () => {
  it('reports what a browser socket says, in the engine’s words, and writes only while open', () => {
    const { heard, handlers } = recorder();
    const socket = standardSocketFactory(FakeWebSocket)('ws://chat/ws', handlers);
    const fake = FakeWebSocket.last!;
    socket.send('too early');
    fake.readyState = 1;
    fake.fire({ type: 'open' });
    socket.send('hello');
    fake.fire({ type: 'message', data: '{"type":"pong"}' });
    // A browser says nothing about why; the close code then tells.
    fake.fire({ type: 'error' });
    fake.fire({ type: 'close', code: 1006, reason: '' });
    expect(fake.sent).toEqual(['hello']);
    expect(heard).toEqual(['open', 'message {"type":"pong"}', 'error ', 'close 1006 ']);
  });

  it('reports a URL the platform refuses as a failed connection, after the caller has the socket', async () => {
    const { heard, handlers } = recorder();
    const socket = standardSocketFactory(FakeWebSocket)('http://chat/ws', handlers);
    expect(heard).toEqual([]);
    socket.send('nothing');
    await Promise.resolve();
    expect(heard).toEqual(['error The URL\'s scheme must be "ws" or "wss": http://chat/ws', 'close 1006 ']);
  });
});
