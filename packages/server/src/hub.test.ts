import { CloseCode, ErrorCode } from 'aurora-protocol';
import { describe, expect, it } from 'vitest';
import { HOLD_MS } from './send-gate.js';
import { createTestHub } from './testing/test-hub.js';

const texts = (messages: { text: string }[]) => messages.map((m) => m.text);

describe('hello and names', () => {
  it('welcomes a guest with the limits in force', async () => {
    const { connect } = createTestHub();
    const alice = connect();
    await alice.hello('alice');
    expect(alice.peer.of('welcome')).toMatchObject([
      { nick: 'alice', v: 1, limits: { maxTextBytes: 4096, burst: 5 } },
    ]);
  });

  it.each(['alice', 'ALICE', 'Alice', 'ａｌｉｃｅ', '\u0430\u04CF\u0456\u0441\u0435'])(
    'refuses %j while alice is online, and lets the client pick another name on the same socket',
    async (variant) => {
      const { connect } = createTestHub();
      await connect().hello('alice');
      const other = connect();
      await other.hello(variant);
      expect(other.peer.of('error')).toMatchObject([{ code: ErrorCode.NameTaken }]);
      expect(other.peer.of('welcome')).toHaveLength(0);
      await other.hello('bob');
      expect(other.peer.of('welcome')).toMatchObject([{ nick: 'bob' }]);
    },
  );

  it('explains why an invalid name is refused', async () => {
    const { connect } = createTestHub();
    const client = connect();
    await client.hello('al\u202Eice');
    expect(client.peer.last()).toMatchObject({
      type: 'error',
      code: ErrorCode.NameInvalid,
      message: expect.stringMatching(/direction/),
    });
  });

  it('frees the name when the connection closes', async () => {
    const { connect } = createTestHub();
    const first = connect();
    await first.hello('alice');
    await first.disconnect();
    const second = connect();
    await second.hello('alice');
    expect(second.peer.of('welcome')).toHaveLength(1);
  });

  it('answers requests before hello with hello_required, and a second hello with already_greeted', async () => {
    const { connect } = createTestHub();
    const client = connect();
    await client.send({ type: 'join', room: 'dev', ref: 'r1' });
    expect(client.peer.last()).toMatchObject({ type: 'error', code: ErrorCode.HelloRequired, ref: 'r1' });
    await client.hello('alice');
    await client.hello('alice2');
    expect(client.peer.last()).toMatchObject({ type: 'error', code: ErrorCode.AlreadyGreeted });
  });

  it('refuses an unknown protocol version', async () => {
    const { connect } = createTestHub();
    const client = connect();
    await client.send({ type: 'hello', v: 2, nick: 'alice' });
    expect(client.peer.last()).toMatchObject({ type: 'error', code: ErrorCode.UnsupportedVersion });
  });

  it('closes a socket that never says hello (4000)', async () => {
    const { connect, clock } = createTestHub();
    const client = connect();
    clock.advance(9_999);
    expect(client.peer.closedWith).toBeUndefined();
    clock.advance(1);
    expect(client.peer.closedWith?.code).toBe(CloseCode.HelloTimeout);
  });

  it('answers malformed frames with stable codes and keeps the connection', async () => {
    const { connect } = createTestHub();
    const client = connect();
    await client.hello('alice');
    await client.send('not json');
    await client.send('{"type":"shout"}');
    await client.send('{"type":"say","room":"dev","ref":"x"}');
    expect(client.peer.of('error').map((e) => e.code)).toEqual([
      ErrorCode.BadFrame,
      ErrorCode.UnknownType,
      ErrorCode.BadMessage,
    ]);
    expect(client.peer.closedWith).toBeUndefined();
  });
});

describe('rooms', () => {
  it('announces joins and leaves with presence and stored notices', async () => {
    const { connect } = createTestHub();
    const alice = connect();
    const bob = connect();
    await alice.hello('alice', { rooms: ['dev'] });
    await bob.hello('bob', { rooms: ['#Dev'] });
    expect(bob.peer.of('joined')).toMatchObject([
      { room: 'dev', members: [{ nick: 'alice' }, { nick: 'bob' }] },
    ]);
    expect(alice.peer.of('presence').filter((p) => p.nick === 'bob')).toMatchObject([{ event: 'join' }]);
    await bob.send({ type: 'leave', room: 'dev' });
    expect(bob.peer.last()).toMatchObject({ type: 'left', room: 'dev' });
    expect(alice.peer.of('presence').at(-1)).toMatchObject({ event: 'leave', nick: 'bob' });
    const notices = alice.peer.of('message').filter((m) => m.kind === 'system');
    // alice's own join notice came in her `joined.history`; live frames bring bob's.
    expect(texts(alice.peer.of('joined')[0]!.history)).toEqual(['alice joined']);
    expect(notices.map((m) => m.event?.kind)).toEqual(['join', 'leave']);
    expect(texts(notices)).toEqual(['bob joined', 'bob left']);
  });

  it.each(['constructor', 'tostring', 'valueof'])(
    'joins a room called %s from hello with its history, with and without resume cursors',
    async (room) => {
      const { connect } = createTestHub();
      const alice = connect();
      await alice.hello('alice', { rooms: [room] });
      await alice.send({ type: 'say', room, text: 'first', cid: 'c1' });
      const bob = connect();
      await bob.hello('bob', { rooms: [room] });
      expect(texts(bob.peer.of('joined')[0]!.history)).toEqual(['alice joined', 'first', 'bob joined']);
      const carol = connect();
      await carol.hello('carol', { resume: { [room]: 1 } });
      expect(carol.peer.of('resumed')).toMatchObject([{ target: room, recovered: true, replayed: 3 }]);
      expect(texts(carol.peer.of('message'))).toEqual(['first', 'bob joined', 'carol joined']);
    },
  );

  it('sends the latest history on join, oldest first, with `more` when older exists', async () => {
    const { connect } = createTestHub({ limits: { burst: 100, joinHistory: 3 } });
    const alice = connect();
    await alice.hello('alice', { rooms: ['dev'] });
    for (let i = 1; i <= 5; i++) await alice.send({ type: 'say', room: 'dev', text: `m${i}`, cid: `c${i}` });
    const bob = connect();
    await bob.hello('bob', { rooms: ['dev'] });
    const [joined] = bob.peer.of('joined');
    expect(texts(joined!.history)).toEqual(['m4', 'm5', 'bob joined']);
    expect(joined!.more).toBe(true);
  });

  it('sets the sender, id, seq and time itself: a forged `from` is ignored', async () => {
    const { connect, clock } = createTestHub();
    const alice = connect();
    const bob = connect();
    await alice.hello('alice', { rooms: ['dev'] });
    await bob.hello('bob', { rooms: ['dev'] });
    await bob.send(
      JSON.stringify({
        type: 'say',
        room: 'dev',
        text: 'I am alice',
        cid: 'c1',
        from: 'alice',
        seq: 999,
        ts: 1,
      }),
    );
    const said = alice.peer.of('message').find((m) => m.text === 'I am alice');
    expect(said).toMatchObject({ from: 'bob', kind: 'chat', ts: clock.now() });
    expect(said!.seq).toBeLessThan(999);
  });

  it('lets a connection post to a room without joining it, with no join or leave notice', async () => {
    const { connect } = createTestHub();
    const alice = connect();
    const bot = connect();
    await alice.hello('alice', { rooms: ['dev'] });
    await bot.hello('ci');
    await bot.send({ type: 'say', room: '#Dev', text: 'build 412 passed', cid: 'c1' });
    expect(bot.peer.last()).toMatchObject({ type: 'ack', cid: 'c1', room: 'dev' });
    expect(alice.peer.of('message').map((m) => [m.kind, m.from, m.text])).toEqual([
      ['chat', 'ci', 'build 412 passed'],
    ]);
  });

  it('refuses typing and topics in a room not joined', async () => {
    const { connect } = createTestHub();
    const alice = connect();
    await alice.hello('alice');
    await alice.send({ type: 'topic', room: 'dev', topic: 'x' });
    expect(alice.peer.last()).toMatchObject({ type: 'error', code: ErrorCode.NotInRoom, room: 'dev' });
    await alice.send({ type: 'say', room: 'no rooms', text: 'hi', cid: 'c1' });
    expect(alice.peer.last()).toMatchObject({ type: 'error', code: ErrorCode.RoomInvalid });
  });

  it('announces topic changes and shows the topic on join', async () => {
    const { connect } = createTestHub();
    const alice = connect();
    await alice.hello('alice', { rooms: ['dev'] });
    await alice.send({ type: 'topic', room: 'dev', topic: 'Release\nday' });
    expect(alice.peer.of('message').at(-1)).toMatchObject({
      kind: 'system',
      event: { kind: 'topic', topic: 'Release day' },
    });
    const bob = connect();
    await bob.hello('bob', { rooms: ['dev'] });
    expect(bob.peer.of('joined')[0]?.topic).toBe('Release day');
  });

  it('lists rooms with member counts and topics, and members with away status', async () => {
    const { connect } = createTestHub();
    const alice = connect();
    const bob = connect();
    await alice.hello('alice', { rooms: ['dev', 'ops'] });
    await bob.hello('bob', { rooms: ['dev'] });
    await bob.send({ type: 'away', away: true, status: 'lunch' });
    expect(alice.peer.of('presence').at(-1)).toMatchObject({ event: 'away', nick: 'bob', status: 'lunch' });
    await alice.send({ type: 'rooms' });
    expect(alice.peer.last()).toMatchObject({
      type: 'rooms',
      rooms: [
        { room: 'dev', members: 2 },
        { room: 'ops', members: 1 },
      ],
    });
    await alice.send({ type: 'members', room: 'dev' });
    expect(alice.peer.last()).toMatchObject({
      type: 'members',
      members: [
        { nick: 'alice', away: false },
        { nick: 'bob', away: true, status: 'lunch' },
      ],
    });
  });

  it('announces a nick change in every room and frees the old name', async () => {
    const { connect } = createTestHub();
    const alice = connect();
    const bob = connect();
    await alice.hello('alice', { rooms: ['dev'] });
    await bob.hello('bob', { rooms: ['dev'] });
    await alice.send({ type: 'nick', nick: 'alicia' });
    expect(alice.peer.of('nick')).toMatchObject([{ nick: 'alicia', from: 'alice' }]);
    expect(bob.peer.of('presence').at(-1)).toMatchObject({ event: 'rename', nick: 'alicia', from: 'alice' });
    expect(bob.peer.of('message').at(-1)).toMatchObject({
      kind: 'system',
      text: 'alice is now known as alicia',
    });
    const carol = connect();
    await carol.hello('alice');
    expect(carol.peer.of('welcome')).toHaveLength(1);
    await bob.send({ type: 'nick', nick: 'ALICIA' });
    expect(bob.peer.last()).toMatchObject({ type: 'error', code: ErrorCode.NameTaken });
  });
});

describe('messages', () => {
  it('acknowledges with the stored id and seq, and stores a retried cid once', async () => {
    const { connect, store } = createTestHub();
    const alice = connect();
    await alice.hello('alice', { rooms: ['dev'] });
    await alice.send({ type: 'say', room: 'dev', text: 'once', cid: 'c1' });
    await alice.send({ type: 'say', room: 'dev', text: 'once', cid: 'c1' });
    const acks = alice.peer.of('ack');
    expect(acks).toHaveLength(2);
    expect(acks[1]).toEqual(acks[0]);
    expect(alice.peer.of('message').filter((m) => m.text === 'once')).toHaveLength(1);
    const page = await store.page('room:dev', { limit: 10 });
    expect(page.messages.filter((m) => m.text === 'once')).toHaveLength(1);
  });

  it('limits the rate: a burst of 5, then rate_limited with the wait', async () => {
    const { connect, clock } = createTestHub();
    const alice = connect();
    await alice.hello('alice', { rooms: ['dev'] });
    for (let i = 0; i < 6; i++) await alice.send({ type: 'say', room: 'dev', text: `m${i}`, cid: `c${i}` });
    expect(alice.peer.of('ack')).toHaveLength(5);
    expect(alice.peer.last()).toMatchObject({
      type: 'error',
      code: ErrorCode.RateLimited,
      cid: 'c5',
      retryAfterMs: 500,
    });
    clock.advance(500);
    await alice.send({ type: 'say', room: 'dev', text: 'again', cid: 'c5' });
    expect(alice.peer.last()).toMatchObject({ type: 'ack', cid: 'c5' });
  });

  it('keeps lines in the order sent across a rate limit: none overtakes the refused one', async () => {
    const { connect, clock, store } = createTestHub();
    const alice = connect();
    await alice.hello('alice', { rooms: ['dev'] });
    for (let i = 0; i < 6; i++) await alice.send({ type: 'say', room: 'dev', text: `m${i}`, cid: `c${i}` });
    expect(alice.peer.last()).toMatchObject({ type: 'error', code: ErrorCode.RateLimited, cid: 'c5' });
    // m6 was written before alice heard of the refusal, and reaches the server once a token is back.
    clock.advance(500);
    await alice.send({ type: 'say', room: 'dev', text: 'm6', cid: 'c6' });
    expect(alice.peer.last()).toMatchObject({ type: 'error', code: ErrorCode.RateLimited, cid: 'c6' });
    await alice.send({ type: 'say', room: 'dev', text: 'm5', cid: 'c5' });
    expect(alice.peer.last()).toMatchObject({ type: 'ack', cid: 'c5' });
    clock.advance(500);
    await alice.send({ type: 'say', room: 'dev', text: 'm6', cid: 'c6' });
    expect(alice.peer.last()).toMatchObject({ type: 'ack', cid: 'c6' });
    const page = await store.page('room:dev', { limit: 20 });
    expect(page.messages.filter((m) => m.kind === 'chat').map((m) => m.text)).toEqual([
      'm0',
      'm1',
      'm2',
      'm3',
      'm4',
      'm5',
      'm6',
    ]);
  });

  it('lets the rest go when a refused line never comes back', async () => {
    const { connect, clock } = createTestHub();
    const alice = connect();
    await alice.hello('alice', { rooms: ['dev'] });
    for (let i = 0; i < 6; i++) await alice.send({ type: 'say', room: 'dev', text: `m${i}`, cid: `c${i}` });
    clock.advance(HOLD_MS);
    await alice.send({ type: 'say', room: 'dev', text: 'm6', cid: 'c6' });
    expect(alice.peer.last()).toMatchObject({ type: 'ack', cid: 'c6' });
  });

  it('delivers direct messages only to the two people, and pages them only for them', async () => {
    const { connect } = createTestHub();
    const alice = connect();
    const bob = connect();
    const carol = connect();
    await alice.hello('alice');
    await bob.hello('bob');
    await carol.hello('carol');
    await alice.send({ type: 'dm', to: 'BOB', text: 'secret', cid: 'd1' });
    // Guests' conversations also hold a notice per guest connection (see guest-notices.test.ts).
    const dms = (client: typeof bob) => client.peer.of('message').filter((m) => m.kind === 'dm');
    expect(dms(bob)).toMatchObject([{ kind: 'dm', from: 'alice', to: 'bob', text: 'secret' }]);
    expect(dms(alice)).toMatchObject([{ kind: 'dm', text: 'secret' }]);
    expect(alice.peer.of('ack')).toMatchObject([{ cid: 'd1', to: 'bob' }]);
    expect(carol.peer.of('message')).toHaveLength(0);
    await bob.send({ type: 'history', target: '@alice' });
    expect(bob.peer.last()).toMatchObject({ type: 'history', target: '@alice' });
    const page = bob.peer.last() as { messages: { kind: string; text: string }[] };
    expect(page.messages.filter((m) => m.kind === 'dm')).toMatchObject([{ text: 'secret' }]);
    await carol.send({ type: 'history', target: '@alice' });
    expect(carol.peer.last()).toMatchObject({ type: 'history', messages: [] });
    await carol.send({ type: 'history', target: '@bob' });
    expect(carol.peer.last()).toMatchObject({ type: 'history', messages: [] });
  });

  it('does not show a guest the direct messages of an earlier holder of the name', async () => {
    const { connect, clock } = createTestHub();
    const alice = connect();
    const bob = connect();
    await alice.hello('alice');
    await bob.hello('bob');
    await alice.send({ type: 'dm', to: 'bob', text: 'for the old bob', cid: 'd1' });
    await bob.disconnect();
    clock.advance(1000);
    const impostor = connect();
    await impostor.hello('bob');
    await impostor.send({ type: 'history', target: '@alice' });
    expect(impostor.peer.last()).toMatchObject({ type: 'history', messages: [] });
  });

  it('refuses a direct message to someone offline', async () => {
    const { connect } = createTestHub();
    const alice = connect();
    await alice.hello('alice');
    await alice.send({ type: 'dm', to: 'nobody', text: 'hi', cid: 'd1' });
    expect(alice.peer.last()).toMatchObject({ type: 'error', code: ErrorCode.NoSuchUser, cid: 'd1' });
  });

  it('pages history before and after a seq', async () => {
    const { connect } = createTestHub({ limits: { burst: 100 } });
    const alice = connect();
    await alice.hello('alice', { rooms: ['dev'] });
    for (let i = 1; i <= 10; i++) await alice.send({ type: 'say', room: 'dev', text: `m${i}`, cid: `c${i}` });
    // seq 1 is alice's join notice, so m1 is seq 2.
    await alice.send({ type: 'history', target: 'dev', before: 6, limit: 3 });
    expect(alice.peer.last()).toMatchObject({
      type: 'history',
      more: true,
      messages: [{ text: 'm2' }, { text: 'm3' }, { text: 'm4' }],
    });
    await alice.send({ type: 'history', target: 'dev', after: 8, limit: 5 });
    expect(alice.peer.last()).toMatchObject({
      type: 'history',
      more: false,
      messages: [{ text: 'm8' }, { text: 'm9' }, { text: 'm10' }],
    });
  });
});

describe('typing', () => {
  it('relays one start per 3 s per person and room, and a stop after 6 s of silence', async () => {
    const { connect, clock } = createTestHub();
    const alice = connect();
    const bob = connect();
    await alice.hello('alice', { rooms: ['dev'] });
    await bob.hello('bob', { rooms: ['dev'] });
    await alice.send({ type: 'typing', room: 'dev', active: true });
    clock.advance(1000);
    await alice.send({ type: 'typing', room: 'dev', active: true });
    expect(bob.peer.of('typing')).toEqual([{ type: 'typing', room: 'dev', nick: 'alice', active: true }]);
    clock.advance(2000);
    await alice.send({ type: 'typing', room: 'dev', active: true });
    expect(bob.peer.of('typing')).toHaveLength(2);
    clock.advance(5999);
    expect(bob.peer.of('typing')).toHaveLength(2);
    clock.advance(1);
    await alice.send({ type: 'ping' });
    expect(bob.peer.of('typing').at(-1)).toMatchObject({ nick: 'alice', active: false });
  });

  it('relays a new start right after a stop, so clearing the box and typing again shows', async () => {
    const { connect, clock } = createTestHub();
    const alice = connect();
    const bob = connect();
    await alice.hello('alice', { rooms: ['dev'] });
    await bob.hello('bob', { rooms: ['dev'] });
    await alice.send({ type: 'typing', room: 'dev', active: true });
    await alice.send({ type: 'typing', room: 'dev', active: false });
    clock.advance(500);
    await alice.send({ type: 'typing', room: 'dev', active: true });
    expect(bob.peer.of('typing').map((t) => t.active)).toEqual([true, false, true]);
  });

  it('stops the indicator when the person sends or leaves', async () => {
    const { connect } = createTestHub();
    const alice = connect();
    const bob = connect();
    await alice.hello('alice', { rooms: ['dev'] });
    await bob.hello('bob', { rooms: ['dev'] });
    await alice.send({ type: 'typing', room: 'dev' });
    await alice.send({ type: 'say', room: 'dev', text: 'done', cid: 'c1' });
    const kinds = bob.peer.received
      .filter((m) => m.type === 'typing' || m.type === 'message')
      .map((m) => (m.type === 'typing' ? `typing:${m.active}` : 'message'));
    expect(kinds.slice(-3)).toEqual(['typing:true', 'typing:false', 'message']);
    await alice.send({ type: 'typing', room: 'dev' });
    await alice.disconnect();
    expect(bob.peer.of('typing').at(-1)).toMatchObject({ active: false });
  });
});

describe('resume', () => {
  it('replays exactly the messages after the cursor, then resumed, then live ones', async () => {
    const { connect } = createTestHub({ limits: { burst: 100 } });
    const alice = connect();
    await alice.hello('alice', { rooms: ['dev'] });
    for (let i = 1; i <= 5; i++) await alice.send({ type: 'say', room: 'dev', text: `m${i}`, cid: `c${i}` });
    const bob = connect();
    await bob.hello('bob', { resume: { dev: 3 } });
    const after = bob.peer.received.filter((m) => m.type !== 'welcome' && m.type !== 'presence');
    expect(after[0]).toMatchObject({ type: 'joined', room: 'dev', history: [] });
    const replayed = after.filter((m) => m.type === 'message');
    expect(replayed.map((m) => m.seq)).toEqual([4, 5, 6, 7]); // m3..m5, then bob's join notice
    expect(bob.peer.of('resumed')).toMatchObject([{ target: 'dev', recovered: true }]);
    await alice.send({ type: 'say', room: 'dev', text: 'live', cid: 'c6' });
    expect(bob.peer.of('message').map((m) => m.seq)).toEqual([4, 5, 6, 7, 8]);
  });

  it('says "not recovered" when the gap is outside retention, and sends the latest history instead', async () => {
    const { connect, hub, clock } = createTestHub({ limits: { burst: 100 }, retention: { maxPerTarget: 3 } });
    const alice = connect();
    await alice.hello('alice', { rooms: ['dev'] });
    for (let i = 1; i <= 8; i++) await alice.send({ type: 'say', room: 'dev', text: `m${i}`, cid: `c${i}` });
    await hub.options.store.prune(clock.now());
    const bob = connect();
    await bob.hello('bob', { resume: { dev: 2 } });
    expect(bob.peer.of('resumed')).toMatchObject([{ target: 'dev', recovered: false, replayed: 0 }]);
    expect(texts(bob.peer.of('joined')[0]!.history)).toEqual(['m6', 'm7', 'm8', 'bob joined']);
  });

  it('tells the latest seq with a history page, even when retention pruned every message', async () => {
    const { connect, hub, clock } = createTestHub({ retention: { maxAgeMs: 1000 } });
    const alice = connect();
    await alice.hello('alice', { rooms: ['dev'] });
    for (let i = 1; i <= 3; i++) await alice.send({ type: 'say', room: 'dev', text: `m${i}`, cid: `c${i}` });
    clock.advance(5000);
    await hub.options.store.prune(clock.now());
    const bob = connect();
    await bob.hello('bob');
    await bob.send({ type: 'history', target: 'dev', after: 4 });
    // Its join notice and three messages: a cursor at 4 is where the room is, not ahead of it.
    expect(bob.peer.last()).toMatchObject({ type: 'history', messages: [], seq: 4 });
    await bob.send({ type: 'history', target: 'ops' });
    expect(bob.peer.last()).toMatchObject({ type: 'history', messages: [], seq: 0 });
  });

  // Between two accounts, so that no guest-connection notice takes a seq in the conversation.
  async function accounts(hub: ReturnType<typeof createTestHub>, ...names: string[]) {
    const tokens = new Map<string, string>();
    for (const name of names) {
      const signup = hub.connect();
      await signup.send({ type: 'register', name, password: 'correct horse' });
      tokens.set(name, signup.peer.of('auth')[0]!.token);
    }
    return async (name: string, extra = {}) => {
      const client = hub.connect();
      await client.hello(name, { token: tokens.get(name)!, ...extra });
      return client;
    };
  }

  it('says "not recovered" for a direct conversation whose gap retention dropped, with the latest messages', async () => {
    const hub = createTestHub({ limits: { burst: 100 }, retention: { maxPerTarget: 3 } });
    const login = await accounts(hub, 'alice', 'bob');
    const alice = await login('alice');
    let bob = await login('bob');
    for (let i = 1; i <= 8; i++) await alice.send({ type: 'dm', to: 'bob', text: `d${i}`, cid: `c${i}` });
    await hub.hub.options.store.prune(hub.clock.now());
    await bob.disconnect();
    bob = await login('bob', { resume: { '@alice': 1 } });
    expect(bob.peer.of('resumed')).toMatchObject([
      { target: '@alice', recovered: false, replayed: 3, seq: 8 },
    ]);
    expect(texts(bob.peer.of('message'))).toEqual(['d6', 'd7', 'd8']);
  });

  it('replays a direct conversation whole when nothing after the cursor was dropped', async () => {
    const hub = createTestHub({ limits: { burst: 100 } });
    const login = await accounts(hub, 'alice', 'bob');
    const alice = await login('alice');
    let bob = await login('bob');
    for (let i = 1; i <= 4; i++) await alice.send({ type: 'dm', to: 'bob', text: `d${i}`, cid: `c${i}` });
    await bob.disconnect();
    bob = await login('bob', { resume: { '@alice': 2 } });
    expect(bob.peer.of('resumed')).toMatchObject([
      { target: '@alice', recovered: true, replayed: 2, seq: 4 },
    ]);
    expect(texts(bob.peer.of('message'))).toEqual(['d3', 'd4']);
  });
});
