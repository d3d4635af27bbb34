import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHAT_BIN, freePort, type ServerProcess, startServer } from 'aurora-testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatProcesses } from '../src/testing/chat-process.js';
import { Tmux } from './tmux.js';

// A chat started before its server (--wait), then a burst of lines and /leave: the server has to
// store every line before the leave notice, as everyone else sees it.

const tmux = new Tmux();
let server: ServerProcess | undefined;
let configHome = '';
let watchers: ChatProcesses;
let port = 0;

const statusLine = (screen: string) => screen.split('\n')[0] ?? '';

beforeAll(async () => {
  if (!Tmux.available()) throw new Error('tmux is not installed (.ci/run installs it)');
  if (!existsSync(CHAT_BIN)) throw new Error(`${CHAT_BIN} is missing: run \`pnpm build\` first`);
  configHome = await mkdtemp(join(tmpdir(), 'aurora-e2e-wait-'));
  watchers = new ChatProcesses({ XDG_CONFIG_HOME: configHome });
  port = await freePort();
});

afterAll(async () => {
  tmux.kill();
  watchers?.killAll();
  await server?.stop();
  if (configHome) await rm(configHome, { recursive: true, force: true });
});

describe('aurora-chat --wait, then /leave after a burst', () => {
  it('waits for a server that is not up yet, then joins once it starts', async () => {
    tmux.startChat('bob', ['--wait', '--room', 'dev', '--name', 'bob', '--server', `127.0.0.1:${port}`], {
      XDG_CONFIG_HOME: configHome,
    });
    const waiting = await tmux.waitFor(
      'bob',
      (s) =>
        /│ waiting for the server, retry in \d+ s │/.test(statusLine(s)) &&
        s.includes(`Cannot reach 127.0.0.1:${port} yet`),
    );
    expect(waiting).toContain(`Cannot reach 127.0.0.1:${port} yet: connection refused`);
    // A slow rate, so the burst below is still being sent when bob leaves, however long typing takes.
    server = await startServer({ memory: true, port, args: ['--rate', '1', '--burst', '1'] });
    await tmux.waitFor('bob', (s) => /│ online │ #dev/.test(statusLine(s)), 30_000);
  });

  it('posts every line typed before /leave ahead of the leave notice', async () => {
    const watcher = watchers.follow([
      'tail',
      '--server',
      `127.0.0.1:${port}`,
      '--room',
      'dev',
      '--name',
      'alice',
      '--json',
      '--history',
      '1',
    ]);
    await watcher.waitFor(/"alice joined"/);
    const lines = Array.from({ length: 12 }, (_, i) => `line ${i + 1}`);
    // Line by line, each key read on its own as a person types: text and Enter in one read would be
    // taken for a paste, so each waits for the composer to show it (a fixed pause does not, under load).
    for (const line of lines) {
      tmux.run('send-keys', '-t', 'bob', '-l', line);
      await tmux.waitFor('bob', (s) => s.includes(`#dev › ${line}`));
      tmux.keys('bob', 'Enter');
      await tmux.waitFor('bob', (s) => !s.includes(`#dev › ${line}`));
    }
    await tmux.typeLine('bob', '/leave');
    await tmux.waitFor('bob', (s) => /#dev │ leaving after \d+ unsent lines? /.test(statusLine(s)));
    await watcher.waitFor(/"bob left"/, 30_000);
    // Message lines only: the `caught_up` line that follows the history has no text.
    const texts = watcher
      .lines()
      .map((line) => JSON.parse(line))
      .filter((line) => line.type === 'message')
      .map((line) => line.text as string);
    const posted = texts.filter((text) => text.startsWith('line '));
    expect(posted).toEqual(lines);
    expect(texts.at(-1)).toBe('bob left');
    await tmux.waitFor('bob', (s) => !/#dev/.test(statusLine(s)));
    watcher.child.kill('SIGTERM');
    expect(await watcher.exited).toBe(0);
  });
});
