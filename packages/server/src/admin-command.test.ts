import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { resetCodeHash } from './accounts/reset-code.js';
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

it('lists accounts with their admins, and prints a reset code that the store takes once', async () => {
  dir = await mkdtemp(join(tmpdir(), 'aurora-admin-'));
  const seed = new SqliteStore({ dataDir: dir, clock: systemClock });
  const day = Date.UTC(2026, 11, 1);
  await seed.accounts.createAccount({ key: 'alice', name: 'Alice', password: 'x', createdAt: day }, 'alice');
  await seed.accounts.createAccount({ key: 'bobby', name: 'bobby', password: 'x', createdAt: day }, 'bobby');
  await seed.moderation.setAdmin('bobby', true);
  await seed.close();
  const lines: string[] = [];
  const run = async (...args: string[]) => {
    const command = createAdminCommand(() => ({ data: dir!, redis: undefined, memory: undefined }), {
      out: (line) => lines.push(`out: ${line}`),
      err: (line) => lines.push(`err: ${line}`),
    });
    await command.parseAsync(args, { from: 'user' });
  };
  await run('accounts');
  expect(lines.splice(0)).toEqual(['out: Alice  2026-12-01', 'out: bobby  2026-12-01  admin']);
  await run('reset-password', 'mallory');
  expect(process.exitCode).toBe(2);
  await run('reset-password', 'alice', '--valid', '30d');
  expect(lines.splice(0)).toEqual([
    'err: aurora-server: no account mallory',
    'err: aurora-server: --valid 30d is not a duration of at most 7d (say 30m, 2h or 3d)',
  ]);
  process.exitCode = undefined;
  await run('reset-password', 'ALICE', '--valid', '2h');
  const code = lines[0]!.replace('out: ', '');
  expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
  expect(lines[1]).toContain(`aurora-chat password --reset-code ${code} --name Alice`);
  const store = new SqliteStore({ dataDir: dir, clock: systemClock });
  const now = systemClock.now();
  expect(await store.resetCodes.redeemResetCode('alice', resetCodeHash(code), now + 3_600_000)).toBe(true);
  expect(await store.resetCodes.redeemResetCode('alice', resetCodeHash(code), now)).toBe(false);
  await store.close();
});
