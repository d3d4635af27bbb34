import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TerminalRun } from '../report/results.js';

/** Options of the terminal-client benchmark. */
export interface TerminalBenchOptions {
  readonly quick: boolean;
  /** Pin the client to this CPU with taskset. */
  readonly cpu?: number | undefined;
  readonly log: (line: string) => void;
}

const CLIENT_BENCH = fileURLToPath(new URL('./client-bench.js', import.meta.url));

/**
 * Runs the terminal-client frame benchmark in a process of its own (its RSS is the client's):
 * 100,000 messages loaded, 100 a second arriving for 30 s (`--quick`: 2,000 for 1 s), then 100 KB
 * pasted into the input in each of three shapes.
 */
export async function runTerminalBench(options: TerminalBenchOptions): Promise<TerminalRun> {
  const args = options.quick
    ? ['--messages', '2000', '--rate', '100', '--seconds', '1']
    : ['--messages', '100000', '--rate', '100', '--seconds', '30'];
  const command = [process.execPath, CLIENT_BENCH, ...args];
  const [file, ...rest] =
    options.cpu === undefined ? command : ['taskset', '-c', String(options.cpu), ...command];
  // Colours on, as in a terminal: styling is part of the work of drawing a frame. Without CI: under
  // CI=true Ink writes only the last frame, at exit, and there would be no frame to time. React's
  // production build, as the aurora-chat binary runs it (its bin sets NODE_ENV): the development
  // build would time React's own checks and leak its user-timing entries into the RSS.
  const { CI: _ci, ...env } = process.env;
  const child = spawn(file!, rest, {
    env: { ...env, FORCE_COLOR: '3', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`terminal benchmark failed (exit ${code}):\n${stderr}`);
  // Ink restores the cursor on the real stdout at exit, after the result line.
  const line = stdout.split('\n').find((text) => text.startsWith('{'));
  if (line === undefined) throw new Error(`terminal benchmark printed no result:\n${stdout}\n${stderr}`);
  const run = JSON.parse(line) as TerminalRun & {
    loadMs: number;
    achievedPerS: number;
    pasteShapesMs: Record<string, number>;
  };
  options.log(
    `  ${run.loadedMessages} messages loaded in ${(run.loadMs / 1000).toFixed(1)} s; ${run.frames} frames at ` +
      `${run.achievedPerS.toFixed(0)}/s: median ${run.frameP50Ms.toFixed(2)} ms, p99 ${run.frameP99Ms.toFixed(2)} ms, ` +
      `max ${run.frameMaxMs.toFixed(2)} ms; RSS ${run.rssMb.toFixed(0)} MB, heap ${run.heapMb.toFixed(0)} MB; ` +
      `${(run.pasteBytes / 1000).toFixed(0)} KB pasted in ${Object.entries(run.pasteShapesMs)
        .map(([shape, ms]) => `${ms.toFixed(0)} ms (${shape})`)
        .join(', ')}`,
  );
  return run;
}
