/** WebSocket opcodes the load generator meets (RFC 6455, section 5.2). */
export const Opcode = { Text: 1, Close: 8, Ping: 9, Pong: 10 } as const;

/** Called for each complete frame with the bytes of its payload, `data[start..end)`. */
export type FrameHandler = (opcode: number, data: Buffer, start: number, end: number) => void;

/**
 * Splits a server's byte stream into WebSocket frames. Complete frames are handed over in place
 * (no copy); only the tail of a frame cut by a read is kept, copied, until the rest arrives. Servers
 * never fragment the small frames a chat sends, so the FIN bit is not tracked.
 */
export class FrameReader {
  private carry: Buffer | undefined;

  constructor(private readonly onFrame: FrameHandler) {}

  /** Feeds bytes read from the socket; `chunk` may be reused by the caller afterwards. */
  push(chunk: Buffer): void {
    let data = chunk;
    if (this.carry) {
      data = Buffer.concat([this.carry, chunk]);
      this.carry = undefined;
    }
    const length = data.length;
    let pos = 0;
    while (length - pos >= 2) {
      const second = data[pos + 1]!;
      let size = second & 0x7f;
      let header = 2;
      if (size === 126) {
        if (length - pos < 4) break;
        size = data.readUInt16BE(pos + 2);
        header = 4;
      } else if (size === 127) {
        if (length - pos < 10) break;
        size = data.readUInt32BE(pos + 2) * 2 ** 32 + data.readUInt32BE(pos + 6);
        header = 10;
      }
      if (second & 0x80) header += 4;
      if (length - pos < header + size) break;
      this.onFrame(data[pos]! & 0x0f, data, pos + header, pos + header + size);
      pos += header + size;
    }
    if (pos < length) this.carry = Buffer.from(data.subarray(pos));
  }
}

/**
 * Frames a client-to-server message. Clients must mask; a zero masking key is a valid key that
 * leaves the payload as it is, which spares the generator an XOR pass over every byte it sends.
 */
export function clientFrame(payload: string | Buffer, opcode: number = Opcode.Text): Buffer {
  const length = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length;
  const header = length < 126 ? 6 : length < 65536 ? 8 : 14;
  const frame = Buffer.allocUnsafe(header + length);
  frame[0] = 0x80 | opcode;
  if (length < 126) frame[1] = 0x80 | length;
  else if (length < 65536) {
    frame[1] = 0x80 | 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 0x80 | 127;
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    frame.writeUInt32BE(length % 2 ** 32, 6);
  }
  frame.writeUInt32BE(0, header - 4);
  if (typeof payload === 'string') frame.write(payload, header);
  else payload.copy(frame, header);
  return frame;
}
