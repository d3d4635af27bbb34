import { describe, expect, it } from 'vitest';
import { messageRows, openPage, say, useBrowserAndServer } from './harness.js';

const env = useBrowserAndServer();

// Messages that live (#19) in the browser: the actions from the hover/focus menu and the keyboard,
// seen by the other person live and from history.

describe('edit, react, reply and delete in the browser', () => {
  it('work from the message menu and the keyboard, live and from history', async () => {
    const alice = await openPage(env.browser, `${env.server.httpUrl}/?room=life&name=alice`);
    const bob = await openPage(env.browser, `${env.server.httpUrl}/?room=life&name=bob`);
    await Promise.all([alice.page.locator('.chat').waitFor(), bob.page.locator('.chat').waitFor()]);
    await expect.poll(() => alice.page.locator('.members .nick').allTextContents()).toEqual(['alice', 'bob']);

    await say(alice.page, 'helo');
    const sent = messageRows(alice.page).filter({ hasText: 'helo' });
    await sent.waitFor();
    // Named by its seq from here on: the reply below quotes its text.
    const mine = alice.page.locator(`.messages li.msg[data-seq="${await sent.getAttribute('data-seq')}"]`);
    await mine.hover();
    await mine.getByRole('button', { name: /^Edit message/ }).click();
    await alice.page.locator('#composer-input').press('End');
    await alice.page.locator('#composer-input').pressSequentially(' world');
    await alice.page.locator('#composer-input').press('Enter');
    const theirs = messageRows(bob.page).filter({ hasText: 'helo world' });
    await theirs.locator('.edited').waitFor();

    await theirs.hover();
    await theirs.getByRole('button', { name: /^React 👍 to message/ }).click();
    await messageRows(alice.page)
      .filter({ hasText: 'helo world' })
      .locator('.reaction', { hasText: '👍 1' })
      .waitFor();

    // The keyboard: focus reaches the menu, Enter on Reply puts /reply N in the composer.
    await theirs.getByRole('button', { name: /^Reply to message/ }).focus();
    await bob.page.keyboard.press('Enter');
    await bob.page.locator('#composer-input').pressSequentially('it is');
    await bob.page.locator('#composer-input').press('Enter');
    const reply = messageRows(alice.page).filter({ hasText: 'it is' });
    await expect.poll(() => reply.locator('.quote').textContent()).toBe('↳ alice: helo world');

    await alice.page.mouse.move(0, 0);
    await mine.locator('.line').hover();
    await mine.getByRole('button', { name: /^Delete message/ }).click();
    await messageRows(bob.page).filter({ hasText: 'message deleted' }).first().waitFor();
    await expect.poll(() => messageRows(bob.page).filter({ hasText: 'helo world' }).count()).toBe(0);

    // Someone opening the room now reads the same from history: the state, not the events.
    const carol = await openPage(env.browser, `${env.server.httpUrl}/?room=life&name=carol`);
    await carol.page.locator('.chat').waitFor();
    await messageRows(carol.page).filter({ hasText: 'message deleted' }).first().waitFor();
    await expect
      .poll(() => messageRows(carol.page).filter({ hasText: 'it is' }).locator('.quote').textContent())
      .toBe('↳ alice: message deleted');
    expect(await messageRows(carol.page).filter({ hasText: 'helo world' }).count()).toBe(0);
    await Promise.all([alice.context.close(), bob.context.close(), carol.context.close()]);
  }, 60_000);
});
