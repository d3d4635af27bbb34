import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHAT_BIN, type ServerProcess, startServer } from 'aurora-testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatProcesses } from '../src/testing/chat-process.js';
import { Tmux } from './tmux.js';

// Moderation in two real terminals: alice (registered, the first into #dev, so its owner) kicks the
// guest bob, who comes back, then bans him; bob cannot rejoin, and both screens say what happened.

const tmux = new Tmux();
let server: ServerProcess;
let aliceHome = '';
let bobHome = '';

const statusLine = (screen: string) => screen.split('\n')[0] ?? '';

beforeAll(async () => {
  if (!Tmux.available()) throw new Error('tmux is not installed (.ci/run installs it)');
  if (!existsSync(CHAT_BIN)) throw new Error(`${CHAT_BIN} is missing: run \`pnpm build\` first`);
  server = await startServer({ memory: true });
  aliceHome = await mkdtemp(join(tmpdir(), 'aurora-e2e-moderation-alice-'));
  bobHome = await mkdtemp(join(tmpdir(), 'aurora-e2e-moderation-bob-'));
  const alice = new ChatProcesses({ XDG_CONFIG_HOME: aliceHome });
  const registered = await alice.run(
    ['register', '--name', 'alice', '--password-stdin', '--server', server.wsUrl],
    'correct horse battery\n',
  );
  if (registered.code !== 0) throw new Error(`could not register alice: ${registered.stderr}`);
});

afterAll(async () => {
  tmux.kill();
  await server?.stop();
  for (const home of [aliceHome, bobHome]) if (home) await rm(home, { recursive: true, force: true });
});

describe('moderation in aurora-chat', () => {
  it('an owner kicks and bans a guest, who then cannot rejoin, with the notices on both screens', async () => {
    const start = (name: string, home: string) =>
      tmux.startChat(name, ['--room', 'dev', '--name', name, '--server', server.wsUrl], {
        XDG_CONFIG_HOME: home,
      });
    start('alice', aliceHome);
    await tmux.waitFor('alice', (s) => /│ online │ #dev .*✓ alice/.test(statusLine(s)) && /~alice/.test(s));
    start('bob', bobHome);
    await tmux.waitFor('bob', (s) => /│ online │ #dev/.test(statusLine(s)) && /~alice/.test(s));
    await tmux.waitFor('alice', /bob joined/);

    await tmux.typeLine('alice', '/kick bob calm down');
    await tmux.waitFor('alice', /alice kicked bob from #dev: calm down/);
    const kicked = await tmux.waitFor('bob', /You were kicked from dev/);
    expect(kicked).toMatch(/calm down/);

    await tmux.typeLine('bob', '/join dev');
    await tmux.waitFor('bob', (s) => /│ #dev/.test(statusLine(s)));
    await tmux.waitFor('alice', (s) => (s.match(/bob joined/g) ?? []).length >= 1 && /Members \(2\)/.test(s));

    await tmux.typeLine('alice', '/ban bob 1h spam');
    await tmux.waitFor('alice', /alice banned bob from #dev until .* UTC: spam/);
    await tmux.waitFor('bob', /You were banned from dev/);
    await tmux.typeLine('bob', '/join dev');
    const refused = await tmux.waitFor('bob', /you are banned from #dev until .*\(banned\)/);
    expect(statusLine(refused)).not.toMatch(/│ #dev/);
    await tmux.waitFor('alice', /Members \(1\)/);
  });
});
