import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SearchError, type SearchOptions } from 'aurora-client';
import type { ServerMessage } from 'aurora-protocol';
import { welcome } from 'aurora-testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { programHarness, until } from '../testing/program-harness.js';
import { PageWalk } from './search-command.js';

// `aurora-chat search --room` in-process, over fake sockets.

let configHome = '';

beforeEach(async () => {
  configHome = await mkdtemp(join(tmpdir(), 'aurora-search-'));
});

afterEach(async () => {
  await rm(configHome, { recursive: true, force: true });
});

const program = () => programHarness(configHome, { tty: false });

describe('aurora-chat search --room', () => {
  it.each([
    ['a space and a filter', 'dev from:bob'],
    ['a filter', 'dev,in:@alice'],
    ['nothing but #', '#'],
  ])('refuses a room with %s (bad_usage, exit 2) before connecting', async (_what, room) => {
    const p = program();
    expect(await p.run('search', '--room', room, 'deploy')).toBe(2);
    expect(p.stderr()).toMatch(/^aurora-chat: ".*" cannot be a room: .* \[bad_usage\]\n$/);
    expect(p.sockets.sockets).toHaveLength(0);
  });

  it('searches a valid room by its name, # or not', async () => {
    const p = program();
    const done = p.run('search', '--room', '#Dev', 'deploy*');
    await until(() => p.sockets.sockets.length === 1);
    const socket = p.sockets.last();
    socket.open();
    socket.deliver(welcome('alice'));
    await until(() => socket.sentOf('search').length === 1);
    expect(socket.sentOf('search')[0]).toMatchObject({ query: 'deploy* in:#dev' });
    const ref = socket.sentOf('search')[0]?.ref;
    socket.deliver({ type: 'search_results', results: [], ...(ref ? { ref } : {}) });
    expect(await done).toBe(0);
  });
});

const hit = (seq: number) => ({
  target: '#dev',
  seq,
  id: `m${seq}`,
  kind: 'chat' as const,
  from: 'bob',
  ts: 1_700_000_000_000 + seq,
  snippet: [{ text: 'deploy', match: true }, { text: ` number ${seq}` }],
});

describe('aurora-chat search pages', () => {
  /** Runs `search --room dev deploy` with `flags`, answering each search with the next of `answers`. */
  async function walk(flags: string[], answers: ServerMessage[]) {
    const p = program();
    const done = p.run('search', '--room', 'dev', ...flags, 'deploy');
    await until(() => p.sockets.sockets.length === 1);
    const socket = p.sockets.last();
    socket.open();
    socket.deliver(welcome('alice'));
    for (const [i, answer] of answers.entries()) {
      await until(() => socket.sentOf('search').length === i + 1);
      const ref = socket.sentOf('search')[i]?.ref;
      socket.deliver({ ...answer, ...(ref ? { ref } : {}) });
    }
    return {
      code: await done,
      searches: socket.sentOf('search'),
      lines: p.stdout().split('\n').filter(Boolean),
    };
  }

  it('follows next past short and empty pages until --limit results are printed', async () => {
    const { code, searches, lines } = await walk(
      ['--limit', '150'],
      [
        { type: 'search_results', results: [hit(900), hit(800)], next: 800 },
        { type: 'search_results', results: [], next: 600 },
        { type: 'search_results', results: [hit(500)] },
      ],
    );
    expect(code).toBe(0);
    expect(searches.map(({ limit, before }) => ({ limit, before }))).toEqual([
      { limit: 100, before: undefined },
      { limit: 100, before: 800 },
      { limit: 100, before: 600 },
    ]);
    expect(lines.map((line) => line.match(/number (\d+)/)?.[1])).toEqual(['900', '800', '500']);
  });

  it('stops at --limit, and at a next that does not move back', async () => {
    const full = await walk(
      ['--limit', '2'],
      [{ type: 'search_results', results: [hit(9), hit(8), hit(7)], next: 7 }],
    );
    expect(full.lines).toHaveLength(2);
    expect(full.searches).toHaveLength(1);
    const stuck = await walk(
      [],
      [
        { type: 'search_results', results: [hit(9)], next: 50 },
        { type: 'search_results', results: [hit(8)], next: 50 },
      ],
    );
    expect(stuck.code).toBe(0);
    expect(stuck.lines).toHaveLength(2);
  });

  it('waits out a rate limit between pages and asks for the same page again', async () => {
    const { code, searches, lines } = await walk(
      ['--limit', '3'],
      [
        { type: 'search_results', results: [hit(9)], next: 9 },
        { type: 'error', code: 'rate_limited', message: 'slow down', retryAfterMs: 20 },
        { type: 'search_results', results: [hit(8), hit(7)] },
      ],
    );
    expect(code).toBe(0);
    expect(searches.slice(1).map(({ before }) => before)).toEqual([9, 9]);
    expect(lines).toHaveLength(3);
  });
});

describe('PageWalk', () => {
  it('keeps what it found when the connection drops, and goes on from the last next', async () => {
    const walkOf = new PageWalk(10, async () => {});
    const asked: SearchOptions[] = [];
    const pages = [
      () => ({ type: 'search_results' as const, results: [hit(9)], next: 9, ref: 'r' }),
      () => {
        throw new SearchError('disconnected', 'gone');
      },
      () => ({ type: 'search_results' as const, results: [hit(8)], ref: 'r' }),
    ];
    const page = async (request: SearchOptions) => {
      asked.push(request);
      const next = pages.shift();
      if (!next) throw new Error('asked once too often');
      return next();
    };
    await expect(walkOf.walk(page)).rejects.toMatchObject({ code: 'disconnected' });
    const hits = await walkOf.walk(page);
    expect(hits.map((h) => h.seq)).toEqual([9, 8]);
    expect(asked).toEqual([{ limit: 10 }, { limit: 9, before: 9 }, { limit: 9, before: 9 }]);
  });
});
