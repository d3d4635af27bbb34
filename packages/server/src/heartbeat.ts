import type { WebSocket } from 'ws';

/**
 * Pings every socket each `intervalMs` and terminates one that missed `maxMissed` pongs in a row:
 * a dead peer (a laptop that slept, a cut cable) is dropped and leaves its rooms.
 */
export class Heartbeat {
  private readonly missed = new Map<WebSocket, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    intervalMs: number,
    private readonly maxMissed: number,
    private readonly onDead: (socket: WebSocket) => void = () => {},
  ) {
    this.timer = setInterval(() => this.beat(), intervalMs);
    this.timer.unref();
  }

  /** Starts watching a socket. */
  watch(socket: WebSocket): void {
    this.missed.set(socket, 0);
    socket.on('pong', () => this.missed.set(socket, 0));
    socket.once('close', () => this.missed.delete(socket));
  }

  /** Stops the timer. */
  stop(): void {
    clearInterval(this.timer);
  }

  private beat(): void {
    for (const [socket, missed] of this.missed) {
      if (missed >= this.maxMissed) {
        this.missed.delete(socket);
        this.onDead(socket);
        socket.terminate();
        continue;
      }
      this.missed.set(socket, missed + 1);
      socket.ping();
    }
  }
}
