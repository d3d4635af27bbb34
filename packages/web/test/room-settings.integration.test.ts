import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { messageRows, openPage, say, useBrowserAndServer } from './harness.js';

// Room settings from the browser's commands (the engine's table): the owner sets a join password and
// makes the room moderated; a guest is refused without the password, joins with it, and may not speak.

const env = useBrowserAndServer();

const notice = (page: Page, text: string | RegExp) => page.locator('.notice', { hasText: text });
const member = (page: Page, name: string) => page.locator('.member-list .member', { hasText: name });

describe('room settings in the browser', () => {
  it('sets a password and moderation with /mode; a guest joins with the password and cannot speak', async () => {
    const owner = await openPage(env.browser, `${env.server.httpUrl}/?room=set`);
    await owner.page.getByRole('radio', { name: 'Sign up' }).check();
    await owner.page.getByLabel('Your name').fill('sofia');
    await owner.page.getByLabel('Password').fill('correct horse battery');
    await owner.page.getByRole('button', { name: 'Create account and join', exact: true }).click();
    await owner.page.locator('.chat').waitFor();
    await expect.poll(() => member(owner.page, 'sofia').locator('.role-mark').textContent()).toBe('~');

    await say(owner.page, '/mode +m +k sesame');
    await messageRows(owner.page).filter({ hasText: 'sofia set a join password on #set' }).waitFor();
    await messageRows(owner.page).filter({ hasText: 'sofia made #set moderated' }).waitFor();
    await notice(owner.page, '#set is moderated').waitFor();
    await expect.poll(() => owner.page.locator('.chat').textContent()).not.toContain('sesame');
    await expect
      .poll(() => owner.page.locator('.topbar .room-modes').textContent())
      .toBe('moderated · password');

    const guest = await openPage(env.browser, `${env.server.httpUrl}/?room=lobby&name=gina`);
    await guest.page.locator('.chat').waitFor();
    await say(guest.page, '/join #set');
    await notice(guest.page, '#set needs a password: /join #set PASSWORD').waitFor();
    await say(guest.page, '/join #set sesame');
    await expect.poll(() => member(owner.page, 'gina').count()).toBe(1);
    // The newcomer sees what kind of room it is before speaking (from `joined`).
    await expect.poll(() => guest.page.locator('.topbar .title').textContent()).toBe('#set');
    await expect
      .poll(() => guest.page.locator('.topbar .room-modes').textContent())
      .toBe('moderated · password');
    await say(guest.page, 'may I?');
    await guest.page
      .getByText(/#set is moderated: only its operators and voiced people speak/)
      .first()
      .waitFor();
    await owner.context.close();
    await guest.context.close();
  });
});
