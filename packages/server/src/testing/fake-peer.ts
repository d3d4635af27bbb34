import { decodeServerMessage, type ServerMessage } from 'aurora-protocol';
import type { Peer } from '../peer.js';

/** A peer that records what it was sent, decoded, for unit tests of room logic. */
export class FakePeer implements Peer {
  readonly received: ServerMessage[] = [];
  closedWith: { code: number; reason: string } | undefined;
  bufferedAmount = 0;

  send(frame: string | Buffer): void {
    const decoded = decodeServerMessage(typeof frame === 'string' ? frame : frame.toString('utf8'));
    if (!decoded.ok) throw new Error(`server sent an invalid frame: ${decoded.error.message}`);
    this.received.push(decoded.message);
  }

  close(code: number, reason: string): void {
    this.closedWith = { code, reason };
  }

  async drained(): Promise<void> {}

  /** Messages of one type, in order. */
  of<T extends ServerMessage['type']>(type: T): Extract<ServerMessage, { type: T }>[] {
    return this.received.filter(
      (message): message is Extract<ServerMessage, { type: T }> => message.type === type,
    );
  }

  /** The last message received. */
  last(): ServerMessage | undefined {
    return this.received.at(-1);
  }

  /** Forgets what was received so far. */
  clear(): void {
    this.received.length = 0;
  }
}
