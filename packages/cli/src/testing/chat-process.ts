import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHAT_BIN } from 'aurora-testkit';

/** How a finished aurora-chat process ended and what it printed. */
export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The built aurora-chat binary, run as a script would run it (no terminal), in `env`. */
export class ChatProcesses {
  private readonly children: ChildProcess[] = [];

  /** Runs `bin` (the workspace's build unless told) with `env` added to this process's environment. */
  constructor(
    private readonly env: NodeJS.ProcessEnv = {},
    private readonly bin: string = CHAT_BIN,
  ) {}

  /** Runs aurora-chat to completion, with `stdin` as its input. */
  run(args: readonly string[], stdin?: string): Promise<Run> {
    return new Promise((resolve) => {
      const child = this.spawn(args, ['pipe', 'pipe', 'pipe']);
      const seen = collect(child);
      child.stdin!.end(stdin ?? '');
      // 'close', not 'exit': only then has everything the process printed been read.
      child.on('close', (code) => resolve({ code, ...seen }));
    });
  }

  /** Starts a long-running aurora-chat (`tail`) and follows what it prints. */
  follow(args: readonly string[]) {
    const child = this.spawn(args, ['ignore', 'pipe', 'pipe']);
    const seen = collect(child);
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    return {
      child,
      exited,
      lines: () => seen.stdout.split('\n').filter(Boolean),
      /** The lines printed in full: a process killed mid-write may leave half of one at the end. */
      completeLines: () => seen.stdout.split('\n').slice(0, -1).filter(Boolean),
      stderr: () => seen.stderr,
      /** Waits until a printed line matches; fails with everything printed after `timeoutMs`. */
      waitFor: async (pattern: RegExp, timeoutMs = 10_000) => {
        const deadline = Date.now() + timeoutMs;
        while (Date.now() < deadline) {
          const line = seen.stdout.split('\n').find((l) => pattern.test(l));
          if (line) return line;
          await new Promise((r) => setTimeout(r, 50));
        }
        throw new Error(`no line matched ${pattern}; got:\n${seen.stdout}\nstderr:\n${seen.stderr}`);
      },
    };
  }

  /** Kills every process still running. */
  killAll(): void {
    for (const child of this.children) child.kill('SIGKILL');
  }

  private spawn(args: readonly string[], stdio: ('pipe' | 'ignore')[]): ChildProcess {
    const child = spawn(process.execPath, [this.bin, ...args], {
      stdio: stdio as ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...this.env },
    });
    this.children.push(child);
    return child;
  }
}

function collect(child: ChildProcess) {
  const seen = { stdout: '', stderr: '' };
  child.stdout?.on('data', (d: Buffer) => {
    seen.stdout += d;
  });
  child.stderr?.on('data', (d: Buffer) => {
    seen.stderr += d;
  });
  return seen;
}

/**
 * Computers of their own for integration tests: each runs aurora-chat against one server with a
 * fresh config folder (its own credentials file), as if on its own machine.
 */
export class TestComputers {
  private readonly folders: string[] = [];
  private readonly processes: ChatProcesses[] = [];

  constructor(private readonly prefix: string) {}

  /** A new computer whose commands all go to `wsUrl`. */
  async open(wsUrl: string) {
    const configHome = await mkdtemp(join(tmpdir(), this.prefix));
    this.folders.push(configHome);
    const processes = new ChatProcesses({ XDG_CONFIG_HOME: configHome });
    this.processes.push(processes);
    const at = ['--server', wsUrl];
    return {
      credentials: join(configHome, 'aurora', 'credentials.json'),
      run: (args: string[], stdin?: string) => processes.run([...args, ...at], stdin),
      tail: (args: string[]) => processes.follow(['tail', ...args, ...at]),
    };
  }

  /** Kills what the computers still run. */
  killAll(): void {
    for (const processes of this.processes.splice(0)) processes.killAll();
  }

  /** Removes their config folders. */
  async dispose(): Promise<void> {
    this.killAll();
    for (const folder of this.folders.splice(0)) await rm(folder, { recursive: true, force: true });
  }
}
