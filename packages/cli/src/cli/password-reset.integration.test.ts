import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { SERVER_BIN, type ServerProcess, startServer } from 'aurora-testkit';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { TestComputers } from '../testing/chat-process.js';

// A person who forgot their password: an admin prints a one-time code on the server's machine, and
// they set a new password with it from their own shell (the built binaries, a real server with data).

const PASSWORD = 'correct horse battery';
const NEW_PASSWORD = 'battery staple horse';
const computers = new TestComputers('aurora-password-reset-');
let server: ServerProcess;

beforeAll(async () => {
  server = await startServer();
});
afterEach(() => computers.killAll());
afterAll(async () => {
  await server.stop();
  await computers.dispose();
});

/** Runs `aurora-server admin ...` against the running server's data folder. */
async function admin(...args: string[]) {
  const run = promisify(execFile);
  return run(process.execPath, [SERVER_BIN, 'admin', ...args, '--data', server.dataDir]);
}

it('sets a new password with the code once; every device of the account is logged out', async () => {
  const laptop = await computers.open(server.wsUrl);
  await laptop.run(['register', '--name', 'gwen', '--password-stdin'], `${PASSWORD}\n`);
  const listed = await admin('accounts');
  expect(listed.stdout).toMatch(/^gwen {2}\d{4}-\d\d-\d\d\n$/);

  const { stdout, stderr } = await admin('reset-password', 'gwen');
  const code = stdout.trim();
  expect(stderr).toContain(`aurora-chat password --reset-code ${code} --name gwen`);
  const phone = await computers.open(server.wsUrl);
  const wrong = await phone.run(
    ['password', '--name', 'gwen', '--reset-code', 'AAAA-BBBB-CCCC', '--password-stdin'],
    `${NEW_PASSWORD}\n`,
  );
  expect(wrong.code).toBe(1);
  expect(wrong.stderr).toMatch(/wrong, used or expired; ask an admin for a new one \[bad_reset_code\]\n$/);
  const reset = await phone.run(
    ['password', '--name', 'gwen', '--reset-code', code.toLowerCase(), '--password-stdin'],
    `${NEW_PASSWORD}\n`,
  );
  expect(reset).toMatchObject({ code: 0, stderr: '' });
  expect(reset.stdout).toMatch(/every session of it ended; log in with aurora-chat login --name gwen\n$/);

  const again = await phone.run(
    ['password', '--name', 'gwen', '--reset-code', code, '--password-stdin'],
    `${PASSWORD}\n`,
  );
  expect(again.stderr).toContain('[bad_reset_code]');
  const stale = await laptop.run(['send', '--name', 'gwen', '--room', 'dev', 'from the laptop']);
  expect(stale.code).toBe(1);
  expect(stale.stderr).toMatch(/session for gwen .* ended; log in again/);
  expect((await phone.run(['login', '--name', 'gwen', '--password-stdin'], `${PASSWORD}\n`)).code).toBe(1);
  const fresh = await phone.run(['login', '--name', 'gwen', '--password-stdin'], `${NEW_PASSWORD}\n`);
  expect(fresh).toMatchObject({ code: 0, stderr: '' });
});
