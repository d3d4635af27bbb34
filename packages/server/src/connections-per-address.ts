import type { Socket } from 'node:net';

/**
 * Counts the TCP connections of each remote address, from accept to close, whatever they are
 * doing: a request still arriving, a WebSocket handshake, an open WebSocket, a kept-alive HTTP
 * connection. Counting only upgraded sockets let one address hold hundreds of half-sent requests.
 */
export class ConnectionsPerAddress {
  private readonly counts = new Map<string, number>();
  // One listener shared by every socket (the emitter is `this`), not a closure per connection.
  private readonly onClose: (this: Socket) => void;

  constructor(private readonly max: number) {
    const tracker = this;
    this.onClose = function (this: Socket) {
      tracker.release(addressOf(this));
    };
  }

  /**
   * Takes a new connection into the count, or returns false when its address already holds `max`
   * (the caller refuses it). Counted connections are released when they close.
   */
  admit(socket: Socket): boolean {
    const address = addressOf(socket);
    const count = (this.counts.get(address) ?? 0) + 1;
    if (count > this.max) return false;
    this.counts.set(address, count);
    // `on`, not `once`: a socket closes once, and `once` would wrap the listener anew per socket.
    socket.on('close', this.onClose);
    return true;
  }

  /** Connections an address holds now. */
  count(address: string): number {
    return this.counts.get(address) ?? 0;
  }

  private release(address: string): void {
    const left = (this.counts.get(address) ?? 1) - 1;
    if (left > 0) this.counts.set(address, left);
    else this.counts.delete(address);
  }
}

/** The remote address; Node keeps it after the socket closed once it was read at accept. */
function addressOf(socket: Socket): string {
  return socket.remoteAddress ?? 'unknown';
}
