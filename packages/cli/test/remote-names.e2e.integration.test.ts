import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHAT_BIN, type ServerProcess, startServer } from 'aurora-testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatProcesses } from '../src/testing/chat-process.js';
import { Tmux } from './tmux.js';

// Rooms and people named like Object.prototype members, through a real aurora-server: the chat
// once crashed on joining `--room constructor`.

const tmux = new Tmux();
let server: ServerProcess;
let configHome = '';
let processes: ChatProcesses;

const statusLine = (screen: string) => screen.split('\n')[0] ?? '';

beforeAll(async () => {
  if (!Tmux.available()) throw new Error('tmux is not installed (.ci/run installs it)');
  if (!existsSync(CHAT_BIN)) throw new Error(`${CHAT_BIN} is missing: run \`pnpm build\` first`);
  server = await startServer({ memory: true });
  configHome = await mkdtemp(join(tmpdir(), 'aurora-e2e-names-'));
  processes = new ChatProcesses({ XDG_CONFIG_HOME: configHome });
});

afterAll(async () => {
  tmux.kill();
  processes?.killAll();
  await server?.stop();
  if (configHome) await rm(configHome, { recursive: true, force: true });
});

const send = (args: string[]) => processes.run(['send', '--server', server.wsUrl, ...args]);

describe('aurora-chat and names that are Object.prototype members', () => {
  it('joins --room constructor, shows its messages and a direct message from __proto__', async () => {
    tmux.startChat('alice', ['--room', 'constructor', '--name', 'alice', '--server', server.wsUrl], {
      XDG_CONFIG_HOME: configHome,
    });
    await tmux.waitFor('alice', (s) => /│ online │ #constructor/.test(statusLine(s)));
    expect((await send(['--room', 'constructor', '--name', 'bob', 'hello in constructor'])).code).toBe(0);
    await tmux.waitFor('alice', /bob │ hello in constructor/);
    expect((await send(['--to', 'alice', '--name', '__proto__', 'a direct word'])).code).toBe(0);
    await tmux.waitFor('alice', (s) => /@__proto__ +1!/.test(s));
    await tmux.typeLine('alice', '/join tostring');
    await tmux.waitFor('alice', (s) => /│ online │ #tostring/.test(statusLine(s)));
    await tmux.typeLine('alice', '/msg constructor are you there?');
    await tmux.waitFor('alice', (s) => /│ online │ @constructor/.test(statusLine(s)));
    await tmux.waitFor('alice', /are you there\?/);
    expect(tmux.alive('alice')).toBe(true);
    expect(tmux.capture('alice')).not.toMatch(/ERROR|TypeError/);
  });

  it('tails --room constructor with its history', async () => {
    const reader = processes.follow([
      'tail',
      '--server',
      server.wsUrl,
      '--room',
      'constructor',
      '--name',
      'hasOwnProperty',
      '--json',
      '--history',
      '1',
    ]);
    await reader.waitFor(/"hasOwnProperty joined"/);
    // Message lines only: the `caught_up` line that follows the history has no text.
    const texts = reader
      .lines()
      .map((line) => JSON.parse(line))
      .filter((line) => line.type === 'message')
      .map((line) => line.text);
    // send posts without joining: its line is the last one before this join.
    expect(texts).toEqual(['hello in constructor', 'hasOwnProperty joined']);
    reader.child.kill('SIGTERM');
    expect(await reader.exited).toBe(0);
  });
});
