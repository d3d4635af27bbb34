import { ErrorCode } from 'aurora-protocol';
import { nameSkeleton } from 'aurora-protocol/skeleton';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../logger.js';
import { recheckRegisteredNames } from '../name-claims.js';
import { createTestHub } from '../testing/test-hub.js';

type Hub = ReturnType<typeof createTestHub>;

async function register(hub: Hub, name: string): Promise<void> {
  const client = hub.connect();
  await client.send({ type: 'register', name, password: 'correct horse' });
  expect(client.peer.last()).toMatchObject({ type: 'auth' });
  await client.disconnect();
}

describe('look-alike names', () => {
  it.each([
    ['Latin alpha (the issue)', '\u0251lice'],
    ['all-Cherokee', '\u13A2\u13AC\u13DA\u13DE\u13AA'], // ᎢᎬᏚᏞᎪ for TESLA
    ['mathematical bold', '\u{1D41A}lice'],
    ['capital I for l', 'aIice'],
    ['digit one for l', 'a1ice'],
    ['small capital o', 'b\u1D0Fb'],
  ])(
    'refuses a guest the %s look-alike of a registered name, saying it is registered',
    async (_what, variant) => {
      const hub = createTestHub();
      await register(hub, 'alice');
      await register(hub, 'bob');
      await register(hub, 'TESLA');
      const guest = hub.connect();
      await guest.hello(variant);
      expect(guest.peer.last()).toMatchObject({ code: ErrorCode.NameRegistered });
      expect(guest.peer.of('welcome')).toHaveLength(0);
    },
  );

  it('refuses a guest a look-alike of a guest who is online, and gives it once that guest left', async () => {
    const hub = createTestHub();
    const bob = hub.connect();
    await bob.hello('modern', { rooms: ['dev'] });
    const copy = hub.connect();
    await copy.hello('rnodern');
    expect(copy.peer.last()).toMatchObject({ code: ErrorCode.NameTaken });
    await bob.disconnect();
    await copy.hello('rnodern');
    expect(copy.peer.of('welcome')).toMatchObject([{ nick: 'rnodern' }]);
  });

  it('refuses /nick to a look-alike, and lets a person change the case of their own name', async () => {
    const hub = createTestHub();
    await register(hub, 'alice');
    const carol = hub.connect();
    await carol.hello('carol');
    const dave = hub.connect();
    await dave.hello('dave');
    await dave.send({ type: 'nick', nick: 'caro1' });
    expect(dave.peer.last()).toMatchObject({ code: ErrorCode.NameTaken });
    await dave.send({ type: 'nick', nick: '\u0251lice' });
    expect(dave.peer.last()).toMatchObject({ code: ErrorCode.NameRegistered });
    await carol.send({ type: 'nick', nick: 'CAROL' });
    expect(carol.peer.last()).toMatchObject({ type: 'nick', nick: 'CAROL' });
    // Her old spelling's look-alike claim went with it, and the new one is held.
    await dave.send({ type: 'nick', nick: 'CAR0L' });
    expect(dave.peer.last()).toMatchObject({ code: ErrorCode.NameTaken });
  });

  it('refuses to register a look-alike of a registered name or of someone online', async () => {
    const hub = createTestHub();
    await register(hub, 'alice');
    const online = hub.connect();
    await online.hello('bob');
    const client = hub.connect();
    await client.send({ type: 'register', name: '\u0251lice', password: 'correct horse' });
    expect(client.peer.last()).toMatchObject({ code: ErrorCode.NameRegistered, message: /alice is already/ });
    await client.send({ type: 'register', name: 'b0b', password: 'correct horse' });
    expect(client.peer.last()).toMatchObject({ code: ErrorCode.NameTaken });
  });

  it('re-checks a database made with older rules at start: both look-alike accounts work, guests are refused', async () => {
    const hub = createTestHub();
    const { accounts } = hub.store;
    // Two accounts an older server let through, indexed under its own notion of a skeleton.
    for (const name of ['alice', '\u0251lice']) {
      const account = { key: name, name, password: 'unused', createdAt: 0 };
      expect(await accounts.createAccount(account, `old:${name}`)).toBe(true);
    }
    const guest = hub.connect();
    await guest.hello('a1ice');
    expect(guest.peer.of('welcome')).toHaveLength(1); // the old index does not know a1ice
    await guest.disconnect();
    await recheckRegisteredNames(accounts, silentLogger);
    const again = hub.connect();
    await again.hello('a1ice');
    expect(again.peer.last()).toMatchObject({ code: ErrorCode.NameRegistered });
    expect(await accounts.account('alice')).toBeDefined();
    expect(await accounts.account('\u0251lice')).toBeDefined();
    expect(await accounts.accountBySkeleton(nameSkeleton('\u0251lice'))).toBeDefined();
  });
});

describe('registered names are marked', () => {
  it('marks an account, not a guest, on messages, in history, in member lists and on joins', async () => {
    const hub = createTestHub();
    const signup = hub.connect();
    await signup.send({ type: 'register', name: 'alice', password: 'correct horse' });
    const token = signup.peer.of('auth')[0]!.token;
    const bob = hub.connect();
    await bob.hello('bob', { rooms: ['dev'] });
    const alice = hub.connect();
    await alice.hello('ignored', { token, rooms: ['dev'] });
    expect(bob.peer.of('presence').find((p) => p.nick === 'alice')).toMatchObject({ account: true });
    expect(alice.peer.of('joined')[0]!.members).toEqual([
      { nick: 'alice', account: true, away: false },
      { nick: 'bob', away: false },
    ]);
    await alice.send({ type: 'say', room: 'dev', text: 'hi', cid: 'a1' });
    await bob.send({ type: 'say', room: 'dev', text: 'hello', cid: 'b1' });
    const said = bob.peer.of('message').filter((m) => m.kind === 'chat');
    expect(said.map((m) => [m.from, m.account])).toEqual([
      ['alice', true],
      ['bob', undefined],
    ]);
    await alice.send({ type: 'dm', to: 'bob', text: 'psst', cid: 'a2' });
    expect(bob.peer.of('message').find((m) => m.kind === 'dm')).toMatchObject({
      from: 'alice',
      account: true,
    });
    const later = hub.connect();
    await later.hello('carol', { rooms: ['dev'] });
    const history = later.peer.of('joined')[0]!.history.filter((m) => m.kind === 'chat');
    expect(history.map((m) => [m.from, m.account])).toEqual([
      ['alice', true],
      ['bob', undefined],
    ]);
  });
});
