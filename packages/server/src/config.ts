import { fileURLToPath } from 'node:url';
import { type ClusterTimings, DEFAULT_CLUSTER_TIMINGS } from './cluster/node-heartbeat.js';
import { DEFAULT_HUB_LIMITS, type HubLimits } from './hub.js';
import type { LogLevel } from './logger.js';
import type { Retention } from './store/store.js';

/** Everything a server instance is configured with. */
export interface ServerConfig {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** SQLite folder; undefined keeps everything in memory (`--memory`). Ignored with `redis`. */
  readonly dataDir: string | undefined;
  /** Cluster mode: store, broker and directory on this Redis (`redis://host:6379`). */
  readonly redis?: string | undefined;
  /** Cluster mode: heartbeat and reaping periods. */
  readonly cluster?: ClusterTimings | undefined;
  /** Origins allowed besides the server's own and clients that send none; `*` allows any. */
  readonly allowedOrigins: readonly string[];
  /** Host names served besides IP addresses and localhost (`.example.com` with subdomains, `*` any). */
  readonly allowedHosts: readonly string[];
  /** Accounts (names as typed) that are server admins, besides those `aurora-server admin promote` made. */
  readonly admins: readonly string[];
  readonly logLevel: LogLevel;
  /** The browser client's built files. */
  readonly webRoot: string | undefined;
  readonly retention: Retention;
  /**
   * Keep the SQLite search index (default). Off, messages are not indexed and `search` answers
   * `search_unavailable`: the benchmark's baseline for what the index costs. Ignored with `redis`.
   */
  readonly searchIndex: boolean;
  readonly limits: HubLimits;
  /** TCP connections one address may hold: requests still arriving, handshakes and WebSockets. */
  readonly maxConnectionsPerIp: number;
  /** A request or WebSocket handshake whose headers have not all arrived by then is closed (408). */
  readonly handshakeTimeoutMs: number;
  /** A connection with more unsent bytes than this is terminated. */
  readonly maxBufferedBytes: number;
  /** Fragments one WebSocket message may arrive in. */
  readonly maxFragments: number;
  readonly pingIntervalMs: number;
  /** After a restart, members who have not come back within this time get their leave notices. */
  readonly rememberGraceMs: number;
  /** How long a log-in session token works. */
  readonly sessionTtlMs: number;
  /** How long the name of a deleted account cannot be registered again. */
  readonly nameHoldMs: number;
  /** Serve Prometheus metrics at `/metrics` on this port (0 picks one); undefined: no metrics. */
  readonly metricsPort?: number | undefined;
  /** The address the metrics port listens on. */
  readonly metricsHost: string;
  /** Serve https and wss with this PEM certificate (chain) and private key, read at start. */
  readonly tls?: { readonly certFile: string; readonly keyFile: string } | undefined;
}

/** Where the server's build puts the browser client (see the build script). */
export const BUNDLED_WEB_ROOT = fileURLToPath(new URL('./public/', import.meta.url));

/** The defaults: `aurora-server` with no flags. */
export const DEFAULT_CONFIG: ServerConfig = {
  host: '127.0.0.1',
  port: 8000,
  dataDir: './aurora-data',
  cluster: DEFAULT_CLUSTER_TIMINGS,
  allowedOrigins: [],
  allowedHosts: [],
  admins: [],
  logLevel: 'info',
  webRoot: BUNDLED_WEB_ROOT,
  retention: {},
  searchIndex: true,
  limits: DEFAULT_HUB_LIMITS,
  maxConnectionsPerIp: 32,
  handshakeTimeoutMs: 4000,
  maxBufferedBytes: 1024 * 1024,
  maxFragments: 64,
  pingIntervalMs: 30_000,
  rememberGraceMs: 60_000,
  sessionTtlMs: 30 * 86_400_000,
  nameHoldMs: 30 * 86_400_000,
  metricsHost: '127.0.0.1',
};

/** Builds a config from the defaults and overrides (nested limits merge). */
export function makeConfig(
  overrides: Partial<Omit<ServerConfig, 'limits'>> & { limits?: Partial<HubLimits> } = {},
): ServerConfig {
  return { ...DEFAULT_CONFIG, ...overrides, limits: { ...DEFAULT_CONFIG.limits, ...overrides.limits } };
}
