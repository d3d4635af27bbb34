import { makeConfig } from '../config.js';
import { silentLogger } from '../logger.js';
import { type AuroraServer, startServer } from '../server.js';

/** Short heartbeats for cluster nodes in tests, so a node's absence is noticed within a second. */
export const FAST_CLUSTER = { nodeTtlMs: 1500, heartbeatMs: 500, sweepMs: 300, reapGraceMs: 600 };

/** What a test server is started with, beyond the defaults. */
export interface TestServerOptions {
  readonly admins?: readonly string[];
  /** Keep data here (a restart test); without it and `redis`, in memory. */
  readonly dataDir?: string;
  /** A Redis URL: the server is a cluster node (with {@link FAST_CLUSTER} heartbeats). */
  readonly redis?: string;
}

/**
 * Real servers for the tests over sockets (moderation, room settings): every rate limit lifted and
 * no per-address cap, so many test people connect from 127.0.0.1; closed together after each test.
 */
export class TestServers {
  readonly #started: AuroraServer[] = [];

  /** Starts a server and resolves with its WebSocket address. */
  async start(options: TestServerOptions = {}): Promise<string> {
    const server = await startServer(
      makeConfig({
        port: 0,
        dataDir: options.dataDir,
        webRoot: undefined,
        admins: [...(options.admins ?? [])],
        maxConnectionsPerIp: 1000,
        limits: { burst: 1_000_000, ratePerSecond: 1_000_000 },
        ...(options.redis === undefined ? {} : { redis: options.redis, cluster: FAST_CLUSTER }),
      }),
      { logger: silentLogger },
    );
    this.#started.push(server);
    return `ws://127.0.0.1:${server.port}/ws`;
  }

  /** Closes every server started. */
  async closeAll(): Promise<void> {
    await Promise.all(this.#started.splice(0).map((server) => server.close()));
  }
}
