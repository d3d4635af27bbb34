import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVER_BIN } from 'aurora-testkit';
import { auroraDialect } from '../load/dialects.js';
import { oneProcessServer, type ServerKind, type StartOptions } from './server-kind.js';
import { type Launched, launch } from './spawn.js';

/** Flags that lift Aurora's per-connection protections out of a load test's way; nothing else changes. */
export const AURORA_BENCH_FLAGS = [
  '--rate',
  '1000000',
  '--burst',
  '1000000',
  '--max-connections-per-ip',
  '1000000',
  // An overloaded step must not cut slow readers: the baselines never do.
  '--max-buffered',
  String(256 * 1024 * 1024),
  '--hello-timeout',
  '60000',
  '--log-level',
  'warn',
];

/** The Aurora binary: the workspace build, or `AURORA_BENCH_SERVER_BIN` to compare another build. */
export const AURORA_BIN = process.env.AURORA_BENCH_SERVER_BIN ?? SERVER_BIN;

/**
 * Another build (`AURORA_BENCH_BEFORE_BIN=/path/to/dist/bin.js`) for the `-before` servers, so a
 * before/after comparison runs interleaved in one run, under the same load on the machine.
 */
export const AURORA_BEFORE_BIN = process.env.AURORA_BENCH_BEFORE_BIN;

/** Why a `-before` server cannot run, or undefined when it can. */
export function beforeUnavailable(): string | undefined {
  return AURORA_BEFORE_BIN === undefined
    ? 'skipped: AURORA_BENCH_BEFORE_BIN does not name a server build (/path/to/packages/server/dist/bin.js)'
    : undefined;
}

/** The build a `-before` server runs: {@link AURORA_BEFORE_BIN}, which must be set. */
export function beforeBin(): string {
  if (AURORA_BEFORE_BIN === undefined) throw new Error(beforeUnavailable());
  return AURORA_BEFORE_BIN;
}

/** Aurora prints this once it listens; group 1 is the port. */
export const AURORA_READY = /ws:\/\/127\.0\.0\.1:(\d+)\/ws/;

/** Node's own flags for a server process: a CPU profile, the inspector. */
export function nodeArgs(options: StartOptions): string[] {
  return [
    ...(options.profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`]),
    ...(options.inspect ? ['--inspect=127.0.0.1:0'] : []),
  ];
}

/** Starts one Aurora process with the bench flags and `storageArgs` (where it keeps history). */
export function launchAurora(
  options: StartOptions,
  storageArgs: readonly string[],
  bin = AURORA_BIN,
): Promise<Launched> {
  return launch({
    command: process.execPath,
    args: [
      ...nodeArgs(options),
      bin,
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      ...storageArgs,
      ...AURORA_BENCH_FLAGS,
    ],
    ready: AURORA_READY,
    cpu: options.cpu,
  });
}

/** How an Aurora server of the harness keeps its history. */
export interface AuroraStorage {
  /** `--memory` instead of a data folder. */
  readonly memory?: boolean;
  /** Start on a copy of this data folder (a seeded history) instead of an empty one. */
  readonly seedDir?: string;
  /** False: `--search-index off`. */
  readonly searchIndex?: boolean;
}

/** Aurora with the bench flags, on a fresh data folder (or a copy of `seedDir`, or in memory). */
export function aurora(
  name: 'aurora' | 'aurora-memory' | 'aurora-before',
  label: string,
  storage: AuroraStorage,
): ServerKind {
  const { memory = false, seedDir, searchIndex = true } = storage;
  const before = name === 'aurora-before';
  return {
    name,
    label,
    dialect: auroraDialect,
    oneProcess: true,
    unavailable: before ? beforeUnavailable : () => undefined,
    async start(options) {
      const dataDir = memory ? undefined : await mkdtemp(join(tmpdir(), 'aurora-bench-'));
      if (dataDir !== undefined && seedDir !== undefined) await cp(seedDir, dataDir, { recursive: true });
      const launched = await launchAurora(
        options,
        [
          ...(dataDir === undefined ? ['--memory'] : ['--data', dataDir]),
          ...(searchIndex ? [] : ['--search-index', 'off']),
        ],
        before ? beforeBin() : AURORA_BIN,
      );
      return oneProcessServer({
        ...launched,
        stop: async (graceful) => {
          await launched.stop(graceful);
          if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
        },
      });
    },
  };
}
