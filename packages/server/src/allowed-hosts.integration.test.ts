import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { promisify } from 'node:util';
import { SERVER_BIN, startServer as startServerProcess } from 'aurora-testkit';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerConfig } from './config.js';
import { makeConfig } from './config.js';
import { silentLogger } from './logger.js';
import { type AuroraServer, startServer } from './server.js';
import { TestClient } from './testing/ws-client.js';

const running: AuroraServer[] = [];
const clients: TestClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.socket.terminate();
  await Promise.all(running.splice(0).map((server) => server.close()));
});

async function serve(overrides: Partial<ServerConfig> = {}): Promise<number> {
  const server = await startServer(
    makeConfig({ port: 0, dataDir: undefined, webRoot: undefined, ...overrides }),
    { logger: silentLogger },
  );
  running.push(server);
  return server.port;
}

/** A GET to the server on 127.0.0.1 with the Host header a browser would send for `host`. */
function get(port: number, path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: host } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens the WebSocket as a page on `host` would: that Host, and that Origin. */
function openAs(port: number, host: string): Promise<TestClient> {
  return TestClient.connect(`ws://127.0.0.1:${port}/ws`, {
    headers: { Host: host },
    origin: `http://${host}`,
  }).then((client) => {
    clients.push(client);
    return client;
  });
}

describe('DNS rebinding: the Host header must name this server', () => {
  it('refuses a page of another site on every route, with a short reason', async () => {
    const port = await serve();
    const evil = `evil.example:${port}`;
    for (const path of ['/', '/healthz', '/index.html']) {
      const { status, body } = await get(port, path, evil);
      expect(status).toBe(403);
      expect(body).toMatch(/--allowed-hosts/);
    }
    await expect(openAs(port, evil)).rejects.toThrow(/403/);
  });

  it('serves loopback names and addresses', async () => {
    const port = await serve();
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      expect((await get(port, '/healthz', host)).status).toBe(200);
      const client = await openAs(port, host);
      client.send({ type: 'ping', t: 1 });
      expect(await client.next('pong')).toMatchObject({ t: 1 });
    }
  });

  it('serves the names given in --allowed-hosts', async () => {
    const port = await serve({ allowedHosts: ['chat.example.com'] });
    const host = `chat.example.com:${port}`;
    expect((await get(port, '/healthz', host)).status).toBe(200);
    const client = await openAs(port, host);
    client.send({ type: 'hello', v: 1, nick: 'alice' });
    expect(await client.next('welcome')).toMatchObject({ nick: 'alice' });
    expect((await get(port, '/healthz', `evil.example:${port}`)).status).toBe(403);
  });

  it('documents --allowed-hosts in --help, and takes AURORA_ALLOWED_HOSTS from the environment', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [SERVER_BIN, '--help']);
    expect(stdout).toMatch(/--allowed-hosts <list>[\s\S]*env:\s+AURORA_ALLOWED_HOSTS/);
    const server = await startServerProcess({
      memory: true,
      env: { AURORA_ALLOWED_HOSTS: 'chat.example.com' },
    });
    try {
      expect((await get(server.port, '/healthz', 'chat.example.com')).status).toBe(200);
      expect((await get(server.port, '/healthz', 'evil.example')).status).toBe(403);
    } finally {
      await server.stop();
    }
  });
});
