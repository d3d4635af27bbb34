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
