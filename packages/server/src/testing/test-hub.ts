import { type ClientMessageInput, encodeClientMessage } from 'aurora-protocol';
import { ManualClock } from 'aurora-testkit';
import { createAuth } from '../accounts/auth.js';
import { LocalBroker } from '../broker/local.js';
import { LocalDirectory } from '../directory/local.js';
import { DEFAULT_HUB_LIMITS, Hub, type HubLimits } from '../hub.js';
import { sequentialIds } from '../ids.js';
import { type Logger, silentLogger } from '../logger.js';
import { SqliteStore } from '../store/sqlite.js';
import type { Retention } from '../store/store.js';
import { FakePeer } from './fake-peer.js';

/** A connected fake client of a test hub. */
export interface FakeClient {
  readonly peer: FakePeer;
  /** Sends a client message and waits until the hub has handled it. */
  send(message: ClientMessageInput | string): Promise<void>;
  /** Hands the hub any frame as the transport would (bytes, binary) and waits until it is handled. */
  sendRaw(data: string | Buffer, isBinary?: boolean): Promise<void>;
  /** Sends hello with a nick (and optional extras) and waits. */
  hello(nick: string, extra?: Partial<Extract<ClientMessageInput, { type: 'hello' }>>): Promise<void>;
  /** Closes the connection and waits for the leave to be processed. */
  disconnect(): Promise<void>;
}

/** A hub over an in-memory SQLite store, with a manual clock and sequential ids. */
export function createTestHub(
  options: {
    limits?: Partial<HubLimits>;
    retention?: Retention;
    logger?: Logger;
    /** False: a store without the search index (`--search-index off`). */
    searchIndex?: boolean;
    /** Load shedding (see `HubOptions.overloaded`). */
    overloaded?: () => number | undefined;
  } = {},
) {
  const clock = new ManualClock();
  const store = new SqliteStore({
    clock,
    retention: options.retention ?? {},
    ids: sequentialIds(),
    searchIndex: options.searchIndex ?? true,
  });
  const hub = new Hub({
    overloaded: options.overloaded,
    store,
    broker: new LocalBroker(),
    directory: new LocalDirectory(),
    clock,
    ids: sequentialIds(),
    logger: options.logger ?? silentLogger,
    // Presence every tick unless a test asks for windows: the manual clock never moves on its own.
    limits: { ...DEFAULT_HUB_LIMITS, presenceWindowMs: 0, ...options.limits },
    server: { name: 'aurora-server', version: 'test' },
    // Cheap scrypt parameters keep tests fast; the format and checks are the same.
    auth: createAuth(clock, { scrypt: { N: 1024, r: 8, p: 1 } }),
  });

  /** Waits for every session's queued requests and the store's pending commit. */
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      await Promise.all([...hub.sessions].map((session) => session.queue));
      await hub.presence.idle();
      await store.flush();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };

  const connect = (ip = '10.0.0.1'): FakeClient => {
    const peer = new FakePeer();
    const connection = hub.connect(peer, { ip });
    const client: FakeClient = {
      peer,
      send: async (message) => {
        connection.receive(typeof message === 'string' ? message : encodeClientMessage(message), false);
        await settle();
      },
      sendRaw: async (data, isBinary = false) => {
        connection.receive(data, isBinary);
        await settle();
      },
      hello: (nick, extra = {}) => client.send({ type: 'hello', v: 1, nick, ...extra }),
      disconnect: async () => {
        connection.closed();
        await settle();
      },
    };
    return client;
  };

  return { hub, store, clock, connect, settle };
}
