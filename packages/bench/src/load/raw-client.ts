import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { clientFrame, FrameReader, Opcode } from './ws-frames.js';

/** Where and how a {@link RawClient} connects. */
export interface RawClientOptions {
  readonly port: number;
  /** Request path with query, e.g. `/ws`. */
  readonly path: string;
  /** Loopback source address (127.0.0.x), to spread many connections over several addresses. */
  readonly localAddress?: string;
  /** A text frame arrived: its payload is `data[start..end)`, valid only during the call. */
  readonly onText: (data: Buffer, start: number, end: number, client: RawClient) => void;
  /** The connection ended, for whatever reason. */
  readonly onClose?: () => void;
}

/**
 * Every socket reads into this one buffer: reads happen one at a time on the event loop and each is
 * consumed before the next, so thousands of connections allocate nothing per read.
 */
const READ_BUFFER = Buffer.allocUnsafe(256 * 1024);
const HEADER_END = Buffer.from('\r\n\r\n');
let readAtUs = 0;

/**
 * When the read being handled happened, in microseconds on `performance.now()`'s clock: one clock
 * read per socket read, shared by every frame in it.
 */
export function readTimeUs(): number {
  return readAtUs;
}
const HANDSHAKE_TIMEOUT_MS = 20_000;

/**
 * The smallest WebSocket client that can drive a chat server: an HTTP upgrade over a plain TCP
 * socket, masked text frames out, frames parsed in place as they come in, pings answered. It skips
 * what a load generator does not need (Sec-WebSocket-Accept checking, fragmentation, extensions).
 */
export class RawClient {
  private readonly reader: FrameReader;
  private handshake: Buffer | undefined = Buffer.alloc(0);

  private constructor(
    private readonly socket: Socket,
    private readonly options: RawClientOptions,
  ) {
    this.reader = new FrameReader((opcode, data, start, end) => this.frame(opcode, data, start, end));
  }

  /** Connects and resolves once the server answered the upgrade with 101. */
  static open(options: RawClientOptions): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      let client: RawClient | undefined;
      let opened = false;
      const socket = connect({
        host: '127.0.0.1',
        port: options.port,
        ...(options.localAddress ? { localAddress: options.localAddress } : {}),
        noDelay: true,
        onread: {
          buffer: READ_BUFFER,
          callback: (bytes: number, buffer: Uint8Array) => {
            readAtUs = Math.round(performance.now() * 1000);
            const chunk = (buffer as Buffer).subarray(0, bytes);
            if (client?.receive(chunk) === 'upgraded' && !opened) {
              opened = true;
              clearTimeout(timer);
              resolve(client);
            }
            return true;
          },
        },
      });
      client = new RawClient(socket, options);
      const timer = setTimeout(
        () => socket.destroy(new Error('WebSocket upgrade timed out')),
        HANDSHAKE_TIMEOUT_MS,
      );
      socket.once('connect', () =>
        socket.write(
          `GET ${options.path} HTTP/1.1\r\nHost: 127.0.0.1:${options.port}\r\nUpgrade: websocket\r\n` +
            'Connection: Upgrade\r\nSec-WebSocket-Key: YXVyb3JhLWJlbmNoLWtleQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
        ),
      );
      socket.on('error', (error) => {
        if (!opened) reject(error);
      });
      socket.once('close', () => {
        clearTimeout(timer);
        if (!opened) reject(new Error('connection closed during the WebSocket upgrade'));
        options.onClose?.();
      });
    });
  }

  /** Sends a text frame. */
  sendText(payload: string): void {
    this.socket.write(clientFrame(payload));
  }

  /** Sends an already framed message (see {@link clientFrame}). */
  sendFrame(frame: Buffer): void {
    this.socket.write(frame);
  }

  /** Drops the connection at once. */
  destroy(): void {
    this.socket.destroy();
  }

  private receive(chunk: Buffer): 'upgraded' | undefined {
    if (this.handshake === undefined) {
      this.reader.push(chunk);
      return undefined;
    }
    const head = Buffer.concat([this.handshake, chunk]);
    const end = head.indexOf(HEADER_END);
    if (end < 0) {
      this.handshake = head;
      return undefined;
    }
    this.handshake = undefined;
    if (!head.subarray(0, 12).toString('latin1').startsWith('HTTP/1.1 101')) {
      this.socket.destroy(new Error(`upgrade refused: ${head.toString('latin1', 0, head.indexOf('\r\n'))}`));
      return undefined;
    }
    const rest = head.subarray(end + HEADER_END.length);
    if (rest.length > 0) this.reader.push(rest);
    return 'upgraded';
  }

  private frame(opcode: number, data: Buffer, start: number, end: number): void {
    if (opcode === Opcode.Text) this.options.onText(data, start, end, this);
    else if (opcode === Opcode.Ping) this.socket.write(clientFrame(data.subarray(start, end), Opcode.Pong));
    else if (opcode === Opcode.Close) this.socket.destroy();
  }
}
