import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHAT_BIN, type ServerProcess, startServer } from 'aurora-testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatProcesses } from '../testing/chat-process.js';

// `send` and `tail` as scripts use them: the built binary against a real server.

let server: ServerProcess;
let configHome = '';
let processes: ChatProcesses;

beforeAll(async () => {
  if (!existsSync(CHAT_BIN)) throw new Error(`${CHAT_BIN} is missing: run \`pnpm build\` first`);
  server = await startServer({ memory: true });
  // Never the user's own config or stored sessions.
  configHome = await mkdtemp(join(tmpdir(), 'aurora-scripts-'));
  processes = new ChatProcesses({ XDG_CONFIG_HOME: configHome });
});

afterAll(async () => {
  processes?.killAll();
  await server?.stop();
  if (configHome) await rm(configHome, { recursive: true, force: true });
});

/** Runs aurora-chat to completion. */
const chat = (args: string[], stdin?: string) => processes.run(args, stdin);
/** Starts `aurora-chat tail` and collects its lines. */
const tail = (args: string[]) => processes.follow(['tail', '--server', server.wsUrl, ...args]);

const send = (room: string, name: string, text: string[], stdin?: string) =>
  chat(['send', '--server', server.wsUrl, '--room', room, '--name', name, ...text], stdin);

describe('aurora-chat send and tail', () => {
  it('sends a message, exiting 0 once stored, and tail --json prints it with every field', async () => {
    const watcher = tail(['--room', 'ci', '--name', 'watcher', '--json', '--history', '1']);
    await watcher.waitFor(/"watcher joined"/);
    const sent = await send('ci', 'ci-bot', ['build', '412', '**passed**']);
    expect(sent).toEqual({ code: 0, stdout: '', stderr: '' });
    const line = await watcher.waitFor(/build 412/);
    const message = JSON.parse(line);
    expect(message).toMatchObject({
      type: 'message',
      kind: 'chat',
      room: 'ci',
      from: 'ci-bot',
      text: 'build 412 **passed**',
    });
    expect(message.ts).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(typeof message.id).toBe('string');
    expect(Number.isInteger(message.seq)).toBe(true);
    for (const l of watcher.lines()) expect(l).not.toMatch(/\x1b/);
    // A one-shot post does not join the room, so it leaves no join or leave notice.
    expect(watcher.lines().filter((l) => l.includes('ci-bot joined') || l.includes('ci-bot left'))).toEqual(
      [],
    );
    watcher.child.kill('SIGTERM');
    expect(await watcher.exited).toBe(0);
  });

  it('sends the text from stdin as one message, line breaks included', async () => {
    const watcher = tail(['--room', 'logs', '--name', 'reader', '--json', '--history', '1']);
    await watcher.waitFor(/"reader joined"/);
    expect((await send('logs', 'git', [], 'commit 1234\nAuthor: ci\n\n    fix the build\n')).code).toBe(0);
    const line = await watcher.waitFor(/commit 1234/);
    expect(JSON.parse(line).text).toBe('commit 1234\nAuthor: ci\n\n    fix the build');
    watcher.child.kill('SIGINT');
    expect(await watcher.exited).toBe(0);
  });

  it('prints earlier messages with --history, one plain line each, and exits 0 on Ctrl+C', async () => {
    for (const n of [1, 2, 3]) expect((await send('hist', 'poster', [`note ${n}`])).code).toBe(0);
    const reader = tail(['--room', 'hist', '--name', 'late', '--history', '3']);
    await reader.waitFor(/-- late joined/);
    const lines = reader.lines();
    // Three earlier messages, then the notice of its own join (not one of the three).
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(line).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d #hist /);
    expect(lines.map((l) => l.replace(/^.* #hist /, ''))).toEqual([
      '<poster> note 1',
      '<poster> note 2',
      '<poster> note 3',
      '-- late joined',
    ]);
    reader.child.kill('SIGINT');
    expect(await reader.exited).toBe(0);
  });

  it('fails with the server reason when the name is taken', async () => {
    const holder = tail(['--room', 'dev', '--name', 'taken', '--history', '1']);
    await holder.waitFor(/taken joined/);
    const run = await send('dev', 'TAKEN', ['hello']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^aurora-chat: the server refused the name "TAKEN": .*taken.* \[name_taken\]\n$/,
    );
    holder.child.kill('SIGTERM');
  });

  it('fails with one line when the server cannot be reached', async () => {
    const run = await chat(['send', '--server', '127.0.0.1:1', '--room', 'dev', '--name', 'x', 'hi']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'aurora-chat: cannot reach ws://127.0.0.1:1/ws: connection refused (is the server running?) [unreachable]\n',
    );
  });

  it('refuses a bad flag, a bad name and a missing message with one line and exit 2', async () => {
    const flag = await chat(['send', '--rom', 'dev', 'x']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/^aurora-chat: unknown option '--rom'.*\[bad_usage\]\n$/);
    const name = await send('dev', 'bad name', ['x']);
    expect(name.code).toBe(2);
    expect(name.stderr).toContain('cannot be a name');
    const empty = await send('dev', 'ci', [], '\n');
    expect(empty).toMatchObject({
      code: 2,
      stderr: 'aurora-chat: no message: give it as an argument or pipe it on stdin [no_text]\n',
    });
  });

  it('points to send and tail when the chat is started without a terminal', async () => {
    const run = await chat(['--room', 'dev', '--name', 'x', '--server', server.wsUrl]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('the chat needs a terminal');
    expect(run.stderr).toContain('aurora-chat send');
    expect(run.stderr).toContain('aurora-chat tail');
  });

  it('keeps tailing across a server restart, printing nothing twice and skipping nothing', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'aurora-tail-'));
    let own = await startServer({ dataDir });
    try {
      const url = own.wsUrl;
      const post = (text: string) =>
        chat(['send', '--server', url, '--room', 'ops', '--name', 'pager', text]);
      const watcher = tail([
        '--room',
        'ops',
        '--name',
        'oncall',
        '--json',
        '--history',
        '1',
        '--server',
        url,
      ]);
      await watcher.waitFor(/"oncall joined"/);
      expect((await post('before the restart')).code).toBe(0);
      await watcher.waitFor(/before the restart/);
      const { port } = own;
      await own.stop();
      own = await startServer({ dataDir, port });
      expect((await post('after the restart')).code).toBe(0);
      await watcher.waitFor(/after the restart/);
      const texts = watcher.lines().map((line) => JSON.parse(line).text);
      expect(texts.filter((t) => t === 'before the restart')).toHaveLength(1);
      expect(texts.filter((t) => t === 'after the restart')).toHaveLength(1);
      await expect.poll(() => watcher.stderr()).toMatch(/reconnecting in \d+ s/);
      watcher.child.kill('SIGTERM');
      expect(await watcher.exited).toBe(0);
    } finally {
      await own.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('prints help and version', async () => {
    const help = await chat(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: aurora-chat');
    expect(help.stdout).toContain('send [options] [text...]');
    for (const command of ['register [options]', 'login [options]', 'logout [options]'])
      expect(help.stdout).toContain(command);
    expect(help.stdout).toContain('credentials.json');
    const version = await chat(['--version']);
    expect(version).toMatchObject({ code: 0, stdout: '0.1.0\n' });
  });
});
