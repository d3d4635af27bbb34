import type { Writable } from 'node:stream';

// `ws` exports its frame builder and parser at runtime (wrapper.mjs) but @types/ws leaves them out.
declare module 'ws' {
  /** Options of {@link Sender.frame}. */
  interface FrameOptions {
    fin: boolean;
    opcode: number;
    mask: boolean;
    readOnly: boolean;
    rsv1: boolean;
  }

  /** ws's frame writer; only its static framing is used here. */
  export const Sender: { frame(data: Buffer, options: FrameOptions): Buffer[] };

  /** ws's frame parser: a writable stream of raw bytes that emits `message`. */
  export class Receiver extends Writable {
    constructor(options?: { isServer?: boolean; maxPayload?: number });
  }
}
