import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from 'aurora-testkit';
import { type Launched, launch } from './spawn.js';

/** Why a redis-server cannot be started here, or undefined when one can. */
export function redisUnavailable(): string | undefined {
  return spawnSync('redis-server', ['--version']).status === 0
    ? undefined
    : 'skipped: redis-server is not on PATH (apt-get install redis-server)';
}

/** A redis-server of the harness's own. */
export interface BenchRedis extends Launched {
  /** `redis://127.0.0.1:PORT` */
  readonly url: string;
}

// Redis names its port early and says it is ready once it listens: wait for both.
const REDIS_READY = /Running mode=\w+, port=(\d+)\.[\s\S]*Ready to accept connections/;

/**
 * Starts a redis-server on a free loopback port, in a temporary folder of its own, with no
 * persistence at all (no snapshots, no append-only file): the cluster's history lives in it for
 * one run only, and a disk write would measure the disk.
 */
export async function startRedis(cpu: number | undefined): Promise<BenchRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'aurora-bench-redis-'));
  const port = await freePort();
  const launched = await launch({
    command: 'redis-server',
    args: ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'],
    ready: REDIS_READY,
    cpu,
  }).catch(async (error: unknown) => {
    await rm(dir, { recursive: true, force: true });
    throw error;
  });
  return {
    ...launched,
    url: `redis://127.0.0.1:${launched.port}`,
    stop: async (graceful) => {
      await launched.stop(graceful);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
