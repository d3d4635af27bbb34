import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { withShellServer } from '../testing/shell-server.js';

// A person managing their own account from a shell: the built binary against a real server, each
// "computer" with its own credentials file.

const PASSWORD = 'correct horse battery';
const NEW_PASSWORD = 'battery staple horse';
const { computer, wsUrl } = withShellServer('aurora-account-manage-');

describe('aurora-chat password and account delete', () => {
  it('changes the password: the other computer is logged out, this one goes on, the new password logs in', async () => {
    const laptop = await computer();
    await laptop.run(['register', '--name', 'gwen', '--password-stdin'], `${PASSWORD}\n`);
    const phone = await computer();
    await phone.run(['login', '--name', 'gwen', '--password-stdin'], `${PASSWORD}\n`);

    const wrong = await laptop.run(
      ['password', '--name', 'gwen', '--password-stdin'],
      `guess\n${NEW_PASSWORD}\n`,
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/wrong password; nothing changed \[auth_failed\]\n$/);
    const changed = await laptop.run(
      ['password', '--name', 'gwen', '--password-stdin'],
      `${PASSWORD}\n${NEW_PASSWORD}\n`,
    );
    expect(changed).toMatchObject({ code: 0, stderr: '' });
    expect(changed.stdout).toMatch(/^Password changed\. Your other devices are logged out/);

    expect(await laptop.run(['send', '--name', 'gwen', '--room', 'dev', 'still here'])).toMatchObject({
      code: 0,
    });
    const stale = await phone.run(['send', '--name', 'gwen', '--room', 'dev', 'from the phone']);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/session for gwen .* ended; log in again/);
    const old = await phone.run(['login', '--name', 'gwen', '--password-stdin'], `${PASSWORD}\n`);
    expect(old.code).toBe(1);
    const fresh = await phone.run(['login', '--name', 'gwen', '--password-stdin'], `${NEW_PASSWORD}\n`);
    expect(fresh).toMatchObject({ code: 0, stderr: '' });
  });

  it('refuses a new password out of bounds before sending anything, and needs a stored session', async () => {
    const laptop = await computer();
    const guest = await laptop.run(
      ['password', '--name', 'nobody', '--password-stdin'],
      `a\n${NEW_PASSWORD}\n`,
    );
    expect(guest.code).toBe(2);
    expect(guest.stderr).toMatch(
      /not logged in as nobody .*aurora-chat login --name nobody \[not_logged_in\]\n$/,
    );
    await laptop.run(['register', '--name', 'hal', '--password-stdin'], `${PASSWORD}\n`);
    const short = await laptop.run(['password', '--name', 'hal', '--password-stdin'], `${PASSWORD}\nshort\n`);
    // As when registering: the server's own code, exit 1.
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('[password_invalid]');
  });

  it('deletes the account: the session is forgotten, the messages stay, the name is held', async () => {
    const laptop = await computer();
    await laptop.run(['register', '--name', 'ines', '--password-stdin'], `${PASSWORD}\n`);
    await laptop.run(['send', '--name', 'ines', '--room', 'dev', 'a message that stays']);
    const unconfirmed = await laptop.run(
      ['account', 'delete', '--name', 'ines', '--password-stdin'],
      `${PASSWORD}\n`,
    );
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toMatch(/in scripts, add --yes \[bad_usage\]\n$/);

    const deleted = await laptop.run(
      ['account', 'delete', '--yes', '--name', 'ines', '--password-stdin'],
      `${PASSWORD}\n`,
    );
    expect(deleted).toMatchObject({ code: 0, stderr: '' });
    expect(deleted.stdout).toMatch(
      /^The account ines is deleted; its messages stay\. Nobody can register the name before \d{4}-\d\d-\d\d\.\n$/,
    );
    expect(JSON.parse(await readFile(laptop.credentials, 'utf8')).servers[wsUrl()] ?? {}).toEqual({});

    const again = await (await computer()).run(
      ['register', '--name', 'ines', '--password-stdin'],
      `${PASSWORD}\n`,
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('[name_held]');
    const reader = await computer();
    const history = await reader.run([
      'tail',
      '--room',
      'dev',
      '--name',
      'reader',
      '--json',
      '--history',
      '50',
      '--until-idle',
    ]);
    expect(history.stdout).toContain('a message that stays');
  });
});
