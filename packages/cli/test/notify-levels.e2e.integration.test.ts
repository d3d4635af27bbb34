import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHAT_BIN, eventually, type ServerProcess, startServer } from 'aurora-testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatProcesses } from '../src/testing/chat-process.js';
import { Tmux } from './tmux.js';

// aurora-chat in tmux against a real server, its raw output captured with `tmux pipe-pane`: a muted
// room writes no notification at all, and a highlight keyword writes one, byte for byte.

const tmux = new Tmux();
let server: ServerProcess;
let dir = '';
let output = '';
let processes: ChatProcesses;

/** One OSC 777 notify inside tmux's passthrough: every ESC of it doubled, then ESC \ to end. */
const WRAPPED_777 = /\x1bPtmux;\x1b\x1b\]777;notify;([^;\x1b]*);([^;\x1b]*)\x1b\x1b\\\x1b\\/g;

const statusLine = (screen: string) => screen.split('\n')[0] ?? '';
const captured = () => (existsSync(output) ? readFileSync(output, 'utf8') : '');
const notifications = () => [...captured().matchAll(WRAPPED_777)].map(([, title, body]) => ({ title, body }));
const anyOsc777 = () => captured().split(`]777;`).length - 1;
const send = async (args: string[]) =>
  expect((await processes.run(['send', '--server', server.wsUrl, ...args])).code).toBe(0);

/** Types a command into alice's chat and waits for what it shows. */
async function command(line: string, shows: RegExp | ((screen: string) => boolean)) {
  tmux.run('send-keys', '-t', 'alice', '-l', line);
  tmux.keys('alice', 'Enter');
  await tmux.waitFor('alice', shows);
}

beforeAll(async () => {
  if (!Tmux.available()) throw new Error('tmux is not installed (.ci/run installs it)');
  if (!existsSync(CHAT_BIN)) throw new Error(`${CHAT_BIN} is missing: run \`pnpm build\` first`);
  server = await startServer({ memory: true });
  dir = await mkdtemp(join(tmpdir(), 'aurora-e2e-levels-'));
  output = join(dir, 'alice.out');
  processes = new ChatProcesses({ XDG_CONFIG_HOME: dir });
});

afterAll(async () => {
  tmux.kill();
  processes?.killAll();
  await server?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('notification levels in tmux', () => {
  it('writes nothing for a muted room, one notification for a keyword, and keeps a guest’s settings', async () => {
    tmux.startChat(
      'alice',
      ['--room', 'dev,ops,qa', '--name', 'alice', '--server', server.wsUrl, '--notify', 'osc777'],
      { XDG_CONFIG_HOME: dir },
      { captureTo: output },
    );
    await tmux.waitFor('alice', (s) => /│ online │ #dev/.test(statusLine(s)) && /#qa/.test(s));

    await command('/join ops', (s) => /│ #ops/.test(statusLine(s)));
    await command('/mute', /#ops is muted until you \/unmute/);
    await command('/highlight add deploy', /Highlight keywords \(1 of 50\): deploy/);
    await command('/join dev', (s) => /│ #dev/.test(statusLine(s)));

    // A mention in the muted room, then a keyword in another: both come down the one socket in
    // order, so once the second is notified the first was handled, and wrote nothing.
    await send(['--room', 'ops', '--name', 'bob', 'alice: are you there?']);
    await send(['--room', 'qa', '--name', 'carol', 'the DEPLOY is green']);
    const seen = await eventually(
      'one notification',
      () => notifications().length >= 1 && notifications(),
      15_000,
    );
    expect(seen).toEqual([{ title: 'carol in #qa', body: 'the DEPLOY is green' }]);
    expect(anyOsc777()).toBe(1);
    // The muted room counts unread without the mention mark; the keyword's room has it.
    const screen = await tmux.waitFor('alice', (s) => /#ops +1\b/.test(s) && /#qa +1!/.test(s));
    expect(screen).not.toMatch(/#ops +1!/);

    const kept = JSON.parse(readFileSync(join(dir, 'aurora', 'guest-prefs.json'), 'utf8'));
    expect(kept.servers[server.wsUrl]).toEqual({
      levels: [],
      mutes: [{ target: 'ops' }],
      keywords: ['deploy'],
      ignored: [],
    });
  });
});
