import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import { CloseCode } from 'aurora-protocol';
import { SERVER_BIN, startServer } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { TestClient } from './testing/ws-client.js';

const run = promisify(execFile);

async function fails(args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    await run(process.execPath, [SERVER_BIN, ...args], { timeout: 10_000 });
  } catch (error) {
    const failure = error as { code: number; stderr: string };
    return { code: failure.code, stderr: failure.stderr };
  }
  throw new Error('expected the command to fail');
}

describe('the aurora-server command', () => {
  it('prints help with every flag', async () => {
    const { stdout } = await run(process.execPath, [SERVER_BIN, '--help']);
    for (const flag of [
      '--port',
      '--host',
      '--data',
      '--memory',
      '--allowed-origins',
      '--log-level',
      '--version',
    ])
      expect(stdout).toContain(flag);
  });

  it('rejects a bad flag value with a one-line reason and no stack trace', async () => {
    const { code, stderr } = await fails(['--port', '99999']);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/--port must be a whole number from 0 to 65535/);
    expect(stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('says when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const { code, stderr } = await fails(['--memory', '--port', String(port)]);
    blocker.close();
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`port ${port} on 127.0.0.1 is already in use`));
  });

  it('prints where to connect, and on SIGTERM closes clients with 1001 and exits 0', async () => {
    const server = await startServer({ memory: true });
    expect(server.output()).toMatch(
      /browser http:\/\/127\.0\.0\.1:\d+ +terminal ws:\/\/127\.0\.0\.1:\d+\/ws/,
    );
    const client = await TestClient.join(server.wsUrl, 'alice', { rooms: ['dev'] });
    const health = await (await fetch(`${server.httpUrl}/healthz`)).json();
    expect(health).toMatchObject({ status: 'ok', connections: 1 });
    const exit = server.stop('SIGTERM');
    expect((await client.closed).code).toBe(CloseCode.GoingAway);
    expect(await exit).toBe(0);
  });
});
