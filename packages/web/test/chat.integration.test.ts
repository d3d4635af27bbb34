import { nameColour } from 'aurora-protocol';
import { describe, expect, it } from 'vitest';
import { joinAs, messageRows, openPage, say, useBrowserAndServer } from './harness.js';

const env = useBrowserAndServer();

/** `#rrggbb` as the browser reports a computed colour. */
function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

describe('two people in one room', () => {
  it('chat with each other, formatted, with timestamps and the terminal’s name colours', async () => {
    const alice = await openPage(env.browser, `${env.server.httpUrl}/?room=lobby`);
    await joinAs(alice.page, 'alice');
    const bob = await openPage(env.browser, `${env.server.httpUrl}/?room=lobby&name=bob`);
    await bob.page.locator('.chat').waitFor();

    await expect.poll(() => alice.page.locator('.members .nick').allTextContents()).toEqual(['alice', 'bob']);
    await say(alice.page, 'hello **world**, see `npm test`');
    const received = messageRows(bob.page).filter({ hasText: 'hello world' });
    await received.waitFor();
    expect(await received.locator('strong').textContent()).toBe('world');
    expect(await received.locator('code').textContent()).toBe('npm test');
    expect(await received.locator('time').textContent()).toMatch(/^\d\d:\d\d$/);
    const nick = received.locator('.nick');
    expect(await nick.textContent()).toBe('alice');
    expect(await nick.evaluate((el) => getComputedStyle(el).color)).toBe(rgb(nameColour('alice')));

    await say(bob.page, 'hi alice');
    await messageRows(alice.page).filter({ hasText: 'hi alice' }).waitFor();
    // The sender sees the message once, stored, not as a second pending copy.
    await expect.poll(() => messageRows(alice.page).filter({ hasText: 'hello world' }).count()).toBe(1);
    await expect.poll(() => alice.page.locator('.msg.pending').count()).toBe(0);
    // Bob's line names alice, so it stands out for her.
    expect(await messageRows(alice.page).filter({ hasText: 'hi alice' }).getAttribute('class')).toContain(
      'mention',
    );
    alice.expectClean();
    bob.expectClean();
    await Promise.all([alice.context.close(), bob.context.close()]);
  });

  it('show /me actions, the typing line, topics, unread counts and direct messages', async () => {
    const alice = await openPage(env.browser, `${env.server.httpUrl}/?room=cafe&name=alice2`);
    const bob = await openPage(env.browser, `${env.server.httpUrl}/?room=cafe&name=bob2`);
    await Promise.all([alice.page.locator('.chat').waitFor(), bob.page.locator('.chat').waitFor()]);

    await alice.page.locator('#composer-input').pressSequentially('thinking');
    await expect.poll(() => bob.page.locator('.typing-line').textContent()).toBe('alice2 is typing…');

    await say(alice.page, '/me waves');
    const action = bob.page.locator('.msg-action').filter({ hasText: 'waves' });
    await action.waitFor();
    expect((await action.locator('.line').textContent())?.replace(/\s+/g, ' ')).toBe('* alice2 waves');
    await expect.poll(() => bob.page.locator('.typing-line').textContent()).toBe('');

    await say(alice.page, '/topic Release **day**');
    await expect.poll(() => bob.page.locator('.topbar .topic').textContent()).toBe('Release **day**');

    // Bob moves to another room: what alice says in #cafe now counts as unread for him.
    await say(bob.page, '/join side');
    await expect.poll(() => bob.page.locator('.topbar .title').textContent()).toBe('#side');
    await say(alice.page, 'are you there?');
    const cafe = bob.page.locator('button.target', { hasText: '#cafe' });
    await expect.poll(() => cafe.locator('.badge').textContent()).toBe('1');
    await expect.poll(() => cafe.getAttribute('aria-label')).toBe('#cafe, 1 unread');
    await expect.poll(() => bob.page.title()).toBe('(1) #side · Aurora');

    // A direct message opens a conversation on both sides and is read out to screen readers.
    await say(alice.page, '/msg bob2 psst, over here');
    await expect.poll(() => alice.page.locator('.topbar .title').textContent()).toBe('@bob2');
    const conversation = bob.page.locator('button.target', { hasText: 'alice2' });
    // A direct message always calls for its reader: marked like a mention.
    await expect.poll(() => conversation.locator('.badge').textContent()).toBe('1!');
    await expect
      .poll(() => bob.page.locator('[aria-live="polite"]').textContent())
      .toContain('Direct message from alice2: psst, over here');
    await conversation.click();
    await messageRows(bob.page).filter({ hasText: 'psst, over here' }).waitFor();
    await expect.poll(() => conversation.locator('.badge').isHidden()).toBe(true);
    await say(bob.page, 'what is it?');
    await messageRows(alice.page).filter({ hasText: 'what is it?' }).waitFor();

    await cafe.click();
    await expect.poll(() => cafe.locator('.badge').isHidden()).toBe(true);
    await messageRows(bob.page).filter({ hasText: 'are you there?' }).waitFor();
    alice.expectClean();
    bob.expectClean();
    await Promise.all([alice.context.close(), bob.context.close()]);
  });

  it('send with Enter and start a new line with Shift+Enter', async () => {
    const carol = await openPage(env.browser, `${env.server.httpUrl}/?room=lines&name=carol`);
    const composer = carol.page.locator('#composer-input');
    // The chat shows on the server's welcome; the room is the composer's once it is joined (under
    // load that can be a moment later, and Enter before it says "Join a room first").
    await expect.poll(() => composer.getAttribute('placeholder')).toBe('Message #lines');
    await composer.pressSequentially('first line');
    await composer.press('Shift+Enter');
    await composer.pressSequentially('second line');
    expect(await messageRows(carol.page).filter({ hasText: 'first line' }).count()).toBe(0);
    await composer.press('Enter');
    const sent = messageRows(carol.page).filter({ hasText: 'first line' });
    await sent.waitFor();
    expect(await sent.locator('.body').textContent()).toBe('first line\nsecond line');
    await expect.poll(() => composer.inputValue()).toBe('');
    carol.expectClean();
    await carol.context.close();
  });

  it('answer slash commands like the terminal client, and explain mistakes without sending them', async () => {
    const dave = await openPage(env.browser, `${env.server.httpUrl}/?room=cmds&name=dave`);
    await say(dave.page, '/help');
    await dave.page.locator('.notice', { hasText: '/msg NAME [TEXT]' }).waitFor();
    await say(dave.page, '/frobnicate now');
    await expect
      .poll(() => dave.page.locator('#composer-error').textContent())
      .toContain('Unknown command /frobnicate');
    // The mistyped line stays for editing and nothing was sent.
    await expect.poll(() => dave.page.locator('#composer-input').inputValue()).toBe('/frobnicate now');
    expect(await messageRows(dave.page).filter({ hasText: 'frobnicate' }).count()).toBe(0);
    await say(dave.page, '/nick david');
    await expect.poll(() => dave.page.locator('.sidebar .me p').textContent()).toBe('You are david (guest)');
    await say(dave.page, '/who');
    await dave.page.locator('.notice', { hasText: 'In cmds (1): david' }).waitFor();
    await say(dave.page, '/clear');
    await expect.poll(() => dave.page.locator('.messages > li').count()).toBe(0);
    await expect
      .poll(() => dave.page.locator('.history-edge').textContent())
      .toBe('Earlier messages were cleared from this window.');
    dave.expectClean();
    await dave.context.close();
  });
});

describe('names that are also JavaScript property names', () => {
  it('join #constructor and talk there, also directly, as __proto__ and toString', async () => {
    const proto = await openPage(env.browser, `${env.server.httpUrl}/?room=constructor&name=__proto__`);
    const other = await openPage(env.browser, `${env.server.httpUrl}/?room=constructor&name=toString`);
    await expect.poll(() => proto.page.locator('.topbar .title').textContent()).toBe('#constructor');
    await expect.poll(() => other.page.locator('.topbar .title').textContent()).toBe('#constructor');
    await say(other.page, 'hello from toString');
    await messageRows(proto.page).filter({ hasText: 'hello from toString' }).waitFor();
    await say(other.page, '/msg __proto__ psst');
    const conversation = proto.page.locator('button.target', { hasText: 'toString' });
    await expect.poll(() => conversation.locator('.badge').textContent()).toBe('1!'); // a direct message calls for you
    await conversation.click();
    await messageRows(proto.page).filter({ hasText: 'psst' }).waitFor();
    proto.expectClean();
    other.expectClean();
    await Promise.all([proto.context.close(), other.context.close()]);
  });
});

describe('the join screen', () => {
  it('says when a name is taken and joins with another on the same page', async () => {
    const first = await openPage(env.browser, `${env.server.httpUrl}/?room=names&name=erin`);
    await first.page.locator('.chat').waitFor();
    const second = await openPage(env.browser, `${env.server.httpUrl}/?room=names`);
    await second.page.getByLabel('Your name').fill('ERIN');
    await second.page.getByRole('button', { name: 'Join', exact: true }).click();
    await expect
      .poll(() => second.page.locator('#join-error').textContent())
      .toBe('Someone is already using the name “ERIN”. Choose another name.');
    await joinAs(second.page, 'erin2');
    await expect.poll(() => second.page.locator('.topbar .title').textContent()).toBe('#names');
    first.expectClean();
    second.expectClean();
    await Promise.all([first.context.close(), second.context.close()]);
  });

  it('explains a link with an unusable room or name instead of joining, showing markup as text', async () => {
    const page = await openPage(
      env.browser,
      `${env.server.httpUrl}/?room=no%20spaces&name=%3Cb%3Ebob%3C%2Fb%3E`,
    );
    const note = page.page.locator('.link-note');
    await expect.poll(() => note.textContent()).toContain("The link's room cannot be used");
    expect(await note.textContent()).toContain("The link's name cannot be used");
    expect(await page.page.locator('.chat').isHidden()).toBe(true);
    expect(await page.page.locator('b').count()).toBe(0);
    page.expectClean();
    await page.context.close();
  });

  it('checks the name before asking the server', async () => {
    const page = await openPage(env.browser, `${env.server.httpUrl}/`);
    await page.page.getByLabel('Your name').fill('two words');
    await page.page.getByLabel('Room', { exact: true }).fill('dev');
    await page.page.getByRole('button', { name: 'Join', exact: true }).click();
    await expect
      .poll(() => page.page.locator('#join-name-error').textContent())
      .toBe('A name cannot contain spaces.');
    await expect.poll(() => page.page.getByLabel('Your name').getAttribute('aria-invalid')).toBe('true');
    page.expectClean();
    await page.context.close();
  });
});
