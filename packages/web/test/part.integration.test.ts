import { describe, expect, it } from 'vitest';
import { messageRows, openPage, say, useBrowserAndServer } from './harness.js';

// One line at once, then one every five seconds: the second line of a quick pair is rate limited, and
// stays held long enough for a busy machine to see it waiting and type /part behind it.
const env = useBrowserAndServer({ args: ['--rate', '0.2', '--burst', '1'] });

describe('/part with a line still unsent', () => {
  it('posts the rate-limited line before leaving, so the room sees it ahead of the leave notice', {
    timeout: 40_000,
  }, async () => {
    const bob = await openPage(env.browser, `${env.server.httpUrl}/?room=parting&name=bob`);
    await bob.page.locator('.chat').waitFor();
    const alice = await openPage(env.browser, `${env.server.httpUrl}/?room=parting&name=alice`);
    await alice.page.locator('.chat').waitFor();
    await expect.poll(() => bob.page.locator('.members .nick').allTextContents()).toEqual(['alice', 'bob']);

    // Said back to back, the second line finds the burst spent: the server holds it back, and it
    // waits in the outbox while alice leaves.
    await say(alice.page, 'first line');
    await say(alice.page, 'last words');
    const waiting = alice.page.locator('.msg.pending', { hasText: 'last words' });
    await expect.poll(() => waiting.locator('.delivery').textContent()).toBe('waiting to send…');
    await say(alice.page, '/part');

    // The room closes for alice once the line is stored, and bob sees the line before she leaves.
    await expect
      .poll(() => alice.page.locator('.sidebar .targets').first().textContent(), { timeout: 20_000 })
      .not.toContain('parting');
    const rows = () =>
      messageRows(bob.page).evaluateAll((items) =>
        items.map((item) => (item.querySelector('.body') ?? item.querySelector('.line'))?.textContent ?? ''),
      );
    await expect.poll(rows, { timeout: 20_000 }).toContain('alice left');
    const shown = await rows();
    expect(shown.filter((text) => text === 'last words')).toHaveLength(1);
    expect(shown.indexOf('first line')).toBeLessThan(shown.indexOf('last words'));
    expect(shown.indexOf('last words')).toBeLessThan(shown.indexOf('alice left'));
    alice.expectClean();
    bob.expectClean();
    await Promise.all([alice.context.close(), bob.context.close()]);
  });
});
