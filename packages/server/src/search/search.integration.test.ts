import { ErrorCode } from 'aurora-protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeConfig } from '../config.js';
import { silentLogger } from '../logger.js';
import { type AuroraServer, startServer } from '../server.js';
import { describeWithRedis, TestRedis } from '../testing/redis-server.js';
import { TestClient } from '../testing/ws-client.js';

const running: AuroraServer[] = [];
const clients: TestClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.socket.terminate();
  await Promise.all(running.splice(0).map((server) => server.close()));
});

async function serve(redis?: string): Promise<string> {
  const server = await startServer(
    makeConfig({
      port: 0,
      dataDir: undefined,
      webRoot: undefined,
      ...(redis === undefined ? {} : { redis }),
      maxConnectionsPerIp: 1000,
      limits: { burst: 1_000_000, ratePerSecond: 1_000_000 },
    }),
    { logger: silentLogger },
  );
  running.push(server);
  return `ws://127.0.0.1:${server.port}/ws`;
}

async function enter(url: string, nick: string, rooms: string[], extra = {}): Promise<TestClient> {
  const client = await TestClient.join(url, nick, { rooms, ...extra });
  clients.push(client);
  for (const room of rooms) await client.next('joined', (joined) => joined.room === room);
  return client;
}

let requests = 0;

/** Sends a search and waits for its answer: results, or the error. */
async function search(client: TestClient, query: string, extra: { limit?: number; before?: number } = {}) {
  const ref = `s${++requests}`;
  client.send({ type: 'search', query, ref, ...extra });
  await client.until(() => client.received.some((m) => 'ref' in m && m.ref === ref) || undefined);
  return client.received.find((m) => 'ref' in m && m.ref === ref)!;
}

async function texts(client: TestClient, query: string): Promise<string[]> {
  const answer = await search(client, query);
  if (answer.type !== 'search_results') throw new Error(`expected results, got ${JSON.stringify(answer)}`);
  return answer.results.map(
    (result) => `${result.target} ${result.snippet.map((part) => part.text).join('')}`,
  );
}

async function say(client: TestClient, room: string, text: string): Promise<void> {
  const cid = `c${++requests}`;
  client.send({ type: 'say', room, text, cid });
  await client.next('ack', (ack) => ack.cid === cid);
}

/**
 * The rules a user notices, over real sockets: `urls` gives the addresses to connect to (one node,
 * or two nodes of a cluster, so the searcher and the writers may be on different nodes).
 */
function searchScenarios(urls: () => Promise<[string, string]>): void {
  it('finds messages only in rooms and conversations the person may read', async () => {
    const [one, two] = await urls();
    const alice = await enter(one, 'alice', ['dev', 'ops']);
    const bob = await enter(two, 'bob', ['dev']);
    const carol = await enter(two, 'carol', ['secret']);
    await say(alice, 'dev', 'the Plan for Monday');
    await say(alice, 'ops', 'ops plan');
    await say(carol, 'secret', 'secret plan');
    const cid = `c${++requests}`;
    alice.send({ type: 'dm', to: 'bob', text: 'plan in a dm', cid });
    await alice.next('ack', (ack) => ack.cid === cid);
    carol.send({ type: 'dm', to: 'alice', text: 'carol plan to alice', cid });
    await carol.next('ack', (ack) => ack.cid === cid);

    expect(await texts(bob, 'plan')).toEqual(['@alice plan in a dm', 'dev the Plan for Monday']);
    expect(await texts(alice, 'PLAN')).toEqual([
      '@carol carol plan to alice',
      '@bob plan in a dm',
      'ops ops plan',
      'dev the Plan for Monday',
    ]);
    expect(await texts(alice, 'plan in:@bob')).toEqual(['@bob plan in a dm']);
    expect(await texts(bob, 'plan from:Alice in:#dev')).toEqual(['dev the Plan for Monday']);
    // Rooms are public to read (history answers for any room), so naming one searches it.
    expect(await texts(bob, 'plan in:#secret')).toEqual(['secret secret plan']);
    const answer = await search(bob, 'monday');
    expect(answer).toMatchObject({
      type: 'search_results',
      results: [
        {
          target: 'dev',
          from: 'alice',
          snippet: [{ text: 'the Plan for ' }, { text: 'Monday', match: true }],
        },
      ],
    });
  });

  it('searches every room of an account, from a connection that joined none', async () => {
    const [one, two] = await urls();
    const alice = await enter(one, 'alice', ['dev', 'ops']);
    alice.send({ type: 'register', name: 'alice', password: 'correct horse', ref: 'r' });
    const { token } = await alice.next('auth');
    await say(alice, 'ops', 'deploying the release');
    const later = await enter(two, 'alice2', [], { nick: 'alice', token });
    expect(await texts(later, 'deploy*')).toEqual(['ops deploying the release']);
  });

  it('pages newest first, and answers bad input with bad_query, never a crash', async () => {
    const [one] = await urls();
    const alice = await enter(one, 'alice', ['dev']);
    for (let i = 1; i <= 5; i++) await say(alice, 'dev', `note ${i} (a OR b) NEAR "x`);
    const first = await search(alice, 'note', { limit: 2 });
    const noteOf = (answer: typeof first) =>
      answer.type === 'search_results' ? answer.results.map((r) => r.snippet[1]?.text.trim()[0]) : answer;
    expect(noteOf(first)).toEqual(['5', '4']);
    const next = first.type === 'search_results' ? first.next : undefined;
    expect(next).toBeDefined();
    const second = await search(alice, 'note', { limit: 3, ...(next === undefined ? {} : { before: next }) });
    expect(noteOf(second)).toEqual(['3', '2', '1']);
    expect(second).not.toHaveProperty('next');
    expect(await texts(alice, '(a OR b) NEAR "x')).toHaveLength(5);
    for (const bad of ['color:red', 'x'.repeat(10_000), '***'])
      expect(await search(alice, bad)).toMatchObject({ type: 'error', code: ErrorCode.BadQuery });
    expect(await search(alice, 'note', { limit: 500 })).toMatchObject({
      type: 'error',
      code: ErrorCode.BadMessage,
    });
    expect(await texts(alice, 'note 3')).toEqual(['dev note 3 (a OR b) NEAR "x']);
  });
}

describe('search over real sockets, one node', () => {
  searchScenarios(async () => {
    const url = await serve();
    return [url, url];
  });
});

describeWithRedis('search over real sockets, two nodes of a cluster', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await TestRedis.start();
  });
  afterAll(async () => {
    await redis?.dispose();
  });
  searchScenarios(async () => {
    await redis.flush();
    return [await serve(redis.url), await serve(redis.url)];
  });
});
