import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chat, joined, welcome } from 'aurora-testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { programHarness, until } from '../testing/program-harness.js';

// The program in-process: flags as commander parses them, over fake sockets, never a real server.

let configHome = '';

beforeEach(async () => {
  // Never the user's own config or stored sessions.
  configHome = await mkdtemp(join(tmpdir(), 'aurora-program-'));
});

afterEach(async () => {
  await rm(configHome, { recursive: true, force: true });
});

const program = (options: { tty?: boolean } = {}) => programHarness(configHome, options);

describe('aurora-chat --wait', () => {
  it('asks the chat to keep trying only when given', async () => {
    const p = program();
    expect(await p.run('--room', 'dev', '--wait')).toBe(0);
    expect(await p.run('--room', 'dev')).toBe(0);
    expect(p.chats.map((settings) => settings.wait)).toEqual([true, false]);
  });

  it('is documented in the help of the chat and of tail', async () => {
    const p = program();
    expect(await p.run('--help')).toBe(0);
    expect(await p.run('tail', '--help')).toBe(0);
    const documented = p.stdout().match(/--wait +keep trying until the server is up/g);
    expect(documented).toHaveLength(2);
  });

  it('is refused by send, which stays fail-fast', async () => {
    const p = program();
    expect(await p.run('send', '--wait', '--room', 'dev', 'hi')).toBe(2);
    expect(p.stderr()).toMatch(/^aurora-chat: unknown option '--wait'.*\[bad_usage\]\n$/);
    expect(p.sockets.sockets).toHaveLength(0);
  });

  it('lets tail wait for a server that is not up yet, then print what arrives', async () => {
    const p = program({ tty: false });
    const done = p.run('tail', '--wait', '--room', 'dev', '--server', '127.0.0.1:9');
    await until(() => p.sockets.sockets.length === 1);
    p.sockets.last().fail('connection refused (is the server running?)');
    await until(() => p.sockets.sockets.length === 2);
    p.sockets.last().fail('connection refused (is the server running?)');
    await until(() => p.sockets.sockets.length === 3);
    // Said once, not at every attempt.
    expect(p.stderr()).toBe(
      'aurora-chat: cannot reach ws://127.0.0.1:9/ws yet: connection refused (is the server running?); trying again until it is up\n',
    );
    const socket = p.sockets.last();
    socket.open();
    socket.deliver(welcome('alice'));
    socket.deliver(joined('dev'));
    socket.deliver(chat(1, 'bob', 'the server is up'));
    await until(() => p.stdout().includes('the server is up'));
    p.interrupt();
    expect(await done).toBe(0);
  });

  it('leaves tail fail-fast without it', async () => {
    const p = program({ tty: false });
    const done = p.run('tail', '--room', 'dev', '--server', '127.0.0.1:9');
    await until(() => p.sockets.sockets.length === 1);
    p.sockets.last().fail('connection refused (is the server running?)');
    expect(await done).toBe(1);
    expect(p.stderr()).toBe(
      'aurora-chat: cannot reach ws://127.0.0.1:9/ws: connection refused (is the server running?) [unreachable]\n',
    );
  });
});

describe('aurora-chat commands', () => {
  it('names an unknown command as one and lists the commands', async () => {
    const p = program();
    expect(await p.run('bogus')).toBe(2);
    expect(p.stderr()).toBe(
      'aurora-chat: unknown command "bogus"; the commands are send, tail, search, register, login, password, account, logout, help, or none for the chat (see aurora-chat --help) [unknown_command]\n',
    );
    expect(p.chats).toHaveLength(0);
    expect(p.sockets.sockets).toHaveLength(0);
  });

  it('names an unknown command that follows the chat flags', async () => {
    const p = program();
    expect(await p.run('--room', 'dev', 'tial')).toBe(2);
    expect(p.stderr()).toMatch(
      /^aurora-chat: unknown command "tial"; the commands are send, tail,.*\[unknown_command\]\n$/,
    );
    expect(p.chats).toHaveLength(0);
  });

  it('takes a lone leading -- (as `pnpm chat -- --room dev` passes) as the flags that follow', async () => {
    const p = program();
    expect(await p.run('--', '--room', 'dev', '--name', 'bob')).toBe(0);
    expect(p.stderr()).toBe('');
    expect(p.chats.map((settings) => [settings.rooms, settings.nick])).toEqual([[['dev'], 'bob']]);
  });

  it('shows the help of a command with help COMMAND', async () => {
    const p = program();
    expect(await p.run('help', 'tail')).toBe(0);
    expect(p.stdout()).toContain('print messages as they arrive');
    expect(p.stderr()).toBe('');
  });

  it('runs a command after a lone leading --', async () => {
    const p = program();
    expect(await p.run('--', 'tail', '--help')).toBe(0);
    expect(p.stdout()).toContain('print messages as they arrive');
  });
});

describe('aurora-chat tail --history', () => {
  const joinNotice = (seq: number, nick: string) =>
    chat(seq, nick, `${nick} joined`, { kind: 'system', event: { kind: 'join', nick } });

  /** Runs `tail --history n` against a room whose join brings `history`; returns the texts printed. */
  async function tailHistory(n: number, history: ReturnType<typeof chat>[]) {
    const p = program({ tty: false });
    const done = p.run('tail', '--room', 'dev', '--history', String(n), '--json');
    await until(() => p.sockets.sockets.length === 1);
    const socket = p.sockets.last();
    socket.open();
    socket.deliver(welcome('alice'));
    socket.deliver(joined('dev', { history }));
    await until(() => p.stdout().includes('alice joined'));
    await until(() => p.stdout().includes('caught_up'));
    p.interrupt();
    expect(await done).toBe(0);
    const lines = p
      .stdout()
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    // History printed, the stream says so once, with the cursor of its last message.
    expect(lines.at(-1)).toEqual({ v: 1, type: 'caught_up', cursor: lines.at(-2).cursor });
    return lines.slice(0, -1).map((line) => line.text);
  }

  it('prints the last N messages before its own join notice', async () => {
    const history = [1, 2, 3, 4, 5].map((seq) => chat(seq, 'bob', `note ${seq}`));
    expect(await tailHistory(3, [...history, joinNotice(6, 'alice')])).toEqual([
      'note 3',
      'note 4',
      'note 5',
      'alice joined',
    ]);
  });

  it('prints one message with --history 1, and none with --history 0', async () => {
    const history = [chat(1, 'bob', 'note 1'), chat(2, 'bob', 'note 2'), joinNotice(3, 'alice')];
    expect(await tailHistory(1, history)).toEqual(['note 2', 'alice joined']);
    expect(await tailHistory(0, history)).toEqual(['alice joined']);
  });
});

describe('aurora-chat tail and a hostile server', () => {
  it.each([[[]], [['--json']]])(
    'drops deeply nested frames and keeps printing (%j), warning once',
    async (json) => {
      const p = program({ tty: false });
      const done = p.run('tail', '--room', 'dev', ...json);
      await until(() => p.sockets.sockets.length === 1);
      const socket = p.sockets.last();
      socket.open();
      socket.deliver(welcome('alice'));
      socket.deliver(joined('dev'));
      for (const open of ['[', '{"a":'])
        socket.deliverRaw(open.repeat(100_000) + (open === '[' ? ']' : '}').repeat(100_000));
      socket.deliver(chat(1, 'bob', 'after the garbage'));
      await until(() => p.stdout().includes('after the garbage'));
      p.interrupt();
      expect(await done).toBe(0);
      expect(p.stderr()).toBe(
        'aurora-chat: dropped a frame the server sent that this client cannot read: frame nests deeper than 32 levels\n',
      );
    },
  );
});
