import type { WebSocket } from 'ws';
import type { Peer } from './peer.js';

/** Options for {@link WsPeer}. */
export interface WsPeerOptions {
  /** A connection whose unsent bytes pass this is terminated: it stopped reading. */
  readonly maxBufferedBytes: number;
  /** `drained()` resolves once the unsent bytes fall below this. */
  readonly lowWaterBytes?: number;
  readonly onSlowConsumer?: () => void;
}

/** A {@link Peer} over a `ws` socket, terminating slow consumers so they cannot grow server memory. */
export class WsPeer implements Peer {
  private waiters: (() => void)[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly socket: WebSocket,
    private readonly options: WsPeerOptions,
  ) {
    socket.once('close', () => this.wake());
  }

  get bufferedAmount(): number {
    return this.socket.bufferedAmount;
  }

  send(frame: string | Buffer): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(frame, { binary: false });
    if (this.socket.bufferedAmount > this.options.maxBufferedBytes) {
      this.options.onSlowConsumer?.();
      this.socket.terminate();
    }
  }

  close(code: number, reason: string): void {
    if (this.socket.readyState === this.socket.OPEN || this.socket.readyState === this.socket.CONNECTING)
      this.socket.close(code, reason);
  }

  drained(): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.poll();
    });
  }

  // ws has no drain event of its own; the socket's bufferedAmount falls as the kernel takes bytes.
  private poll(): void {
    if (this.timer) return;
    const check = () => {
      this.timer = undefined;
      const low = this.options.lowWaterBytes ?? 64 * 1024;
      if (this.socket.readyState !== this.socket.OPEN || this.socket.bufferedAmount <= low) this.wake();
      else this.timer = setTimeout(check, 10);
    };
    this.timer = setTimeout(check, 0);
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
