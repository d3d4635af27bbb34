import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHAT_BIN, type ServerProcess, startServer } from 'aurora-testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tmux } from './tmux.js';

// Two real aurora-chat processes in tmux against a real server: what people see, end to end.

const tmux = new Tmux();
let server: ServerProcess;
let dataDir = '';

const count = (screen: string, text: string) => screen.split(text).length - 1;
const statusLine = (screen: string) => screen.split('\n')[0] ?? '';
const client = (session: string, nick: string) =>
  tmux.startChat(session, ['--room', 'dev', '--name', nick, '--server', server.wsUrl]);

beforeAll(async () => {
  if (!Tmux.available()) throw new Error('tmux is not installed (.ci/run installs it)');
  if (!existsSync(CHAT_BIN)) throw new Error(`${CHAT_BIN} is missing: run \`pnpm build\` first`);
  // Our own folder: a server that owns its folder deletes it when stopped, and the restart below must
  // find the history it stored.
  dataDir = await mkdtemp(join(tmpdir(), 'aurora-e2e-'));
  server = await startServer({ dataDir });
});

afterAll(async () => {
  tmux.kill();
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('aurora-chat in a terminal', () => {
  it('connects and shows who joined', async () => {
    client('alice', 'alice');
    await tmux.waitFor('alice', (s) => /│ online │ #dev/.test(statusLine(s)));
    client('bob', 'bob');
    await tmux.waitFor('bob', (s) => /│ online │ #dev/.test(statusLine(s)));
    await tmux.waitFor('alice', /(-->|<->) │ (.*, )?bob joined/);
    const screen = await tmux.waitFor('alice', /Members \(2\)/);
    expect(screen).toMatch(/Members \(2\)\s*\n.*alice\s*\n.*bob/);
  });

  it("shows each other's messages with names and formatting", async () => {
    await tmux.typeLine('alice', 'hello **bob**, the _build_ is `green`');
    const bob = await tmux.waitFor('bob', /alice │ hello bob, the build is green/);
    expect(bob).not.toContain('**');
    await tmux.typeLine('bob', '/me waves at alice');
    await tmux.waitFor('alice', /│ \* bob waves at alice/);
    await tmux.typeLine('bob', 'alice: see https://example.com/docs');
    await tmux.waitFor('alice', /bob │ alice: see https:\/\/example\.com\/docs/);
  });

  it('puts the terminal cursor where the user types, wide characters counted', async () => {
    tmux.run('send-keys', '-t', 'alice', '-l', 'draft 日本');
    const screen = await tmux.waitFor('alice', /#dev › draft 日本/);
    const row = screen.split('\n').findIndex((line) => line.startsWith('#dev › draft'));
    await expect
      .poll(() => tmux.cursor('alice'))
      .toEqual({ x: '#dev › draft '.length + 4, y: row, visible: true });
    tmux.keys('alice', 'C-u');
    await tmux.waitFor('alice', (s) => !s.includes('#dev › draft'));
  });

  it('reconnects after the server restarts, with nothing missed or shown twice', async () => {
    // Stopped and started by hand rather than with restart(), so the client is surely offline while
    // alice types: that message must wait as pending and go out once after the reconnect.
    const { port } = server;
    await server.stop();
    await tmux.waitFor('alice', (s) => /reconnecting/.test(statusLine(s)), 10_000);
    await tmux.typeLine('alice', 'typed while offline');
    await tmux.waitFor('alice', /alice │ typed while offline …/);
    server = await startServer({ dataDir, port });
    await tmux.waitFor('alice', (s) => /│ online │/.test(statusLine(s)), 30_000);
    await tmux.waitFor('bob', (s) => /│ online │/.test(statusLine(s)), 30_000);
    await tmux.waitFor('bob', /alice │ typed while offline/);
    await tmux.typeLine('bob', 'back after the restart');
    const alice = await tmux.waitFor('alice', /bob │ back after the restart/);
    expect(count(alice, 'typed while offline')).toBe(1);
    expect(alice).not.toContain('typed while offline …');
    expect(count(alice, 'hello bob, the build is green')).toBe(1);
    expect(count(alice, '* bob waves at alice')).toBe(1);
    expect(count(alice, 'back after the restart')).toBe(1);
    await tmux.typeLine('alice', 'welcome back');
    const bob = await tmux.waitFor('bob', /alice │ welcome back/);
    expect(count(bob, 'welcome back')).toBe(1);
    expect(count(bob, 'typed while offline')).toBe(1);
  });

  it('shows a leave notice when someone quits', async () => {
    await tmux.typeLine('bob', '/quit');
    await tmux.waitFor('alice', /<-- │ bob left/);
    const deadline = Date.now() + 5000;
    while (tmux.alive('bob') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(tmux.alive('bob')).toBe(false);
  });
});
