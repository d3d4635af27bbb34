import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { welcome } from 'aurora-testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { programHarness, until } from '../testing/program-harness.js';

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
