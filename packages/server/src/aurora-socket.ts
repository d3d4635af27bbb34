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
  session: Session | undefined = undefined;
  ip = '';
  /** When the server accepted it (ms since the epoch), for the duration its close is logged with. */
  openedAt = 0;
  /** Set when the server accepts the socket; a refused one keeps the usual EventEmitter. */
  events: SocketEvents | undefined = undefined;

  // biome-ignore lint/suspicious/noExplicitAny: EventEmitter's own signature; ws passes what it emits.
  override emit(event: string | symbol, ...args: any[]): boolean {
    // Refused sockets too: one closed for its address's cap can still be sent a huge frame.
    if (event === 'error') releaseReceived(this);
    const events = this.events;
    if (events === undefined) return super.emit(event, ...args);
    switch (event) {
      case 'message':
        events.message(this, args[0], args[1]);
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
