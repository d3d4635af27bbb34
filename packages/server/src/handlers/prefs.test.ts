import { ErrorCode, PREFS_LIMITS } from 'aurora-protocol';
import { describe, expect, it } from 'vitest';
import { createTestHub, type FakeClient } from '../testing/test-hub.js';

type TestHub = ReturnType<typeof createTestHub>;

async function register(hub: TestHub, name: string): Promise<string> {
  const client = hub.connect();
  await client.send({ type: 'register', name, password: 'correct horse' });
  const auth = client.peer.of('auth')[0];
  if (!auth) throw new Error(`register failed: ${JSON.stringify(client.peer.last())}`);
  await client.disconnect();
  return auth.token;
}

async function device(hub: TestHub, token: string, rooms: string[] = []): Promise<FakeClient> {
  const client = hub.connect();
  await client.hello('ignored', { token, rooms });
  return client;
}

const lastPrefs = (client: FakeClient) => client.peer.of('prefs').at(-1);

describe('notification preferences', () => {
  it('sends them after welcome, and every change to every device of the account', async () => {
    const hub = createTestHub();
    const token = await register(hub, 'alice');
    const laptop = await device(hub, token);
    const phone = await device(hub, token);
    expect(laptop.peer.received.map((m) => m.type).slice(0, 3)).toEqual(['welcome', 'prefs', 'digest']);
    expect(lastPrefs(laptop)).toMatchObject({ levels: [], mutes: [], keywords: [], ignored: [] });

    await laptop.send({ type: 'notify', target: '#Ops', level: 'all' });
    await laptop.send({ type: 'mute', target: '@Bob', forMs: 30 * 60_000 });
    await laptop.send({ type: 'highlight', op: 'add', word: 'deploy' });
    const expected = {
      levels: [{ target: 'ops', level: 'all' }],
      mutes: [{ target: '@bob', until: hub.clock.now() + 30 * 60_000 }],
      keywords: ['deploy'],
    };
    expect(lastPrefs(phone)).toMatchObject(expected);
    expect(lastPrefs(laptop)).toMatchObject(expected);

    const tablet = await device(hub, token);
    expect(lastPrefs(tablet)).toMatchObject(expected);
  });

  it('refuses guests and bad input with stable codes, changing nothing', async () => {
    const hub = createTestHub();
    const guest = hub.connect();
    await guest.hello('gus');
    await guest.send({ type: 'mute', target: 'dev', ref: 'm1' });
    expect(guest.peer.last()).toMatchObject({ type: 'error', code: ErrorCode.LoginRequired, ref: 'm1' });

    const alice = await device(hub, await register(hub, 'alice'));
    alice.peer.clear();
    const refusals: [object, string][] = [
      [{ type: 'highlight', op: 'add', word: 'two words' }, ErrorCode.KeywordInvalid],
      [{ type: 'highlight', op: 'add', word: 'x'.repeat(65) }, ErrorCode.KeywordInvalid],
      [{ type: 'notify', target: 'bad room!', level: 'all' }, ErrorCode.RoomInvalid],
      [{ type: 'mute', target: '@', forMs: 1000 }, ErrorCode.NameInvalid],
      [{ type: 'notify', target: 'dev', level: 'loud' }, ErrorCode.BadMessage],
      [{ type: 'mute', target: 'dev', forMs: -5 }, ErrorCode.BadMessage],
    ];
    for (const [message, code] of refusals) {
      await alice.send(JSON.stringify({ ...message, ref: 'r' }));
      expect(alice.peer.last()).toMatchObject({ type: 'error', code, ref: 'r' });
    }
    expect(alice.peer.of('prefs')).toEqual([]);
  });

  it(`refuses keyword ${PREFS_LIMITS.maxKeywords + 1} with too_many_keywords`, async () => {
    const hub = createTestHub({ limits: { burst: 100 } });
    const alice = await device(hub, await register(hub, 'alice'));
    for (let i = 0; i < PREFS_LIMITS.maxKeywords; i++)
      await alice.send({ type: 'highlight', op: 'add', word: `word${i}` });
    await alice.send({ type: 'highlight', op: 'add', word: 'onemore' });
    expect(alice.peer.last()).toMatchObject({ type: 'error', code: ErrorCode.TooManyKeywords });
    expect(lastPrefs(alice)?.keywords).toHaveLength(PREFS_LIMITS.maxKeywords);
  });

  it('counts preference changes against the rate limit, as messages are', async () => {
    const hub = createTestHub();
    const alice = await device(hub, await register(hub, 'alice'));
    for (let i = 0; i < 6; i++)
      await alice.send({ type: 'highlight', op: 'add', word: `w${i}`, ref: `h${i}` });
    expect(alice.peer.last()).toMatchObject({ type: 'error', code: ErrorCode.RateLimited, ref: 'h5' });
    expect(lastPrefs(alice)?.keywords).toHaveLength(5);
  });

  it('counts keywords as mentions in joined and the digest, so a fresh device shows them', async () => {
    const hub = createTestHub();
    const token = await register(hub, 'alice');
    const first = await device(hub, token, ['dev']);
    await first.send({ type: 'highlight', op: 'add', word: 'deploy' });
    await first.disconnect();
    const bob = hub.connect();
    await bob.hello('bob', { rooms: ['dev'] });
    await bob.send({ type: 'say', room: 'dev', text: 'the DEPLOY is done', cid: 'b1' });
    await bob.send({ type: 'say', room: 'dev', text: 'redeploy later', cid: 'b2' });

    const fresh = await device(hub, token, ['dev']);
    expect(fresh.peer.of('digest')[0]?.mentions.map((m) => m.text)).toEqual(['the DEPLOY is done']);
    expect(fresh.peer.of('joined')[0]).toMatchObject({ unread: 2, mentions: 1 });
  });

  it('leaves a muted room out of mentions and the digest until the mute ends, still counting unread', async () => {
    const hub = createTestHub();
    const token = await register(hub, 'alice');
    const first = await device(hub, token, ['dev']);
    await first.send({ type: 'mute', target: 'dev', forMs: 60 * 60_000 });
    await first.send({ type: 'mute', target: '@bob' });
    await first.disconnect();
    const bob = hub.connect();
    await bob.hello('bob', { rooms: ['dev'] });
    await bob.send({ type: 'say', room: 'dev', text: 'alice: ping', cid: 'b1' });
    await bob.send({ type: 'dm', to: 'alice', text: 'psst', cid: 'b2' });

    const muted = await device(hub, token, ['dev']);
    expect(muted.peer.of('digest')[0]).toMatchObject({ mentions: [], direct: [] });
    expect(muted.peer.of('joined')[0]).toMatchObject({ unread: 1, mentions: 0 });
    await muted.disconnect();

    hub.clock.advance(60 * 60_000);
    const later = await device(hub, token, ['dev']);
    expect(later.peer.of('digest')[0]?.mentions.map((m) => m.text)).toEqual(['alice: ping']);
    expect(later.peer.of('digest')[0]?.direct).toEqual([]);
    expect(later.peer.of('joined')[0]).toMatchObject({ unread: 1, mentions: 1 });
    // The ended mute is no longer sent; the one without an end is.
    expect(lastPrefs(later)?.mutes).toEqual([{ target: '@bob' }]);
  });

  it('syncs ignored people to every device, and refuses a bad name, yourself and person 101', async () => {
    const hub = createTestHub({ limits: { burst: 200 } });
    const token = await register(hub, 'alice');
    const laptop = await device(hub, token);
    const phone = await device(hub, token);
    await laptop.send({ type: 'ignore', op: 'add', name: 'Bob' });
    await laptop.send({ type: 'ignore', op: 'add', name: '@BOB' });
    expect(lastPrefs(phone)?.ignored).toEqual(['Bob']);
    await phone.send({ type: 'ignore', op: 'remove', name: 'bob' });
    expect(lastPrefs(laptop)?.ignored).toEqual([]);

    laptop.peer.clear();
    await laptop.send({ type: 'ignore', op: 'add', name: 'two words', ref: 'i1' });
    expect(laptop.peer.last()).toMatchObject({ type: 'error', code: ErrorCode.NameInvalid, ref: 'i1' });
    await laptop.send({ type: 'ignore', op: 'add', name: 'ALICE', ref: 'i2' });
    expect(laptop.peer.last()).toMatchObject({ type: 'error', code: ErrorCode.NameInvalid, ref: 'i2' });
    for (let i = 0; i < PREFS_LIMITS.maxIgnored; i++)
      await laptop.send({ type: 'ignore', op: 'add', name: `troll${i}` });
    await laptop.send({ type: 'ignore', op: 'add', name: 'onemore', ref: 'i3' });
    expect(laptop.peer.last()).toMatchObject({ type: 'error', code: ErrorCode.TooManyIgnored, ref: 'i3' });
    expect(lastPrefs(phone)?.ignored).toHaveLength(PREFS_LIMITS.maxIgnored);
  });

  it('leaves ignored people out of unread, mentions and the digest of a fresh device', async () => {
    const hub = createTestHub();
    const token = await register(hub, 'alice');
    const first = await device(hub, token, ['dev']);
    await first.send({ type: 'ignore', op: 'add', name: 'BOB' });
    await first.disconnect();
    const bob = hub.connect();
    await bob.hello('bob', { rooms: ['dev'] });
    await bob.send({ type: 'say', room: 'dev', text: 'alice: ping', cid: 'b1' });
    await bob.send({ type: 'dm', to: 'alice', text: 'psst', cid: 'b2' });
    const carol = hub.connect();
    await carol.hello('carol', { rooms: ['dev'] });
    await carol.send({ type: 'say', room: 'dev', text: 'alice: lunch?', cid: 'c1' });
    await carol.send({ type: 'dm', to: 'alice', text: 'hi', cid: 'c2' });

    const fresh = await device(hub, token, ['dev']);
    const digest = fresh.peer.of('digest')[0];
    expect(digest?.mentions.map((m) => m.text)).toEqual(['alice: lunch?']);
    expect(digest?.direct.map((m) => m.text)).toEqual(['hi']);
    expect(fresh.peer.of('joined')[0]).toMatchObject({ unread: 1, mentions: 1 });
  });

  it('sends the account its (empty) preferences when a guest registers the name it uses', async () => {
    const hub = createTestHub();
    const guest = hub.connect();
    await guest.hello('carol');
    expect(guest.peer.of('prefs')).toEqual([]);
    await guest.send({ type: 'register', name: 'carol', password: 'correct horse' });
    await guest.send({ type: 'notify', target: 'dev', level: 'none' });
    expect(lastPrefs(guest)).toMatchObject({ levels: [{ target: 'dev', level: 'none' }] });
  });
});
