import { LIMITS } from 'aurora-protocol';
import { RawClient } from '../load/raw-client.js';

/** A frame the setup waits for: its parsed JSON. */
type Frame = { readonly type: string } & Record<string, unknown>;

/** A connection during set-up: every frame parsed, and a way to wait for the ones it needs. */
class SetupConnection {
  private readonly frames: Frame[] = [];
  private wake: (() => void) | undefined;

  private constructor(readonly client: RawClient) {}

  static async open(port: number, onText: (data: Buffer, start: number, end: number) => void) {
    let connection: SetupConnection | undefined;
    const client = await RawClient.open({
      port,
      path: '/ws',
      onText: (data, start, end) => {
        if (connection?.listening) connection.push(JSON.parse(data.toString('utf8', start, end)) as Frame);
        else onText(data, start, end);
      },
    });
    connection = new SetupConnection(client);
    return connection;
  }

  /** While true, frames are parsed for {@link until}; afterwards they go to the `onText` given. */
  listening = true;

  send(message: Record<string, unknown>): void {
    this.client.sendText(JSON.stringify(message));
  }

  /** Resolves with the frames up to the one `done` accepts; an `error` frame rejects. */
  async until(done: (frame: Frame) => boolean, what: string, timeoutMs = 60_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const frame = this.frames.shift();
      if (frame?.type === 'error')
        throw new Error(`${what}: ${String(frame.code)}: ${String(frame.message)}`);
      if (frame && done(frame)) return frame;
      if (frame) continue;
      if (Date.now() > deadline) throw new Error(`${what}: no answer in ${timeoutMs / 1000} s`);
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, 100);
      });
    }
  }

  private push(frame: Frame): void {
    this.frames.push(frame);
    this.wake?.();
  }
}

/** Who the searcher is. */
export interface SearcherAccount {
  readonly port: number;
  readonly name: string;
  readonly password: string;
  /** Rooms the account becomes a member of, so that every search covers them all. */
  readonly rooms: readonly string[];
}

/**
 * Registers an account and makes it a member of every room (a logged-in member of a room is one
 * whose read marker follows it, and a search covers every room the account is a member of). One
 * connection may be in at most `maxRoomsPerConnection` rooms, so the rooms are joined in turns of
 * that many, each on a connection of its own that closes without leaving (leaving would drop the
 * membership). The last connection stays open: the searcher's, with `onText` for what it receives.
 */
export async function openSearcher(
  account: SearcherAccount,
  onText: (data: Buffer, start: number, end: number) => void,
): Promise<RawClient> {
  const turns: string[][] = [];
  for (let i = 0; i < account.rooms.length; i += LIMITS.maxRoomsPerConnection)
    turns.push(account.rooms.slice(i, i + LIMITS.maxRoomsPerConnection));
  let connection = await SetupConnection.open(account.port, onText);
  connection.send({ type: 'register', name: account.name, password: account.password });
  const auth = await connection.until((frame) => frame.type === 'auth', `registering ${account.name}`);
  const token = String(auth.token);
  for (const [index, rooms] of (turns.length === 0 ? [[]] : turns).entries()) {
    if (index > 0) {
      connection.client.destroy();
      connection = await SetupConnection.open(account.port, onText);
    }
    connection.send({ type: 'hello', v: 1, nick: account.name, token, rooms });
    let joined = 0;
    if (rooms.length === 0) await connection.until((frame) => frame.type === 'welcome', 'hello');
    else await connection.until((frame) => frame.type === 'joined' && ++joined === rooms.length, 'joining');
  }
  connection.listening = false;
  return connection.client;
}
