import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloseCode, ErrorCode } from 'aurora-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerConfig } from './config.js';
import { makeConfig } from './config.js';
import type { HubLimits } from './hub.js';
import { silentLogger } from './logger.js';
import { type AuroraServer, startServer } from './server.js';
import { TestClient } from './testing/ws-client.js';

const running: AuroraServer[] = [];
const clients: TestClient[] = [];
const folders: string[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.socket.terminate();
  await Promise.all(running.splice(0).map((server) => server.close()));
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'aurora-server-test-'));
  folders.push(dir);
  return dir;
}

async function serve(
  overrides: Partial<Omit<ServerConfig, 'limits'>> & { limits?: Partial<HubLimits> } = {},
) {
  const server = await startServer(
    makeConfig({ port: 0, dataDir: undefined, webRoot: undefined, ...overrides }),
    { logger: silentLogger },
  );
  running.push(server);
  return { server, url: `ws://127.0.0.1:${server.port}/ws`, http: `http://127.0.0.1:${server.port}` };
}

async function enter(url: string, nick: string, rooms: string[] = ['dev'], extra = {}) {
  const client = await TestClient.join(url, nick, { rooms, ...extra });
  clients.push(client);
  for (const room of rooms) await client.next('joined', (j) => j.room === room);
  return client;
}

/** Sends `count` messages in windows of `window`, waiting for the acks of each window. */
async function sendMany(client: TestClient, count: number, text: (i: number) => string, window = 50) {
  for (let start = 0; start < count; start += window) {
    const end = Math.min(count, start + window);
    for (let i = start; i < end; i++) client.send({ type: 'say', room: 'dev', text: text(i), cid: `c${i}` });
    await client.next('ack', (a) => a.cid === `c${end - 1}`, 20_000);
  }
}

const fast = { limits: { burst: 1_000_000, ratePerSecond: 1_000_000 } };

describe('aurora-server over real sockets', () => {
  it('refuses a taken name and lets the client try another', async () => {
    const { url } = await serve();
    await enter(url, 'alice');
    const other = await TestClient.connect(url);
    clients.push(other);
    other.send({ type: 'hello', v: 1, nick: 'Alice' });
    expect(await other.next('error')).toMatchObject({ code: ErrorCode.NameTaken });
    other.send({ type: 'hello', v: 1, nick: 'bob' });
    expect(await other.next('welcome')).toMatchObject({ nick: 'bob' });
  });

  it('keeps history across a restart on the same data folder', async () => {
    const dataDir = await tempDir();
    const first = await serve({ dataDir });
    const alice = await enter(first.url, 'alice');
    alice.send({ type: 'say', room: 'dev', text: 'before the restart', cid: 'c1' });
    await alice.next('ack');
    await first.server.close();
    expect((await alice.closed).code).toBe(CloseCode.GoingAway);

    const second = await serve({ dataDir });
    const bob = await enter(second.url, 'bob');
    const joined = await bob.next('joined');
    expect(joined.history.map((m) => m.text)).toContain('before the restart');
  });

  it('resumes after a forced disconnect in a stream of 2,000 messages with nothing lost or repeated', async () => {
    const { url } = await serve(fast);
    const alice = await enter(url, 'alice');
    const bob = await enter(url, 'bob');
    const seen: { seq: number; text: string }[] = [];
    const collect = (client: TestClient, from: number) =>
      client.received
        .slice(from)
        .flatMap((m) => (m.type === 'message' && m.kind === 'chat' ? [{ seq: m.seq, text: m.text }] : []));

    const sending = sendMany(alice, 2000, (i) => `n${i}`, 25);
    await bob.until(() => collect(bob, 0).length >= 600 || undefined, 20_000);
    bob.socket.terminate();
    await bob.closed;
    const before = collect(bob, 0);
    seen.push(...before);
    const lastSeq = bob.received.reduce((max, m) => (m.type === 'message' ? Math.max(max, m.seq) : max), 0);

    const again = await TestClient.join(url, 'bob', { resume: { dev: lastSeq } });
    clients.push(again);
    await sending;
    await again.until(() => collect(again, 0).some((m) => m.text === 'n1999') || undefined, 20_000);
    seen.push(...collect(again, 0));

    const texts = seen.map((m) => m.text);
    expect(new Set(texts).size).toBe(texts.length); // no duplicates
    expect(texts).toEqual(Array.from({ length: 2000 }, (_, i) => `n${i}`)); // nothing lost, in order
    const seqs = seen.map((m) => m.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(await again.next('resumed')).toMatchObject({ target: 'dev', recovered: true });
  });

  it('stores a retried client message id once, across a reconnect', async () => {
    const { url } = await serve();
    const alice = await enter(url, 'alice');
    alice.send({ type: 'say', room: 'dev', text: 'exactly once', cid: 'retry-1' });
    const first = await alice.next('ack');
    alice.close();
    await alice.closed;
    const again = await enter(url, 'alice');
    again.send({ type: 'say', room: 'dev', text: 'exactly once', cid: 'retry-1' });
    const second = await again.next('ack');
    expect(second).toMatchObject({ id: first.id, seq: first.seq });
    again.send({ type: 'history', target: 'dev', limit: 100 });
    const page = await again.next('history');
    expect(page.messages.filter((m) => m.text === 'exactly once')).toHaveLength(1);
  });

  it('keeps direct messages between their two people', async () => {
    const { url } = await serve();
    const alice = await enter(url, 'alice', []);
    const bob = await enter(url, 'bob', []);
    const carol = await enter(url, 'carol', []);
    alice.send({ type: 'dm', to: 'bob', text: 'between us', cid: 'd1' });
    await bob.next('message', (m) => m.text === 'between us');
    carol.send({ type: 'history', target: '@alice' });
    carol.send({ type: 'history', target: '@bob' });
    await carol.until(() => carol.of('history').length === 2 || undefined);
    expect(carol.of('history').flatMap((p) => p.messages)).toEqual([]);
    expect(carol.of('message')).toEqual([]);
  });

  it('closes a connection that sends a 1 MiB frame with 1009, and nobody else notices', async () => {
    const { url } = await serve();
    const bob = await enter(url, 'bob');
    const mallory = await enter(url, 'mallory');
    mallory.socket.send('x'.repeat(1024 * 1024));
    expect((await mallory.closed).code).toBe(CloseCode.MessageTooBig);
    bob.send({ type: 'ping', t: 1 });
    expect(await bob.next('pong')).toMatchObject({ t: 1 });
  });

  it('terminates a client that stopped reading while the others keep receiving', async () => {
    const { url, server } = await serve(fast);
    const alice = await enter(url, 'alice');
    const bob = await enter(url, 'bob');
    const stalled = await enter(url, 'stalled');
    const raw = (stalled.socket as unknown as { _socket: { pause(): void } })._socket;
    raw.pause();
    const big = 'y'.repeat(4000);
    await sendMany(alice, 1500, (i) => `${i} ${big}`, 50);
    await bob.until(() => bob.of('message').some((m) => m.text.startsWith('1499 ')) || undefined, 30_000);
    await bob.until(
      () => bob.of('presence').some((p) => p.event === 'leave' && p.nick === 'stalled') || undefined,
      10_000,
    );
    expect(bob.of('message').filter((m) => m.kind === 'chat')).toHaveLength(1500);
    await expect.poll(() => server.hub.sessions.size).toBe(2);
  });

  it('drops a peer that stops answering pings, with one leave notice', async () => {
    const { url } = await serve({ pingIntervalMs: 100 });
    const bob = await enter(url, 'bob');
    const ghost = await TestClient.join(url, 'ghost', { rooms: ['dev'] });
    clients.push(ghost);
    ghost.socket.pong = () => {};
    (ghost.socket as unknown as { _autoPong: boolean })._autoPong = false;
    await bob.until(
      () => bob.of('presence').some((p) => p.event === 'leave' && p.nick === 'ghost') || undefined,
      5000,
    );
    await bob.until(() => bob.of('message').some((m) => m.event?.kind === 'leave') || undefined, 5000);
    // Time for a second notice to arrive, if there were one.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bob.of('message').filter((m) => m.event?.kind === 'leave')).toHaveLength(1);
  });

  it('refuses a foreign Origin and accepts its own and none', async () => {
    const { url, server } = await serve();
    await expect(TestClient.connect(url, { origin: 'https://evil.example' })).rejects.toThrow(/403/);
    const own = await TestClient.connect(url, { origin: `http://127.0.0.1:${server.port}` });
    clients.push(own);
    const none = await TestClient.connect(url);
    clients.push(none);
  });

  it('allows origins listed in allowedOrigins', async () => {
    const { url } = await serve({ allowedOrigins: ['https://chat.example'] });
    const client = await TestClient.connect(url, { origin: 'https://chat.example' });
    clients.push(client);
  });

  it('limits concurrent connections per address', async () => {
    const { url } = await serve({ maxConnectionsPerIp: 2 });
    for (let i = 0; i < 2; i++) clients.push(await TestClient.connect(url));
    // Refused before its request is read: the connection is closed at once.
    await expect(TestClient.connect(url)).rejects.toThrow(/socket hang up|ECONNRESET/);
  });

  it('frees an address slot when a connection closes', async () => {
    const { url } = await serve({ maxConnectionsPerIp: 1 });
    const first = await enter(url, 'alice');
    first.socket.close();
    await first.closed;
    const second = await enter(url, 'bob');
    second.send({ type: 'ping', ref: 'p' });
    expect(await second.next('pong')).toMatchObject({ ref: 'p' });
  });

  it('keeps a client that answers pings connected over many intervals', async () => {
    const { url } = await serve({ pingIntervalMs: 100 });
    const alice = await enter(url, 'alice');
    // A socket whose pongs went unheard would be dropped after under three intervals.
    await new Promise((resolve) => setTimeout(resolve, 600));
    alice.send({ type: 'ping', ref: 'p1' });
    expect(await alice.next('pong')).toMatchObject({ ref: 'p1' });
  });

  it('closes a socket that never says hello (4000)', async () => {
    const { url } = await serve({ limits: { helloTimeoutMs: 200 } });
    const idle = await TestClient.connect(url);
    clients.push(idle);
    expect((await idle.closed).code).toBe(CloseCode.HelloTimeout);
  });

  it('sends every client 1001 on graceful shutdown', async () => {
    const { url, server } = await serve();
    const alice = await enter(url, 'alice');
    const bob = await enter(url, 'bob');
    await server.close();
    expect(await alice.closed).toMatchObject({ code: CloseCode.GoingAway, reason: 'server restarting' });
    expect((await bob.closed).code).toBe(CloseCode.GoingAway);
  });

  it('answers /healthz, serves the web root with security headers, and 404s outside it', async () => {
    const webRoot = await tempDir();
    await writeFile(join(webRoot, 'index.html'), '<!doctype html><title>Aurora</title>');
    await writeFile(join(webRoot, 'app.js'), 'console.log(1)');
    const { http, url } = await serve({ webRoot });
    await enter(url, 'alice');

    const health = await fetch(`${http}/healthz`);
    expect(await health.json()).toMatchObject({ status: 'ok', connections: 1, rooms: 1 });

    const page = await fetch(`${http}/?room=dev`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Aurora</title>');
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect((await fetch(`${http}/app.js`)).headers.get('content-type')).toMatch(/javascript/);

    for (const path of [
      '/nope',
      '/..%2f..%2fetc%2fpasswd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/.git/config',
      '/%E0%A4%A',
    ]) {
      expect((await fetch(`${http}${path}`)).status, path).toBe(404);
    }
    expect((await fetch(`${http}/`, { method: 'POST' })).status).toBe(405);
  });

  it('shows a "not built" page at / when there is no web build', async () => {
    const { http } = await serve({ webRoot: await tempDir() });
    const page = await fetch(http);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/pnpm build/);
  });
});
