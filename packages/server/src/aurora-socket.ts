import { WebSocket } from 'ws';
import type { Session } from './session.js';

/** What a server does with the events of the sockets it accepted. */
export interface SocketEvents {
  message(socket: AuroraSocket, data: Buffer, isBinary: boolean): void;
  pong(socket: AuroraSocket): void;
  error(socket: AuroraSocket, error: Error): void;
  close(socket: AuroraSocket, code: number): void;
}

/**
 * The sockets a server makes (ws's `WebSocket` option). Each carries its session and address, and
 * once accepted hands ws's events straight to its server's {@link SocketEvents} from `emit`, so no
 * socket holds a listener: four listeners grew each socket's events table to about 280 bytes, and
 * closures per connection cost more. Listeners someone else adds (a tool, a test) still hear events.
 */
export class AuroraSocket extends WebSocket {
  /** Set when the server accepts the socket; its `info.ip` is the socket's address. */
  session: Session | undefined = undefined;
  /**
   * When the server accepted it, in ms since the server started (a small integer: V8 keeps a time
   * since the epoch in an object of its own), for the duration its close is logged with.
   */
  openedAt = 0;
  /** Pings the heartbeat sent since the last pong. */
  missedPongs = 0;
  /** Set when the server accepts the socket; a refused one keeps the usual EventEmitter. */
  events: SocketEvents | undefined = undefined;

  /**
   * Hands the socket's events to `events` from now on, and drops two objects ws made for it that
   * this server never uses: its listeners table (Node makes a new one at the first listener) and
   * its extensions, one per socket, replaced by one empty object for all (this server offers none).
   * Together 240 bytes a connection, as much as a quarter of what Aurora keeps of one beyond ws.
   */
  accepted(events: SocketEvents): void {
    this.events = events;
    const internals = this as unknown as WsInternals;
    if (internals._eventsCount === 0) internals._events = undefined;
    internals._extensions = NO_EXTENSIONS;
    if (internals._receiver !== undefined) internals._receiver._extensions = NO_EXTENSIONS;
    if (internals._sender !== undefined) internals._sender._extensions = NO_EXTENSIONS;
  }

  // biome-ignore lint/suspicious/noExplicitAny: EventEmitter's own signature; ws passes what it emits.
  override emit(event: string | symbol, ...args: any[]): boolean {
    // Refused sockets too: one closed for its address's cap can still be sent a huge frame.
    if (event === 'error') releaseReceived(this);
    const events = this.events;
    if (events === undefined) return super.emit(event, ...args);
    switch (event) {
      case 'message':
        events.message(this, args[0], args[1]);
        dropEmptyBufferList(this);
        break;
      case 'pong':
        events.pong(this);
        break;
      case 'error':
        events.error(this, args[0]);
        break;
      case 'close':
        events.close(this, args[0]);
        break;
      default:
        return super.emit(event, ...args);
    }
    if (this.listenerCount(event) > 0) super.emit(event, ...args);
    return true;
  }
}

/** The parts of ws's private frame parser that hold received bytes. */
interface ReceiverBuffers {
  _buffers: Buffer[];
  _bufferedBytes: number;
  _fragments: Buffer[];
  _extensions: object;
}

/**
 * What {@link AuroraSocket.accepted} changes: Node's EventEmitter fields (it makes `_events` anew
 * when it is undefined) and ws's private extension tables. `aurora-socket.integration.test.ts`
 * fails if these change.
 */
interface WsInternals {
  _events: object | undefined;
  _eventsCount: number;
  _extensions: object;
  _receiver?: ReceiverBuffers;
  _sender?: { _extensions: object };
}

/** The extensions of every accepted socket: none (perMessageDeflate is off), read-only. */
const NO_EXTENSIONS = Object.freeze({});

/**
 * Gives the frame parser a new list of received chunks when its list is empty. ws's list keeps the
 * room it grew to (17 slots, 152 bytes) after its chunks are consumed, and most connections are
 * silent after their hello: 10,000 of them kept 1.5 MB of empty slots. The next chunk grows the new
 * list again, so a connection that talks pays one small allocation per frame instead.
 */
function dropEmptyBufferList(socket: WebSocket): void {
  const receiver = (socket as unknown as { _receiver?: ReceiverBuffers })._receiver;
  if (receiver !== undefined && receiver._buffers.length === 0) receiver._buffers = [];
}

/**
 * Drops what the socket's frame parser still holds after it refused a frame (too large, bad UTF-8):
 * ws sends the close frame, then keeps the socket, its parser and the refused bytes until the peer
 * closes too or 30 s pass, so 500 sockets announcing 1 MiB frames held 30 MB. The parser never
 * runs again once it failed. ws has no public way to do this; `aurora-socket.integration.test.ts`
 * fails if its private fields change.
 */
function releaseReceived(socket: WebSocket): void {
  const receiver = (socket as unknown as { _receiver?: ReceiverBuffers })._receiver;
  if (receiver === undefined) return;
  receiver._buffers = [];
  receiver._bufferedBytes = 0;
  receiver._fragments = [];
}
