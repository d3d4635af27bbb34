import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { messageRows, openPage, say, useBrowserAndServer } from './harness.js';

// Moderation from the browser's commands: the owner of a room (the first registered account in it)
// sees roles in the member list, kicks a guest who comes back, then bans them; they cannot rejoin.

const env = useBrowserAndServer();

const notice = (page: Page, text: string | RegExp) => page.locator('.notice', { hasText: text });
const member = (page: Page, name: string) => page.locator('.member-list .member', { hasText: name });

describe('moderation in the browser', () => {
  it('shows roles, kicks and bans from commands, with a line on both pages', async () => {
    const owner = await openPage(env.browser, `${env.server.httpUrl}/?room=mod`);
    await owner.page.getByRole('radio', { name: 'Sign up' }).check();
    await owner.page.getByLabel('Your name').fill('olivia');
    await owner.page.getByLabel('Password').fill('correct horse battery');
    await owner.page.getByRole('button', { name: 'Create account and join', exact: true }).click();
    await owner.page.locator('.chat').waitFor();
    await expect.poll(() => member(owner.page, 'olivia').locator('.role-mark').textContent()).toBe('~');

    const guest = await openPage(env.browser, `${env.server.httpUrl}/?room=mod&name=oscar`);
    await guest.page.locator('.chat').waitFor();
    await expect.poll(() => member(guest.page, 'olivia').locator('.role-mark').textContent()).toBe('~');
    await expect.poll(() => member(owner.page, 'oscar').count()).toBe(1);

    await say(owner.page, '/kick oscar calm down');
    await messageRows(owner.page).filter({ hasText: 'olivia kicked oscar from #mod: calm down' }).waitFor();
    await notice(guest.page, 'You were kicked from mod').waitFor();
    await expect.poll(() => member(owner.page, 'oscar').count()).toBe(0);

    await say(guest.page, '/join #mod');
    await expect.poll(() => member(owner.page, 'oscar').count()).toBe(1);

    await say(owner.page, '/ban oscar 1h spam');
    await messageRows(owner.page)
      .filter({ hasText: /olivia banned oscar from #mod until .* UTC: spam/ })
      .waitFor();
    await notice(guest.page, 'You were banned from mod').waitFor();
    await say(guest.page, '/join #mod');
    await notice(guest.page, /you are banned from #mod until/).waitFor();
    await expect.poll(() => member(owner.page, 'oscar').count()).toBe(0);

    await say(owner.page, '/bans');
    await notice(
      owner.page,
      /Bans in mod \(1\): oscar (\(and address\) )?by olivia until .* UTC: spam/,
    ).waitFor();
    owner.expectClean();
    guest.expectClean();
    await owner.context.close();
    await guest.context.close();
  });
});
