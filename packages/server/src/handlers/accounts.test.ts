import { CloseCode, ErrorCode, type ServerMessageOf } from 'aurora-protocol';
import { describe, expect, it, vi } from 'vitest';
import { createTestHub, type FakeClient } from '../testing/test-hub.js';

type Hub = ReturnType<typeof createTestHub>;

async function register(hub: Hub, name: string, password = 'correct horse'): Promise<string> {
  const client = hub.connect();
  await client.send({ type: 'register', name, password });
  const auth = client.peer.of('auth')[0];
  if (!auth) throw new Error(`register failed: ${JSON.stringify(client.peer.last())}`);
  await client.disconnect();
  return auth.token;
}

async function loginWith(hub: Hub, token: string, extra: { rooms?: string[] } = {}): Promise<FakeClient> {
  const client = hub.connect();
  await client.hello('ignored', { token, ...extra });
  return client;
}

describe('sign-up and log-in', () => {
  it('registers, then connects with the token as the account', async () => {
    const hub = createTestHub();
    const token = await register(hub, 'Alice');
    expect(token).toMatch(/^aur_[A-Za-z0-9_-]{43}$/); // 256 random bits
    const alice = await loginWith(hub, token);
    expect(alice.peer.of('welcome')).toMatchObject([{ nick: 'Alice', account: 'Alice' }]);
  });

  it('logs in with the password and refuses a wrong one', async () => {
    const hub = createTestHub();
    await register(hub, 'alice');
    const client = hub.connect();
    await client.send({ type: 'login', name: 'ALICE', password: 'wrong password' });
    expect(client.peer.last()).toMatchObject({
      type: 'error',
      code: ErrorCode.AuthFailed,
      message: 'wrong name or password',
    });
    await client.send({ type: 'login', name: 'ALICE', password: 'correct horse' });
    expect(client.peer.last()).toMatchObject({ type: 'auth', account: 'alice' });
    await client.send({ type: 'login', name: 'nobody', password: 'correct horse' });
    expect(client.peer.last()).toMatchObject({
      type: 'error',
      code: ErrorCode.AuthFailed,
      message: 'wrong name or password',
    });
  });

  it('refuses a short password and a registered or taken name', async () => {
    const hub = createTestHub();
    const client = hub.connect();
    await client.send({ type: 'register', name: 'alice', password: 'short' });
    expect(client.peer.last()).toMatchObject({ type: 'error', code: ErrorCode.PasswordInvalid });
    await register(hub, 'alice');
    await client.send({ type: 'register', name: 'Alice', password: 'another password' });
    expect(client.peer.last()).toMatchObject({ type: 'error', code: ErrorCode.NameRegistered });
    await hub.connect().hello('bob');
    await client.send({ type: 'register', name: 'bob', password: 'another password' });
    expect(client.peer.last()).toMatchObject({ type: 'error', code: ErrorCode.NameTaken });
  });

  it('turns a guest who registers the name it uses into the account, without reconnecting', async () => {
    const hub = createTestHub();
    const guest = hub.connect();
    await guest.hello('carol', { rooms: ['dev'] });
    await guest.send({ type: 'register', name: 'carol', password: 'correct horse' });
    expect(guest.peer.of('auth')).toMatchObject([{ account: 'carol' }]);
    await guest.send({ type: 'read', target: 'dev', seq: 1 });
    expect(guest.peer.last()).toMatchObject({ type: 'read', target: 'dev', seq: 1 });
  });

  it("keeps a guest's preferences when it registers the name it uses", async () => {
    const hub = createTestHub();
    const guest = hub.connect();
    await guest.hello('carol', { rooms: ['dev'] });
    const prefs = {
      levels: [{ target: 'dev', level: 'all' as const }],
      mutes: [{ target: 'ops' }],
      keywords: ['deploy', 'two words'],
      ignored: ['spammer'],
    };
    await guest.send({ type: 'register', name: 'carol', password: 'correct horse', prefs });
    expect(guest.peer.of('prefs').at(-1)).toMatchObject({
      levels: [{ target: 'dev', level: 'all' }],
      mutes: [{ target: 'ops' }],
      keywords: ['deploy'],
      ignored: ['spammer'],
    });
    expect(await hub.store.accounts.prefs('carol')).toMatchObject({ keywords: ['deploy'] });
  });

  it('keeps the preferences a browser kept as a guest when it signs up before saying hello', async () => {
    const hub = createTestHub();
    const browser = hub.connect();
    const prefs = { levels: [], mutes: [{ target: 'random' }], keywords: ['pager'], ignored: [] };
    await browser.send({ type: 'register', name: 'dana', password: 'correct horse', prefs });
    const token = browser.peer.of('auth')[0]!.token;
    await browser.hello('dana', { token, rooms: ['dev'] });
    expect(browser.peer.of('prefs').at(-1)).toMatchObject({
      mutes: [{ target: 'random' }],
      keywords: ['pager'],
    });
    expect(await hub.store.accounts.prefs('dana')).toMatchObject({ keywords: ['pager'] });
  });

  it('marks a guest who registers in place registered in member lists at once, with no notice', async () => {
    const hub = createTestHub();
    const guest = hub.connect();
    await guest.hello('carol', { rooms: ['dev'] });
    const watcher = hub.connect();
    await watcher.hello('dave', { rooms: ['dev'] });
    const before = watcher.peer.received.length;
    await guest.send({ type: 'register', name: 'carol', password: 'correct horse' });
    const news = watcher.peer.received.slice(before);
    expect(news.filter((m) => m.type === 'presence')).toMatchObject([
      { event: 'join', nick: 'carol', account: true },
    ]);
    expect(news.filter((m) => m.type === 'message')).toEqual([]);
    const late = hub.connect();
    await late.hello('erin', { rooms: ['dev'] });
    const [joined] = late.peer.of('joined');
    expect(joined?.members.find((m) => m.nick === 'carol')).toMatchObject({ account: true });
  });

  it('throttles an account from an address after 5 failures in 15 minutes, with the wait', async () => {
    const hub = createTestHub({ limits: { burst: 100 } });
    await register(hub, 'alice');
    const client = hub.connect('10.0.0.9');
    for (let i = 0; i < 5; i++)
      await client.send({ type: 'login', name: 'alice', password: `guess ${i} wrong` });
    await client.send({ type: 'login', name: 'alice', password: 'correct horse' });
    const refused = client.peer.last() as ServerMessageOf<'error'>;
    expect(refused).toMatchObject({ code: ErrorCode.LoginThrottled, message: /try again in 15 minutes/ });
    expect(refused.retryAfterMs).toBe(15 * 60_000);
    const elsewhere = hub.connect('10.0.0.10');
    await elsewhere.send({ type: 'login', name: 'alice', password: 'correct horse' });
    expect(elsewhere.peer.last()).toMatchObject({ type: 'auth', account: 'alice' });
    hub.clock.advance(15 * 60_000 + 1);
    await client.send({ type: 'login', name: 'alice', password: 'correct horse' });
    expect(client.peer.last()).toMatchObject({ type: 'auth' });
  });

  it('lets alice log in from an address where tess mistyped her password five times', async () => {
    const hub = createTestHub({ limits: { burst: 100 } });
    await register(hub, 'alice');
    await register(hub, 'tess');
    const client = hub.connect('10.0.0.9');
    for (let i = 0; i < 5; i++)
      await client.send({ type: 'login', name: 'tess', password: `typo ${i} horse` });
    await client.send({ type: 'login', name: 'tess', password: 'correct horse' });
    expect(client.peer.last()).toMatchObject({ code: ErrorCode.LoginThrottled });
    await client.send({ type: 'login', name: 'alice', password: 'correct horse' });
    expect(client.peer.last()).toMatchObject({ type: 'auth', account: 'alice' });
  });

  it('checks 5 passwords, not more, for 200 concurrent wrong log-ins, and lets the owner in elsewhere', async () => {
    const hub = createTestHub({ limits: { burst: 100 } });
    await register(hub, 'alice');
    const checks = vi.spyOn(hub.hub.options.auth.pool, 'run');
    const guessers = Array.from({ length: 200 }, () => hub.connect('10.0.0.66'));
    const owner = hub.connect('10.0.0.7');
    await Promise.all([
      ...guessers.map((guesser, i) =>
        guesser.send({ type: 'login', name: 'alice', password: `guess ${i} wrong` }),
      ),
      owner.send({ type: 'login', name: 'alice', password: 'correct horse' }),
    ]);
    expect(checks).toHaveBeenCalledTimes(6);
    const answers = guessers.map((guesser) => guesser.peer.last());
    expect(answers.filter((a) => a?.type === 'error' && a.code === ErrorCode.AuthFailed)).toHaveLength(5);
    expect(answers.filter((a) => a?.type === 'error' && a.code === ErrorCode.LoginThrottled)).toHaveLength(
      195,
    );
    expect(owner.peer.last()).toMatchObject({ type: 'auth', account: 'alice' });
  });

  it('throttles an address trying many accounts after 50 failures', async () => {
    const hub = createTestHub({ limits: { burst: 100 } });
    const client = hub.connect('10.0.0.66');
    for (let i = 0; i < 50; i++)
      await client.send({ type: 'login', name: `user${i}`, password: 'password1' });
    expect(client.peer.last()).toMatchObject({ code: ErrorCode.AuthFailed });
    await client.send({ type: 'login', name: 'user99', password: 'password1' });
    expect(client.peer.last()).toMatchObject({ code: ErrorCode.LoginThrottled });
    const elsewhere = hub.connect('10.0.0.67');
    await elsewhere.send({ type: 'login', name: 'user99', password: 'password1' });
    expect(elsewhere.peer.last()).toMatchObject({ code: ErrorCode.AuthFailed });
  });

  it('expires tokens', async () => {
    const hub = createTestHub();
    const token = await register(hub, 'alice');
    hub.clock.advance(30 * 86_400_000);
    const late = await loginWith(hub, token);
    expect(late.peer.last()).toMatchObject({ type: 'error', code: ErrorCode.AuthFailed });
  });

  it('logs out one session, or everywhere, closing those connections with 4002', async () => {
    const hub = createTestHub();
    const first = await register(hub, 'alice');
    const login = hub.connect();
    await login.send({ type: 'login', name: 'alice', password: 'correct horse' });
    const second = login.peer.of('auth')[0]!.token;
    const laptop = await loginWith(hub, first);
    const phone = await loginWith(hub, second);
    await laptop.send({ type: 'logout' });
    expect(laptop.peer.of('logged_out')).toMatchObject([{ everywhere: false }]);
    expect(laptop.peer.closedWith?.code).toBe(CloseCode.LoggedOut);
    expect(phone.peer.closedWith).toBeUndefined();
    expect((await loginWith(hub, first)).peer.last()).toMatchObject({ code: ErrorCode.AuthFailed });

    await phone.send({ type: 'logout', everywhere: true });
    expect(phone.peer.closedWith?.code).toBe(CloseCode.LoggedOut);
    expect((await loginWith(hub, second)).peer.last()).toMatchObject({ code: ErrorCode.AuthFailed });
  });

  it('refuses logout and read markers to guests', async () => {
    const hub = createTestHub();
    const guest = hub.connect();
    await guest.hello('guest');
    await guest.send({ type: 'logout' });
    expect(guest.peer.last()).toMatchObject({ code: ErrorCode.LoginRequired });
  });
});

describe('protected names', () => {
  it.each([
    ['the same name', 'alice'],
    ['other case', 'ALICE'],
    ['full-width (NFKC)', 'ａｌｉｃｅ'],
    ['Cyrillic look-alikes', '\u0430\u04CF\u0456\u0441\u0435'],
    ['Greek look-alikes', '\u03B1\u13DEice'.replace('\u13DE', 'l')],
  ])('refuses a guest %s', async (_name, variant) => {
    const hub = createTestHub();
    await register(hub, 'alice');
    const guest = hub.connect();
    await guest.hello(variant);
    expect(guest.peer.last()).toMatchObject({ type: 'error' });
    expect(guest.peer.of('welcome')).toHaveLength(0);
  });

  it('says the name is registered, not merely invalid, for look-alikes of one script', async () => {
    const hub = createTestHub();
    await register(hub, 'paco');
    const guest = hub.connect();
    await guest.hello('\u0440\u0430\u0441\u043E'); // all Cyrillic
    expect(guest.peer.last()).toMatchObject({
      code: ErrorCode.NameRegistered,
      message: /registered; log in/,
    });
  });

  it.each([
    ['zero-width', 'al\u200Bice'],
    ['bidi', 'alice\u202E'],
  ])('refuses a guest %s variant as an invalid name', async (_name, variant) => {
    const hub = createTestHub();
    await register(hub, 'alice');
    const guest = hub.connect();
    await guest.hello(variant);
    expect(guest.peer.last()).toMatchObject({ code: ErrorCode.NameInvalid });
  });
});

describe('several devices', () => {
  it('delivers direct messages to every connection of the account, and lists the person once', async () => {
    const hub = createTestHub();
    const token = await register(hub, 'alice');
    const laptop = await loginWith(hub, token, { rooms: ['dev'] });
    const phone = await loginWith(hub, token, { rooms: ['dev'] });
    const bob = hub.connect();
    await bob.hello('bob', { rooms: ['dev'] });
    await bob.send({ type: 'dm', to: 'alice', text: 'both of you', cid: 'd1' });
    expect(laptop.peer.of('message').filter((m) => m.kind === 'dm')).toMatchObject([{ text: 'both of you' }]);
    expect(phone.peer.of('message').filter((m) => m.kind === 'dm')).toMatchObject([{ text: 'both of you' }]);
    expect(bob.peer.of('joined')[0]!.members.map((m) => m.nick)).toEqual(['alice', 'bob']);
    await phone.disconnect();
    expect(bob.peer.of('presence').filter((p) => p.nick === 'alice' && p.event === 'leave')).toHaveLength(0);
    // The device left keeps getting its messages, and the last one to go is announced.
    await bob.send({ type: 'dm', to: 'alice', text: 'just you now', cid: 'd2' });
    expect(laptop.peer.of('message').filter((m) => m.kind === 'dm')).toMatchObject([
      { text: 'both of you' },
      { text: 'just you now' },
    ]);
    await laptop.disconnect();
    expect(bob.peer.of('presence').filter((p) => p.nick === 'alice' && p.event === 'leave')).toHaveLength(1);
    expect(hub.hub.channelSize('user:alice')).toBe(0);
  });

  it('syncs read markers between devices and reports unread counts on join', async () => {
    const hub = createTestHub({ limits: { burst: 100 } });
    const token = await register(hub, 'alice');
    const bob = hub.connect();
    await bob.hello('bob', { rooms: ['dev'] });
    const laptop = await loginWith(hub, token, { rooms: ['dev'] });
    const phone = await loginWith(hub, token);
    const seq = laptop.peer.of('joined')[0]!.seq;
    await laptop.send({ type: 'read', target: 'dev', seq });
    expect(phone.peer.of('read')).toEqual([{ type: 'read', target: 'dev', seq }]);
    for (let i = 0; i < 3; i++) await bob.send({ type: 'say', room: 'dev', text: `news ${i}`, cid: `c${i}` });
    const tablet = await loginWith(hub, token, { rooms: ['dev'] });
    expect(tablet.peer.of('joined')[0]).toMatchObject({ read: seq, unread: 3 });
  });

  it('lists exactly the mentions and direct messages since the read markers in the digest', async () => {
    const hub = createTestHub({ limits: { burst: 100 } });
    const token = await register(hub, 'alice');
    const bob = hub.connect();
    await bob.hello('bob', { rooms: ['dev'] });
    const alice = await loginWith(hub, token, { rooms: ['dev'] });
    await bob.send({ type: 'say', room: 'dev', text: 'old news for alice', cid: 'c0' });
    await bob.send({ type: 'dm', to: 'alice', text: 'old dm', cid: 'd0' });
    const lastRoomSeq = alice.peer
      .of('message')
      .filter((m) => m.room === 'dev')
      .at(-1)!.seq;
    await alice.send({ type: 'read', target: 'dev', seq: lastRoomSeq });
    await alice.send({
      type: 'read',
      target: '@bob',
      seq: alice.peer.of('message').find((m) => m.kind === 'dm')!.seq,
    });
    await alice.disconnect();

    await bob.send({ type: 'say', room: 'dev', text: 'ping @alice, build is red', cid: 'c1' });
    await bob.send({ type: 'say', room: 'dev', text: 'malice is not a mention', cid: 'c2' });
    await bob.send({ type: 'say', room: 'dev', text: 'ALICE: are you there?', cid: 'c3' });
    await bob.send({ type: 'dm', to: 'alice', text: 'new dm while away', cid: 'd1' });

    const back = await loginWith(hub, token);
    const digest = back.peer.of('digest')[0]!;
    expect(digest.mentions.map((m) => m.text)).toEqual([
      'ping @alice, build is red',
      'ALICE: are you there?',
    ]);
    expect(digest.direct.map((m) => m.text)).toEqual(['new dm while away']);
    expect(digest.truncated).toBe(false);

    // A reconnect (hello with resume cursors) is not coming back from being away.
    const reconnect = hub.connect();
    await reconnect.hello('ignored', { token, resume: { dev: lastRoomSeq } });
    expect(reconnect.peer.of('digest')).toEqual([]);
  });

  it('counts mentions in every room the account joined, opened or not, with marks on a fresh device', async () => {
    const hub = createTestHub({ limits: { burst: 100 } });
    const uma = hub.connect();
    await uma.hello('uma', { rooms: ['dev', 'ops'] });
    await uma.send({ type: 'register', name: 'uma', password: 'correct horse' });
    const token = uma.peer.of('auth')[0]!.token;
    const bob = hub.connect();
    await bob.hello('bob', { rooms: ['dev', 'ops'] });
    // uma looks at #dev only, then quits: #ops was never opened on any device.
    const devSeq = uma.peer
      .of('message')
      .filter((m) => m.room === 'dev')
      .at(-1)!.seq;
    await uma.send({ type: 'read', target: 'dev', seq: devSeq });
    await uma.disconnect();

    const lines = [
      ['ops', 'uma: the deploy is stuck'],
      ['ops', 'ｕｍａ, are you there?'],
      ['ops', 'puma-bot restarted'],
      ['dev', 'thanks uma.'],
    ];
    for (const [i, [room, text]] of lines.entries()) {
      hub.clock.advance(1000);
      await bob.send({ type: 'say', room: room!, text: text!, cid: `c${i}` });
    }

    const fresh = await loginWith(hub, token, { rooms: ['dev', 'ops'] });
    expect(fresh.peer.of('digest')[0]!.mentions.map((m) => m.text)).toEqual([
      'uma: the deploy is stuck',
      'ｕｍａ, are you there?',
      'thanks uma.',
    ]);
    const joined = (room: string) => fresh.peer.of('joined').find((j) => j.room === room);
    expect(joined('ops')).toMatchObject({ unread: 3, mentions: 2 });
    expect(joined('dev')).toMatchObject({ unread: 1, mentions: 1 });
  });

  it('stops looking in a room the account left on purpose', async () => {
    const hub = createTestHub({ limits: { burst: 100 } });
    const token = await register(hub, 'uma');
    const bob = hub.connect();
    await bob.hello('bob', { rooms: ['ops'] });
    const uma = await loginWith(hub, token, { rooms: ['ops'] });
    await uma.send({ type: 'leave', room: 'ops' });
    await uma.disconnect();
    await bob.send({ type: 'say', room: 'ops', text: 'uma: still there?', cid: 'c1' });
    const back = await loginWith(hub, token);
    expect(back.peer.of('digest')[0]!.mentions).toEqual([]);
  });
});
