import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { withShellServer } from '../testing/shell-server.js';

// Accounts as scripts and people use them from a shell: the built binary against a real server, each
// test with its own config folder (its own credentials file), as if on its own computer.

const PASSWORD = 'correct horse battery';
const { computer, wsUrl } = withShellServer('aurora-accounts-');

describe('aurora-chat accounts', () => {
  it('registers, keeps only a token (mode 0600), and sends as the account without a password', async () => {
    const laptop = await computer();
    const registered = await laptop.run(['register', '--name', 'alice', '--password-stdin'], `${PASSWORD}\n`);
    expect(registered.stderr).toBe('');
    expect(registered).toMatchObject({ code: 0 });
    expect(registered.stdout).toMatch(/^Registered alice on 127\.0\.0\.1:\d+; you are logged in\./);
    expect((await stat(laptop.credentials)).mode & 0o777).toBe(0o600);
    const file = await readFile(laptop.credentials, 'utf8');
    expect(file).not.toContain(PASSWORD);
    expect(JSON.parse(file).servers[wsUrl()].alice).toMatchObject({ name: 'alice' });

    const watcher = (await computer()).tail([
      '--room',
      'dev',
      '--name',
      'watcher',
      '--json',
      '--history',
      '1',
    ]);
    await watcher.waitFor(/"watcher joined"/);
    const sent = await laptop.run(['send', '--name', 'alice', '--room', 'dev', 'hello as an account']);
    expect(sent).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(JSON.parse(await watcher.waitFor(/hello as an account/))).toMatchObject({ from: 'alice' });
    // Still posted without joining: no join or leave notice for alice.
    expect(watcher.lines().filter((l) => /"alice (joined|left)"/.test(l))).toEqual([]);
  });

  it('refuses a guest the registered name, with the hint to log in', async () => {
    const laptop = await computer();
    await laptop.run(['register', '--name', 'bruno', '--password-stdin'], `${PASSWORD}\n`);
    const other = await computer();
    const run = await other.run(['send', '--name', 'BRUNO', '--room', 'dev', 'hi']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^aurora-chat: the server refused the name "BRUNO": .*registered.*\(to log in: aurora-chat login --name BRUNO\) \[name_registered\]\n$/,
    );
  });

  it('fails to log in with a wrong password, exiting 1 with auth_failed, and logs in with the right one', async () => {
    const laptop = await computer();
    await laptop.run(['register', '--name', 'carla', '--password-stdin'], `${PASSWORD}\n`);
    const phone = await computer();
    const wrong = await phone.run(['login', '--name', 'carla', '--password-stdin'], 'not the password\n');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^aurora-chat: wrong name or password for carla on .* \[auth_failed\]\n$/);
    expect(existsSync(phone.credentials)).toBe(false);
    const right = await phone.run(['login', '--name', 'carla', '--password-stdin'], `${PASSWORD}\n`);
    expect(right).toMatchObject({ code: 0, stderr: '' });
    expect(right.stdout).toMatch(/^Logged in as carla on /);
  });

  it('logs out: the session is forgotten, and sending as the name is refused again', async () => {
    const laptop = await computer();
    await laptop.run(['register', '--name', 'dora', '--password-stdin'], `${PASSWORD}\n`);
    const out = await laptop.run(['logout', '--name', 'dora']);
    expect(out).toMatchObject({ code: 0, stderr: '' });
    expect(out.stdout).toMatch(/^Logged dora on .* out\.\n$/);
    expect(JSON.parse(await readFile(laptop.credentials, 'utf8')).servers).toEqual({});
    const send = await laptop.run(['send', '--name', 'dora', '--room', 'dev', 'still me?']);
    expect(send.code).toBe(1);
    expect(send.stderr).toContain('[name_registered]');
    expect((await laptop.run(['logout', '--name', 'dora'])).stdout).toMatch(/not logged in as dora/);
  });

  it('delivers a direct message to every tail of the account, and ends a revoked session', async () => {
    const laptop = await computer();
    await laptop.run(['register', '--name', 'erin', '--password-stdin'], `${PASSWORD}\n`);
    const phone = await computer();
    await phone.run(['login', '--name', 'erin', '--password-stdin'], `${PASSWORD}\n`);
    const tails = [
      laptop.tail(['--name', 'erin', '--json', '--room', 'lobby', '--history', '1']),
      phone.tail(['--name', 'erin', '--json']),
    ];
    await tails[0]!.waitFor(/"erin joined"/);
    const bob = await computer();
    // The DM is stored for the account, so it reaches a tail that is still connecting too.
    expect((await bob.run(['send', '--name', 'bob', '--to', 'erin', 'psst, erin'])).code).toBe(0);
    for (const tail of tails)
      expect(JSON.parse(await tail.waitFor(/psst, erin/))).toMatchObject({
        kind: 'dm',
        from: 'bob',
        to: 'erin',
      });

    // A third computer logged in, with nothing running while the account is logged out everywhere.
    const tablet = await computer();
    await tablet.run(['login', '--name', 'erin', '--password-stdin'], `${PASSWORD}\n`);
    expect((await phone.run(['logout', '--name', 'erin', '--everywhere'])).code).toBe(0);
    for (const tail of tails) expect(await tail.exited).toBe(1);
    expect(tails[0]!.stderr()).toMatch(
      /your session for erin on .* was logged out from another device; log in again with aurora-chat login --name erin \[logged_out\]/,
    );
    expect(JSON.parse(await readFile(laptop.credentials, 'utf8')).servers).toEqual({});
    const ended = await tablet.run(['send', '--name', 'erin', '--room', 'dev', 'hello?']);
    expect(ended.code).toBe(1);
    expect(ended.stderr).toMatch(
      /^aurora-chat: your session for erin on .* ended; log in again with aurora-chat login --name erin \[auth_failed\]\n$/,
    );
    expect(JSON.parse(await readFile(tablet.credentials, 'utf8')).servers).toEqual({});
  });
});
