import { spawnSync } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { SERVER_BIN, type ServerProcess, startServer } from 'aurora-testkit';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { describeWithRedis, TestRedis } from '../testing/redis-server.js';
import { TestClient } from '../testing/ws-client.js';

/** Runs the built `aurora-server` to completion, as an operator would. */
const aurora = (...args: string[]) =>
  spawnSync(process.execPath, [SERVER_BIN, ...args], { encoding: 'utf8', timeout: 15_000 });

/** `aurora-server webhook create`, returning the URL it printed. */
function createHook(store: string[], room: string, name: string, base: string): string {
  const created = aurora('webhook', 'create', ...store, '--room', room, '--name', name, '--url', base);
  expect(created.stderr).toContain(`posts to #${room} as ${name}⚙`);
  expect(created.status).toBe(0);
  return created.stdout.trim();
}

const post = (url: string, body: string, type = 'application/json') =>
  fetch(url, { method: 'POST', headers: { 'Content-Type': type }, body });

/** Posts until the server answers something other than 200; resolves with that answer. */
async function postUntilRefused(url: string): Promise<Response> {
  for (let i = 0; i < 50; i++) {
    const response = await post(url, `{"text":"flood ${i}"}`);
    if (response.status !== 200) return response;
  }
  throw new Error('never rate limited');
}

describe('incoming webhooks on one node', () => {
  let server: ServerProcess;
  let store: string[];
  beforeAll(async () => {
    server = await startServer();
    store = ['--data', server.dataDir];
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('posts JSON, form and plain-text bodies as the webhook, marked as a bot, live and in history', async () => {
    const url = createHook(store, 'ci', 'builds', server.httpUrl);
    expect(url).toMatch(new RegExp(`^${server.httpUrl}/hooks/wh_[0-9a-z]+/[A-Za-z0-9_-]{43}$`));
    const alice = await TestClient.join(server.wsUrl, 'alice', { rooms: ['ci'] });
    await alice.next('joined');

    const json = await post(url, '{"text":"build **412** passed"}');
    expect(json.status).toBe(200);
    const stored = (await json.json()) as { id: string; seq: number };
    expect(stored).toEqual({ id: expect.any(String), seq: expect.any(Number) });
    // What `curl -X POST URL -d '{"text":...}'` sends: JSON under the form content type.
    expect((await post(url, '{"text":"curl -d"}', 'application/x-www-form-urlencoded')).status).toBe(200);
    expect((await post(url, 'text=a+form', 'application/x-www-form-urlencoded')).status).toBe(200);
    expect((await post(url, 'plain\n', 'text/plain')).status).toBe(200);

    const live = await alice.until(() => {
      const found = alice.of('message').filter((m) => m.from === 'builds');
      return found.length === 4 ? found : undefined;
    });
    expect(live.map((m) => [m.text, m.bot, m.kind, m.room])).toEqual([
      ['build **412** passed', true, 'chat', 'ci'],
      ['curl -d', true, 'chat', 'ci'],
      ['a form', true, 'chat', 'ci'],
      ['plain', true, 'chat', 'ci'],
    ]);
    expect(live[0]).toMatchObject({ id: stored.id, seq: stored.seq });
    expect(live.map((m) => m.seq)).toEqual([stored.seq, stored.seq + 1, stored.seq + 2, stored.seq + 3]);

    alice.send({ type: 'history', target: 'ci', limit: 10 });
    const history = await alice.next('history');
    expect(history.messages.filter((m) => m.bot).map((m) => [m.from, m.text])).toEqual([
      ['builds', 'build **412** passed'],
      ['builds', 'curl -d'],
      ['builds', 'a form'],
      ['builds', 'plain'],
    ]);
    alice.close();
  });

  it('answers a wrong secret, an unknown webhook and a revoked one with 404, and GET with 405', async () => {
    const url = createHook(store, 'ci', 'deploys', server.httpUrl);
    const wrong = await post(`${url.slice(0, -1)}${url.endsWith('A') ? 'B' : 'A'}`, '{"text":"x"}');
    expect(wrong.status).toBe(404);
    expect(await wrong.json()).toMatchObject({ code: 'webhook_not_found' });
    expect((await post(`${server.httpUrl}/hooks/wh_nope/secret`, '{"text":"x"}')).status).toBe(404);
    expect((await post(`${server.httpUrl}/hooks/`, '{"text":"x"}')).status).toBe(404);
    const get = await fetch(url);
    expect([get.status, get.headers.get('allow')]).toEqual([405, 'POST']);

    expect((await post(url, '{"text":"before"}')).status).toBe(200);
    const id = /\/hooks\/([^/]+)\//.exec(url)![1]!;
    expect(aurora('webhook', 'list', ...store).stdout).toContain(`${id}  #ci  deploys`);
    const revoked = aurora('webhook', 'revoke', ...store, id);
    expect(revoked.status).toBe(0);
    expect((await post(url, '{"text":"after"}')).status).toBe(404);
    expect(aurora('webhook', 'list', ...store).stdout).not.toContain(id);
    expect(aurora('webhook', 'revoke', ...store, id).status).toBe(1);
  });

  it('refuses bodies over the limit with 413 and bad bodies with 400, storing nothing', async () => {
    const url = createHook(store, 'limits', 'sizes', server.httpUrl);
    const huge = await post(url, JSON.stringify({ text: 'x'.repeat(200_000) }));
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ code: 'body_too_large' });
    const long = await post(url, JSON.stringify({ text: 'x'.repeat(5000) }));
    expect([long.status, ((await long.json()) as { code: string }).code]).toEqual([413, 'text_too_long']);
    const bad = await post(url, '{"message":"hi"}');
    expect([bad.status, ((await bad.json()) as { code: string }).code]).toEqual([400, 'bad_body']);
    const alice = await TestClient.join(server.wsUrl, 'bob', { rooms: ['limits'] });
    expect((await alice.next('joined')).history.filter((m) => m.kind !== 'system')).toEqual([]);
    alice.close();
  });

  it('answers 413 to a poster still sending its body, and reads the rest so the answer is not lost', async () => {
    const url = new URL(createHook(store, 'limits', 'slow', server.httpUrl));
    const socket = connect(Number(url.port), url.hostname);
    onTestFinished(() => {
      socket.destroy();
    });
    let received = '';
    let closed = false;
    socket.setEncoding('utf8').on('data', (text: string) => {
      received += text;
    });
    socket.on('close', () => {
      closed = true;
    });
    const size = 200_000;
    socket.write(
      `POST ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\nContent-Length: ${size}\r\n\r\n`,
    );
    // The answer comes before the body: the poster is still sending when it arrives.
    await expect.poll(() => received).toContain('body_too_large');
    expect(received).toMatch(/^HTTP\/1\.1 413 /);
    for (let sent = 0; sent < size; sent += 10_000) socket.write('x'.repeat(10_000));
    // The body was read to its end, and the same connection serves the next request.
    socket.write(`GET /healthz HTTP/1.1\r\nHost: ${url.host}\r\n\r\n`);
    await expect.poll(() => received).toMatch(/HTTP\/1\.1 200 [\s\S]*"status":"ok"/);
    expect(closed).toBe(false);
  });

  it('rate-limits each webhook on its own, with 429 and Retry-After', async () => {
    const flood = createHook(store, 'ci', 'flood', server.httpUrl);
    const calm = createHook(store, 'ci', 'calm', server.httpUrl);
    const refused = await postUntilRefused(flood);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toMatchObject({ code: 'rate_limited' });
    expect((await post(calm, '{"text":"unaffected"}')).status).toBe(200);
  });

  it('refuses a registered name, or one that looks like it, at create time', async () => {
    const carol = await TestClient.join(server.wsUrl, 'carol');
    carol.send({ type: 'register', name: 'carol', password: 'correct horse', ref: 'r' });
    await carol.next('auth');
    carol.close();
    for (const name of ['carol', 'CAROL', 'caro1']) {
      const refused = aurora('webhook', 'create', ...store, '--room', 'ci', '--name', name);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toMatch(/--name: .*registered account/);
      expect(refused.stdout).toBe('');
    }
  });

  it('answers only to allowed host names, like every other request', async () => {
    const url = new URL(createHook(store, 'ci', 'hosts', server.httpUrl));
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        {
          host: '127.0.0.1',
          port: server.port,
          path: url.pathname,
          method: 'POST',
          headers: { Host: 'evil.example' },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on('error', reject);
      request.end('{"text":"rebinding"}');
    });
    expect(status).toBe(403);
  });
});

describeWithRedis('incoming webhooks in a cluster', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await TestRedis.start();
  });
  afterAll(async () => {
    await redis?.dispose();
  });

  it('a webhook made once works on every node: posted to one, seen on another', async () => {
    const env = { AURORA_REDIS: redis.url };
    const [first, second] = await Promise.all([startServer({ env }), startServer({ env })]);
    const url = createHook(['--redis', redis.url], 'ci', 'builds', first.httpUrl);
    const bob = await TestClient.join(second.wsUrl, 'bob', { rooms: ['ci'] });
    await bob.next('joined');
    const response = await post(url, '{"text":"build **413** passed"}');
    expect(response.status).toBe(200);
    const { id } = (await response.json()) as { id: string };
    expect(await bob.next('message', (m) => m.from === 'builds')).toMatchObject({
      id,
      text: 'build **413** passed',
      bot: true,
    });
    const hookId = /\/hooks\/([^/]+)\//.exec(url)![1]!;
    expect(aurora('webhook', 'revoke', '--redis', redis.url, hookId).status).toBe(0);
    const onSecond = url.replace(first.httpUrl, second.httpUrl);
    expect((await post(onSecond, '{"text":"after revoke"}')).status).toBe(404);
    bob.close();
    expect(await Promise.all([first.stop(), second.stop()])).toEqual([0, 0]);
  });
});
