import { describe, expect, it } from 'vitest';
import { messageRows, openPage, say, sayRaw, useBrowserAndServer, visibleRows } from './harness.js';

// A generous rate limit lets a test seed a long history quickly.
const env = useBrowserAndServer({ args: ['--rate', '1000', '--burst', '1000'] });

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

  it('goes from a quote to the original far back; :+1: and 👍 are one reaction; /reactions says who', async () => {
    const bob = await openPage(env.browser, `${env.server.httpUrl}/?room=far&name=bob`);
    await bob.page.locator('.chat').waitFor();
    await say(bob.page, 'the original question');
    const asked = messageRows(bob.page).filter({ hasText: 'the original question' });
    await asked.waitFor();
    const seq = await asked.getAttribute('data-seq');
    const filler = Array.from({ length: 80 }, (_, i) => `filler ${i + 1}`);
    await sayRaw(bob.page, env.server.wsUrl, 'seeder', 'far', filler);
    await say(bob.page, `/reply ${seq} the answer`);
    await messageRows(bob.page).filter({ hasText: 'the answer' }).waitFor();

    // A newcomer's first page holds the answer but not the question: the quote names its number.
    const carol = await openPage(env.browser, `${env.server.httpUrl}/?room=far&name=carol`);
    const answer = messageRows(carol.page).filter({ hasText: 'the answer' });
    await expect.poll(() => answer.locator('.quote').textContent()).toBe(`↳ message ${seq}`);
    expect(await messageRows(carol.page).filter({ hasText: 'the original question' }).count()).toBe(0);
    await answer.getByRole('link', { name: `go to message ${seq}, which this answers` }).click();
    await expect.poll(() => visibleRows(carol.page)).toContain('the original question');

    const question = messageRows(carol.page).filter({ hasText: 'the original question' });
    await say(carol.page, `/react ${seq} :+1:`);
    await question.locator('.reaction', { hasText: '👍 1' }).waitFor();
    await say(carol.page, `/reactions ${seq}`);
    await carol.page.locator('.notice', { hasText: `Reactions to message ${seq}: 👍 carol` }).waitFor();
    // Typed the other way, the same reaction comes off.
    await say(carol.page, `/react ${seq} 👍`);
    await expect.poll(() => question.locator('.reaction').count()).toBe(0);
    await Promise.all([bob.context.close(), carol.context.close()]);
  }, 60_000);
});
