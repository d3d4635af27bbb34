import type { SocketFactory } from 'aurora-client';
import { MAX_SERVER_FRAME_BYTES } from 'aurora-protocol';
import WebSocket from 'ws';

/** How long the WebSocket handshake may take before the attempt counts as failed. */
const HANDSHAKE_TIMEOUT_MS = 10_000;

/** Opens real WebSockets with the `ws` package: text frames only, no compression (as the protocol says). */
export const wsSocketFactory: SocketFactory = (url, handlers) => {
  // maxPayload: a larger frame is refused as it arrives (close 1009), never buffered whole.
  const socket = new WebSocket(url, {
    perMessageDeflate: false,
    handshakeTimeout: HANDSHAKE_TIMEOUT_MS,
    maxPayload: MAX_SERVER_FRAME_BYTES,
  });
  socket.on('open', () => handlers.open());
  // The protocol speaks text frames only; a binary frame is handed on as text and fails to decode.
  socket.on('message', (data) => handlers.message(data.toString()));
  socket.on('error', (error) => handlers.error(describeSocketError(error)));
  socket.on('close', (code, reason) => handlers.close(code, reason.toString()));
  return {
    send: (data) => {
      if (socket.readyState === WebSocket.OPEN) socket.send(data);
    },
    close: (code, reason) => {
      if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
      else socket.close(code, reason);
    },
  };
};

/** Turns a socket error into a short sentence: "connection refused", not a stack trace. */
export function describeSocketError(error: Error & { code?: string }): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'connection refused (is the server running?)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
    case 'ETIMEDOUT':
      return 'connection timed out';
    case 'ECONNRESET':
      return 'connection reset (too many connections from this address?)';
    case 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH':
      return 'the server sent a frame larger than this client takes';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable';
    default: {
      const status = /Unexpected server response: (\d+)/.exec(error.message)?.[1];
      if (status) return describeRefusal(Number(status));
      if (/Opening handshake has timed out/.test(error.message)) return 'connection timed out';
      return error.message.split('\n')[0] || 'socket error';
    }
  }
}

/** What an HTTP answer to the WebSocket upgrade means for the person at the terminal. */
function describeRefusal(status: number): string {
  switch (status) {
    case 403:
      return 'the server refused this host name (HTTP 403): its operator can allow it with --allowed-hosts';
    case 404:
      return 'the server answered HTTP 404: no WebSocket at this path (wrong path?)';
    case 408:
      return 'the server timed out the handshake (HTTP 408)';
    default:
      return `the server answered HTTP ${status} instead of a WebSocket`;
  }
}
