import {
  type ClientMessageInput,
  decodeServerMessage,
  encodeClientMessage,
  type ServerMessage,
} from 'aurora-protocol';
import WebSocket from 'ws';

type Of<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;

/** A real WebSocket client for integration tests: records every frame and waits for the ones asked for. */
export class TestClient {
  readonly received: ServerMessage[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: (() => void)[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const decoded = decodeServerMessage(data.toString('utf8'));
      if (!decoded.ok) throw new Error(`server sent an invalid frame: ${decoded.error.message}`);
      this.received.push(decoded.message);
      this.wake();
    });
    this.closed = new Promise((resolve) =>
      socket.once('close', (code, reason) => {
        this.wake();
        resolve({ code, reason: reason.toString() });
      }),
    );
  }

  /** Opens a socket; rejects if the handshake is refused. */
  static connect(url: string, options: WebSocket.ClientOptions = {}): Promise<TestClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, options);
      socket.once('open', () => resolve(new TestClient(socket)));
      socket.once('error', reject);
      socket.once('unexpected-response', (_request, response) =>
        reject(new Error(`HTTP ${response.statusCode}`)),
      );
    });
  }

  /** Connects and says hello; resolves with the welcome. */
  static async join(
    url: string,
    nick: string,
    extra: Partial<Extract<ClientMessageInput, { type: 'hello' }>> = {},
  ): Promise<TestClient> {
    const client = await TestClient.connect(url);
    client.send({ type: 'hello', v: 1, nick, ...extra });
    await client.next('welcome');
    return client;
  }

  send(message: ClientMessageInput): void {
    this.socket.send(encodeClientMessage(message));
  }

  /** Waits for the first received message of a type (from `from` on) matching `where`. */
  async next<T extends ServerMessage['type']>(
    type: T,
    where: (message: Of<T>) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<Of<T>> {
    const found = await this.until(
      () => this.received.find((m): m is Of<T> => m.type === type && where(m as Of<T>)),
      timeoutMs,
    );
    return found;
  }

  /** Waits until `check` returns a value. */
  async until<R>(check: () => R | undefined, timeoutMs = 10_000): Promise<R> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value !== undefined && value !== false) return value;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; last frames: ${JSON.stringify(this.received.slice(-5))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Messages of one type. */
  of<T extends ServerMessage['type']>(type: T): Of<T>[] {
    return this.received.filter((m): m is Of<T> => m.type === type);
  }

  close(): void {
    this.socket.close();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
