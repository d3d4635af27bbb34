import { afterEach, describe, expect, it } from 'vitest';
import { makeConfig } from './config.js';
import { createLogger } from './logger.js';
import { type AuroraServer, startServer } from './server.js';
import { TestClient } from './testing/ws-client.js';

// What an operator reads at info: one JSON line per start and stop, connection opened and closed,
// account event and error sent, and never a secret or what someone wrote.

const PASSWORD = 'correct-horse-battery';
const TEXT = 'the launch code is 0000';
let server: AuroraServer | undefined;
const clients: TestClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.socket.terminate();
  await server?.close();
});

/** Polls the captured lines until one matches `fields`; fails after 5 s with what was logged. */
async function lineWith(lines: string[], fields: Record<string, unknown>): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const found = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((entry) =>
        Object.entries(fields).every(([key, value]) =>
          expect.objectContaining({ [key]: value }).asymmetricMatch(entry),
        ),
      );
    if (found) return found;
    if (Date.now() > deadline)
      throw new Error(`no line with ${JSON.stringify(fields)} in:\n${lines.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('server logs at info', () => {
  it('log start, connections, account events, errors and stop, without passwords, tokens or text', async () => {
    const lines: string[] = [];
    server = await startServer(makeConfig({ port: 0, dataDir: undefined, webRoot: undefined }), {
      logger: createLogger('info', (line) => lines.push(line)),
    });
    const url = `ws://127.0.0.1:${server.port}/ws`;
    await lineWith(lines, { msg: 'server started', port: server.port, storage: 'memory' });

    const alice = await TestClient.join(url, 'alice', { rooms: ['dev'] });
    clients.push(alice);
    await alice.next('joined');
    alice.send({ type: 'register', name: 'alice', password: PASSWORD });
    const { token } = await alice.next('auth');
    alice.send({ type: 'say', room: 'dev', text: TEXT, cid: 'c1' });
    await alice.next('ack');
    const conn = (await lineWith(lines, { msg: 'account registered', account: 'alice' })).conn;
    await lineWith(lines, { msg: 'connection opened', conn, address: '127.0.0.1' });

    const guest = await TestClient.join(url, 'guest');
    clients.push(guest);
    guest.send({ type: 'login', name: 'alice', password: 'wrong-password-here' });
    await guest.next('error');
    await lineWith(lines, { msg: 'login failed', account: 'alice' });
    await lineWith(lines, { msg: 'error sent', code: 'auth_failed' });
    guest.send({ type: 'login', name: 'alice', password: PASSWORD });
    await guest.next('auth');
    await lineWith(lines, { msg: 'logged in', account: 'alice' });

    alice.send({ type: 'logout', everywhere: false });
    await lineWith(lines, { msg: 'logged out', account: 'alice' });
    const closed = await lineWith(lines, { msg: 'connection closed', conn, nick: 'alice', rooms: ['dev'] });
    expect(closed).toMatchObject({
      address: '127.0.0.1',
      code: expect.any(Number),
      durationMs: expect.any(Number),
    });

    await server.close();
    server = undefined;
    await lineWith(lines, { msg: 'server stopping' });
    await lineWith(lines, { msg: 'server stopped' });
    const all = lines.join('');
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain('wrong-password-here');
    expect(all).not.toContain(token);
    expect(all).not.toContain(TEXT);
  });
});
