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
 * Writes a text frame's header at `at` (RFC 6455 section 5.2: FIN, opcode 1, unmasked as servers
 * send); returns its length.
 */
function writeHeader(frame: Buffer, at: number, length: number): number {
  frame[at] = 0x81;
  if (length < 126) {
    frame[at + 1] = length;
    return 2;
  }
  if (length < 65536) {
    frame[at + 1] = 126;
    frame.writeUInt16BE(length, at + 2);
    return 4;
  }
  frame[at + 1] = 127;
  frame.writeUInt32BE(Math.floor(length / 2 ** 32), at + 2);
  frame.writeUInt32BE(length % 2 ** 32, at + 6);
  return 10;
}

function headerLength(length: number): number {
  return length < 126 ? 2 : length < 65536 ? 4 : 10;
}

/**
 * Frames a text message. A fan-out hands every recipient the same payload Buffer, so the last one
 * framed is kept: a broadcast is framed once and every member's socket gets the same bytes.
 */
let lastPayload: Buffer | undefined;
let lastFrame: Buffer | undefined;

function textFrame(payload: string | Buffer): Buffer {
  if (payload === lastPayload) return lastFrame!;
  const length = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length;
  const frame = Buffer.allocUnsafe(headerLength(length) + length);
  const header = writeHeader(frame, 0, length);
  if (typeof payload === 'string') frame.write(payload, header);
  else {
    payload.copy(frame, header);
    lastPayload = payload;
    lastFrame = frame;
  }
  return frame;
}

/**
 * Strings at least this long (a join's state and history, a history page) are framed when their turn
 * is written, into {@link scratch}, instead of into a Buffer of their own: Node allocates those past
 * 4 KB one by one with malloc and frees them only at a later garbage collection, and 10,000 joins
 * left the allocator's heap holding about 0.7 KB a connection of freed, fragmented frames.
 */
const DEFERRED_FRAME = 2048;
/**
 * The scratch buffer's size. A turn of 4 KB (below that Buffer.allocUnsafe slices Node's shared
 * pool, no malloc) up to this size is assembled in the scratch; a larger one gets a Buffer of its own.
 * A socket that cannot take a write at once keeps the scratch until it is sent, so a congested
 * socket holds at most 16 KB for at least 4 KB of its frames: never more than 4 times its bytes.
 */
const SCRATCH_BYTES = 16 * 1024;
const SCRATCH_MIN_BYTES = Buffer.poolSize >>> 1;
/**
 * Where such a turn is assembled. It is reused while writes complete at once (the kernel took every
 * byte, so nothing refers to it); a write the socket has to queue keeps it, and another is made.
 */
let scratch: Buffer | undefined;

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
  /** Who waits in `drained()`, and the poll that wakes them; made by the first wait (few ever do). */
  private drain: { waiters: (() => void)[]; timer: NodeJS.Timeout | undefined } | undefined;
  /**
   * Frames queued this turn: one Buffer (the common case, no array), or several. A long string is
   * kept as is (its frame is built at the flush, see DEFERRED_FRAME).
   */
  private pending: Buffer | string | (Buffer | string)[] | undefined;
  private pendingBytes = 0;

  constructor(
    /** The socket (the server's heartbeat walks the sessions' peers to ping theirs). */
    readonly socket: WebSocket,
    private readonly options: WsPeerOptions,
  ) {}

  /**
   * ws keeps the upgraded TCP socket in `_socket` (read when writing, not kept in a field of its
   * own: 8 bytes a connection). Writing to it directly is safe here: without permessage-deflate ws
   * writes its own frames (pings, close) synchronously too, so none interleave.
   */
  private get tcp(): Socket {
    return (this.socket as unknown as { _socket: Socket })._socket;
  }

  get bufferedAmount(): number {
    return this.socket.bufferedAmount + this.pendingBytes;
  }

  send(frame: string | Buffer): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    let chunk: Buffer | string;
    if (typeof frame === 'string' && frame.length >= DEFERRED_FRAME) {
      chunk = frame;
      const length = Buffer.byteLength(frame);
      this.pendingBytes += headerLength(length) + length;
    } else {
      chunk = textFrame(frame);
      this.pendingBytes += chunk.length;
    }
    if (this.pending === undefined) {
      this.pending = chunk;
      if (dirty.length === 0) process.nextTick(flushDirty);
      dirty.push(this);
    } else if (Array.isArray(this.pending)) this.pending.push(chunk);
    else this.pending = [this.pending, chunk];
  }

  /** Writes the frames queued during this turn in one go. */
  flush(): void {
    const pending = this.pending;
    const size = this.pendingBytes;
    this.pending = undefined;
    this.pendingBytes = 0;
    if (pending === undefined || this.socket.readyState !== this.socket.OPEN) return;
    if (Buffer.isBuffer(pending)) this.tcp.write(pending);
    else this.writeAssembled(Array.isArray(pending) ? pending : [pending], size);
    if (this.socket.bufferedAmount > this.options.maxBufferedBytes) {
      this.options.onSlowConsumer?.(this.socket);
      this.socket.terminate();
    }
  }

  /** Writes several frames (or a deferred one) as one Buffer: the scratch when it may be reused. */
  private writeAssembled(chunks: readonly (Buffer | string)[], size: number): void {
    // With bytes already waiting the socket would certainly keep the scratch.
    const reuse = size >= SCRATCH_MIN_BYTES && size <= SCRATCH_BYTES && this.tcp.writableLength === 0;
    if (reuse) scratch ??= Buffer.allocUnsafeSlow(SCRATCH_BYTES);
    const out = reuse ? scratch! : Buffer.allocUnsafe(size);
    let offset = 0;
    for (const chunk of chunks) {
      if (typeof chunk === 'string') {
        offset += writeHeader(out, offset, Buffer.byteLength(chunk));
        offset += out.write(chunk, offset);
      } else offset += chunk.copy(out, offset);
    }
    this.tcp.write(reuse ? out.subarray(0, offset) : out);
    // The kernel took it all at once: nothing refers to the bytes any more. Otherwise they are queued.
    if (reuse && this.tcp.writableLength > 0) scratch = undefined;
  }

  close(code: number, reason: string): void {
    // Frames queued before the close still go first: nothing may follow a close frame.
    this.flush();
    if (this.socket.readyState === this.socket.OPEN || this.socket.readyState === this.socket.CONNECTING)
      this.socket.close(code, reason);
  }

  drained(): Promise<void> {
    return new Promise((resolve) => {
      this.drain ??= { waiters: [], timer: undefined };
      this.drain.waiters.push(resolve);
      this.poll(this.drain);
    });
  }

  // ws has no drain event of its own; the socket's bufferedAmount falls as the kernel takes bytes, and
  // a closed socket is noticed by the same poll (no close listener per connection).
  private poll(drain: NonNullable<WsPeer['drain']>): void {
    if (drain.timer) return;
    const check = () => {
      drain.timer = undefined;
      const low = this.options.lowWaterBytes ?? 64 * 1024;
      if (this.socket.readyState !== this.socket.OPEN || this.bufferedAmount <= low) this.wake(drain);
      else drain.timer = setTimeout(check, 10);
    };
    drain.timer = setTimeout(check, 0);
  }

  private wake(drain: NonNullable<WsPeer['drain']>): void {
    if (this.drain === drain) this.drain = undefined;
    for (const resolve of drain.waiters) resolve();
  }
}
