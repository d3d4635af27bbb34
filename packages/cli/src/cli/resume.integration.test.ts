import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection, decodeCursor } from 'aurora-client';
import { CHAT_BIN, eventually, type ServerProcess, startServer } from 'aurora-testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wsSocketFactory } from '../core/ws-socket.js';
import { ChatProcesses } from '../testing/chat-process.js';

// The script guarantees of `tail` and `send`, through the built binary and a real server: a tail
// killed with -9 and resumed with --since, cron runs of --until-idle with --cursor-file, send --id.

let server: ServerProcess;
let configHome = '';
let processes: ChatProcesses;
let poster: Poster;

beforeAll(async () => {
  if (!existsSync(CHAT_BIN)) throw new Error(`${CHAT_BIN} is missing: run \`pnpm build\` first`);
  // A poster that is not paced by the rate limit, so messages arrive faster than a person's.
  server = await startServer({ memory: true, args: ['--rate', '1000', '--burst', '1000'] });
  configHome = await mkdtemp(join(tmpdir(), 'aurora-resume-'));
  processes = new ChatProcesses({ XDG_CONFIG_HOME: configHome });
  poster = await startPoster(server.wsUrl);
});

afterAll(async () => {
  poster?.close();
  processes?.killAll();
  await server?.stop();
  if (configHome) await rm(configHome, { recursive: true, force: true });
});

type Poster = Awaited<ReturnType<typeof startPoster>>;

/** A client on the engine that posts to rooms without joining them and waits for the acks. */
async function startPoster(url: string) {
  const acked = new Set<string>();
  let online = false;
  const connection = new Connection({
    url,
    nick: 'poster',
    rooms: [],
    client: { name: 'resume-test', version: '0' },
    socketFactory: wsSocketFactory,
  });
  connection.subscribe((event) => {
    if (event.type === 'status' && event.status.state === 'online') online = true;
    if (event.type === 'server' && event.message.type === 'ack') acked.add(event.message.cid);
  });
  connection.start();
  await eventually('the poster to connect', () => online);
  return {
    /** Posts the texts and waits until all are stored (the engine keeps at most SEND_WINDOW in flight). */
    post: async (room: string, texts: readonly string[]) => {
      const cids = texts.map((text) => connection.send('say', room, text).cid);
      await eventually(`${texts.length} acks`, () => cids.every((cid) => acked.has(cid)));
    },
    /** Posts one text at a time to a room or `@name`, `gapMs` apart, each stored before the next. */
    trickle: async (target: string, texts: readonly string[], gapMs: number) => {
      for (const text of texts) {
        const { cid } = connection.send(target.startsWith('@') ? 'dm' : 'say', target, text);
        await eventually(`the ack of ${text}`, () => acked.has(cid));
        await new Promise((resolve) => setTimeout(resolve, gapMs));
      }
    },
    close: () => connection.close(),
  };
}

const numbered = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => `${prefix} ${i + 1}`);

interface Line {
  v: number;
  type: string;
  room?: string | null;
  target?: string;
  from?: string;
  text?: string;
  seq?: number;
  cursor: string;
  account?: boolean;
}

const parse = (lines: readonly string[]): Line[] => lines.map((line) => JSON.parse(line));
const messages = (lines: readonly Line[]) => lines.filter((line) => line.type === 'message');

/** Expects seqs that go up by one each: nothing skipped, nothing twice. */
function expectUnbroken(lines: readonly Line[]): void {
  const seqs = lines.map((line) => line.seq ?? -1);
  const first = seqs[0] ?? 0;
  expect(seqs).toEqual(seqs.map((_, i) => first + i));
}

/** Expects every text exactly once among the lines. */
function expectEachOnce(lines: readonly Line[], texts: readonly string[]): void {
  const printed = lines.map((line) => line.text);
  expect(printed.filter((text) => texts.includes(text ?? ''))).toEqual(texts);
}

const chat = (args: string[], stdin?: string) => processes.run(args, stdin);
const tail = (args: string[]) => processes.follow(['tail', '--server', server.wsUrl, '--json', ...args]);

describe('tail --json --since after a kill -9', () => {
  it('goes on from the last printed cursor with nothing skipped and nothing printed twice', async () => {
    const texts = numbered('m', 150);
    const first = tail(['--room', 'flow', '--name', 'reader']);
    await first.waitFor(/"caught_up"/);
    const posting = poster.trickle('flow', texts, 5);
    await first.waitFor(/"m 30"/);
    first.child.kill('SIGKILL');
    await first.exited;
    const before = parse(first.completeLines());
    const last = before.at(-1);
    expect(last?.type).toBe('message');
    // Killed mid-stream: messages were still coming.
    expect(messages(before).map((line) => line.text)).not.toContain('m 150');

    const second = tail(['--room', 'flow', '--name', 'reader', '--since', last?.cursor ?? '']);
    await posting;
    await second.waitFor(/"m 150"/);
    await second.waitFor(/"caught_up"/);
    expect(parse(second.lines()).every((line) => line.v === 1)).toBe(true);

    // Its own notices are messages of the room like any other: the kill's leave and the new join.
    await second.waitFor(/"reader left"/);
    await second.waitFor(/"reader joined"/);
    const all = [...messages(before), ...messages(parse(second.lines()))];
    expectUnbroken(all);
    expectEachOnce(all, texts);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});

describe('tail --json --since after a kill -9, following direct messages', () => {
  it('replays the conversation from the cursor with nothing skipped and nothing twice', async () => {
    const registered = await chat(
      ['register', '--server', server.wsUrl, '--name', 'dm-reader', '--password-stdin'],
      'a long enough password\n',
    );
    expect(registered.code).toBe(0);
    const texts = numbered('d', 80);
    // Logged in and in no room, tail follows the account's direct messages.
    const first = tail(['--name', 'dm-reader']);
    await first.waitFor(/"caught_up"/);
    const posting = poster.trickle('@dm-reader', texts, 5);
    await first.waitFor(/"d 15"/);
    first.child.kill('SIGKILL');
    await first.exited;
    const before = parse(first.completeLines());
    expect(messages(before).map((line) => line.text)).not.toContain('d 80');

    const second = tail(['--name', 'dm-reader', '--since', before.at(-1)?.cursor ?? '']);
    await posting;
    await second.waitFor(/"d 80"/);
    await second.waitFor(/"caught_up"/);
    const all = [...messages(before), ...messages(parse(second.lines()))];
    expect(all.every((line) => line.room === null)).toBe(true);
    expectUnbroken(all);
    expectEachOnce(all, texts);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});

describe('tail --until-idle with --cursor-file, run from cron', () => {
  it('keeps the place of a conversation a new guest session cannot see the earlier messages of', async () => {
    const first = tail(['--room', 'guest-lobby', '--name', 'dm-guest']);
    await first.waitFor(/"caught_up"/);
    await poster.trickle('@dm-guest', numbered('g', 3), 5);
    await first.waitFor(/"g 3"/);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const cursor = parse(first.completeLines()).at(-1)?.cursor ?? '';
    const place = (text: string) => {
      const decoded = decodeCursor(text);
      if (!decoded.ok) throw new Error(decoded.problem);
      return decoded.positions['@poster'];
    };
    expect(place(cursor)).toBeGreaterThan(0);

    // A new guest session of the name sees no direct message from before it took it: that is no gap.
    const args = ['tail', '--server', server.wsUrl, '--room', 'guest-lobby', '--name', 'dm-guest'];
    const result = await eventually('the name dm-guest to be free', async () => {
      const run = await chat([...args, '--json', '--until-idle', '--since', cursor]);
      return run.stderr.includes('name_taken') ? undefined : run;
    });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const lines = parse(result.stdout.split('\n').filter(Boolean));
    expect(lines.map((line) => line.type)).not.toContain('gap');
    expect(lines.at(-1)?.type).toBe('caught_up');
    expect(place(lines.at(-1)?.cursor ?? '')).toBe(place(cursor));
  });

  it('prints every message exactly once over repeated runs, and never joins the room', async () => {
    const file = join(configHome, 'cron.cursor');
    const printed: Line[] = [];
    const run = async () => {
      const result = await chat([
        'tail',
        '--server',
        server.wsUrl,
        '--room',
        'cron',
        '--name',
        'nightly',
        '--json',
        '--until-idle',
        '--cursor-file',
        file,
      ]);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      const lines = parse(result.stdout.split('\n').filter(Boolean));
      expect(lines.at(-1)?.type).toBe('caught_up');
      printed.push(...messages(lines));
    };

    await run(); // a first run in an empty room saves where the room is
    await poster.post('cron', numbered('a', 3));
    await run();
    await run(); // nothing new
    // A run while messages are being posted: what it does not see, the next run does.
    const posting = poster.trickle('cron', numbered('b', 40), 5);
    await run();
    await posting;
    await run();
    // More than one page of history (1000) between two runs.
    await poster.post('cron', numbered('c', 1100));
    await run();
    await run();

    const texts = [...numbered('a', 3), ...numbered('b', 40), ...numbered('c', 1100)];
    expect(printed).toHaveLength(texts.length);
    expectUnbroken(printed);
    expectEachOnce(printed, texts);
    // Read through history only: no join or leave notice of the cron job's name.
    expect(printed.filter((line) => line.from === 'nightly')).toEqual([]);
  });
});

describe('tail --until-idle after the server lost its data', () => {
  it('prints a gap line, then everything the server has now', async () => {
    let own = await startServer({ memory: true });
    try {
      const file = join(configHome, 'reset.cursor');
      const run = async () => {
        const args = ['--room', 'reset', '--name', 'nightly', '--until-idle', '--cursor-file', file];
        const result = await chat(['tail', '--server', own.wsUrl, '--json', ...args]);
        expect(result).toMatchObject({ code: 0, stderr: '' });
        return parse(result.stdout.split('\n').filter(Boolean));
      };
      const send = (text: string) =>
        chat(['send', '--server', own.wsUrl, '--room', 'reset', '--name', 'poster', text]);
      await run();
      for (const text of ['one', 'two', 'three']) expect((await send(text)).code).toBe(0);
      expect(messages(await run()).map((line) => line.seq)).toEqual([1, 2, 3]);
      // A server that kept nothing (--memory) comes back on the same port: its room restarts at 1.
      const { port } = own;
      await own.stop();
      own = await startServer({ memory: true, port });
      expect((await send('after the reset')).code).toBe(0);
      expect((await run()).map((line) => [line.type, line.target ?? line.text])).toEqual([
        ['gap', 'reset'],
        ['message', 'after the reset'],
        ['caught_up', undefined],
      ]);
    } finally {
      await own.stop();
    }
  });
});

describe('send --id', () => {
  /** What the room holds, read without joining it. */
  const roomTexts = async (room: string) => {
    const result = await chat([
      'tail',
      '--server',
      server.wsUrl,
      '--room',
      room,
      '--name',
      'auditor',
      '--json',
      '--until-idle',
      '--history',
      '100',
    ]);
    expect(result.code).toBe(0);
    return messages(parse(result.stdout.split('\n').filter(Boolean)));
  };
  const send = (name: string, room: string, key: string, text: string) =>
    chat(['send', '--server', server.wsUrl, '--room', room, '--name', name, '--id', key, text]);

  it('stores a retried command once for a guest, on a new connection each time', async () => {
    for (const attempt of [1, 2, 3])
      expect(await send('deployer', 'idem', 'deploy-412', `deployed 412 (attempt ${attempt})`)).toEqual({
        code: 0,
        stdout: '',
        stderr: '',
      });
    // The key is the sender's and the room's: another room, or another sender, posts anew.
    expect((await send('deployer', 'idem-2', 'deploy-412', 'deployed 412 (attempt 1)')).code).toBe(0);
    expect((await send('other-bot', 'idem', 'deploy-412', 'other bot, same key')).code).toBe(0);
    expect((await roomTexts('idem')).map((line) => [line.from, line.text])).toEqual([
      ['deployer', 'deployed 412 (attempt 1)'],
      ['other-bot', 'other bot, same key'],
    ]);
    expect((await roomTexts('idem-2')).map((line) => line.text)).toEqual(['deployed 412 (attempt 1)']);
  });

  it('stores a retried command once for a logged-in account', async () => {
    const registered = await chat(
      ['register', '--server', server.wsUrl, '--name', 'releaser', '--password-stdin'],
      'a long enough password\n',
    );
    expect(registered.code).toBe(0);
    for (const attempt of [1, 2]) {
      const sent = await send('releaser', 'idem-acct', 'release-1.0', `released (attempt ${attempt})`);
      expect(sent).toEqual({ code: 0, stdout: '', stderr: '' });
    }
    const lines = await roomTexts('idem-acct');
    expect(lines.map((line) => [line.from, line.account, line.text])).toEqual([
      ['releaser', true, 'released (attempt 1)'],
    ]);
  });

  it('refuses a bad key and a bad cursor with one line, a stable code and exit 2', async () => {
    const badId = await send('deployer', 'idem', 'two words', 'x');
    expect(badId.code).toBe(2);
    expect(badId.stderr).toMatch(/^aurora-chat: --id is not a usable key: .* \[bad_id\]\n$/);
    const badCursor = await chat(['tail', '--server', server.wsUrl, '--room', 'idem', '--since', 'nope!']);
    expect(badCursor.code).toBe(2);
    expect(badCursor.stderr).toMatch(
      /^aurora-chat: --since is not a cursor this client made: .* \[bad_cursor\]\n$/,
    );
  });
});
