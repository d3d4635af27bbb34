import { changePrefs, ErrorCode, type NotifyPrefs, type PrefsChange } from 'aurora-protocol';
import { ManualClock } from 'aurora-testkit';
import { expect, it } from 'vitest';
import type { NewMessage, Retention, Store } from '../store/store.js';

/** Makes a fresh, empty store on a manual clock. */
export type StoreFactory = (options: {
  clock: ManualClock;
  retention?: Retention;
  /** Search candidates a store may examine per target per page, where it has such a budget (Redis). */
  searchBudget?: number;
}) => Promise<Store>;

/** A chat message to store in a room (the contracts' fixture). */
export const say = (room: string, text: string, from = 'alice', cid?: string): NewMessage => ({
  target: `room:${room}`,
  kind: 'chat',
  room,
  from,
  fromKey: from,
  text,
  ...(cid === undefined ? {} : { cid }),
});

/** A direct message to store (the contracts' fixture). */
export const dm = (from: string, to: string, text: string): NewMessage => ({
  target: from < to ? `dm:${from} ${to}` : `dm:${to} ${from}`,
  kind: 'dm',
  to,
  toKey: to,
  from,
  fromKey: from,
  text,
});

const texts = (messages: { text: string }[]) => messages.map((m) => m.text);

/**
 * The rules every Store keeps, whatever it is built on: call inside a `describe` with a factory. The
 * SQLite and the Redis stores both run it, so cluster mode cannot drift from the embedded one.
 */
export function storeContract(create: StoreFactory): void {
  const open = async (retention?: Retention) => {
    const clock = new ManualClock();
    return { clock, store: await create({ clock, ...(retention ? { retention } : {}) }) };
  };
  const fill = async (store: Store, clock: ManualClock, count: number, room = 'dev') => {
    for (let i = 1; i <= count; i++) {
      clock.advance(1000);
      await store.append(say(room, `m${i}`));
    }
  };

  it('keeps whether the sender was registered, in the message and in history', async () => {
    const { store } = await open();
    const signed = await store.append({ ...say('dev', 'from an account'), fromAccount: true });
    const guest = await store.append(say('dev', 'from a guest', 'bob'));
    expect(signed.message.account).toBe(true);
    expect(guest.message).not.toHaveProperty('account');
    const { messages } = await store.page('room:dev', { limit: 10 });
    expect(messages.map((m) => [m.from, m.account])).toEqual([
      ['alice', true],
      ['bob', undefined],
    ]);
    expect(Object.keys(messages[0]!)).toEqual(Object.keys(signed.message));
  });

  it('keeps whether a webhook posted it, in the message and in history', async () => {
    const { store } = await open();
    const posted = await store.append({ ...say('dev', 'build 412 passed', 'builds'), fromBot: true });
    expect(posted.message.bot).toBe(true);
    const { messages } = await store.page('room:dev', { limit: 10 });
    expect(messages[0]?.bot).toBe(true);
    expect(Object.keys(messages[0]!)).toEqual(Object.keys(posted.message));
  });

  it('keeps webhooks until they are revoked', async () => {
    const { store } = await open();
    const hook = (id: string, createdAt: number) => ({
      id,
      room: 'ci',
      name: 'builds',
      secretHash: `hash-${id}`,
      createdAt,
    });
    await store.webhooks.createWebhook(hook('w2', 2000));
    await store.webhooks.createWebhook(hook('w1', 1000));
    expect(await store.webhooks.webhook('w2')).toEqual(hook('w2', 2000));
    expect((await store.webhooks.webhooks()).map((w) => w.id)).toEqual(['w1', 'w2']);
    expect(await store.webhooks.revokeWebhook('w1')).toBe(true);
    expect(await store.webhooks.revokeWebhook('w1')).toBe(false);
    expect(await store.webhooks.webhook('w1')).toBeUndefined();
    expect(await store.webhooks.webhook('nope')).toBeUndefined();
  });

  it('numbers each target 1, 2, 3 on its own, with the server time', async () => {
    const { store, clock } = await open();
    const first = await store.append(say('dev', 'one'));
    clock.advance(5);
    await store.append(say('ops', 'elsewhere'));
    const second = await store.append(say('dev', 'two'));
    expect(first).toMatchObject({
      duplicate: false,
      message: { seq: 1, room: 'dev', from: 'alice', text: 'one' },
    });
    expect(second.message).toMatchObject({ seq: 2, kind: 'chat', ts: clock.now() });
    expect(second.message.id).not.toBe(first.message.id);
    expect((await store.bounds('room:ops')).last).toBe(1);
  });

  it('keeps concurrent appends to one target gapless and in order', async () => {
    const { store } = await open();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => store.append(say('dev', `n${i}`))),
    );
    expect(results.map((r) => r.message.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    const page = await store.page('room:dev', { limit: 100 });
    expect(page.messages.map((m) => m.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('stores a retried cid once and answers the retry with the first id and seq', async () => {
    const { store } = await open();
    const first = await store.append(say('dev', 'once', 'alice', 'c1'));
    await store.append(say('dev', 'between'));
    const retry = await store.append(say('dev', 'once', 'alice', 'c1'));
    const [racedA, racedB] = await Promise.all([
      store.append(say('dev', 'raced', 'alice', 'c2')),
      store.append(say('dev', 'raced', 'alice', 'c2')),
    ]);
    const otherSender = await store.append(say('dev', 'same cid, other person', 'bob', 'c1'));
    expect(retry).toEqual({ message: first.message, duplicate: true });
    expect(racedA.message.seq).toBe(racedB.message.seq);
    expect([racedA.duplicate, racedB.duplicate].sort()).toEqual([false, true]);
    expect(otherSender.duplicate).toBe(false);
    expect(texts((await store.page('room:dev', { limit: 10 })).messages)).toEqual([
      'once',
      'between',
      'raced',
      'same cid, other person',
    ]);
  });

  it('pages newest first by default, then back with before and forward with after', async () => {
    const { store, clock } = await open();
    await fill(store, clock, 10);
    const latest = await store.page('room:dev', { limit: 3 });
    expect(texts(latest.messages)).toEqual(['m8', 'm9', 'm10']);
    expect(latest.more).toBe(true);
    const older = await store.page('room:dev', { before: 8, limit: 3 });
    expect(texts(older.messages)).toEqual(['m5', 'm6', 'm7']);
    const oldest = await store.page('room:dev', { before: 3, limit: 3 });
    expect(oldest).toMatchObject({ more: false });
    expect(texts(oldest.messages)).toEqual(['m1', 'm2']);
    const after = await store.page('room:dev', { after: 4, limit: 3 });
    expect(texts(after.messages)).toEqual(['m5', 'm6', 'm7']);
    expect(after.more).toBe(true);
    const window = await store.page('room:dev', { after: 4, before: 7, limit: 10 });
    expect(texts(window.messages)).toEqual(['m5', 'm6']);
    expect(window.more).toBe(false);
    expect(await store.page('room:none', { limit: 5 })).toEqual({ messages: [], more: false });
  });

  it('hides messages older than notBefore', async () => {
    const { store, clock } = await open();
    await fill(store, clock, 4);
    const notBefore = clock.now() + 1;
    await fill(store, clock, 2);
    expect(texts((await store.page('room:dev', { limit: 10, notBefore })).messages)).toEqual(['m1', 'm2']);
    expect(texts((await store.page('room:dev', { after: 0, limit: 10, notBefore })).messages)).toEqual([
      'm1',
      'm2',
    ]);
  });

  it('reports bounds, and keeps them exact after pruning by count and by age', async () => {
    const { store, clock } = await open({ maxPerTarget: 4, maxAgeMs: 60_000 });
    expect(await store.bounds('room:dev')).toEqual({ first: 0, last: 0 });
    await fill(store, clock, 10);
    expect(await store.bounds('room:dev')).toEqual({ first: 1, last: 10 });
    expect(await store.prune(clock.now())).toBe(6);
    expect(await store.bounds('room:dev')).toEqual({ first: 7, last: 10 });
    expect(texts((await store.page('room:dev', { limit: 10 })).messages)).toEqual(['m7', 'm8', 'm9', 'm10']);
    clock.advance(58_500);
    expect(await store.prune(clock.now())).toBe(2);
    expect(await store.bounds('room:dev')).toEqual({ first: 9, last: 10 });
    const next = await store.append(say('dev', 'after pruning'));
    expect(next.message.seq).toBe(11);
  });

  it('keeps the bounds of a direct conversation exact after pruning, so a resume can tell a gap', async () => {
    const { store, clock } = await open({ maxPerTarget: 3 });
    for (let i = 1; i <= 8; i++) {
      clock.advance(1000);
      await store.append(dm('alice', 'bob', `d${i}`));
    }
    await store.prune(clock.now());
    expect(await store.bounds('dm:alice bob')).toEqual({ first: 6, last: 8 });
    expect(texts((await store.page('dm:alice bob', { after: 1, limit: 10 })).messages)).toEqual([
      'd6',
      'd7',
      'd8',
    ]);
  });

  it('never reuses a seq, even when retention deleted every message of a target', async () => {
    const { store, clock } = await open({ maxAgeMs: 60_000 });
    await fill(store, clock, 3);
    clock.advance(120_000);
    expect(await store.prune(clock.now())).toBe(3);
    // Nothing is left, but a client that saw seq 3 has missed nothing: first is past last.
    expect(await store.bounds('room:dev')).toEqual({ first: 4, last: 3 });
    expect((await store.append(say('dev', 'after'))).message.seq).toBe(4);
  });

  it('keeps room topics and remembered members', async () => {
    const { store } = await open();
    expect(await store.topic('dev')).toBe('');
    await store.setTopic('dev', 'ship it');
    await store.rememberMember({ room: 'dev', key: 'alice', nick: 'Alice' });
    await store.rememberMember({ room: 'ops', key: 'bob', nick: 'bob' });
    await store.forgetMember('ops', 'bob');
    expect(await store.topic('dev')).toBe('ship it');
    expect(await store.isRemembered('dev', 'alice')).toBe(true);
    expect(await store.isRemembered('ops', 'bob')).toBe(false);
    expect(await store.rememberedMembers()).toEqual([{ room: 'dev', key: 'alice', nick: 'Alice' }]);
  });

  it('refuses an account whose name looks like a registered one, and finds it by skeleton', async () => {
    const { store, clock } = await open();
    const { accounts } = store;
    const alice = { key: 'alice', name: 'alice', password: 'scrypt$x', createdAt: clock.now() };
    expect(await accounts.createAccount(alice, 'alice')).toBe(true);
    const alpha = { ...alice, key: '\u0251lice', name: '\u0251lice' };
    expect(await accounts.createAccount(alpha, 'alice')).toBe(false);
    expect(await accounts.account('\u0251lice')).toBeUndefined();
    expect(await accounts.accountBySkeleton('alice')).toEqual(alice);
    expect(await accounts.accountBySkeleton('bob')).toBeUndefined();
  });

  it('re-checks skeletons at start: accounts that now look alike both keep working, new ones are refused', async () => {
    const { store, clock } = await open();
    const { accounts } = store;
    // Registered under an older skeleton that told these apart.
    const old = (name: string) => ({ key: name, name, password: 'scrypt$x', createdAt: clock.now() });
    expect(await accounts.createAccount(old('alice'), 'alice')).toBe(true);
    expect(await accounts.createAccount(old('\u0251lice'), '\u0251lice')).toBe(true);
    expect(await accounts.createAccount(old('bob'), 'bob')).toBe(true);
    expect(await accounts.createAccount(old('b0b'), 'b0b')).toBe(true);
    // The newer skeleton sends "b0b" where "bob" was: the index must follow.
    const newer = (name: string) => (name === 'b0b' ? 'bob' : name.replace('\u0251', 'a').toUpperCase());
    const shared = await accounts.reindexSkeletons(newer);
    expect(shared.map((names) => [...names].sort())).toEqual([['alice', '\u0251lice']]);
    expect(await accounts.account('alice')).toEqual(old('alice'));
    expect(await accounts.account('\u0251lice')).toEqual(old('\u0251lice'));
    expect((await accounts.accountBySkeleton('ALICE'))?.name).toMatch(/^(alice|\u0251lice)$/);
    expect(await accounts.accountBySkeleton('\u0251lice')).toBeUndefined();
    expect(await accounts.createAccount(old('alIce'), 'ALICE')).toBe(false);
    expect(await accounts.createAccount(old('carol'), 'CAROL')).toBe(true);
    expect((await accounts.accountBySkeleton('BOB'))?.name).toBe('bob');
    expect((await accounts.accountBySkeleton('bob'))?.name).toBe('b0b');
  });

  it('creates an account once, and issues, finds and revokes sessions', async () => {
    const { store, clock } = await open();
    const { accounts } = store;
    const account = { key: 'alice', name: 'Alice', password: 'scrypt$x', createdAt: clock.now() };
    expect(await accounts.createAccount(account, 'alice')).toBe(true);
    expect(await accounts.createAccount({ ...account, name: 'ALICE' }, 'allce')).toBe(false);
    expect(await accounts.account('alice')).toEqual(account);
    expect(await accounts.account('bob')).toBeUndefined();
    const session = (tokenHash: string) => ({
      tokenHash,
      accountKey: 'alice',
      createdAt: clock.now(),
      expiresAt: clock.now() + 86_400_000,
    });
    for (const hash of ['t1', 't2', 't3']) await accounts.createSession(session(hash));
    expect(await accounts.session('t1')).toEqual({ ...session('t1'), revoked: false });
    await accounts.revokeSession('t1');
    expect(await accounts.session('t1')).toMatchObject({ revoked: true });
    expect(await accounts.session('t2')).toMatchObject({ revoked: false });
    await accounts.revokeAllSessions('alice');
    expect(await accounts.session('t3')).toMatchObject({ revoked: true });
    expect(await accounts.session('nope')).toBeUndefined();
  });

  it('moves read markers forward only and counts what others wrote after them', async () => {
    const { store, clock } = await open();
    const { accounts } = store;
    await fill(store, clock, 3);
    await store.append(say('dev', 'mine', 'bob'));
    await store.append({
      ...say('dev', 'bob joined', 'bob'),
      kind: 'system',
      event: { kind: 'join', nick: 'bob' },
    });
    expect(await accounts.markRead('bob', 'room:dev', 2)).toBe(2);
    expect(await accounts.markRead('bob', 'room:dev', 1)).toBe(2);
    await accounts.markRead('bob', 'dm:alice bob', 7);
    expect(await accounts.readMarkers('bob')).toEqual(
      new Map([
        ['room:dev', 2],
        ['dm:alice bob', 7],
      ]),
    );
    expect(await accounts.unreadCount('room:dev', 2, 'bob')).toBe(1);
    expect(await accounts.unreadCount('room:dev', 0, 'carol')).toBe(4);
  });

  it('starts a marker where there is none, keeps one that exists, and drops it on request', async () => {
    const { store } = await open();
    const { accounts } = store;
    expect(await accounts.startReading('uma', 'room:ops', 5)).toBe(5);
    expect(await accounts.startReading('uma', 'room:ops', 9)).toBe(5);
    await accounts.markRead('uma', 'room:dev', 3);
    expect(await accounts.startReading('uma', 'room:dev', 1)).toBe(3);
    await accounts.stopReading('uma', 'room:ops');
    expect(await accounts.readMarkers('uma')).toEqual(new Map([['room:dev', 3]]));
  });

  it('finds whole-word mentions by others after a marker, and direct messages to a person', async () => {
    const { store, clock } = await open();
    const { accounts } = store;
    for (const text of ['hi bob', 'bobby is here', 'ping @Bob!', 'carol: BOB?'])
      await store.append(say('dev', text, 'carol'));
    await store.append(say('dev', 'bob talking about bob', 'bob'));
    for (const text of ['ｂｏｂ, lunch?', 'bob-bot deployed', 'thanks bob.'])
      await store.append(say('dev', text, 'carol'));
    const bob = { nick: 'bob', keywords: [] };
    const mentions = await accounts.mentions('room:dev', 1, bob, 'bob', 10);
    expect(texts(mentions)).toEqual(['ping @Bob!', 'carol: BOB?', 'ｂｏｂ, lunch?', 'thanks bob.']);
    expect(await accounts.mentions('room:dev', 0, bob, 'bob', 1)).toHaveLength(1);
    const deployed = await accounts.mentions(
      'room:dev',
      1,
      { nick: 'bob', keywords: ['DEPLOYED'] },
      'bob',
      10,
    );
    expect(texts(deployed)).toEqual([
      'ping @Bob!',
      'carol: BOB?',
      'ｂｏｂ, lunch?',
      'bob-bot deployed',
      'thanks bob.',
    ]);

    // Nothing by someone the reader ignores (by canonical name, as stored) counts, unread or mention.
    const ignoring = { nick: 'bob', keywords: [], ignored: ['carol'] };
    expect(await accounts.mentions('room:dev', 1, ignoring, 'bob', 10)).toEqual([]);
    expect(await accounts.unreadCount('room:dev', 0, 'bob')).toBe(7);
    expect(await accounts.unreadCount('room:dev', 0, 'bob', ['carol'])).toBe(0);
    expect(await accounts.unreadCount('room:dev', 0, 'carol', ['bob'])).toBe(0);
    expect(await accounts.unreadCount('room:dev', 0, 'dave', ['bob'])).toBe(7);

    for (const [from, to, text] of [
      ['alice', 'bob', 'a1'],
      ['bob', 'alice', 'reply'],
      ['carol', 'bob', 'c1'],
      ['alice', 'bob', 'a2'],
      ['bob', 'bob', 'note to self'],
    ] as const) {
      clock.advance(1000);
      await store.append(dm(from, to, text));
    }
    const direct = await accounts.directTo('bob', 2);
    expect(direct.map(({ target, message }) => [target, message.text, message.to])).toEqual([
      ['dm:bob carol', 'c1', 'bob'],
      ['dm:alice bob', 'a2', 'bob'],
    ]);
    expect(texts((await accounts.directTo('bob', 10)).map((d) => d.message))).toEqual(['a1', 'c1', 'a2']);
  });

  it('keeps notification preferences per account, and stores nothing for a refused change', async () => {
    const { store, clock } = await open();
    const { accounts } = store;
    const apply = (key: string, change: PrefsChange) =>
      accounts.changePrefs(key, (current) => changePrefs(current, change, clock.now()));
    expect(await accounts.prefs('uma')).toEqual({ levels: [], mutes: [], keywords: [], ignored: [] });
    await apply('uma', { type: 'notify', target: 'dev', level: 'all' });
    await apply('uma', { type: 'mute', target: 'constructor', forMs: 60_000 });
    await apply('uma', { type: 'mute', target: '@Bob' });
    await apply('uma', { type: 'highlight', op: 'add', word: 'deploy' });
    await apply('uma', { type: 'ignore', op: 'add', name: 'Troll' });
    const refused = await apply('uma', { type: 'highlight', op: 'add', word: 'two words' });
    expect(refused).toMatchObject({ ok: false, code: ErrorCode.KeywordInvalid });
    const stored = await accounts.prefs('uma');
    expect(stored).toEqual({
      levels: [{ target: 'dev', level: 'all' }],
      mutes: [{ target: 'constructor', until: clock.now() + 60_000 }, { target: '@bob' }],
      keywords: ['deploy'],
      ignored: ['Troll'],
    });
    expect(await accounts.prefs('vic')).toEqual({ levels: [], mutes: [], keywords: [], ignored: [] });
  });

  it('applies concurrent preference changes one after another, losing none', async () => {
    const { store, clock } = await open();
    const { accounts } = store;
    const words = Array.from({ length: 12 }, (_, i) => `word${i}`);
    await Promise.all(
      words.map((word) =>
        accounts.changePrefs('uma', (current: NotifyPrefs) =>
          changePrefs(current, { type: 'highlight', op: 'add', word }, clock.now()),
        ),
      ),
    );
    expect([...(await accounts.prefs('uma')).keywords].sort()).toEqual([...words].sort());
  });
}
