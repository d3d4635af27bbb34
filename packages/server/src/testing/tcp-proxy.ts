import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy for tests that simulates a silent network partition: `blackhole()` makes the
 * connections open so far swallow everything in both directions without closing, as a cut cable
 * would; connections made afterwards pass normally.
 */
export class TcpProxy {
  private readonly live = new Set<[Socket, Socket]>();
  private readonly dead = new Set<Socket>();
  private readonly server: Server;
  private listening = 0;

  private constructor(targetPort: number) {
    this.server = createServer((client) => this.forward(client, targetPort));
  }

  /** Listens on a free port and forwards to `targetPort` on 127.0.0.1. */
  static async start(targetPort: number): Promise<TcpProxy> {
    const proxy = new TcpProxy(targetPort);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    proxy.listening = (proxy.server.address() as { port: number }).port;
    return proxy;
  }

  /** The port to connect to instead of the target's. */
  get port(): number {
    return this.listening;
  }

  /** Every connection open now stops carrying bytes, and never says so. */
  blackhole(): void {
    for (const pair of this.live) {
      const [client, upstream] = pair;
      client.unpipe(upstream);
      upstream.unpipe(client);
      for (const socket of pair) {
        socket.resume(); // read and drop
        this.dead.add(socket);
      }
    }
    this.live.clear();
  }

  /** Closes the proxy and every connection through it. */
  async close(): Promise<void> {
    for (const pair of this.live) for (const socket of pair) socket.destroy();
    for (const socket of this.dead) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private forward(client: Socket, targetPort: number): void {
    const upstream = connect(targetPort, '127.0.0.1');
    const pair: [Socket, Socket] = [client, upstream];
    this.live.add(pair);
    client.pipe(upstream);
    upstream.pipe(client);
    const drop = () => {
      this.live.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    for (const socket of pair) socket.on('error', drop).on('close', drop);
  }
}
