import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHAT_BIN, type ServerProcess, startServer } from 'aurora-testkit';
import { afterAll, beforeAll } from 'vitest';
import { ChatProcesses } from '../src/testing/chat-process.js';
import { Tmux } from './tmux.js';

/** The first row of a screen: aurora-chat's status line. */
export const statusLine = (screen: string) => screen.split('\n')[0] ?? '';

/** Two people's terminals on one server, as {@link twoPeople} sets them up for a test file. */
export interface TwoPeople {
  readonly tmux: Tmux;
  readonly server: () => ServerProcess;
  /** Starts `name`'s aurora-chat in tmux, in `room`, with their own config folder. */
  start(name: 'alice' | 'bob', room: string): void;
}

/**
 * For a test file of two real terminals: an in-memory server, a config folder for alice and one for
 * bob (so each keeps their own log-in), and accounts registered for `registered` before the tests.
 */
export function twoPeople(prefix: string, registered: readonly ('alice' | 'bob')[]): TwoPeople {
  const tmux = new Tmux();
  let server: ServerProcess | undefined;
  const homes = { alice: '', bob: '' };

  beforeAll(async () => {
    if (!Tmux.available()) throw new Error('tmux is not installed (.ci/run installs it)');
    if (!existsSync(CHAT_BIN)) throw new Error(`${CHAT_BIN} is missing: run \`pnpm build\` first`);
    server = await startServer({ memory: true });
    for (const name of ['alice', 'bob'] as const)
      homes[name] = await mkdtemp(join(tmpdir(), `aurora-e2e-${prefix}-${name}-`));
    for (const name of registered) {
      const done = await new ChatProcesses({ XDG_CONFIG_HOME: homes[name] }).run(
        ['register', '--name', name, '--password-stdin', '--server', server.wsUrl],
        'correct horse battery\n',
      );
      if (done.code !== 0) throw new Error(`could not register ${name}: ${done.stderr}`);
    }
  });

  afterAll(async () => {
    tmux.kill();
    await server?.stop();
    for (const home of Object.values(homes)) if (home) await rm(home, { recursive: true, force: true });
  });

  const started = () => {
    if (!server) throw new Error('the server is not started: call twoPeople at the top of the file');
    return server;
  };
  return {
    tmux,
    server: started,
    start: (name, room) =>
      tmux.startChat(name, ['--room', room, '--name', name, '--server', started().wsUrl], {
        XDG_CONFIG_HOME: homes[name],
      }),
  };
}
