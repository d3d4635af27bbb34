import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built aurora-server entry point (tests run `pnpm build` first, as `pnpm test` does). */
export const SERVER_BIN = fileURLToPath(new URL('../../server/dist/bin.js', import.meta.url));
/** The built aurora-chat entry point. */
export const CHAT_BIN = fileURLToPath(new URL('../../cli/dist/bin.js', import.meta.url));

/** Options for {@link startServer}. */
export interface ServerProcessOptions {
  /** Keep data in this folder; by default a fresh temporary folder, removed by `stop()`. */
  readonly dataDir?: string;
  /** Run with `--memory` (no persistence). */
  readonly memory?: boolean;
  /** Extra command-line flags. */
  readonly args?: readonly string[];
  /** Extra environment variables. */
  readonly env?: Readonly<Record<string, string>>;
  /** Listen on this port instead of a free one (to restart on the same address). */
  readonly port?: number;
  /** Run this aurora-server entry point instead of the workspace's build (an installed package). */
  readonly bin?: string;
}

/** Whether `stop()` removes the data folder: true for the temporary folder `startServer` made. */
const ownedDirs = new WeakMap<ServerProcessOptions, boolean>();

/** A running aurora-server child process. */
export interface ServerProcess {
  readonly port: number;
  /** `http://127.0.0.1:PORT` */
  readonly httpUrl: string;
  /** `ws://127.0.0.1:PORT/ws` */
  readonly wsUrl: string;
  readonly dataDir: string;
  readonly child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** SIGTERM, then waits for exit; returns the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Stops and starts again on the same port and data folder. */
  restart(): Promise<ServerProcess>;
}

const WS_URL = /ws:\/\/127\.0\.0\.1:(\d+)\/ws/;

/** Starts the built aurora-server on 127.0.0.1 and resolves once it prints its WebSocket address. */
export async function startServer(options: ServerProcessOptions = {}): Promise<ServerProcess> {
  const ownsDir = ownedDirs.get(options) ?? (options.dataDir === undefined && !options.memory);
  const dataDir = options.dataDir ?? (options.memory ? '' : await mkdtemp(join(tmpdir(), 'aurora-test-')));
  const args = [
    options.bin ?? SERVER_BIN,
    '--host',
    '127.0.0.1',
    '--port',
    String(options.port ?? 0),
    ...(options.memory ? ['--memory'] : ['--data', dataDir]),
    ...(options.args ?? []),
  ];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, AURORA_LOG_LEVEL: 'warn', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = WS_URL.exec(output);
      if (match) resolve(Number(match[1]));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`aurora-server exited with ${code} before listening:\n${output}`)),
    );
    setTimeout(
      () => reject(new Error(`aurora-server did not start within 15 s:\n${output}`)),
      15_000,
    ).unref();
  });

  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    const code = await exited;
    return code;
  };
  const server: ServerProcess = {
    port,
    httpUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    dataDir,
    child,
    output: () => output,
    stop: async (signal) => {
      const code = await stop(signal);
      if (ownsDir) await rm(dataDir, { recursive: true, force: true });
      return code;
    },
    restart: async () => {
      await stop();
      // The restarted process keeps the data folder and, when this one made it, removes it on stop.
      const next: ServerProcessOptions = { ...options, ...(options.memory ? {} : { dataDir }), port };
      ownedDirs.set(next, ownsDir);
      return startServer(next);
    },
  } as ServerProcess;
  return server;
}
