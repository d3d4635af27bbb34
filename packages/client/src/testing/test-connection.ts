import { ManualClock } from 'aurora-testkit';
import { Connection } from '../connection.js';
import type { StreamPositions } from '../stream-cursor.js';
import { fakeSocketFactory } from './fake-socket.js';

/** Options for {@link testConnection}. */
export interface TestConnectionOptions {
  readonly nick?: string;
  readonly rooms?: readonly string[];
  readonly retryFirstConnect?: boolean;
  readonly clock?: ManualClock;
  /** A stored session to greet with. */
  readonly session?: { readonly account: string; readonly token: string };
  /** Positions to start from (a script's saved cursor). */
  readonly resume?: StreamPositions;
  /** Join passwords of rooms in `rooms`. */
  readonly roomPasswords?: Readonly<Record<string, string>>;
}

/**
 * A real Connection over fake sockets, on a manual clock, with jitter fixed at the middle of its range
 * and client message ids `c1`, `c2`, ... so tests can name them.
 */
export function testConnection(options: TestConnectionOptions = {}) {
  const clock = options.clock ?? new ManualClock();
  const sockets = fakeSocketFactory();
  let cids = 0;
  const connection = new Connection({
    url: 'ws://test/ws',
    nick: options.nick ?? 'alice',
    ...(options.session ? { session: options.session } : {}),
    ...(options.resume ? { resume: options.resume } : {}),
    ...(options.roomPasswords ? { roomPasswords: options.roomPasswords } : {}),
    rooms: options.rooms ?? ['dev'],
    client: { name: 'aurora-chat', version: 'test' },
    socketFactory: sockets.factory,
    clock,
    random: () => 0.5,
    newCid: () => `c${++cids}`,
    retryFirstConnect: options.retryFirstConnect ?? false,
  });
  return { clock, sockets, connection };
}
