import { type ChildProcess, spawn } from 'node:child_process';

/** How to start one server process. */
export interface LaunchSpec {
  readonly command: string;
  readonly args: readonly string[];
  /** Matches the line that says the server listens; group 1 is the port. */
  readonly ready: RegExp;
  /** Pin to this CPU with taskset. */
  readonly cpu?: number | undefined;
  readonly env?: Readonly<Record<string, string>>;
}

/** A server process started by the harness. */
export interface Launched {
  readonly pid: number;
  readonly port: number;
  readonly child: ChildProcess;
  /** Everything it printed. */
  output(): string;
  /** Stops it: SIGTERM and a wait when `graceful` (so profiles get written), else SIGKILL. */
  stop(graceful?: boolean): Promise<void>;
}

const running = new Set<ChildProcess>();
// A harness that dies half-way must not leave servers behind.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

/** Starts a server and resolves with its port once it printed the ready line. */
export async function launch(spec: LaunchSpec): Promise<Launched> {
  const [command, args] =
    spec.cpu === undefined
      ? [spec.command, spec.args]
      : ['taskset', ['-c', String(spec.cpu), spec.command, ...spec.args]];
  const child = spawn(command, args, {
    env: { ...process.env, ...spec.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running.delete(child);
      resolve();
    }),
  );
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${spec.command} did not start in 20 s:\n${output}`)),
      20_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = spec.ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${spec.command} exited with ${code} before listening:\n${output}`));
    });
  });
  return {
    pid: child.pid!,
    port,
    child,
    output: () => output,
    stop: async (graceful = false) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(graceful ? 'SIGTERM' : 'SIGKILL');
      const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(force);
    },
  };
}
