/// <reference path="./timers.d.ts" />
import type { SocketFactory } from './connection-types.js';

/** What a socket's events carry, across the browser's WebSocket and the `ws` package's. */
export interface StandardSocketEvent {
  readonly type: string;
  readonly data?: unknown;
  readonly code?: number;
  readonly reason?: string;
  readonly message?: string;
}

/**
 * The WHATWG WebSocket interface, as the browser's `WebSocket` and the `ws` package's both implement
 * it. Methods, not callback properties, so both classes fit without casts.
 */
export interface StandardWebSocket {
  addEventListener(
    type: 'open' | 'message' | 'close' | 'error',
    listener: (event: StandardSocketEvent) => void,
  ): void;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  readonly readyState: number;
}

/** A WebSocket class: the browser's global `WebSocket`, or `ws`'s default export in Node. */
export type StandardWebSocketClass = new (url: string) => StandardWebSocket;

const OPEN = 1;

/**
 * A socket factory over any standard WebSocket class, so the engine itself imports neither `ws` nor
 * the DOM: `new Connection({ socketFactory: standardSocketFactory(WebSocket), ... })`.
 */
export function standardSocketFactory(WebSocketClass: StandardWebSocketClass): SocketFactory {
  return (url, handlers) => {
    let socket: StandardWebSocket;
    try {
      socket = new WebSocketClass(url);
    } catch (error) {
      // A URL the platform refuses (a bad scheme, a blocked port) throws at once instead of failing
      // like a refused connection. Reported the same way, later, so the caller holds the socket first.
      const message = error instanceof Error ? error.message : String(error);
      queueMicrotask(() => {
        handlers.error(message);
        handlers.close(1006, '');
      });
      return { send: () => {}, close: () => {} };
    }
    socket.addEventListener('open', () => handlers.open());
    // The protocol speaks text frames only; anything else is handed on as text and fails to decode.
    socket.addEventListener('message', (event) =>
      handlers.message(typeof event.data === 'string' ? event.data : String(event.data)),
    );
    // Browsers give an error no detail (on purpose): the close code then says what happened. `ws`
    // says what failed.
    socket.addEventListener('error', (event) => handlers.error(event.message ?? ''));
    socket.addEventListener('close', (event) => handlers.close(event.code ?? 1006, event.reason ?? ''));
    return {
      send: (data) => {
        if (socket.readyState === OPEN) socket.send(data);
      },
      close: (code, reason) => socket.close(code, reason),
    };
  };
}
