import { existsSync } from 'node:fs';
import { CHAT_BIN, type ServerProcess, startServer } from 'aurora-testkit';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { TestComputers } from './chat-process.js';

/** What a test file of the built binary against a real server gets from {@link withShellServer}. */
export interface ShellServer {
  /** A computer of its own (its own config folder and credentials file), connected to the server. */
  readonly computer: () => ReturnType<TestComputers['open']>;
  /** The server's WebSocket address, as credentials files key it. */
  readonly wsUrl: () => string;
}

/**
 * Starts a real in-memory server for the calling test file and gives each test computers of their
 * own, as scripts and people use the built binary from a shell; processes are killed after each test.
 */
export function withShellServer(prefix: string): ShellServer {
  let server: ServerProcess | undefined;
  const computers = new TestComputers(prefix);
  const started = () => {
    if (!server) throw new Error('the server is not started: call withShellServer at the top of the file');
    return server;
  };

  beforeAll(async () => {
    if (!existsSync(CHAT_BIN)) throw new Error(`${CHAT_BIN} is missing: run \`pnpm build\` first`);
    server = await startServer({ memory: true });
  });

  afterEach(() => computers.killAll());

  afterAll(async () => {
    await server?.stop();
    await computers.dispose();
  });

  return { computer: () => computers.open(started().wsUrl), wsUrl: () => started().wsUrl };
}
