import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createAdminCommand } from './admin-command.js';
import { systemClock } from './clock.js';
import { SqliteStore } from './store/sqlite.js';

let dir: string | undefined;
afterEach(async () => {
  process.exitCode = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('promotes a registered account, lists and demotes it, and refuses a name nobody registered', async () => {
  dir = await mkdtemp(join(tmpdir(), 'aurora-admin-'));
  const seed = new SqliteStore({ dataDir: dir, clock: systemClock });
  await seed.accounts.createAccount({ key: 'alice', name: 'Alice', password: 'x', createdAt: 1 }, 'alice');
  await seed.close();
  const lines: string[] = [];
  const run = async (...args: string[]) => {
    const command = createAdminCommand(() => ({ data: dir!, redis: undefined, memory: undefined }), {
      out: (line) => lines.push(`out: ${line}`),
      err: (line) => lines.push(`err: ${line}`),
    });
    await command.parseAsync(args, { from: 'user' });
  };
  await run('promote', 'alice');
  await run('list');
  await run('promote', 'mallory');
  expect(process.exitCode).toBe(2);
  process.exitCode = undefined;
  await run('demote', 'alice');
  await run('list');
  expect(lines).toEqual([
    'err: Alice is now a server admin.',
    'out: alice',
    'err: aurora-server: no account mallory; people register with /register first',
    'err: alice is no longer a server admin.',
    'err: No promoted admins.',
  ]);
});
