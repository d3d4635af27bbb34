import {
  type ClientMessage,
  decodeClientMessage,
  encodeServerMessage,
  type ServerMessage,
} from 'aurora-protocol';
import type { Socket, SocketFactory, SocketHandlers } from '../connection-types.js';

/** One socket the connection opened, driven by the test as if it were the server. */
export class FakeSocket implements Socket {
  /** Every client message written to this socket, decoded. */
  readonly sent: ClientMessage[] = [];
  /** Every frame written to this socket, as written (the decoder drops some record keys). */
  readonly frames: string[] = [];
  closedWith: number | undefined;

  constructor(
    readonly url: string,
    private readonly handlers: SocketHandlers,
  ) {}

  send(data: string): void {
    this.frames.push(data);
    const decoded = decodeClientMessage(data);
    if (!decoded.ok) throw new Error(`client sent an invalid frame: ${decoded.error.message}`);
    this.sent.push(decoded.message);
  }

  close(code: number): void {
    this.closedWith = code;
  }

  /** The server accepts the connection. */
  open(): void {
    this.handlers.open();
  }

  /** The server sends a message. */
  deliver(message: ServerMessage): void {
    this.handlers.message(encodeServerMessage(message));
  }

  /** The server sends raw text. */
  deliverRaw(data: string): void {
    this.handlers.message(data);
  }

  /** The transport fails, as `ws` reports a refused connection. */
  fail(message: string, code = 1006): void {
    this.handlers.error(message);
    this.handlers.close(code, '');
  }

  /** The server closes the socket. */
  drop(code = 1006, reason = ''): void {
    this.handlers.close(code, reason);
  }

  /** The client messages of one type written to this socket. */
  sentOf<T extends ClientMessage['type']>(type: T): Extract<ClientMessage, { type: T }>[] {
    return this.sent.filter((m): m is Extract<ClientMessage, { type: T }> => m.type === type);
  }
}

/** A socket factory that records the sockets it opens. */
export function fakeSocketFactory(): { factory: SocketFactory; sockets: FakeSocket[]; last(): FakeSocket } {
  const sockets: FakeSocket[] = [];
  return {
    sockets,
    factory: (url, handlers) => {
      const socket = new FakeSocket(url, handlers);
      sockets.push(socket);
      return socket;
    },
    last: () => {
      const socket = sockets.at(-1);
      if (!socket) throw new Error('no socket was opened');
      return socket;
    },
  };
}
