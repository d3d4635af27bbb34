import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeCursor, encodeCursor, remoteKeyed } from 'aurora-client';
import { chat, joined, welcome } from 'aurora-testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { programHarness, until } from '../testing/program-harness.js';

// `tail --since`, `--cursor-file`, `--until-idle` and `send --id` in-process, over fake sockets.

let configHome = '';

beforeEach(async () => {
  configHome = await mkdtemp(join(tmpdir(), 'aurora-tail-'));
});

afterEach(async () => {
  await rm(configHome, { recursive: true, force: true });
});

const program = () => programHarness(configHome, { tty: false });
const cursorOf = (entries: [string, number][]) => encodeCursor(remoteKeyed(entries));
const positions = (cursor: string) => {
  const decoded = decodeCursor(cursor);
  if (!decoded.ok) throw new Error(decoded.problem);
  return { ...decoded.positions };
};
const jsonLines = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));

/** Starts `tail` with `args` and greets it as the server would. */
async function tail(...args: string[]) {
  const p = program();
  const done = p.run('tail', '--room', 'dev', '--json', ...args);
  await until(() => p.sockets.sockets.length === 1);
  const socket = p.sockets.last();
  socket.open();
  socket.deliver(welcome('alice'));
  return { p, done, socket };
}

describe('aurora-chat tail --since', () => {
  it('resumes after the cursor: the replay, each line with its cursor, then caught_up', async () => {
    const { p, done, socket } = await tail('--since', cursorOf([['dev', 5]]));
    expect(socket.sentOf('hello')[0]).toMatchObject({ rooms: ['dev'], resume: { dev: 5 } });
    socket.deliver(joined('dev', { seq: 7 }));
    socket.deliver(chat(6, 'bob', 'six'));
    socket.deliver(chat(7, 'bob', 'seven'));
    socket.deliver({ type: 'resumed', target: 'dev', recovered: true, replayed: 2, seq: 7 });
    await until(() => p.stdout().includes('caught_up'));
    p.interrupt();
    expect(await done).toBe(0);
    const lines = jsonLines(p.stdout());
    expect(lines.map((line) => [line.type, line.text, positions(line.cursor)])).toEqual([
      ['message', 'six', { dev: 6 }],
      ['message', 'seven', { dev: 7 }],
      ['caught_up', undefined, { dev: 7 }],
    ]);
  });

  it('resumes conversations named as the server spells the person, and keeps that spelling', async () => {
    // `ßß` folds to `ssss`: the spelling, not the canonical form, is what the server accepts back.
    const { p, done, socket } = await tail(
      '--since',
      cursorOf([
        ['dev', 1],
        ['@Bob', 3],
        ['@ßß', 9],
      ]),
    );
    expect(socket.sentOf('hello')[0]?.resume).toEqual({ dev: 1, '@Bob': 3, '@ßß': 9 });
    socket.deliver(joined('dev', { seq: 1 }));
    socket.deliver({ type: 'resumed', target: 'dev', recovered: true, replayed: 0, seq: 1 });
    socket.deliver(chat(4, 'Bob', 'psst', { to: 'alice' }));
    socket.deliver({ type: 'resumed', target: '@Bob', recovered: true, replayed: 1, seq: 4 });
    socket.deliver({ type: 'resumed', target: '@ßß', recovered: true, replayed: 0, seq: 9 });
    await until(() => p.stdout().includes('caught_up'));
    p.interrupt();
    expect(await done).toBe(0);
    const lines = jsonLines(p.stdout());
    expect(lines.map((line) => [line.type, line.text, positions(line.cursor)])).toEqual([
      ['message', 'psst', { dev: 1, '@Bob': 4, '@ßß': 9 }],
      ['caught_up', undefined, { dev: 1, '@Bob': 4, '@ßß': 9 }],
    ]);
  });

  it('carries the places of rooms it does not follow this time in every cursor', async () => {
    const { p, done, socket } = await tail(
      '--since',
      cursorOf([
        ['dev', 5],
        ['ops', 9],
      ]),
    );
    expect(socket.sentOf('hello')[0]?.resume).toEqual({ dev: 5 });
    socket.deliver(joined('dev', { seq: 6 }));
    socket.deliver(chat(6, 'bob', 'six'));
    await until(() => p.stdout().includes('six'));
    p.interrupt();
    expect(await done).toBe(0);
    expect(positions(jsonLines(p.stdout())[0].cursor)).toEqual({ dev: 6, ops: 9 });
  });

  it('prints a gap line when the server no longer has what came after the cursor', async () => {
    // The cursor is from before the server lost its data: its room restarted at 1.
    const { p, done, socket } = await tail('--since', cursorOf([['dev', 50]]));
    socket.deliver(joined('dev', { history: [chat(1, 'bob', 'one'), chat(2, 'bob', 'two')] }));
    socket.deliver({ type: 'resumed', target: 'dev', recovered: false, replayed: 0, seq: 2 });
    socket.deliver(chat(3, 'bob', 'three'));
    await until(() => p.stdout().includes('three'));
    p.interrupt();
    expect(await done).toBe(0);
    const lines = jsonLines(p.stdout());
    expect(lines.map((line) => [line.type, line.target ?? line.text, positions(line.cursor)])).toEqual([
      ['gap', 'dev', { dev: 0 }],
      ['message', 'one', { dev: 1 }],
      ['message', 'two', { dev: 2 }],
      ['caught_up', undefined, { dev: 2 }],
      ['message', 'three', { dev: 3 }],
    ]);
  });

  it('prints a gap line when retention dropped what came after the cursor, then the latest messages', async () => {
    const { p, done, socket } = await tail('--since', cursorOf([['dev', 3]]));
    socket.deliver(joined('dev', { history: [chat(8, 'bob', 'eight'), chat(9, 'bob', 'nine')], more: true }));
    socket.deliver({ type: 'resumed', target: 'dev', recovered: false, replayed: 0, seq: 9 });
    await until(() => p.stdout().includes('caught_up'));
    p.interrupt();
    expect(await done).toBe(0);
    expect(jsonLines(p.stdout()).map((line) => [line.type, positions(line.cursor)])).toEqual([
      ['gap', { dev: 7 }],
      ['message', { dev: 8 }],
      ['message', { dev: 9 }],
      ['caught_up', { dev: 9 }],
    ]);
  });

  it.each([
    ['starts at or below the cursor', [4, 5, 6, 7]],
    ['starts right after the cursor', [6, 7]],
  ])('prints no gap and no line twice when an unrecovered join history %s', async (_what, seqs) => {
    const { p, done, socket } = await tail('--since', cursorOf([['dev', 5]]));
    socket.deliver(joined('dev', { history: seqs.map((seq) => chat(seq, 'bob', `n${seq}`)) }));
    socket.deliver({ type: 'resumed', target: 'dev', recovered: false, replayed: 0, seq: 7 });
    socket.deliver(chat(8, 'bob', 'n8'));
    await until(() => p.stdout().includes('n8'));
    p.interrupt();
    expect(await done).toBe(0);
    expect(p.stderr()).toBe('');
    expect(jsonLines(p.stdout()).map((line) => [line.type, line.text, positions(line.cursor)])).toEqual([
      ['message', 'n6', { dev: 6 }],
      ['message', 'n7', { dev: 7 }],
      ['caught_up', undefined, { dev: 7 }],
      ['message', 'n8', { dev: 8 }],
    ]);
  });

  it('files a direct message I sent under the other person, however my name is spelt', async () => {
    const { p, done, socket } = await tail('--since', cursorOf([['dev', 1]]));
    socket.deliver(joined('dev', { seq: 1 }));
    socket.deliver({ type: 'resumed', target: 'dev', recovered: true, replayed: 0, seq: 1 });
    // The server spells me `ALICE` here, and the welcome `alice`: both are me.
    socket.deliver(chat(4, 'ALICE', 'to bob', { to: 'Bob' }));
    await until(() => p.stdout().includes('to bob'));
    p.interrupt();
    expect(await done).toBe(0);
    expect(positions(jsonLines(p.stdout()).at(-1).cursor)).toEqual({ dev: 1, '@Bob': 4 });
  });

  it('keeps a readable cursor when a direct message names no one to file it under', async () => {
    const { p, done, socket } = await tail('--since', cursorOf([['dev', 1]]));
    socket.deliver(joined('dev', { seq: 1 }));
    socket.deliver({ type: 'resumed', target: 'dev', recovered: true, replayed: 0, seq: 1 });
    const { room: _room, ...direct } = chat(4, 'alice', 'to nobody', { kind: 'dm' });
    socket.deliver(direct);
    socket.deliver(chat(2, 'bob', 'two'));
    await until(() => p.stdout().includes('two'));
    p.interrupt();
    expect(await done).toBe(0);
    expect(p.stderr()).toMatch(/names no room or person/);
    expect(jsonLines(p.stdout()).map((line) => [line.type, positions(line.cursor)])).toEqual([
      ['caught_up', { dev: 1 }],
      ['message', { dev: 2 }],
    ]);
  });

  it('prints a gap line when a conversation could not be replayed', async () => {
    const { p, done, socket } = await tail(
      '--since',
      cursorOf([
        ['dev', 1],
        ['@Bob', 3],
      ]),
    );
    socket.deliver(joined('dev', { seq: 1 }));
    socket.deliver({ type: 'resumed', target: 'dev', recovered: true, replayed: 0, seq: 1 });
    socket.deliver(chat(20, 'Bob', 'latest', { to: 'alice' }));
    socket.deliver({ type: 'resumed', target: '@Bob', recovered: false, replayed: 1, seq: 20 });
    await until(() => p.stdout().includes('caught_up'));
    p.interrupt();
    expect(await done).toBe(0);
    expect(jsonLines(p.stdout()).map((line) => [line.type, line.target ?? line.text])).toEqual([
      ['message', 'latest'],
      ['gap', '@Bob'],
      ['caught_up', undefined],
    ]);
  });

  it.each([
    ['not base64url', 'not a cursor!'],
    ['edited', cursorOf([['dev', 5]]).slice(0, -2)],
  ])('refuses a cursor that is %s with bad_cursor and exit 2, before connecting', async (_what, cursor) => {
    const p = program();
    expect(await p.run('tail', '--room', 'dev', '--since', cursor)).toBe(2);
    expect(p.stderr()).toMatch(
      /^aurora-chat: --since is not a cursor this client made: .* \[bad_cursor\]\n$/,
    );
    expect(p.sockets.sockets).toHaveLength(0);
  });
});

describe('aurora-chat tail --history across a reconnect', () => {
  it('asks again for the older page the lost socket never brought, and prints every line once', async () => {
    const { p, done, socket } = await tail('--history', '3');
    socket.deliver(joined('dev', { history: [chat(4, 'bob', 'four'), chat(5, 'bob', 'five')], more: true }));
    await until(() => socket.sentOf('history').length === 1);
    expect(socket.sentOf('history')[0]).toEqual({ type: 'history', target: 'dev', before: 4, limit: 1 });
    socket.drop(1006);
    await until(() => p.sockets.sockets.length === 2);
    const again = p.sockets.last();
    again.open();
    again.deliver(welcome('alice'));
    again.deliver(joined('dev', { seq: 6 }));
    again.deliver(chat(6, 'bob', 'six'));
    again.deliver({ type: 'resumed', target: 'dev', recovered: true, replayed: 1, seq: 6 });
    await until(() => again.sentOf('history').length === 1);
    expect(again.sentOf('history')[0]).toEqual({ type: 'history', target: 'dev', before: 4, limit: 1 });
    again.deliver({ type: 'history', target: 'dev', messages: [chat(3, 'bob', 'three')], more: true });
    again.deliver(chat(7, 'bob', 'seven'));
    await until(() => p.stdout().includes('seven'));
    p.interrupt();
    expect(await done).toBe(0);
    expect(jsonLines(p.stdout()).map((line) => line.text ?? line.type)).toEqual([
      'three',
      'four',
      'five',
      'six',
      'caught_up',
      'seven',
    ]);
  });
});

describe('aurora-chat tail --cursor-file', () => {
  it('starts from the saved cursor and saves the cursor of every line, leaving no temporary file', async () => {
    const file = join(configHome, 'dev.cursor');
    await writeFile(file, `${cursorOf([['dev', 5]])}\n`);
    const { p, done, socket } = await tail('--cursor-file', file);
    expect(socket.sentOf('hello')[0]?.resume).toEqual({ dev: 5 });
    socket.deliver(joined('dev', { seq: 6 }));
    socket.deliver(chat(6, 'bob', 'six'));
    await until(() => p.stdout().includes('six'));
    expect(positions((await readFile(file, 'utf8')).trim())).toEqual({ dev: 6 });
    p.interrupt();
    expect(await done).toBe(0);
    expect(await readdir(configHome)).not.toContainEqual(expect.stringMatching(/\.tmp$/));
  });

  it('stops with cursor_not_saved and exit 1 when the file can no longer be written', async () => {
    const folder = join(configHome, 'cursors');
    await mkdir(folder);
    const { p, done, socket } = await tail('--cursor-file', join(folder, 'dev.cursor'));
    socket.deliver(joined('dev', { seq: 4 }));
    await until(() => p.stdout().includes('caught_up'));
    await rm(folder, { recursive: true });
    socket.deliver(chat(5, 'bob', 'five'));
    expect(await done).toBe(1);
    expect(p.stderr()).toMatch(
      /cannot write --cursor-file .*dev\.cursor: its folder does not exist \[cursor_not_saved\]\n$/,
    );
  });

  it('starts afresh without the file, and saves where it started', async () => {
    const file = join(configHome, 'new.cursor');
    const { p, done, socket } = await tail('--cursor-file', file);
    expect(socket.sentOf('hello')[0]).not.toHaveProperty('resume');
    socket.deliver(joined('dev', { seq: 4 }));
    await until(() => p.stdout().includes('caught_up'));
    expect(positions((await readFile(file, 'utf8')).trim())).toEqual({ dev: 4 });
    p.interrupt();
    expect(await done).toBe(0);
  });

  it('refuses a file without a cursor (bad_cursor) and one it cannot use (bad_cursor_file)', async () => {
    const garbled = join(configHome, 'garbled');
    await writeFile(garbled, 'hello\n');
    const folder = join(configHome, 'folder');
    await mkdir(folder);
    const p = program();
    expect(await p.run('tail', '--room', 'dev', '--cursor-file', garbled)).toBe(2);
    expect(await p.run('tail', '--room', 'dev', '--cursor-file', folder)).toBe(2);
    expect(await p.run('tail', '--room', 'dev', '--cursor-file', join(configHome, 'no', 'such'))).toBe(2);
    expect(p.stderr().split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/the cursor in .*garbled is not a cursor this client made: .*\[bad_cursor\]$/),
      expect.stringMatching(/cannot read --cursor-file .*folder: it is a folder \[bad_cursor_file\]$/),
      expect.stringMatching(
        /cannot write --cursor-file .*such: its folder does not exist \[bad_cursor_file\]$/,
      ),
    ]);
    expect(p.sockets.sockets).toHaveLength(0);
  });
});

describe('aurora-chat tail --until-idle', () => {
  it.each([['--until-idle'], ['--once']])(
    'reads each room forward from the cursor without joining, then exits 0 (%s)',
    async (flag) => {
      const { p, done, socket } = await tail(flag, '--since', cursorOf([['dev', 5]]));
      expect(socket.sentOf('hello')[0]).toMatchObject({ rooms: [] });
      expect(socket.sentOf('hello')[0]).not.toHaveProperty('resume');
      await until(() => socket.sentOf('history').length === 1);
      expect(socket.sentOf('history')).toEqual([{ type: 'history', target: 'dev', after: 5, limit: 1000 }]);
      socket.deliver({ type: 'history', target: 'dev', messages: [chat(6, 'bob', 'six')], more: true });
      await until(() => socket.sentOf('history').length === 2);
      expect(socket.sentOf('history')[1]).toEqual({ type: 'history', target: 'dev', after: 6, limit: 1000 });
      socket.deliver({ type: 'history', target: 'dev', messages: [chat(7, 'bob', 'seven')], more: false });
      expect(await done).toBe(0);
      expect(socket.sentOf('join')).toEqual([]);
      expect(jsonLines(p.stdout()).map((line) => [line.type, positions(line.cursor)])).toEqual([
        ['message', { dev: 6 }],
        ['message', { dev: 7 }],
        ['caught_up', { dev: 7 }],
      ]);
    },
  );

  it('prints a gap line when retention dropped messages after the cursor', async () => {
    const { p, done, socket } = await tail('--until-idle', '--since', cursorOf([['dev', 5]]));
    await until(() => socket.sentOf('history').length === 1);
    socket.deliver({ type: 'history', target: 'dev', messages: [chat(9, 'bob', 'nine')], more: false });
    expect(await done).toBe(0);
    expect(jsonLines(p.stdout()).map((line) => [line.type, positions(line.cursor)])).toEqual([
      ['gap', { dev: 8 }],
      ['message', { dev: 9 }],
      ['caught_up', { dev: 9 }],
    ]);
  });

  it('checks, when nothing came after the cursor, that the server is not behind it', async () => {
    const { p, done, socket } = await tail('--until-idle', '--since', cursorOf([['dev', 50]]));
    await until(() => socket.sentOf('history').length === 1);
    socket.deliver({ type: 'history', target: 'dev', messages: [], more: false });
    await until(() => socket.sentOf('history').length === 2);
    expect(socket.sentOf('history')[1]).toEqual({ type: 'history', target: 'dev', limit: 1 });
    // The server lost its data: its latest is 2, behind the cursor; all it has now is new.
    socket.deliver({ type: 'history', target: 'dev', messages: [chat(2, 'bob', 'two')], more: true });
    await until(() => socket.sentOf('history').length === 3);
    expect(socket.sentOf('history')[2]).toEqual({ type: 'history', target: 'dev', after: 0, limit: 1000 });
    socket.deliver({
      type: 'history',
      target: 'dev',
      messages: [chat(1, 'bob', 'one'), chat(2, 'bob', 'two')],
      more: false,
    });
    expect(await done).toBe(0);
    expect(jsonLines(p.stdout()).map((line) => [line.type, positions(line.cursor)])).toEqual([
      ['gap', { dev: 0 }],
      ['message', { dev: 1 }],
      ['message', { dev: 2 }],
      ['caught_up', { dev: 2 }],
    ]);
  });

  it('keeps the place of a pruned room and of a conversation the session cannot see older messages of', async () => {
    // Retention deleted every message of a quiet room; a guest sees no direct message from before it
    // took its name. Neither server lost anything: its latest seq is still the cursor's.
    const { p, done, socket } = await tail(
      '--until-idle',
      '--since',
      cursorOf([
        ['dev', 50],
        ['@Bob', 7],
      ]),
    );
    await until(() => socket.sentOf('history').length === 2);
    socket.deliver({ type: 'history', target: 'dev', messages: [], more: false, seq: 50 });
    socket.deliver({ type: 'history', target: '@Bob', messages: [], more: false, seq: 7 });
    await until(() => socket.sentOf('history').length === 4);
    socket.deliver({ type: 'history', target: 'dev', messages: [], more: false, seq: 50 });
    socket.deliver({ type: 'history', target: '@Bob', messages: [], more: false, seq: 7 });
    expect(await done).toBe(0);
    expect(p.stderr()).toBe('');
    expect(jsonLines(p.stdout()).map((line) => [line.type, positions(line.cursor)])).toEqual([
      ['caught_up', { dev: 50, '@Bob': 7 }],
    ]);
  });

  it('keeps the place when a server that sends no latest seq has no messages of the target', async () => {
    const { p, done, socket } = await tail('--until-idle', '--since', cursorOf([['dev', 50]]));
    await until(() => socket.sentOf('history').length === 1);
    socket.deliver({ type: 'history', target: 'dev', messages: [], more: false });
    await until(() => socket.sentOf('history').length === 2);
    socket.deliver({ type: 'history', target: 'dev', messages: [], more: false });
    expect(await done).toBe(0);
    expect(jsonLines(p.stdout()).map((line) => [line.type, positions(line.cursor)])).toEqual([
      ['caught_up', { dev: 50 }],
    ]);
  });

  it('starts over when the latest seq of a server with no messages is behind the cursor', async () => {
    const { p, done, socket } = await tail('--until-idle', '--since', cursorOf([['dev', 50]]));
    await until(() => socket.sentOf('history').length === 1);
    socket.deliver({ type: 'history', target: 'dev', messages: [], more: false, seq: 0 });
    await until(() => socket.sentOf('history').length === 2);
    socket.deliver({ type: 'history', target: 'dev', messages: [], more: false, seq: 0 });
    await until(() => socket.sentOf('history').length === 3);
    expect(socket.sentOf('history')[2]).toEqual({ type: 'history', target: 'dev', after: 0, limit: 1000 });
    socket.deliver({ type: 'history', target: 'dev', messages: [], more: false, seq: 0 });
    expect(await done).toBe(0);
    expect(jsonLines(p.stdout()).map((line) => [line.type, positions(line.cursor)])).toEqual([
      ['gap', { dev: 0 }],
      ['caught_up', { dev: 0 }],
    ]);
  });

  it('is done at once when the server is where the cursor is', async () => {
    const { p, done, socket } = await tail('--once', '--since', cursorOf([['dev', 50]]));
    await until(() => socket.sentOf('history').length === 1);
    socket.deliver({ type: 'history', target: 'dev', messages: [], more: false });
    await until(() => socket.sentOf('history').length === 2);
    socket.deliver({ type: 'history', target: 'dev', messages: [chat(50, 'bob', 'fifty')], more: true });
    expect(await done).toBe(0);
    expect(jsonLines(p.stdout()).map((line) => line.type)).toEqual(['caught_up']);
  });

  it('starts a room without a place at its last --history messages, then reads on from there', async () => {
    const { p, done, socket } = await tail('--until-idle', '--history', '2');
    await until(() => socket.sentOf('history').length === 1);
    expect(socket.sentOf('history')[0]).toEqual({ type: 'history', target: 'dev', limit: 2 });
    socket.deliver({
      type: 'history',
      target: 'dev',
      messages: [chat(8, 'bob', 'eight'), chat(9, 'bob', 'nine')],
      more: true,
    });
    await until(() => socket.sentOf('history').length === 2);
    expect(socket.sentOf('history')[1]).toEqual({ type: 'history', target: 'dev', after: 9, limit: 1000 });
    socket.deliver({ type: 'history', target: 'dev', messages: [], more: false });
    expect(await done).toBe(0);
    expect(jsonLines(p.stdout()).map((line) => line.text ?? line.type)).toEqual([
      'eight',
      'nine',
      'caught_up',
    ]);
  });

  it('pages back as far as --history asks, past the largest page', async () => {
    const { p, done, socket } = await tail('--until-idle', '--history', '1500');
    const page = (from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, i) => chat(from + i, 'bob', `n${from + i}`));
    await until(() => socket.sentOf('history').length === 1);
    expect(socket.sentOf('history')[0]).toEqual({ type: 'history', target: 'dev', limit: 1000 });
    socket.deliver({ type: 'history', target: 'dev', messages: page(1001, 2000), more: true });
    await until(() => socket.sentOf('history').length === 2);
    expect(socket.sentOf('history')[1]).toEqual({ type: 'history', target: 'dev', before: 1001, limit: 500 });
    socket.deliver({ type: 'history', target: 'dev', messages: page(501, 1000), more: true });
    await until(() => socket.sentOf('history').length === 3);
    socket.deliver({ type: 'history', target: 'dev', messages: [], more: false });
    expect(await done).toBe(0);
    const texts = jsonLines(p.stdout()).map((line) => line.text ?? line.type);
    expect(texts).toEqual([...page(501, 2000).map((message) => message.text), 'caught_up']);
  });
});
