import type { WebSocket } from 'ws';

/**
 * Pings every socket each `intervalMs` and terminates one that missed `maxMissed` pongs in a row:
 * a dead peer (a laptop that slept, a cut cable) is dropped and leaves its rooms.
 */
export class Heartbeat {
  private readonly missed = new Map<WebSocket, number>();
  private readonly timer: NodeJS.Timeout;
  // One listener shared by every socket (the emitter is `this`), not a closure per connection.
  private readonly answered: (this: WebSocket) => void;

  constructor(
    intervalMs: number,
    private readonly maxMissed: number,
    private readonly onDead: (socket: WebSocket) => void = () => {},
  ) {
    const missed = this.missed;
    this.answered = function (this: WebSocket) {
      if (missed.has(this)) missed.set(this, 0);
    };
    this.timer = setInterval(() => this.beat(), intervalMs);
    this.timer.unref();
  }

  /** Starts watching a socket; it is forgotten at the first beat after it closed. */
  watch(socket: WebSocket): void {
    this.missed.set(socket, 0);
    socket.on('pong', this.answered);
  }

  /** Stops the timer. */
  stop(): void {
    clearInterval(this.timer);
  }

  private beat(): void {
    for (const [socket, missed] of this.missed) {
      if (socket.readyState === socket.CLOSED) {
        this.missed.delete(socket);
        continue;
      }
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
