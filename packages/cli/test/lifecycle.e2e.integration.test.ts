import { existsSync } from 'node:fs';
import { CHAT_BIN, type ServerProcess, startServer } from 'aurora-testkit';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { Tmux } from './tmux.js';

// Messages that live (#19), end to end: alice edits her last line with Up, bob reacts and replies,
// alice deletes; bob sees it all live and again after reconnecting.

const tmux = new Tmux();
let server: ServerProcess;

const statusLine = (screen: string) => screen.split('\n')[0] ?? '';
const client = (session: string, nick: string) =>
  tmux.startChat(session, ['--room', 'dev', '--name', nick, '--server', server.wsUrl]);

beforeAll(async () => {
  if (!Tmux.available()) throw new Error('tmux is not installed (.ci/run installs it)');
  if (!existsSync(CHAT_BIN)) throw new Error(`${CHAT_BIN} is missing: run \`pnpm build\` first`);
  server = await startServer({});
});

afterAll(async () => {
  tmux.kill();
  await server?.stop();
});

describe('edit, react, reply and delete in the terminal', () => {
  it('are seen by a second client live and after it reconnects', async () => {
    client('alice', 'alice');
    await tmux.waitFor('alice', (s) => /│ online │ #dev/.test(statusLine(s)));
    client('bob', 'bob');
    await tmux.waitFor('bob', (s) => /│ online │ #dev/.test(statusLine(s)));
    await tmux.waitFor('alice', /bob joined/);

    // Two join notices are stored first: alice's line is message 3 of a fresh server.
    await tmux.typeLine('alice', 'helo wrld');
    await tmux.waitFor('bob', /alice │ helo wrld/);
    tmux.keys('alice', 'Up');
    await tmux.waitFor('alice', /#dev › \/edit 3 helo wrld/);
    tmux.keys('alice', 'C-u');
    await tmux.typeLine('alice', '/edit 3 hello world');
    await tmux.waitFor('bob', /alice │ hello world \(edited\)/);

    await tmux.typeLine('bob', '/react 3 :+1:');
    await tmux.waitFor('alice', /│ 👍 1/);
    await tmux.typeLine('bob', '/reply 3 it is indeed');
    await tmux.waitFor('alice', /↳ alice: hello world[^\n]*\n[^\n]*bob │ it is indeed/);

    await tmux.typeLine('alice', '/delete 3');
    await tmux.waitFor('bob', /alice │ message deleted/);
    // Gone from the quote above the reply too: a deleted text does not live on anywhere on screen.
    await tmux.waitFor('bob', (s) => !s.includes('hello world') && !s.includes('👍 1'));
    await tmux.waitFor('bob', /↳ alice: message deleted/);

    tmux.run('kill-session', '-t', 'bob');
    client('bob', 'bob');
    await tmux.waitFor('bob', (s) => /│ online │ #dev/.test(statusLine(s)));
    await tmux.waitFor('bob', /alice │ message deleted/);
    await tmux.waitFor('bob', /↳ alice: message deleted[^\n]*\n[^\n]*bob │ it is indeed/);
  });
});
