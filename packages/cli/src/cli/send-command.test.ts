import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { welcome } from 'aurora-testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { programHarness, until } from '../testing/program-harness.js';
import { sendIdCid } from './send-id.js';

// `send --id` in-process, over fake sockets.

let configHome = '';

beforeEach(async () => {
  configHome = await mkdtemp(join(tmpdir(), 'aurora-send-'));
});

afterEach(async () => {
  await rm(configHome, { recursive: true, force: true });
});

const program = () => programHarness(configHome, { tty: false });

describe('aurora-chat send --id', () => {
  it('sends with the cid derived from the room and the key', async () => {
    const p = program();
    const done = p.run('send', '--room', 'dev', '--id', 'deploy-412', 'deployed');
    await until(() => p.sockets.sockets.length === 1);
    const socket = p.sockets.last();
    socket.open();
    socket.deliver(welcome('alice'));
    await until(() => socket.sentOf('say').length === 1);
    const cid = sendIdCid('dev', 'deploy-412');
    expect(cid).toMatch(/^k1\.[A-Za-z0-9_-]{43}$/);
    expect(socket.sentOf('say')[0]).toMatchObject({ room: 'dev', text: 'deployed', cid });
    socket.deliver({ type: 'ack', cid, id: 'm_1', seq: 1, room: 'dev', ts: 0 });
    expect(await done).toBe(0);
  });

  it('gives one key different ids in different rooms and conversations', () => {
    const ids = new Set([sendIdCid('dev', 'k'), sendIdCid('ops', 'k'), sendIdCid('@bob', 'k')]);
    expect(ids.size).toBe(3);
    expect(sendIdCid('dev', 'k')).toBe(sendIdCid('dev', 'k'));
  });

  it.each([
    ['empty', '', /it is empty/],
    ['with a space', 'deploy 412', /printable ASCII without spaces/],
    ['not ASCII', 'déploiement', /printable ASCII/],
    ['too long', 'k'.repeat(129), /longer than 128 characters/],
  ])('refuses a key that is %s with bad_id and exit 2, before connecting', async (_what, key, why) => {
    const p = program();
    expect(await p.run('send', '--room', 'dev', '--id', key, 'text')).toBe(2);
    expect(p.stderr()).toMatch(why);
    expect(p.stderr()).toMatch(/ \[bad_id\]\n$/);
    expect(p.sockets.sockets).toHaveLength(0);
  });
});
