import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from 'aurora-testkit';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe } from 'vitest';
import { connectRedis } from '../cluster/redis-connection.js';
import { silentLogger } from '../logger.js';

/** Whether `redis-server` is on PATH (`.ci/run` installs it). */
export const REDIS_AVAILABLE = spawnSync('redis-server', ['--version']).status === 0;

/** `describe` for suites that need a real redis-server; skipped, saying why, only when there is none. */
export function describeWithRedis(name: string, suite: () => void): void {
  if (REDIS_AVAILABLE) describe(name, suite);
  else describe.skip(`${name} (skipped: redis-server is not on PATH; .ci/run installs it)`, suite);
}

/** A suite's redis-server and a command connection to it, set once `beforeAll` ran. */
export interface RedisFixture {
  readonly server: TestRedis;
  readonly command: Redis;
}

/** Starts a redis-server and a command connection for the suite (call inside `describe`); stops both after. */
export function useTestRedis(options: TestRedisOptions = {}): RedisFixture {
  const fixture = {} as { server: TestRedis; command: Redis };
  beforeAll(async () => {
    fixture.server = await TestRedis.start(options);
    fixture.command = await connectRedis(fixture.server.url, 'command', silentLogger);
  });
  afterAll(async () => {
    fixture.command?.disconnect();
    await fixture.server?.dispose();
  });
  return fixture;
}

/** Options for {@link TestRedis.start}. */
export interface TestRedisOptions {
  /** Keep an append-only file (fsync always), so a restart keeps the data. */
  readonly appendOnly?: boolean;
}

/** A redis-server of a test's own, on a free port, in a temporary folder. */
export class TestRedis {
  private child: ChildProcess | undefined;

  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly options: TestRedisOptions,
  ) {}

  /** Starts a server and resolves once it accepts connections. */
  static async start(options: TestRedisOptions = {}): Promise<TestRedis> {
    const dir = await mkdtemp(join(tmpdir(), 'aurora-redis-'));
    const server = new TestRedis(await freePort(), dir, options);
    await server.launch();
    return server;
  }

  /** `redis://127.0.0.1:PORT` */
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** A plain client for the test's own checks; the caller quits it. */
  client(): Redis {
    return new Redis(this.url, { maxRetriesPerRequest: 1 });
  }

  /** Deletes every key. */
  async flush(): Promise<void> {
    const client = this.client();
    await client.flushall();
    await client.quit();
  }

  /** Stops the server (SIGTERM saves the append-only file; SIGKILL does not). */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }

  /** Starts again on the same port and folder. */
  async restart(): Promise<void> {
    await this.stop();
    await this.launch();
  }

  /** Stops the server and removes its folder. */
  async dispose(): Promise<void> {
    await this.stop('SIGKILL');
    await rm(this.dir, { recursive: true, force: true });
  }

  private async launch(): Promise<void> {
    const aof = this.options.appendOnly ?? false;
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--save', ''];
    args.push('--appendonly', aof ? 'yes' : 'no', '--appendfsync', 'always');
    const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited with ${code}:\n${output}`));
      });
    });
  }
}
