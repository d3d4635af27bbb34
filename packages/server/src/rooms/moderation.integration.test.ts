import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloseCode, ErrorCode, MODERATION_LIMITS } from 'aurora-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../clock.js';
import { SqliteStore } from '../store/sqlite.js';
import { ask, outcome, People } from '../testing/moderation-people.js';
import { type TestServerOptions, TestServers } from '../testing/test-servers.js';
import type { TestClient } from '../testing/ws-client.js';

describe('moderation over real sockets, one node', () => {
  const people = new People();
  const servers = new TestServers();
  let dataDir: string | undefined;

  afterEach(async () => {
    people.closeAll();
    await servers.closeAll();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    dataDir = undefined;
  });

  const start = (options: TestServerOptions = {}) => servers.start(options);

  const memberRole = (client: TestClient, room: string, nick: string) =>
    client
      .of('joined')
      .find((j) => j.room === room)
      ?.members.find((m) => m.nick === nick)?.role;

  it('makes the first account to create a room its owner, shown in member lists', async () => {
    const url = await start();
    const alice = await people.account(url, 'alice');
    expect(memberRole(alice, 'dev', 'alice')).toBe('owner');
    const carol = await people.account(url, 'carol');
    expect(memberRole(carol, 'dev', 'alice')).toBe('owner');
    expect(memberRole(carol, 'dev', 'carol')).toBeUndefined();
    const op = await ask(alice, { type: 'moderate', action: 'op', name: 'carol', room: 'dev' });
    expect(op).toMatchObject({ type: 'moderated', action: 'op', by: 'alice', target: 'carol', room: 'dev' });
    const list = await ask(carol, { type: 'members', room: 'dev' });
    expect(list.type === 'members' && list.members.map((m) => [m.nick, m.role])).toEqual([
      ['alice', 'owner'],
      ['carol', 'operator'],
    ]);
    await carol.next('message', (m) => m.event?.kind === 'moderation' && m.event.action === 'op');
  });

  it('kicks a guest out with a notice on both ends, and lets them back', async () => {
    const url = await start();
    const alice = await people.account(url, 'alice');
    const bob = await people.guest(url, 'bob');
    const kicked = await ask(alice, {
      type: 'moderate',
      action: 'kick',
      name: 'bob',
      room: 'dev',
      reason: 'calm down',
    });
    expect(outcome(kicked)).toBe('moderated');
    await bob.next('moderated', (m) => m.action === 'kick' && m.reason === 'calm down');
    await bob.next('left', (l) => l.room === 'dev' && l.removed === 'kicked');
    const notice = await alice.next('message', (m) => m.event?.kind === 'moderation');
    expect(notice.text).toBe('alice kicked bob from #dev: calm down');
    await alice.next('presence', (p) => p.event === 'leave' && p.nick === 'bob');
    expect(outcome(await ask(bob, { type: 'join', room: 'dev' }))).toBe('joined');
  });

  it('slows down a kick-and-rejoin loop', async () => {
    const url = await start();
    const alice = await people.account(url, 'alice');
    const bob = await people.guest(url, 'bob');
    for (let i = 0; i < 2; i++) {
      if (i > 0) expect(outcome(await ask(bob, { type: 'join', room: 'dev' }))).toBe('joined');
      expect(outcome(await ask(alice, { type: 'moderate', action: 'kick', name: 'bob', room: 'dev' }))).toBe(
        'moderated',
      );
      await bob.until(() => bob.of('left').length === i + 1 || undefined);
    }
    const again = await ask(bob, { type: 'join', room: 'dev' });
    expect(again).toMatchObject({ type: 'error', code: ErrorCode.RejoinThrottled });
  });

  it('bans a guest, who cannot rejoin or post, until unbanned', async () => {
    const url = await start();
    const alice = await people.account(url, 'alice');
    const bob = await people.guest(url, 'bob');
    const banned = await ask(alice, {
      type: 'moderate',
      action: 'ban',
      name: 'bob',
      room: 'dev',
      forMs: 3_600_000,
      reason: 'spam',
    });
    expect(banned).toMatchObject({ type: 'moderated', action: 'ban', target: 'bob', reason: 'spam' });
    await bob.next('left', (l) => l.removed === 'banned');
    expect(await ask(bob, { type: 'join', room: 'dev' })).toMatchObject({
      type: 'error',
      code: ErrorCode.Banned,
    });
    const post = await ask(bob, { type: 'say', room: 'dev', text: 'still here', cid: 'c1' });
    expect(outcome(post)).toBe(ErrorCode.Banned);
    const bans = await ask(alice, { type: 'bans', room: 'dev' });
    expect(bans.type === 'bans' && bans.bans.map((b) => [b.name, b.by, b.reason])).toEqual([
      ['bob', 'alice', 'spam'],
    ]);
    expect(outcome(await ask(alice, { type: 'moderate', action: 'unban', name: 'bob', room: 'dev' }))).toBe(
      'moderated',
    );
    expect(outcome(await ask(bob, { type: 'join', room: 'dev' }))).toBe('joined');
  });

  it('mutes a person, who reads but cannot speak, and the mute ends by itself', async () => {
    const url = await start();
    const alice = await people.account(url, 'alice');
    const bob = await people.guest(url, 'bob');
    await ask(alice, { type: 'moderate', action: 'mute', name: 'bob', room: 'dev', forMs: 1500 });
    await bob.next('moderated', (m) => m.action === 'mute' && m.until !== undefined);
    expect(outcome(await ask(bob, { type: 'say', room: 'dev', text: 'hi', cid: 'm1' }))).toBe(
      ErrorCode.Muted,
    );
    const deadline = Date.now() + 10_000;
    let last = '';
    for (let i = 2; Date.now() < deadline; i++) {
      last = outcome(await ask(bob, { type: 'say', room: 'dev', text: 'hi', cid: `m${i}` }));
      if (last === 'ack') break;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    expect(last).toBe('ack');
  });

  it('answers every denial with its stable code', async () => {
    const url = await start();
    const alice = await people.account(url, 'alice');
    const carol = await people.account(url, 'carol');
    const bob = await people.guest(url, 'bob');
    const code = async (client: TestClient, request: Parameters<TestClient['send']>[0]) =>
      outcome(await ask(client, request));
    expect(await code(bob, { type: 'moderate', action: 'kick', name: 'carol', room: 'dev' })).toBe(
      ErrorCode.NotOperator,
    );
    expect(await code(bob, { type: 'topic', room: 'dev', topic: 'mine now' })).toBe(ErrorCode.NotOperator);
    expect(await code(carol, { type: 'moderate', action: 'op', name: 'bob', room: 'dev' })).toBe(
      ErrorCode.NotOwner,
    );
    await code(alice, { type: 'moderate', action: 'op', name: 'carol', room: 'dev' });
    expect(await code(carol, { type: 'moderate', action: 'kick', name: 'alice', room: 'dev' })).toBe(
      ErrorCode.TargetProtected,
    );
    carol.send({ type: 'topic', room: 'dev', topic: 'ops may' });
    await alice.next('message', (m) => m.event?.kind === 'topic' && m.event.nick === 'carol');
    expect(await code(alice, { type: 'moderate', action: 'deop', name: 'alice', room: 'dev' })).toBe(
      ErrorCode.TargetProtected,
    );
    expect(await code(alice, { type: 'moderate', action: 'kick', name: 'nobody', room: 'dev' })).toBe(
      ErrorCode.NoSuchTarget,
    );
    expect(await code(alice, { type: 'moderate', action: 'unmute', name: 'bob', room: 'dev' })).toBe(
      ErrorCode.NoSuchTarget,
    );
    expect(await code(alice, { type: 'moderate', action: 'kill', name: 'bob' })).toBe(ErrorCode.NotAdmin);
    expect(await code(alice, { type: 'claim', room: 'dev' })).toBe(ErrorCode.RoomOwned);
    expect(await code(bob, { type: 'bans', room: 'dev' })).toBe(ErrorCode.NotOperator);
  });

  it('lets an account claim a room a guest made, once', async () => {
    const url = await start();
    await people.guest(url, 'bob', ['lobby']);
    const alice = await people.account(url, 'alice', ['lobby']);
    expect(memberRole(alice, 'lobby', 'alice')).toBeUndefined();
    expect(await ask(alice, { type: 'claim', room: 'lobby' })).toMatchObject({
      type: 'moderated',
      action: 'claim',
    });
    const carol = await people.account(url, 'carol', ['lobby']);
    expect(memberRole(carol, 'lobby', 'alice')).toBe('owner');
    expect(outcome(await ask(carol, { type: 'claim', room: 'lobby' }))).toBe(ErrorCode.RoomOwned);
  });

  it('lets a server admin kill and ban server-wide, refused at hello with a stable code', async () => {
    const url = await start({ admins: ['root'] });
    await people.account(url, 'alice');
    const root = await people.account(url, 'root');
    expect(memberRole(root, 'dev', 'root')).toBe('admin');
    const bob = await people.guest(url, 'bob');
    expect(outcome(await ask(root, { type: 'moderate', action: 'kill', name: 'bob', reason: 'bye' }))).toBe(
      'moderated',
    );
    expect((await bob.closed).code).toBe(CloseCode.Killed);
    expect(bob.of('error').map((e) => e.code)).toContain(ErrorCode.Killed);
    const mallory = await people.account(url, 'mallory');
    expect(outcome(await ask(root, { type: 'moderate', action: 'ban', name: 'mallory' }))).toBe('moderated');
    expect((await mallory.closed).code).toBe(CloseCode.Killed);
    await expect(people.account(url, 'mallory')).rejects.toThrow(/banned/);
  });

  it('reads admins promoted in the store while the server runs', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'aurora-moderation-'));
    const url = await start({ dataDir });
    await people.account(url, 'alice');
    const bob = await people.guest(url, 'bob');
    const root = await people.account(url, 'root', []);
    expect(outcome(await ask(root, { type: 'moderate', action: 'kill', name: 'bob' }))).toBe(
      ErrorCode.NotAdmin,
    );
    const store = new SqliteStore({ dataDir, clock: systemClock });
    await store.moderation.setAdmin('root', true);
    await store.close();
    expect(outcome(await ask(root, { type: 'moderate', action: 'kill', name: 'bob' }))).toBe('moderated');
    expect((await bob.closed).code).toBe(CloseCode.Killed);
  });

  it('refuses a ban past the bounded list with ban_list_full, and takes one once a ban is lifted', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'aurora-moderation-'));
    const url = await start({ dataDir });
    const alice = await people.account(url, 'alice');
    const store = new SqliteStore({ dataDir, clock: systemClock });
    for (let i = 0; i < MODERATION_LIMITS.maxBansPerRoom; i++)
      await store.moderation.restrict(
        { scope: 'dev', kind: 'ban', key: `spammer${i}`, name: `spammer${i}`, by: 'alice', at: i },
        MODERATION_LIMITS.maxBansPerRoom,
        Date.now(),
      );
    await store.close();
    const refused = await ask(alice, { type: 'moderate', action: 'ban', name: 'one-more', room: 'dev' });
    expect(refused).toMatchObject({ type: 'error', code: ErrorCode.BanListFull });
    expect(
      outcome(await ask(alice, { type: 'moderate', action: 'unban', name: 'spammer0', room: 'dev' })),
    ).toBe('moderated');
    expect(
      outcome(await ask(alice, { type: 'moderate', action: 'ban', name: 'one-more', room: 'dev' })),
    ).toBe('moderated');
  });
});
