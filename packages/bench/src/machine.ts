import { spawnSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { dirname } from 'node:path';
import { describeFastapi } from './servers/catalog.js';

/** Whether the server and the generator can each have a core of their own. */
export function canPin(): boolean {
  return cpus().length >= 2 && spawnSync('taskset', ['-V']).status === 0;
}

/** Moves this process (every thread) onto one CPU. */
export function pinSelf(cpu: number): void {
  const result = spawnSync('taskset', ['-a', '-p', '-c', String(cpu), String(process.pid)], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`taskset failed: ${result.stderr}`);
}

/** The current load average, for the record. */
export function loadAverage(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
}

/** One line describing where the numbers come from. */
export function describeMachine(pinned: boolean): string {
  const processors = cpus();
  const fastapi = describeFastapi();
  return [
    `${processors[0]?.model.trim() ?? 'unknown CPU'} × ${processors.length}`,
    `${Math.round(totalmem() / 2 ** 30)} GiB RAM`,
    `Linux ${release()}`,
    `Node ${process.versions.node}`,
    ...(fastapi ? [fastapi] : []),
    pinned
      ? "server on CPU 0 (a cluster's nodes and Redis together) and load generator on CPU 1 (taskset)"
      : 'not pinned',
    `load average ${loadAverage()} at the start`,
  ].join(', ');
}

/**
 * The checkout a server build sits in, for the record: `7cfce8d (/path/dist/bin.js)`, with
 * `uncommitted changes` when its tracked files differ; the path alone outside a git checkout.
 * `dist/` is not tracked, so this names the sources, and says nothing of a build left stale.
 */
export function describeBuild(bin: string): string {
  const git = (...args: string[]) => spawnSync('git', ['-C', dirname(bin), ...args], { encoding: 'utf8' });
  const head = git('rev-parse', '--short', 'HEAD');
  if (head.status !== 0) return bin;
  const dirty = git('status', '--porcelain', '--untracked-files=no').stdout.trim() !== '';
  return `${head.stdout.trim()}${dirty ? ' with uncommitted changes' : ''} (${bin})`;
}
