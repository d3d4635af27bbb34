import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileCache } from './file-cache.js';
import { handleHttp } from './routes.js';

const APP = `console.log(${JSON.stringify('aurora '.repeat(200))});`;

let root: string;
let server: Server;
let port: number;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'aurora-static-'));
  await mkdir(join(root, 'chunks'));
  await writeFile(join(root, 'app.js'), APP);
  await writeFile(join(root, 'app.js.br'), brotliCompressSync(APP));
  await writeFile(join(root, 'app.js.gz'), gzipSync(APP));
  await writeFile(join(root, 'chunks', 'search-1234abcd.js'), APP);
  const files = new FileCache();
  server = createServer((req, res) => {
    void handleHttp({ webRoot: root, webFiles: files, health: async () => ({}) as never }, req, res);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  port = (server.address() as AddressInfo).port;
});

afterEach(async () => {
  await new Promise((done) => server.close(done));
  await rm(root, { recursive: true, force: true });
});

/** A GET as a browser sends it, read raw (fetch would decode the body and hide the encoding). */
function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
  }>((done, fail) => {
    const req = request({ port, host: '127.0.0.1', path, method, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () =>
        done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }),
      );
    });
    req.once('error', fail);
    req.end();
  });
}

describe('the web root over HTTP', () => {
  it('sends the brotli copy to a browser that takes it, and the page decodes to the file', async () => {
    const page = await get('/app.js', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.headers.vary).toBe('Accept-Encoding');
    expect(Number(page.headers['content-length'])).toBe(page.body.length);
    expect(page.body.length).toBeLessThan(APP.length / 4);
    expect(brotliDecompressSync(page.body).toString()).toBe(APP);
  });

  it('sends gzip, or the plain file, to a client that takes only that', async () => {
    expect((await get('/app.js', { 'Accept-Encoding': 'gzip' })).headers['content-encoding']).toBe('gzip');
    const plain = await get('/app.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(APP);
    const refused = await get('/app.js', { 'Accept-Encoding': 'br;q=0, gzip;q=0' });
    expect(refused.body.toString()).toBe(APP);
  });

  it('answers a reload with 304 and no body while the file is unchanged, and 200 once it changes', async () => {
    const first = await get('/app.js', { 'Accept-Encoding': 'br' });
    const tag = String(first.headers.etag);
    const again = await get('/app.js', { 'Accept-Encoding': 'br', 'If-None-Match': tag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    // The plain file is another representation: its tag differs, so a cached brotli copy never stands for it.
    expect((await get('/app.js', { 'If-None-Match': tag })).status).toBe(200);

    await writeFile(join(root, 'app.js'), `${APP}\n// new build`);
    const rebuilt = await get('/app.js', { 'Accept-Encoding': 'br', 'If-None-Match': tag });
    expect(rebuilt.status).toBe(200);
    expect(rebuilt.body.toString()).toContain('new build');
  });

  it('never sends a stored copy that is not the file: a stale or damaged copy is passed over', async () => {
    await writeFile(join(root, 'app.js'), `${APP}\n// new build`);
    await writeFile(join(root, 'app.js.gz'), Buffer.from('not gzip at all'));
    const page = await get('/app.js', { 'Accept-Encoding': 'br, gzip' });
    expect(page.headers['content-encoding']).toBeUndefined();
    expect(page.body.toString()).toContain('new build');
  });

  it('lets a browser keep content-named chunks for good and asks again for the rest', async () => {
    expect((await get('/chunks/search-1234abcd.js')).headers['cache-control']).toMatch(/immutable/);
    expect((await get('/app.js')).headers['cache-control']).toBe('no-cache');
  });

  it('answers HEAD with the headers of the GET and no body', async () => {
    const head = await get('/app.js', { 'Accept-Encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBe('br');
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0);
    expect(head.body.length).toBe(0);
  });
});
