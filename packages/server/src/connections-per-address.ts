import type { Socket } from 'node:net';
import type { PeerInfo } from './peer.js';

/** One address's connections, and what every one of them shares. */
interface Tally {
  readonly info: PeerInfo;
  count: number;
}

/**
 * Counts the TCP connections of each remote address, from accept to close, whatever they are
 * doing: a request still arriving, a WebSocket handshake, an open WebSocket, a kept-alive HTTP
 * connection. Counting only upgraded sockets let one address hold hundreds of half-sent requests.
 */
export class ConnectionsPerAddress {
  private readonly counts = new Map<string, Tally>();
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
    else this.counts.set(address, { info: Object.freeze({ ip: address }), count: 1 });
    // `on`, not `once`: a socket closes once, and `once` would wrap the listener anew per socket.
    socket.on('close', this.onClose);
    return true;
  }

  /**
   * Takes over a counted socket that lives on as a WebSocket: the caller calls {@link release}
   * with `info.ip` when it closes. Returns what the address's connections share: one `info` (with
   * one string of the address) for all of them. The socket loses its close listener (its second:
   * ws has one, and two make an array) and Node's cache of its address (an object and a string);
   * 10,000 connections kept 150 bytes each of these.
   */
  adopt(socket: Socket): PeerInfo {
    const address = addressOf(socket);
    const info = this.counts.get(address)?.info ?? { ip: address };
    socket.off('close', this.onClose);
    forgetPeerName(socket);
    return info;
  }

  /** A connection handed over by {@link adopt} closed. */
  release(address: string): void {
    const tally = this.counts.get(address);
    if (tally === undefined) return;
    if (--tally.count <= 0) this.counts.delete(address);
  }

  /** Connections an address holds now. */
  count(address: string): number {
    return this.counts.get(address)?.count ?? 0;
  }
}

/** The remote address; Node keeps it after the socket closed once it was read at accept. */
function addressOf(socket: Socket): string {
  return socket.remoteAddress ?? 'unknown';
}

/**
 * Drops Node's cache of a socket's remote address (`_peername`, filled at the first read of
 * `remoteAddress`; a later read asks the kernel again). Node has no public way to do this;
 * `connections-per-address.integration.test.ts` fails if the field changes.
 */
function forgetPeerName(socket: Socket): void {
  const cached = socket as unknown as { _peername?: unknown };
  if (cached._peername !== undefined) cached._peername = undefined;
}
