import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHAT_BIN, type ServerProcess, startServer } from 'aurora-testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatProcesses } from '../src/testing/chat-process.js';
import { Tmux } from './tmux.js';

// Room settings in two real terminals: alice (registered, the first into #dev, so its owner) makes
// #dev invite-only with /mode +i; bob (registered too) is refused with the clear line on his screen,
// alice invites him, he is told so, and joins.

const tmux = new Tmux();
let server: ServerProcess;
let aliceHome = '';
let bobHome = '';

const statusLine = (screen: string) => screen.split('\n')[0] ?? '';

beforeAll(async () => {
  if (!Tmux.available()) throw new Error('tmux is not installed (.ci/run installs it)');
  if (!existsSync(CHAT_BIN)) throw new Error(`${CHAT_BIN} is missing: run \`pnpm build\` first`);
  server = await startServer({ memory: true });
  aliceHome = await mkdtemp(join(tmpdir(), 'aurora-e2e-rooms-alice-'));
  bobHome = await mkdtemp(join(tmpdir(), 'aurora-e2e-rooms-bob-'));
  for (const [name, home] of [
    ['alice', aliceHome],
    ['bob', bobHome],
  ] as const) {
    const registered = await new ChatProcesses({ XDG_CONFIG_HOME: home }).run(
      ['register', '--name', name, '--password-stdin', '--server', server.wsUrl],
      'correct horse battery\n',
    );
    if (registered.code !== 0) throw new Error(`could not register ${name}: ${registered.stderr}`);
  }
});

afterAll(async () => {
  tmux.kill();
  await server?.stop();
  for (const home of [aliceHome, bobHome]) if (home) await rm(home, { recursive: true, force: true });
});

describe('room settings in aurora-chat', () => {
  it('an owner makes a room invite-only; an account is refused, invited, told, and joins', async () => {
    const start = (name: string, home: string, room: string) =>
      tmux.startChat(name, ['--room', room, '--name', name, '--server', server.wsUrl], {
        XDG_CONFIG_HOME: home,
      });
    start('alice', aliceHome, 'dev');
    await tmux.waitFor('alice', (s) => /│ online │ #dev .*✓ alice/.test(statusLine(s)) && /~alice/.test(s));
    start('bob', bobHome, 'lobby');
    await tmux.waitFor('bob', (s) => /│ online │ #lobby .*✓ bob/.test(statusLine(s)));

    await tmux.typeLine('alice', '/mode +i');
    await tmux.waitFor('alice', /alice made #dev invite-only/);
    await tmux.waitFor('alice', /#dev is invite-only, has its topic protected/);

    await tmux.typeLine('bob', '/join #dev');
    const refused = await tmux.waitFor('bob', /#dev is invite-only: ask an operator of it to \/invite you/);
    expect(statusLine(refused)).toMatch(/│ #lobby/);

    await tmux.typeLine('alice', '/invite bob');
    await tmux.waitFor('alice', /alice invited bob to #dev/);
    await tmux.waitFor('bob', /alice invited you to #dev\. \/join #dev to go in\./);

    await tmux.typeLine('bob', '/join #dev');
    await tmux.waitFor('bob', (s) => /│ #dev/.test(statusLine(s)) && /~alice/.test(s));
    await tmux.waitFor('alice', (s) => /bob joined/.test(s) && /Members \(2\)/.test(s));
  });
});
