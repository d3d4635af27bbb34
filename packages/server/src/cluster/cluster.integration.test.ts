import { CloseCode, ErrorCode } from 'aurora-protocol';
import { eventually } from 'aurora-testkit';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { makeConfig } from '../config.js';
import { RedisDirectory } from '../directory/redis.js';
import { silentLogger } from '../logger.js';
import { type AuroraServer, startServer } from '../server.js';
import { RedisStore } from '../store/redis.js';
import { describeWithRedis, TestRedis } from '../testing/redis-server.js';
import { TcpProxy } from '../testing/tcp-proxy.js';
import { FAST_CLUSTER } from '../testing/test-servers.js';
import { TestClient } from '../testing/ws-client.js';
import { RedisKeys } from './keys.js';
import { connectRedis } from './redis-connection.js';

const FAST = FAST_CLUSTER;

describeWithRedis('cluster mode: several nodes on one Redis', () => {
  let redis: TestRedis;
  const nodes: AuroraServer[] = [];
  const clients: TestClient[] = [];

  beforeAll(async () => {
    redis = await TestRedis.start({ appendOnly: true });
  });
  afterAll(async () => {
    await redis?.dispose();
  });
  beforeEach(async () => {
    await redis.flush();
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.socket.terminate();
    await Promise.all(nodes.splice(0).map((node) => node.close()));
  });

  async function startNode(url = redis.url, cluster = FAST, pingIntervalMs = 30_000) {
    const node = await startServer(
      makeConfig({
        pingIntervalMs,
        port: 0,
        dataDir: undefined,
        webRoot: undefined,
        redis: url,
        cluster,
        maxConnectionsPerIp: 1000,
        limits: { burst: 1_000_000, ratePerSecond: 1_000_000 },
      }),
      { logger: silentLogger },
    );
    nodes.push(node);
    return { node, url: `ws://127.0.0.1:${node.port}/ws` };
  }

  async function enter(url: string, nick: string, rooms: string[] = ['dev'], extra = {}) {
    const client = await TestClient.join(url, nick, { rooms, ...extra });
    clients.push(client);
    for (const room of rooms) await client.next('joined', (j) => j.room === room);
    return client;
  }

  it('lets clients on two nodes chat, see one member list and page the same history', async () => {
    const [a, b] = [await startNode(), await startNode()];
    const alice = await enter(a.url, 'alice');
    const bob = await enter(b.url, 'bob');
    await alice.next('presence', (p) => p.event === 'join' && p.nick === 'bob');
    for (let i = 0; i < 30; i++) {
      const [from, client] = i % 2 === 0 ? ['a', alice] : ['b', bob];
      client.send({ type: 'say', room: 'dev', text: `${from}${i}`, cid: `c${i}` });
      await client.next('ack', (ack) => ack.cid === `c${i}`);
    }
    const chat = (client: TestClient) => client.of('message').filter((m) => m.kind === 'chat');
    await bob.until(() => chat(bob).length === 30 || undefined);
    await alice.until(() => chat(alice).length === 30 || undefined);
    expect(chat(alice)).toEqual(chat(bob));
    expect(chat(bob).map((m) => m.seq)).toEqual([...chat(bob).map((m) => m.seq)].sort((x, y) => x - y));

    for (const client of [alice, bob]) {
      client.send({ type: 'members', room: 'dev', ref: 'm' });
      client.send({ type: 'history', target: 'dev', before: 20, limit: 10, ref: 'h' });
      client.send({ type: 'rooms', ref: 'r' });
    }
    const answers = await Promise.all(
      [alice, bob].map(async (client) => [
        await client.next('members', (m) => m.ref === 'm'),
        (await client.next('history', (h) => h.ref === 'h')).messages,
        (await client.next('rooms', (r) => r.ref === 'r')).rooms,
      ]),
    );
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]![0]).toMatchObject({ members: [{ nick: 'alice' }, { nick: 'bob' }] });
    expect(answers[0]![2]).toEqual([{ room: 'dev', members: 2, topic: '' }]);
  });

  it('fans edits, reactions, replies and deletes out across nodes, in seq order, in rooms and conversations', async () => {
    const [a, b] = [await startNode(), await startNode()];
    const alice = await enter(a.url, 'alice');
    const bob = await enter(b.url, 'bob');
    await alice.next('presence', (p) => p.event === 'join' && p.nick === 'bob');
    alice.send({ type: 'say', room: 'dev', text: 'helo', cid: 'c1' });
    const { seq } = await alice.next('ack', (ack) => ack.cid === 'c1');
    alice.send({ type: 'edit', target: 'dev', seq, text: 'hello', ref: 'e' });
    await alice.next('changed', (c) => c.ref === 'e');
    bob.send({ type: 'react', target: 'dev', seq, emoji: '👍', ref: 'r' });
    await bob.next('changed', (c) => c.ref === 'r');
    bob.send({ type: 'say', room: 'dev', text: 'hi', cid: 'b1', replyTo: seq });
    await bob.next('ack', (ack) => ack.cid === 'b1');
    alice.send({ type: 'delete', target: 'dev', seq, ref: 'd' });
    await alice.next('changed', (c) => c.ref === 'd');
    const after = (client: TestClient) =>
      client.of('message').filter((m) => m.seq >= seq && m.room === 'dev');
    await bob.until(() => after(bob).length === 5 || undefined);
    await alice.until(() => after(alice).length === 5 || undefined);
    expect(after(bob)).toEqual(after(alice));
    expect(after(bob).map((m) => [m.kind, m.about ?? m.replyTo])).toEqual([
      ['chat', undefined],
      ['edit', seq],
      ['reaction', seq],
      ['chat', seq],
      ['delete', seq],
    ]);
    bob.send({ type: 'history', target: 'dev', ref: 'h' });
    const page = (await bob.next('history', (h) => h.ref === 'h')).messages;
    expect(page.find((m) => m.seq === seq)).toMatchObject({ text: '', deleted: true, rev: seq + 4 });

    alice.send({ type: 'dm', to: 'bob', text: 'psst', cid: 'd1' });
    const direct = await alice.next('ack', (ack) => ack.cid === 'd1');
    alice.send({ type: 'edit', target: '@bob', seq: direct.seq, text: 'psst!', ref: 'de' });
    expect(await bob.next('message', (m) => m.kind === 'edit' && m.to === 'bob')).toMatchObject({
      about: direct.seq,
      text: 'psst!',
    });
  });

  it('delivers direct messages, typing and log-outs across nodes', async () => {
    const [a, b] = [await startNode(), await startNode()];
    const alice = await enter(a.url, 'alice');
    const bob = await enter(b.url, 'bob');
    alice.send({ type: 'dm', to: 'bob', text: 'psst', cid: 'd1' });
    expect(await bob.next('message', (m) => m.kind === 'dm')).toMatchObject({
      from: 'alice',
      to: 'bob',
      text: 'psst',
    });
    bob.send({ type: 'typing', room: 'dev', active: true });
    expect(await alice.next('typing')).toMatchObject({ nick: 'bob', active: true });

    const signup = await TestClient.connect(a.url);
    clients.push(signup);
    signup.send({ type: 'register', name: 'carol', password: 'correct horse' });
    const { token } = await signup.next('auth');
    const onA = await enter(a.url, 'carol', [], { token });
    const onB = await enter(b.url, 'carol', [], { token });
    onA.send({ type: 'logout', everywhere: true });
    expect((await onB.closed).code).toBe(CloseCode.LoggedOut);
    expect((await onA.closed).code).toBe(CloseCode.LoggedOut);
  });

  it("sends an account's notification preferences, changed on one node, to its device on another", async () => {
    const [a, b] = [await startNode(), await startNode()];
    const signup = await TestClient.connect(a.url);
    clients.push(signup);
    signup.send({ type: 'register', name: 'dana', password: 'correct horse' });
    const { token } = await signup.next('auth');
    const onA = await enter(a.url, 'dana', ['dev'], { token });
    const onB = await enter(b.url, 'dana', ['dev'], { token });
    onA.send({ type: 'mute', target: 'dev', forMs: 3_600_000 });
    onA.send({ type: 'highlight', op: 'add', word: 'deploy' });
    const synced = await onB.next('prefs', (p) => p.keywords.includes('deploy'));
    expect(synced.mutes).toEqual([{ target: 'dev', until: expect.any(Number) }]);
    expect(synced.mutes[0]?.until).toBeGreaterThan(Date.now());
    expect(synced.keywords).toEqual(['deploy']);
    // A third device, on the other node, is sent what the store holds.
    const later = await enter(b.url, 'dana', [], { token });
    expect(await later.next('prefs')).toMatchObject({ keywords: ['deploy'] });
  });

  it('counts wrong log-ins on every node together: the 6th is throttled wherever it lands', async () => {
    const [a, b] = [await startNode(), await startNode()];
    const signup = await TestClient.connect(a.url);
    clients.push(signup);
    signup.send({ type: 'register', name: 'carol', password: 'correct horse' });
    await signup.next('auth');
    const onA = await TestClient.connect(a.url);
    const onB = await TestClient.connect(b.url);
    clients.push(onA, onB);
    const guess = async (client: TestClient, ref: string) => {
      client.send({ type: 'login', name: 'carol', password: 'wrong guess', ref });
      return (await client.next('error', (e) => e.ref === ref)).code;
    };
    for (let i = 0; i < 5; i++)
      expect(await guess(i % 2 === 0 ? onA : onB, `g${i}`)).toBe(ErrorCode.AuthFailed);
    expect(await guess(onB, 'g5')).toBe(ErrorCode.LoginThrottled);
    expect(await guess(onA, 'g6')).toBe(ErrorCode.LoginThrottled);
  });

  it('gives a name raced for on two nodes to exactly one client, 200 times out of 200', async () => {
    const [a, b] = [await startNode(), await startNode()];
    const race = async (i: number) => {
      const racers = await Promise.all([TestClient.connect(a.url), TestClient.connect(b.url)]);
      for (const racer of racers) racer.send({ type: 'hello', v: 1, nick: `racer${i}` });
      const outcomes = await Promise.all(
        racers.map((racer) =>
          racer.until(() => racer.received.find((m) => m.type === 'welcome' || m.type === 'error')),
        ),
      );
      for (const racer of racers) racer.socket.terminate();
      return outcomes;
    };
    for (let batch = 0; batch < 200; batch += 10) {
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => race(batch + i)));
      for (const outcomes of results) {
        expect(outcomes.map((m) => m.type).sort()).toEqual(['error', 'welcome']);
        expect(outcomes.find((m) => m.type === 'error')).toMatchObject({ code: ErrorCode.NameTaken });
      }
    }
  });

  it('keeps look-alike names apart across nodes, for guests, accounts and races', async () => {
    const [a, b] = [await startNode(), await startNode()];
    await enter(a.url, 'alice');
    const copy = await TestClient.connect(b.url);
    clients.push(copy);
    copy.send({ type: 'hello', v: 1, nick: '\u0251lice' });
    expect(await copy.next('error')).toMatchObject({ code: ErrorCode.NameTaken });
    const signup = await TestClient.connect(a.url);
    clients.push(signup);
    signup.send({ type: 'register', name: 'carol', password: 'correct horse' });
    await signup.next('auth');
    copy.send({ type: 'hello', v: 1, nick: 'caro1' });
    expect(await copy.next('error', (e) => e.code !== ErrorCode.NameTaken)).toMatchObject({
      code: ErrorCode.NameRegistered,
    });
    const race = async (i: number) => {
      const racers = await Promise.all([TestClient.connect(a.url), TestClient.connect(b.url)]);
      racers[0]!.send({ type: 'hello', v: 1, nick: `rn${i}` });
      racers[1]!.send({ type: 'hello', v: 1, nick: `m${i}` });
      const outcomes = await Promise.all(
        racers.map((racer) =>
          racer.until(() => racer.received.find((m) => m.type === 'welcome' || m.type === 'error')),
        ),
      );
      for (const racer of racers) racer.socket.terminate();
      return outcomes.map((m) => m.type).sort();
    };
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => race(i)));
    for (const outcome of results) expect(outcome).toEqual(['error', 'welcome']);
  });

  it('tells alice, on another node, when the guest bob she writes to is a new connection', async () => {
    const [a, b] = [await startNode(), await startNode()];
    const alice = await enter(a.url, 'alice', []);
    const bob = await enter(b.url, 'bob', []);
    alice.send({ type: 'dm', to: 'bob', text: 'first', cid: 'd1' });
    await bob.next('message', (m) => m.text === 'first');
    bob.socket.terminate();
    const notices = () => alice.of('message').filter((m) => m.kind === 'system' && m.from === 'bob');
    await alice.until(() => notices().length === 1 || undefined);
    const impostor = await enter(a.url, 'bob', []);
    alice.send({ type: 'dm', to: 'bob', text: 'second', cid: 'd2' });
    await impostor.next('message', (m) => m.text === 'second');
    await alice.until(() => notices().length === 2 || undefined);
    expect(notices()[1]).toMatchObject({ from: 'bob', text: expect.stringMatching(/new guest connection/) });
    expect(impostor.of('message').map((m) => m.kind)).toEqual(['system', 'dm']);
  });

  it("frees a dead node's names and says its people left, within a bounded time", async () => {
    const { url } = await startNode();
    const bob = await enter(url, 'bob');
    // A node that registers, takes dave into #dev, then stops renewing its heartbeat: a kill -9.
    const keys = new RedisKeys();
    const connection = await connectRedis(redis.url, 'command', silentLogger);
    const ghost = new RedisDirectory(connection, 'ghost', keys);
    await connection.set(keys.node('ghost'), '1', 'PX', FAST.nodeTtlMs);
    await connection.sadd(keys.nodes, 'ghost');
    await ghost.claimName('dave', 's1', 'dave');
    await ghost.addMember('dev', { key: 'dave', nick: 'dave', away: false }, 's1');
    await new RedisStore({ redis: connection, keys, clock: { now: Date.now } }).rememberMember({
      room: 'dev',
      key: 'dave',
      nick: 'dave',
    });
    connection.disconnect();
    const killedAt = Date.now();

    const claimed = await eventually('the name dave to be free', async () => {
      const client = await TestClient.connect(url);
      clients.push(client);
      client.send({ type: 'hello', v: 1, nick: 'dave' });
      const answer = await client.until(() =>
        client.received.find((m) => m.type === 'welcome' || m.type === 'error'),
      );
      return answer.type === 'welcome' ? Date.now() : undefined;
    });
    await bob.next('presence', (p) => p.event === 'leave' && p.nick === 'dave');
    const notice = await bob.next('message', (m) => m.event?.kind === 'leave' && m.event.nick === 'dave');
    expect(notice).toMatchObject({ kind: 'system', room: 'dev' });
    expect(claimed - killedAt).toBeLessThan(2 * FAST.nodeTtlMs);
  });

  it('gives every silent client the heartbeat drops exactly one leave notice, seen on another node', async () => {
    const a = await startNode(redis.url, FAST, 300);
    const b = await startNode();
    const observer = await enter(b.url, 'observer');
    const names = ['s0', 's1', 's2', 's3', 's4'];
    for (const nick of names) {
      // autoPong off: the socket stays open but never answers the server's pings.
      const silent = await TestClient.connect(a.url, { autoPong: false });
      clients.push(silent);
      silent.send({ type: 'hello', v: 1, nick, rooms: ['dev'] });
      await silent.next('joined');
    }
    // Leaves in the same moment are one coalesced notice naming them all: each person once.
    const leaves = () =>
      observer
        .of('message')
        .flatMap((m) => (m.event?.kind === 'leave' ? (m.event.nicks ?? [m.event.nick]) : []))
        .sort();
    await observer.until(() => (leaves().length >= names.length ? true : undefined));
    // Drops take at most three intervals; wait one more for any second notice.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(leaves()).toEqual(names);
  });

  it('moves clients of a node that shuts down to another with nothing lost, repeated or announced', async () => {
    const [a, b] = [await startNode(), await startNode()];
    const alice = await enter(b.url, 'alice');
    const bob = await enter(a.url, 'bob');
    const sending = (async () => {
      for (let i = 0; i < 600; i += 20) {
        for (let j = i; j < i + 20; j++)
          alice.send({ type: 'say', room: 'dev', text: `n${j}`, cid: `c${j}` });
        await alice.next('ack', (ack) => ack.cid === `c${i + 19}`);
      }
    })();
    const chat = (client: TestClient) =>
      client.of('message').flatMap((m) => (m.kind === 'chat' ? [{ seq: m.seq, text: m.text }] : []));
    await bob.until(() => chat(bob).length >= 150 || undefined);
    await a.node.close();
    expect((await bob.closed).code).toBe(CloseCode.GoingAway);
    const before = chat(bob);
    const last = Math.max(...bob.of('message').map((m) => m.seq));
    const again = await enter(b.url, 'bob', [], { resume: { dev: last } });
    await sending;
    await again.until(() => chat(again).some((m) => m.text === 'n599') || undefined);
    const texts = [...before, ...chat(again)].map((m) => m.text);
    expect(texts).toEqual(Array.from({ length: 600 }, (_, i) => `n${i}`));
    const aboutBob = alice.of('message').filter((m) => m.kind === 'system' && m.event?.nick === 'bob');
    expect(aboutBob.map((m) => m.event?.kind)).toEqual(['join']);
  });

  it('notices a silent partition from Redis, reconnects, and delivers what it missed in order', {
    timeout: 30_000,
  }, async () => {
    const proxy = await TcpProxy.start(redis.port);
    try {
      // A partition shorter than the heartbeat TTL: the node is not taken for dead meanwhile.
      const timings = { ...FAST, nodeTtlMs: 15_000 };
      const cut = await startNode(`redis://127.0.0.1:${proxy.port}`, timings);
      const direct = await startNode(redis.url, timings);
      const bob = await enter(cut.url, 'bob');
      const alice = await enter(direct.url, 'alice');
      await bob.next('presence', (p) => p.nick === 'alice');
      proxy.blackhole();
      for (let i = 0; i < 20; i++) {
        alice.send({ type: 'say', room: 'dev', text: `n${i}`, cid: `c${i}` });
        await alice.next('ack', (ack) => ack.cid === `c${i}`);
      }
      const chat = () => bob.of('message').flatMap((m) => (m.kind === 'chat' ? [m.text] : []));
      // Noticed within a ping period plus the 5 s command timeout.
      await bob.until(() => chat().length >= 20 || undefined, 15_000);
      expect(chat()).toEqual(Array.from({ length: 20 }, (_, i) => `n${i}`));
    } finally {
      await Promise.all(nodes.splice(0).map((node) => node.close()));
      await proxy.close();
    }
  });

  it('keeps serving when Redis restarts under the nodes: a send in between fails, its retry lands once', async () => {
    const [a, b] = [await startNode(), await startNode()];
    const alice = await enter(a.url, 'alice');
    const bob = await enter(b.url, 'bob');
    alice.send({ type: 'say', room: 'dev', text: 'before', cid: 'c1' });
    const before = await bob.next('message', (m) => m.text === 'before');

    await redis.stop();
    alice.send({ type: 'say', room: 'dev', text: 'during', cid: 'c2' });
    expect(await alice.next('error', (e) => e.cid === 'c2')).toMatchObject({
      code: ErrorCode.StoreUnavailable,
    });
    // bob, who sends nothing, is told too.
    expect(await bob.next('error')).toMatchObject({ code: ErrorCode.StoreUnavailable });
    await redis.restart();

    const ack = await eventually(
      'the retry to be acknowledged',
      async () => {
        alice.send({ type: 'say', room: 'dev', text: 'during', cid: 'c2', ref: 'retry' });
        const answer = await alice.until(() =>
          alice.received.filter((m) => m.type === 'ack' || m.type === 'error').find((m) => m.ref === 'retry'),
        );
        alice.received.splice(alice.received.indexOf(answer), 1);
        return answer.type === 'ack' ? answer : undefined;
      },
      15_000,
    );
    expect(ack).toMatchObject({ seq: before.seq + 1 });
    await bob.next('message', (m) => m.text === 'during');
    bob.send({ type: 'say', room: 'dev', text: 'after', cid: 'c3' });
    await alice.next('message', (m) => m.text === 'after');
    bob.send({ type: 'history', target: 'dev', ref: 'h' });
    const history = await bob.next('history', (h) => h.ref === 'h');
    expect(history.messages.filter((m) => m.kind === 'chat').map((m) => m.text)).toEqual([
      'before',
      'during',
      'after',
    ]);
  });

  it('rides out a Redis outage longer than the heartbeat TTL without dropping anyone', async () => {
    const [a, b] = [await startNode(), await startNode()];
    const alice = await enter(a.url, 'alice');
    const bob = await enter(b.url, 'bob');
    await alice.next('presence', (p) => p.nick === 'bob');
    await redis.stop();
    await new Promise((resolve) => setTimeout(resolve, 2 * FAST.nodeTtlMs));
    await redis.restart();
    await eventually('alice to be heard again', async () => {
      alice.send({ type: 'say', room: 'dev', text: 'still here', cid: 'c1', ref: 'r' });
      const answer = await alice.until(() =>
        alice.received.filter((m) => m.type === 'ack' || m.type === 'error').find((m) => m.ref === 'r'),
      );
      alice.received.splice(alice.received.indexOf(answer), 1);
      return answer.type === 'ack' ? true : undefined;
    });
    await bob.next('message', (m) => m.text === 'still here');
    // Well past the reaper's grace: nobody was taken for gone.
    await new Promise((resolve) => setTimeout(resolve, 2 * FAST.nodeTtlMs));
    const impostor = await TestClient.connect(b.url);
    clients.push(impostor);
    impostor.send({ type: 'hello', v: 1, nick: 'alice' });
    expect(await impostor.next('error')).toMatchObject({ code: ErrorCode.NameTaken });
    bob.send({ type: 'members', room: 'dev', ref: 'm' });
    expect((await bob.next('members', (m) => m.ref === 'm')).members.map((m) => m.nick)).toEqual([
      'alice',
      'bob',
    ]);
    const leaves = [alice, bob].flatMap((c) => c.of('presence').filter((p) => p.event === 'leave'));
    expect(leaves).toEqual([]);
    expect(alice.socket.readyState).toBe(alice.socket.OPEN);
    expect(bob.socket.readyState).toBe(bob.socket.OPEN);
  });
});
