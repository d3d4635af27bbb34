import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHAT_BIN, type ServerProcess, startServer } from 'aurora-testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatProcesses } from '../src/testing/chat-process.js';
import { sleep, Tmux } from './tmux.js';

// An account in a real terminal: log in with /login (the password masked), leave, get mentioned,
// come back without a password and find the mention at the top of the screen.

const PASSWORD = 'correct horse battery';
const tmux = new Tmux();
let server: ServerProcess;
let configHome = '';
let others: ChatProcesses;

const statusLine = (screen: string) => screen.split('\n')[0] ?? '';
const chat = () =>
  tmux.startChat('alice', ['--room', 'dev', '--name', 'alice', '--server', server.wsUrl], {
    XDG_CONFIG_HOME: configHome,
  });

beforeAll(async () => {
  if (!Tmux.available()) throw new Error('tmux is not installed (.ci/run installs it)');
  if (!existsSync(CHAT_BIN)) throw new Error(`${CHAT_BIN} is missing: run \`pnpm build\` first`);
  server = await startServer({ memory: true });
  configHome = await mkdtemp(join(tmpdir(), 'aurora-e2e-accounts-'));
  // Everyone else is on another computer, with a config folder of their own.
  others = new ChatProcesses({ XDG_CONFIG_HOME: await mkdtemp(join(configHome, 'others-')) });
  const registered = await others.run(
    ['register', '--name', 'alice', '--password-stdin', '--server', server.wsUrl],
    `${PASSWORD}\n`,
  );
  if (registered.code !== 0) throw new Error(`could not register alice: ${registered.stderr}`);
  await others.run(['logout', '--name', 'alice', '--server', server.wsUrl]);
});

afterAll(async () => {
  tmux.kill();
  others?.killAll();
  await server?.stop();
  if (configHome) await rm(configHome, { recursive: true, force: true });
});

describe('an account in aurora-chat', () => {
  it('logs in with /login, the password shown only as bullets', async () => {
    chat();
    await tmux.waitFor('alice', (s) => /name registered — \/login/.test(statusLine(s)));
    await tmux.waitFor('alice', /\/login alice, or take another name/);
    await tmux.typeLine('alice', '/login');
    await tmux.waitFor('alice', /password for alice › *$/m);
    tmux.run('send-keys', '-t', 'alice', '-l', PASSWORD);
    const typed = await tmux.waitFor('alice', new RegExp(`password for alice › •{${PASSWORD.length}}`));
    expect(typed).not.toContain('horse');
    tmux.keys('alice', 'Enter');
    const online = await tmux.waitFor(
      'alice',
      (s) => /│ online │ #dev .*✓ alice/.test(statusLine(s)) && /(-->|<->) │ (.*, )?alice joined/.test(s),
    );
    expect(online).toMatch(/(-->|<->) │ (.*, )?alice joined/);
    expect(online).not.toContain('horse');
  });

  it('comes back logged in, with what it missed at the top', async () => {
    await tmux.typeLine('alice', '/quit');
    for (let waited = 0; tmux.alive('alice') && waited < 5000; waited += 100) await sleep(100);
    const post = (args: string[]) => others.run(['send', '--name', 'bob', '--server', server.wsUrl, ...args]);
    expect((await post(['--room', 'dev', 'alice: the **release** notes, please'])).code).toBe(0);
    expect((await post(['--to', 'alice', 'lunch at noon?'])).code).toBe(0);
    chat();
    // The digest comes right after the greeting; the room follows a moment later.
    const screen = await tmux.waitFor(
      'alice',
      (s) =>
        /│ online │ #dev .*✓ alice/.test(statusLine(s)) &&
        s.includes('While you were away') &&
        /@bob +1!/.test(s),
    );
    const rows = screen.split('\n');
    expect(rows[1]).toContain('While you were away: 1 mention, 1 direct message');
    expect(rows[2]).toMatch(/^ {2}\d\d:\d\d #dev +bob +alice: the release notes, please/);
    expect(rows[3]).toMatch(/^ {2}\d\d:\d\d DM +bob +lunch at noon\?/);
    expect(screen).toMatch(/@bob +1!/);
    // Moving to another window puts the digest away.
    tmux.keys('alice', 'C-Right');
    await tmux.waitFor('alice', (s) => !s.includes('While you were away') && /│ @bob/.test(statusLine(s)));
  });

  it('starts with a session ended elsewhere: says so, holds a line typed meanwhile, sends it after /login', async () => {
    await tmux.typeLine('alice', '/quit');
    for (let waited = 0; tmux.alive('alice') && waited < 5000; waited += 100) await sleep(100);
    // Another device logs the account out everywhere: the token this terminal kept stops working.
    const account = ['--name', 'alice', '--server', server.wsUrl];
    expect((await others.run(['login', ...account, '--password-stdin'], `${PASSWORD}\n`)).code).toBe(0);
    expect((await others.run(['logout', ...account, '--everywhere'])).code).toBe(0);
    chat();
    await tmux.waitFor(
      'alice',
      (s) => /session ended — \/login/.test(statusLine(s)) && /\/nick NAME goes on as a guest/.test(s),
    );
    await tmux.typeLine('alice', 'anyone here?');
    const held = await tmux.waitFor(
      'alice',
      (s) => /│ #dev /.test(statusLine(s)) && /anyone here\? \(waits: \/login alice/.test(s),
    );
    expect(held).toMatch(/Not sent yet: your session for alice on .* ended/);
    await tmux.typeLine('alice', '/login');
    await tmux.waitFor('alice', /password for alice › *$/m);
    await tmux.typeLine('alice', PASSWORD);
    const sent = await tmux.waitFor(
      'alice',
      (s) => /│ online │ #dev .*✓ alice/.test(statusLine(s)) && /│ anyone here\? *│/.test(s),
    );
    expect(sent).not.toContain('horse');
  });
});
