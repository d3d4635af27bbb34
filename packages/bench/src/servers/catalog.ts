import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_BIN } from 'aurora-testkit';
import { auroraDialect, type Dialect, socketIoDialect } from '../load/dialects.js';
import { type Launched, launch } from './spawn.js';

/** The servers the harness knows. `aurora-memory` is Aurora with `--memory` (the persistence scenario). */
export const SERVER_NAMES = ['ws', 'aurora', 'aurora-memory', 'socketio', 'fastapi'] as const;

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

/** A server the harness can start. */
export interface ServerKind {
  readonly name: ServerName;
  readonly label: string;
  readonly dialect: Dialect;
  /** Why it cannot run here, or undefined when it can. */
  unavailable(): string | undefined;
  start(options: StartOptions): Promise<Launched>;
}

/** The Debian interpreter: the FastAPI baseline uses Debian's python3-fastapi and python3-uvicorn. */
const SYSTEM_PYTHON = '/usr/bin/python3';
const FASTAPI_SCRIPT = fileURLToPath(new URL('../../baselines/fastapi_chat.py', import.meta.url));
const READY = /listening on (\d+)/;

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
const AURORA_BIN = process.env.AURORA_BENCH_SERVER_BIN ?? SERVER_BIN;

function nodeArgs(options: StartOptions): string[] {
  return [
    ...(options.profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`]),
    ...(options.inspect ? ['--inspect=127.0.0.1:0'] : []),
  ];
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
export function aurora(name: 'aurora' | 'aurora-memory', label: string, storage: AuroraStorage): ServerKind {
  const { memory = false, seedDir, searchIndex = true } = storage;
  return {
    name,
    label,
    dialect: auroraDialect,
    unavailable: () => undefined,
    async start(options) {
      const dataDir = memory ? undefined : await mkdtemp(join(tmpdir(), 'aurora-bench-'));
      if (dataDir !== undefined && seedDir !== undefined) await cp(seedDir, dataDir, { recursive: true });
      const launched = await launch({
        command: process.execPath,
        args: [
          ...nodeArgs(options),
          AURORA_BIN,
          '--host',
          '127.0.0.1',
          '--port',
          '0',
          ...(dataDir === undefined ? ['--memory'] : ['--data', dataDir]),
          ...(searchIndex ? [] : ['--search-index', 'off']),
          ...AURORA_BENCH_FLAGS,
        ],
        ready: /ws:\/\/127\.0\.0\.1:(\d+)\/ws/,
        cpu: options.cpu,
      });
      return {
        ...launched,
        stop: async (graceful) => {
          await launched.stop(graceful);
          if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
        },
      };
    },
  };
}

function nodeBaseline(name: 'ws' | 'socketio', label: string, script: string, dialect: Dialect): ServerKind {
  return {
    name,
    label,
    dialect,
    unavailable: () => undefined,
    start: (options) =>
      launch({
        command: process.execPath,
        args: [...nodeArgs(options), fileURLToPath(new URL(script, import.meta.url)), '0'],
        ready: READY,
        cpu: options.cpu,
      }),
  };
}

let fastapiProblem: string | undefined | null = null;

/** Every server by name. */
export const SERVERS: Readonly<Record<ServerName, ServerKind>> = {
  ws: nodeBaseline('ws', 'bare ws', './ws-baseline.js', auroraDialect),
  aurora: aurora('aurora', 'Aurora', {}),
  'aurora-memory': aurora('aurora-memory', 'Aurora --memory', { memory: true }),
  socketio: nodeBaseline('socketio', 'Socket.IO 4', './socketio-baseline.js', socketIoDialect),
  fastapi: {
    name: 'fastapi',
    label: 'FastAPI',
    dialect: auroraDialect,
    unavailable() {
      if (fastapiProblem === null) {
        const probe = spawnSync(SYSTEM_PYTHON, ['-c', 'import fastapi, uvicorn, websockets'], {
          encoding: 'utf8',
        });
        fastapiProblem =
          probe.status === 0
            ? undefined
            : `skipped: Debian's python3-fastapi, python3-uvicorn and python3-websockets are not installed (apt-get install python3-fastapi python3-uvicorn python3-websockets)`;
      }
      return fastapiProblem;
    },
    start: (options) =>
      launch({ command: SYSTEM_PYTHON, args: ['-u', FASTAPI_SCRIPT, '0'], ready: READY, cpu: options.cpu }),
  },
};

/** Versions of what runs, for the machine description. */
export function describeFastapi(): string | undefined {
  const probe = spawnSync(
    SYSTEM_PYTHON,
    [
      '-c',
      'import sys, fastapi, uvicorn; print(sys.version.split()[0], fastapi.__version__, uvicorn.__version__)',
    ],
    { encoding: 'utf8' },
  );
  if (probe.status !== 0) return undefined;
  const [python, fastapi, uvicorn] = probe.stdout.trim().split(' ');
  return `Python ${python}, FastAPI ${fastapi}, uvicorn ${uvicorn}`;
}
