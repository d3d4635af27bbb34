import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createProgram, type ProgramOptions, toConfig } from './cli-options.js';
import { makeConfig } from './config.js';
import { silentLogger } from './logger.js';
import { type AuroraServer, startServer } from './server.js';

// https and wss straight from the server, with a self-signed certificate made here by the openssl
// command (node:crypto cannot make an X.509 certificate).
let dir = '';
let cert = '';
let key = '';
let ca: Buffer;
let server: AuroraServer | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aurora-tls-'));
  cert = join(dir, 'cert.pem');
  key = join(dir, 'key.pem');
  await promisify(execFile)('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '-keyout',
    key,
    '-out',
    cert,
  ]);
  ca = await readFile(cert);
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

/** GETs a path over https, trusting only the test's certificate; resolves status and body. */
function httpsGet(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, ca }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

describe('--tls-cert and --tls-key', () => {
  it('serve https and wss with the certificate, and nothing in plain http', async () => {
    server = await startServer(
      makeConfig({ port: 0, dataDir: undefined, webRoot: undefined, tls: { certFile: cert, keyFile: key } }),
      { logger: silentLogger },
    );
    const health = await httpsGet(server.port, '/healthz');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ status: 'ok' });

    const socket = new WebSocket(`wss://127.0.0.1:${server.port}/ws`, { ca });
    const welcome = await new Promise<Record<string, unknown>>((resolve, reject) => {
      socket.once('open', () => socket.send(JSON.stringify({ type: 'hello', v: 1, nick: 'alice' })));
      socket.once('message', (data) => resolve(JSON.parse(String(data))));
      socket.once('error', reject);
    });
    expect(welcome).toMatchObject({ type: 'welcome', nick: 'alice' });
    socket.close();

    await expect(fetch(`http://127.0.0.1:${server.port}/healthz`)).rejects.toThrow();
  });

  it('refuses to start with a file that is not a certificate, naming it', async () => {
    const bogus = join(dir, 'bogus.pem');
    await writeFile(bogus, 'not a certificate\n');
    const config = makeConfig({ port: 0, dataDir: undefined, webRoot: undefined });
    await expect(
      startServer({ ...config, tls: { certFile: bogus, keyFile: key } }, { logger: silentLogger }),
    ).rejects.toMatchObject({ code: 'TLS_FILE', message: expect.stringContaining(bogus) });
    await expect(
      startServer(
        { ...config, tls: { certFile: join(dir, 'missing.pem'), keyFile: key } },
        { logger: silentLogger },
      ),
    ).rejects.toMatchObject({
      code: 'TLS_FILE',
      message: expect.stringMatching(/missing\.pem cannot be read: no such file/),
    });
  });

  it('come from the flags (or AURORA_TLS_CERT and AURORA_TLS_KEY); one without the other is refused', async () => {
    const parse = (args: string[]) =>
      toConfig(createProgram().parse(args, { from: 'user' }).opts<ProgramOptions>());
    expect(parse(['--tls-cert', cert, '--tls-key', key]).tls).toEqual({ certFile: cert, keyFile: key });
    expect(parse([]).tls).toBeUndefined();
    await expect(
      startServer(parse(['--memory', '--port', '0', '--tls-cert', cert]), { logger: silentLogger }),
    ).rejects.toMatchObject({ code: 'TLS_FILE', message: expect.stringContaining('go together') });
  });
});
