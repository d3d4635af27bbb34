import type { Dialect } from '../load/dialects.js';
import { type ProcSample, sampleProcess } from '../proc-stats.js';
import type { Launched } from './spawn.js';

/**
 * The servers the harness knows. `aurora-memory` is Aurora with `--memory` (the persistence
 * scenario); `aurora-cluster` is two Aurora nodes on one Redis (steady and saturation); the
 * `-before` ones are the same with the build `AURORA_BENCH_BEFORE_BIN` names, for before/after
 * comparisons interleaved in one run.
 */
export const SERVER_NAMES = [
  'ws',
  'aurora',
  'aurora-before',
  'aurora-memory',
  'aurora-cluster',
  'aurora-cluster-before',
  'socketio',
  'fastapi',
] as const;

/** One of {@link SERVER_NAMES}. */
export type ServerName = (typeof SERVER_NAMES)[number];

/** How a started server is pinned and profiled. */
export interface StartOptions {
  readonly cpu?: number | undefined;
  /** Write a V8 CPU profile here (Node servers only). */
  readonly profileDir?: string | undefined;
  /** Open the inspector on a free loopback port (Node servers only), to force garbage collections. */
  readonly inspect?: boolean;
}

/**
 * A started server. For one process `pid`, `port`, `child` and `output` are that process's; for a
 * cluster they are its first node's, and only `ports` and `sample` speak for the whole of it.
 */
export interface RunningServer extends Launched {
  /** Where clients connect: one port per node, spread over by the fleet (one server: its port). */
  readonly ports: readonly number[];
  /** CPU, RSS and CPU wait of everything that serves (a cluster's nodes and its Redis together). */
  sample(): ProcSample;
}

/** A server the harness can start. */
export interface ServerKind {
  readonly name: ServerName;
  readonly label: string;
  readonly dialect: Dialect;
  /**
   * False for a server of several processes: the scenarios that read one process's memory or
   * inspector (idle, connect, C100k, reconnect, search) leave it out; steady and saturation take it.
   */
  readonly oneProcess: boolean;
  /** Why it cannot run here, or undefined when it can. */
  unavailable(): string | undefined;
  start(options: StartOptions): Promise<RunningServer>;
}

/** A server that is one process: it is all of what serves. */
export function oneProcessServer(launched: Launched): RunningServer {
  return { ...launched, ports: [launched.port], sample: () => sampleProcess(launched.pid) };
}
