import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { buildOrder, readWorkspace, staleReason } from './build-stale.mjs';

// `pnpm start` as a user types it, on a workspace that is already built (`pnpm test` builds first).
const ROOT = fileURLToPath(new URL('..', import.meta.url));
let child: ChildProcess | undefined;

/** `pid` and every process below it (pnpm runs the server under a shell of its own). */
function processTree(pid: number): number[] {
  let listed = '';
  try {
    listed = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' });
  } catch {
    // ps exits 1 when there is no such process.
  }
  const children = listed
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map(Number);
  return [pid, ...children.flatMap(processTree)];
}

afterEach(() => {
  if (child?.pid === undefined) return;
  for (const pid of processTree(child.pid).reverse()) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
});

it('a second `pnpm start -- --port 0 --memory` rebuilds nothing and takes the flags after --', async () => {
  const packages = readWorkspace(ROOT);
  const stale = buildOrder(packages, ['aurora-server']).filter((name) => staleReason(ROOT, packages, name));
  if (stale.length > 0) throw new Error(`${stale.join(', ')} not built: run \`pnpm build\` first`);

  const startedAt = Date.now();
  child = spawn('pnpm', ['start', '--', '--port', '0', '--memory'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk;
  });
  const deadline = Date.now() + 15_000;
  let port: number | undefined;
  while (Date.now() < deadline && port === undefined) {
    const up = /ws:\/\/127\.0\.0\.1:(\d+)\/ws/.exec(output);
    if (
      up &&
      (await fetch(`http://127.0.0.1:${up[1]}/healthz`).then(
        (r) => r.ok,
        () => false,
      ))
    )
      port = Number(up[1]);
    else await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(port, output).toBeDefined();
  // --port 0 and --memory were read: a free port, nothing kept on disk.
  expect(port).not.toBe(8000);
  expect(output).toContain('History is kept in memory only');
  expect(output).not.toMatch(/building aurora-/);
  console.log(`pnpm start was serving after ${Date.now() - startedAt} ms`);
});
