import type { Socket } from 'node:net';

/**
 * Counts the TCP connections of each remote address, from accept to close, whatever they are
 * doing: a request still arriving, a WebSocket handshake, an open WebSocket, a kept-alive HTTP
 * connection. Counting only upgraded sockets let one address hold hundreds of half-sent requests.
 */
export class ConnectionsPerAddress {
  /** Per address: its connections, and the string of the address that every one of them shares. */
  private readonly counts = new Map<string, { readonly address: string; count: number }>();
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
    const tally = this.counts.get(address);
    if ((tally?.count ?? 0) + 1 > this.max) return false;
    if (tally) tally.count++;
    else this.counts.set(address, { address, count: 1 });
    // `on`, not `once`: a socket closes once, and `once` would wrap the listener anew per socket.
    socket.on('close', this.onClose);
    return true;
  }

  /** Connections an address holds now. */
  count(address: string): number {
    return this.counts.get(address)?.count ?? 0;
  }

  /**
   * A counted socket's address as one string shared by all the connections from it: Node makes a
   * new string at every read of `remoteAddress`, and a connection keeps its address as long as it
   * lives (32 bytes each, for 10,000 connections from a few addresses).
   */
  address(socket: Socket): string {
    const address = addressOf(socket);
    return this.counts.get(address)?.address ?? address;
  }

  private release(address: string): void {
    const tally = this.counts.get(address);
    if (tally === undefined) return;
    if (--tally.count <= 0) this.counts.delete(address);
  }
}

/** The remote address; Node keeps it after the socket closed once it was read at accept. */
function addressOf(socket: Socket): string {
  return socket.remoteAddress ?? 'unknown';
}
