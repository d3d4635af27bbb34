import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { auroraDialect, type Dialect, socketIoDialect } from '../load/dialects.js';
import { aurora, nodeArgs } from './aurora.js';
import { auroraCluster, CLUSTER_NODES } from './aurora-cluster.js';
import { oneProcessServer, type ServerKind, type ServerName } from './server-kind.js';
import { launch } from './spawn.js';

/** The Debian interpreter: the FastAPI baseline uses Debian's python3-fastapi and python3-uvicorn. */
const SYSTEM_PYTHON = '/usr/bin/python3';
const FASTAPI_SCRIPT = fileURLToPath(new URL('../../baselines/fastapi_chat.py', import.meta.url));
const READY = /listening on (\d+)/;
const CLUSTER_LABEL = `Aurora cluster (${CLUSTER_NODES} nodes + Redis)`;

function nodeBaseline(name: 'ws' | 'socketio', label: string, script: string, dialect: Dialect): ServerKind {
  return {
    name,
    label,
    dialect,
    oneProcess: true,
    unavailable: () => undefined,
    start: async (options) =>
      oneProcessServer(
        await launch({
          command: process.execPath,
          args: [...nodeArgs(options), fileURLToPath(new URL(script, import.meta.url)), '0'],
          ready: READY,
          cpu: options.cpu,
        }),
      ),
  };
}

let fastapiProblem: string | undefined | null = null;

/** Every server by name. */
export const SERVERS: Readonly<Record<ServerName, ServerKind>> = {
  ws: nodeBaseline('ws', 'bare ws', './ws-baseline.js', auroraDialect),
  aurora: aurora('aurora', 'Aurora', {}),
  'aurora-memory': aurora('aurora-memory', 'Aurora --memory', { memory: true }),
  'aurora-before': aurora('aurora-before', 'Aurora (before)', {}),
  'aurora-cluster': auroraCluster('aurora-cluster', CLUSTER_LABEL),
  'aurora-cluster-before': auroraCluster('aurora-cluster-before', `${CLUSTER_LABEL} (before)`),
  socketio: nodeBaseline('socketio', 'Socket.IO 4', './socketio-baseline.js', socketIoDialect),
  fastapi: {
    name: 'fastapi',
    label: 'FastAPI',
    dialect: auroraDialect,
    oneProcess: true,
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
    start: async (options) =>
      oneProcessServer(
        await launch({
          command: SYSTEM_PYTHON,
          args: ['-u', FASTAPI_SCRIPT, '0'],
          ready: READY,
          cpu: options.cpu,
        }),
      ),
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
