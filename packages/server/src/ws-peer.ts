import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type { Peer } from './peer.js';

/** Options for {@link WsPeer}. */
export interface WsPeerOptions {
  /** A connection whose unsent bytes pass this is terminated: it stopped reading. */
  readonly maxBufferedBytes: number;
  /** `drained()` resolves once the unsent bytes fall below this. */
  readonly lowWaterBytes?: number;
  /** Told which socket it terminated; one options object serves every connection of a server. */
  readonly onSlowConsumer?: (socket: WebSocket) => void;
}

/**
 * Frames a text message (RFC 6455 section 5.2: FIN, opcode 1, unmasked as servers send). A fan-out
 * hands every recipient the same payload Buffer, so the last one framed is kept: a broadcast is
 * framed once and every member's socket gets the same bytes.
 */
let lastPayload: Buffer | undefined;
let lastFrame: Buffer | undefined;

function textFrame(payload: string | Buffer): Buffer {
  if (payload === lastPayload) return lastFrame!;
  const length = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length;
  const header = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(header + length);
  frame[0] = 0x81;
  if (length < 126) frame[1] = length;
  else if (length < 65536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    frame.writeUInt32BE(length % 2 ** 32, 6);
  }
  if (typeof payload === 'string') frame.write(payload, header);
  else {
    payload.copy(frame, header);
    lastPayload = payload;
    lastFrame = frame;
  }
  return frame;
}

/** Peers with frames waiting; written once the current event-loop turn has run all its JavaScript. */
let dirty: WsPeer[] = [];
/** The list being flushed; the two lists swap so no turn allocates a new one. */
let flushing: WsPeer[] = [];

function flushDirty(): void {
  const peers = dirty;
  dirty = flushing;
  flushing = peers;
  for (const peer of peers) peer.flush();
  peers.length = 0;
}

/**
 * A {@link Peer} over a `ws` socket. Frames are built here and written straight to the TCP socket
 * (ws frames every send again, per recipient), and everything one connection is sent during one
 * event-loop turn (a group commit's messages, their acks) goes out in one write instead of one
 * system call per frame. Slow consumers are terminated so they cannot grow server memory.
 */
export class WsPeer implements Peer {
  private waiters: (() => void)[] | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Frames queued this turn: one Buffer (the common case, no array), or several. */
  private pending: Buffer | Buffer[] | undefined;
  private pendingBytes = 0;
  private readonly tcp: Socket;

  constructor(
    private readonly socket: WebSocket,
    private readonly options: WsPeerOptions,
  ) {
    // ws keeps the upgraded TCP socket in `_socket`. Writing to it directly is safe here: without
    // permessage-deflate ws writes its own frames (pings, close) synchronously too, so none interleave.
    this.tcp = (socket as unknown as { _socket: Socket })._socket;
  }

  get bufferedAmount(): number {
    return this.socket.bufferedAmount + this.pendingBytes;
  }

  send(frame: string | Buffer): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    const bytes = textFrame(frame);
    if (this.pending === undefined) {
      this.pending = bytes;
      if (dirty.length === 0) process.nextTick(flushDirty);
      dirty.push(this);
    } else if (Array.isArray(this.pending)) this.pending.push(bytes);
    else this.pending = [this.pending, bytes];
    this.pendingBytes += bytes.length;
  }

  /** Writes the frames queued during this turn in one go. */
  flush(): void {
    const pending = this.pending;
    const size = this.pendingBytes;
    this.pending = undefined;
    this.pendingBytes = 0;
    if (pending === undefined || this.socket.readyState !== this.socket.OPEN) return;
    this.tcp.write(Array.isArray(pending) ? Buffer.concat(pending, size) : pending);
    if (this.socket.bufferedAmount > this.options.maxBufferedBytes) {
      this.options.onSlowConsumer?.(this.socket);
      this.socket.terminate();
    }
  }

  close(code: number, reason: string): void {
    // Frames queued before the close still go first: nothing may follow a close frame.
    this.flush();
    if (this.socket.readyState === this.socket.OPEN || this.socket.readyState === this.socket.CONNECTING)
      this.socket.close(code, reason);
  }

  drained(): Promise<void> {
    return new Promise((resolve) => {
      this.waiters ??= [];
      this.waiters.push(resolve);
      this.poll();
    });
  }

  // ws has no drain event of its own; the socket's bufferedAmount falls as the kernel takes bytes, and
  // a closed socket is noticed by the same poll (no close listener per connection).
  private poll(): void {
    if (this.timer) return;
    const check = () => {
      this.timer = undefined;
      const low = this.options.lowWaterBytes ?? 64 * 1024;
      if (this.socket.readyState !== this.socket.OPEN || this.bufferedAmount <= low) this.wake();
      else this.timer = setTimeout(check, 10);
    };
    this.timer = setTimeout(check, 0);
  }

  private wake(): void {
    const waiters = this.waiters ?? [];
    this.waiters = undefined;
    for (const resolve of waiters) resolve();
  }
}
