import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVER_BIN } from 'aurora-testkit';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from './store/schema-version.js';

// Bad start-up input: one clear line on stderr and exit 1 or 2, never a hang or raw errno text.
let dir = '';
let blocker: Server;

beforeAll(async () => {
  if (!existsSync(SERVER_BIN)) throw new Error(`${SERVER_BIN} is missing: run \`pnpm build\` first`);
  dir = await mkdtemp(join(tmpdir(), 'aurora-start-errors-'));
  blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  blocker.close();
  await rm(dir, { recursive: true, force: true });
});

/** Runs aurora-server with `args`; resolves its exit code and stderr (killed after 10 s). */
function start(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [SERVER_BIN, ...args], { timeout: 10_000 }, (error, _stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stderr }),
    );
  });
}

/** Expects one line on stderr matching `pattern` and an exit code of `code`. */
async function expectOneLine(args: string[], code: 1 | 2, pattern: RegExp): Promise<void> {
  const result = await start(args);
  expect(result.stderr.trimEnd().split('\n'), result.stderr).toEqual([expect.stringMatching(pattern)]);
  expect(result.code).toBe(code);
}

describe('aurora-server refuses bad start-up input in one line', () => {
  it('a taken port', async () => {
    const { port } = blocker.address() as { port: number };
    await expectOneLine(
      ['--memory', '--port', String(port)],
      1,
      new RegExp(`port ${port} .* already in use`),
    );
  });

  it('a port out of range', async () => {
    await expectOneLine(['--memory', '--port', '70000'], 2, /--port must be a whole number from 0 to 65535/);
  });

  it('a TLS file that is missing or not a certificate', async () => {
    const bogus = join(dir, 'bogus.pem');
    await writeFile(bogus, 'not a certificate\n');
    const tls = ['--memory', '--port', '0'];
    await expectOneLine(
      [...tls, '--tls-cert', join(dir, 'missing.pem'), '--tls-key', bogus],
      1,
      /missing\.pem cannot be read: no such file/,
    );
    await expectOneLine(
      [...tls, '--tls-cert', bogus, '--tls-key', bogus],
      1,
      /bogus\.pem .* not a PEM certificate/,
    );
  });

  it('a web root that is not a folder or holds no build', async () => {
    await expectOneLine(
      ['--memory', '--port', '0', '--web-root', join(dir, 'nope')],
      2,
      /--web-root .*nope is not a folder/,
    );
    await expectOneLine(
      ['--memory', '--port', '0', '--web-root', dir],
      2,
      /--web-root .* has no index\.html/,
    );
  });

  it('a database written by a newer version', async () => {
    const data = join(dir, 'newer');
    await mkdir(data, { recursive: true });
    const db = new Database(join(data, 'aurora.db'));
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    await expectOneLine(
      ['--data', data, '--port', '0'],
      1,
      /aurora\.db was written by a newer aurora-server/,
    );
  });
});
