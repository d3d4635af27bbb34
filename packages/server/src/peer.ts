/**
 * What room logic knows of a connection: it can be sent a frame and closed. The WebSocket adapter
 * implements it over `ws`; tests implement it with arrays.
 */
export interface Peer {
  /** Queues a text frame (a Buffer holds its UTF-8 bytes, shared between recipients). */
  send(frame: string | Buffer): void;
  /** Closes with a WebSocket close code and reason. */
  close(code: number, reason: string): void;
  /** Bytes queued but not yet written; replay waits while this is high. */
  readonly bufferedAmount: number;
  /** Resolves when the queued bytes have drained below the low-water mark (or the peer closed). */
  drained(): Promise<void>;
}

/**
 * Facts about a connection the server learned at the handshake. Connections from one address share
 * one (the server keeps nothing else of a handshake per connection).
 */
export interface PeerInfo {
  readonly ip: string;
}
