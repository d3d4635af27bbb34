import { ErrorCode, type ServerMessage } from 'aurora-protocol';
import { eventually, type ServerProcess, startServer } from 'aurora-testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithRedis, TestRedis } from '../testing/redis-server.js';
import { TestClient } from '../testing/ws-client.js';
import { RedisKeys } from './keys.js';

const TOTAL = 2000;
const WINDOW = 20;

/** Says hello until welcomed: a guest's name stays held until its dead node's heartbeat expires. */
async function rejoin(url: string, nick: string, extra: Record<string, unknown>): Promise<TestClient> {
  for (;;) {
    const client = await TestClient.connect(url);
    client.send({ type: 'hello', v: 1, nick, ...extra });
    const answer = await client.until(() =>
      client.received.find(
        (m) => m.type === 'welcome' || (m.type === 'error' && m.code === ErrorCode.NameTaken),
      ),
    );
    if (answer.type === 'welcome') return client;
    client.socket.terminate();
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const chatTexts = (received: ServerMessage[]) =>
  received.flatMap((m) => (m.type === 'message' && m.kind === 'chat' ? [m.text] : []));
const lastSeq = (received: ServerMessage[]) =>
  received.reduce((max, m) => (m.type === 'message' ? Math.max(max, m.seq) : max), 0);

describeWithRedis('cluster nodes as processes', () => {
  let redis: TestRedis;
  const processes: ServerProcess[] = [];
  beforeAll(async () => {
    redis = await TestRedis.start({ appendOnly: true });
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop('SIGKILL')));
    await redis?.dispose();
  });

  it('kill -9 one node mid-stream: its clients resume on the other with 0 lost and 0 duplicated', async () => {
    const args = ['--redis', redis.url, '--rate', '1000000', '--burst', '1000000'];
    const doomed = await startServer({ memory: true, args });
    const survivor = await startServer({ memory: true, args });
    processes.push(doomed, survivor);

    // alice sends and bob reads on the node that dies; carol reads on the one that stays.
    const carol = await TestClient.join(survivor.wsUrl, 'carol', { rooms: ['dev'] });
    let alice = await TestClient.join(doomed.wsUrl, 'alice', { rooms: ['dev'] });
    const bob = await TestClient.join(doomed.wsUrl, 'bob', { rooms: ['dev'] });
    await bob.next('joined');
    const acked = new Set<string>();
    const sessions = [alice];

    let killedAt = 0;
    let welcomedAt = 0;
    const sending = (async () => {
      while (acked.size < TOTAL) {
        const window = [];
        for (let i = 0; i < TOTAL && window.length < WINDOW; i++) if (!acked.has(`c${i}`)) window.push(i);
        for (const i of window) alice.send({ type: 'say', room: 'dev', text: `n${i}`, cid: `c${i}` });
        const lastCid = `c${window.at(-1)}`;
        const gone = await Promise.race([
          alice.next('ack', (ack) => ack.cid === lastCid, 30_000).then(() => false),
          alice.closed.then(() => true),
        ]);
        for (const ack of alice.of('ack')) acked.add(ack.cid);
        if (!gone) continue;
        // Reconnect through the other address; unacknowledged messages go again with the same cids.
        alice = await rejoin(survivor.wsUrl, 'alice', { resume: { dev: lastSeq(alice.received) } });
        welcomedAt = Date.now();
        sessions.push(alice);
      }
    })();

    await bob.until(() => chatTexts(bob.received).length >= 600 || undefined, 30_000);
    doomed.child.kill('SIGKILL');
    killedAt = Date.now();
    await bob.closed;
    const again = await rejoin(survivor.wsUrl, 'bob', { resume: { dev: lastSeq(bob.received) } });
    await sending;
    const expected = Array.from({ length: TOTAL }, (_, i) => `n${i}`);
    await again.until(() => chatTexts(again.received).includes(`n${TOTAL - 1}`) || undefined, 30_000);
    await carol.until(() => chatTexts(carol.received).length >= TOTAL || undefined, 30_000);

    expect([...chatTexts(bob.received), ...chatTexts(again.received)]).toEqual(expected);
    expect(chatTexts(carol.received)).toEqual(expected);
    expect(await again.next('resumed')).toMatchObject({ target: 'dev', recovered: true });

    // Once the dead node is reaped, alice and bob are still members and nobody was told they left.
    const client = redis.client();
    await eventually(
      'the dead node to be reaped',
      async () => ((await client.scard(new RedisKeys().nodes)) === 1 ? true : undefined),
      30_000,
    );
    const reapedAt = Date.now();
    await client.quit();
    carol.send({ type: 'members', room: 'dev', ref: 'm' });
    const members = await carol.next('members', (m) => m.ref === 'm');
    expect(members.members.map((m) => m.nick)).toEqual(['alice', 'bob', 'carol']);
    const leaves = carol.received.filter((m) => m.type === 'message' && m.event?.kind === 'leave');
    expect(leaves).toEqual([]);
    console.info(
      `after kill -9: names free again within ${welcomedAt - killedAt} ms, node reaped within ${reapedAt - killedAt} ms`,
    );
    for (const session of [...sessions, again, carol]) session.socket.terminate();
  }, 90_000);
});
