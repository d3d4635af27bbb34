import type { OpenSocket } from '../core/connection.js';

/** Adapts the browser's WebSocket to the connection's socket interface. */
export const openBrowserSocket: OpenSocket = (url, handlers) => {
  const socket = new WebSocket(url);
  socket.onopen = () => handlers.onOpen();
  socket.onmessage = (event: MessageEvent) => handlers.onMessage(event.data);
  socket.onclose = (event: CloseEvent) => handlers.onClose(event.code);
  return {
    send: (data) => socket.send(data),
    close: (code) => socket.close(code),
  };
};
