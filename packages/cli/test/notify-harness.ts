import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHAT_BIN, eventually, type ServerProcess, startServer } from 'aurora-testkit';
import { afterAll, beforeAll, expect } from 'vitest';
import { ChatProcesses } from '../src/testing/chat-process.js';
import { Tmux } from './tmux.js';

/** One OSC 777 notify inside tmux's passthrough: every ESC of it doubled, then ESC \ to end. */
const WRAPPED_777 = /\x1bPtmux;\x1b\x1b\]777;notify;([^;\x1b]*);([^;\x1b]*)\x1b\x1b\\\x1b\\/g;

/**
 * A real server and alice's aurora-chat in tmux with `--notify osc777`, its raw output captured with
 * `tmux pipe-pane` from the first byte, for the notification tests; made before and stopped after the
 * suite (call inside the test file, outside `it`).
 */
export function notifyingChatSuite(name: string) {
  const tmux = new Tmux();
  const state = {
    server: undefined as ServerProcess | undefined,
    dir: '',
    processes: undefined as ChatProcesses | undefined,
  };
  const output = () => join(state.dir, 'alice.out');
  const captured = () => (existsSync(output()) ? readFileSync(output(), 'utf8') : '');
  const notifications = () =>
    [...captured().matchAll(WRAPPED_777)].map(([, title, body]) => ({ title, body }));

  beforeAll(async () => {
    if (!Tmux.available()) throw new Error('tmux is not installed (.ci/run installs it)');
    if (!existsSync(CHAT_BIN)) throw new Error(`${CHAT_BIN} is missing: run \`pnpm build\` first`);
    state.server = await startServer({ memory: true });
    state.dir = await mkdtemp(join(tmpdir(), `aurora-e2e-${name}-`));
    state.processes = new ChatProcesses({ XDG_CONFIG_HOME: state.dir });
  });

  afterAll(async () => {
    tmux.kill();
    state.processes?.killAll();
    await state.server?.stop();
    if (state.dir) await rm(state.dir, { recursive: true, force: true });
  });

  const server = () => {
    if (!state.server) throw new Error('the server starts in beforeAll');
    return state.server;
  };
  return {
    tmux,
    server,
    /** The config folder alice's chat and the `send` commands use. */
    dir: () => state.dir,
    /** Starts alice in `rooms`, notifying with OSC 777, and waits until she is online in the first. */
    async startAlice(rooms: string[]) {
      tmux.startChat(
        'alice',
        ['--room', rooms.join(','), '--name', 'alice', '--server', server().wsUrl, '--notify', 'osc777'],
        { XDG_CONFIG_HOME: state.dir },
        { captureTo: output() },
      );
      const last = new RegExp(`#${rooms.at(-1)}`);
      await tmux.waitFor(
        'alice',
        (s) => new RegExp(`│ online │ #${rooms[0]}`).test(s.split('\n')[0] ?? '') && last.test(s),
      );
    },
    /** Everything alice's chat wrote so far. */
    captured,
    /** The notifications written so far, wrapped for tmux, as title and body. */
    notifications,
    /** Every OSC 777 written, wrapped or not: the wrapped ones must be all of them. */
    anyOsc777: () => captured().split(`]777;`).length - 1,
    /** Waits until `count` notifications were written, and returns them. */
    notified: (count: number) =>
      eventually(
        `${count} notification(s)`,
        () => notifications().length >= count && notifications(),
        15_000,
      ),
    /** Runs `aurora-chat send` against the server; it must succeed. */
    async send(args: string[]) {
      expect((await state.processes!.run(['send', '--server', server().wsUrl, ...args])).code).toBe(0);
    },
  };
}
