import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { messageRows, openPage, say, useBrowserAndServer, type WatchedPage } from './harness.js';

const env = useBrowserAndServer();

let laptop: WatchedPage;
let phone: WatchedPage;
const PASSWORD = 'correct horse battery';

/** Fills in the join screen in one of its modes and submits it. */
async function submitJoin(page: Page, mode: 'Guest' | 'Log in' | 'Sign up', name: string, password = '') {
  await page.getByRole('radio', { name: mode }).check();
  await page.getByLabel('Your name').fill(name);
  if (mode !== 'Guest') await page.getByLabel('Password').fill(password);
  await page
    .getByRole('button', {
      name: { Guest: 'Join', 'Log in': 'Log in and join', 'Sign up': 'Create account and join' }[mode],
      exact: true,
    })
    .click();
}

const joinError = (page: Page) => page.locator('#join-error').textContent();

describe('accounts', () => {
  it('signs up from the join screen and keeps the log-in, never the password', async () => {
    laptop = await openPage(env.browser, `${env.server.httpUrl}/?room=acct`);
    await submitJoin(laptop.page, 'Sign up', 'olivia', 'short');
    await expect
      .poll(() => laptop.page.locator('#join-password-error').textContent())
      .toBe('A password needs at least 8 characters.');
    await submitJoin(laptop.page, 'Sign up', 'olivia', PASSWORD);
    await laptop.page.locator('.chat').waitFor();
    await expect.poll(() => laptop.page.locator('.sidebar .me p').textContent()).toBe('You are olivia');
    await expect
      .poll(() => laptop.page.evaluate(() => JSON.stringify(localStorage)))
      .toContain('aurora.session');
    const stored = await laptop.page.evaluate(() => JSON.stringify(localStorage));
    expect(stored).toContain('aurora.session');
    expect(stored).not.toContain(PASSWORD);
  });

  it('keeps a registered name from guests, with a pointer to logging in', async () => {
    const guest = await openPage(env.browser, `${env.server.httpUrl}/?room=acct&name=Olivia`);
    await expect
      .poll(() => joinError(guest.page))
      .toBe('The name “Olivia” belongs to a registered account. Log in, or choose another name.');
    guest.expectClean();
    await guest.context.close();
  });

  it('logs in on a second device, explaining a wrong password first', async () => {
    phone = await openPage(env.browser, `${env.server.httpUrl}/?room=acct`, { width: 375, height: 740 });
    await submitJoin(phone.page, 'Log in', 'olivia', 'not the password');
    await expect.poll(() => joinError(phone.page)).toBe('Wrong name or password.');
    await submitJoin(phone.page, 'Log in', 'olivia', PASSWORD);
    await phone.page.locator('.chat').waitFor();
    await say(phone.page, 'hello from my phone');
    await messageRows(laptop.page).filter({ hasText: 'hello from my phone' }).waitFor();
  });

  it('marks the registered person, never a guest, in messages and the member list', async () => {
    const guest = await openPage(env.browser, `${env.server.httpUrl}/?room=acct&name=oscar`);
    await guest.page.locator('.chat').waitFor();
    await say(guest.page, 'a guest says hi');
    const registeredIn = (row: ReturnType<typeof messageRows>) => row.locator('.registered').count();
    const hers = messageRows(guest.page).filter({ hasText: 'hello from my phone' });
    await expect.poll(() => registeredIn(hers)).toBe(1);
    const mine = messageRows(guest.page).filter({ hasText: 'a guest says hi' });
    await mine.waitFor();
    expect(await registeredIn(mine)).toBe(0);
    const member = (name: string) => guest.page.locator('.member-list .member', { hasText: name });
    await expect.poll(() => member('olivia').locator('.registered').count()).toBe(1);
    await expect.poll(() => member('oscar').count()).toBe(1);
    expect(await member('oscar').locator('.registered').count()).toBe(0);
    guest.expectClean();
    await guest.context.close();
  });

  it('shares what has been read between the devices', async () => {
    // Neither device shows #acct when bob writes, so the message stays unread on both until one opens it.
    for (const device of [phone, laptop]) {
      await say(device.page, '/join side');
      await expect.poll(() => device.page.locator('.topbar .title').textContent()).toBe('#side');
    }
    const bob = await openPage(env.browser, `${env.server.httpUrl}/?room=acct&name=bob`);
    await bob.page.locator('.chat').waitFor();
    await say(bob.page, 'olivia, lunch?');
    const acct = phone.page.locator('button.target', { hasText: '#acct' });
    await expect.poll(() => acct.getAttribute('aria-label')).toBe('#acct, 1 unread, 1 mentioning you');
    // The laptop opens #acct and shows the message at the bottom: read there, and so on the phone.
    await laptop.page.locator('button.target', { hasText: '#acct' }).click();
    await messageRows(laptop.page).filter({ hasText: 'olivia, lunch?' }).waitFor();
    await expect.poll(() => acct.getAttribute('aria-label'), { timeout: 10_000 }).toBe('#acct');
    bob.expectClean();
    await bob.context.close();
  });

  it('comes back logged in after a reload, and logs out', async () => {
    await laptop.page.goto(`${env.server.httpUrl}/?room=acct`);
    await expect
      .poll(() => laptop.page.locator('.signed-in').textContent())
      .toBe('You are logged in as olivia.');
    await laptop.page.getByRole('button', { name: 'Join', exact: true }).click();
    await laptop.page.locator('.chat').waitFor();
    await laptop.page.getByRole('button', { name: 'Log out' }).click();
    await expect.poll(() => joinError(laptop.page)).toBe('You logged out.');
    await expect.poll(() => laptop.page.evaluate(() => localStorage.getItem('aurora.session'))).toBeNull();
    await expect.poll(() => laptop.page.getByRole('radio', { name: 'Guest' }).isVisible()).toBe(true);
    // Logging out here ends only this device's session.
    await say(phone.page, 'still here');
    await messageRows(phone.page).filter({ hasText: 'still here' }).waitFor();
    laptop.expectClean();
    phone.expectClean();
  });

  it('takes a password typed on a command out of the composer, and says why', async () => {
    const guest = await openPage(env.browser, `${env.server.httpUrl}/?room=acct`);
    await submitJoin(guest.page, 'Guest', 'quinn');
    await guest.page.locator('.chat').waitFor();
    const composer = guest.page.locator('#composer-input');
    await say(guest.page, '/login quinn hunter22-secret');
    await expect
      .poll(() => guest.page.locator('#composer-error').textContent())
      .toContain('never on the command line');
    expect(await composer.inputValue()).toBe('');
    // Another refused command stays, to be corrected.
    await say(guest.page, '/frobnicate now');
    await expect.poll(() => guest.page.locator('#composer-error').textContent()).toContain('Unknown command');
    expect(await composer.inputValue()).toBe('/frobnicate now');
    expect(await guest.page.content()).not.toContain('hunter22-secret');
    await guest.context.close();
  });

  it('changes the password in a dialog with /password; other devices are logged out', async () => {
    const here = await openPage(env.browser, `${env.server.httpUrl}/?room=acct`);
    await submitJoin(here.page, 'Sign up', 'pablo', PASSWORD);
    await here.page.locator('.chat').waitFor();
    const there = await openPage(env.browser, `${env.server.httpUrl}/?room=acct`);
    await submitJoin(there.page, 'Log in', 'pablo', PASSWORD);
    await there.page.locator('.chat').waitFor();

    await say(here.page, '/password');
    const dialog = here.page.getByRole('dialog', { name: 'Change password' });
    await dialog.getByLabel('Current password').fill(PASSWORD);
    await dialog.getByLabel('New password', { exact: true }).fill('battery staple horse');
    await dialog.getByLabel('New password again').fill('battery staple hrose');
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await expect
      .poll(() => here.page.locator('#password-repeat-error').textContent())
      .toBe('The two new passwords differ.');
    await dialog.getByLabel('New password again').fill('battery staple horse');
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await here.page
      .locator('.notice', { hasText: 'Password changed. Your other devices are logged out' })
      .waitFor();
    expect(await dialog.isVisible()).toBe(false);
    // The passwords went from the dialog to the engine: none is left in the page.
    expect(await here.page.content()).not.toContain('battery staple horse');
    await expect.poll(() => there.page.locator('.join-screen').isVisible()).toBe(true);

    const later = await openPage(env.browser, `${env.server.httpUrl}/?room=acct`);
    await submitJoin(later.page, 'Log in', 'pablo', PASSWORD);
    await expect.poll(() => joinError(later.page)).toBe('Wrong name or password.');
    await submitJoin(later.page, 'Log in', 'pablo', 'battery staple horse');
    await later.page.locator('.chat').waitFor();
    await Promise.all([here.context.close(), there.context.close(), later.context.close()]);
  });
});
