import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { messageRows, openPage, RESULTS_DIR, say, useBrowserAndServer, type WatchedPage } from './harness.js';

const env = useBrowserAndServer({ args: ['--rate', '20', '--burst', '20'] });

let priya: WatchedPage;
let tomas: WatchedPage;

beforeAll(async () => {
  priya = await openPage(env.browser, `${env.server.httpUrl}/?room=dev&name=priya`);
  tomas = await openPage(env.browser, `${env.server.httpUrl}/?room=dev&name=tomás`);
  await Promise.all([priya.page.locator('.chat').waitFor(), tomas.page.locator('.chat').waitFor()]);
  await say(priya.page, 'morning! the **release** build is green: https://ci.example.com/builds/412');
  await say(tomas.page, 'nice. did the `migrate --dry-run` step pass too?');
  await say(priya.page, 'yes, and _nothing_ changed in the schema');
  await say(tomas.page, '/me goes to find coffee');
  await say(
    tomas.page,
    'shipping at noon then. a-very-long-unbroken-token-that-must-wrap-instead-of-overflowing-the-page-0123456789',
  );
  await say(priya.page, '/join release');
  await messageRows(priya.page).filter({ hasText: 'priya joined' }).waitFor();
  await say(tomas.page, '/away lunch');
});

/** Elements wider than the window, or the page itself scrolling sideways. */
function overflow(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll<HTMLElement>('#app *')]
      .filter((el) => el.offsetParent !== null && !el.closest('.sidebar, .members'))
      .filter((el) => el.getBoundingClientRect().right > width + 1)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
    return { page: document.documentElement.scrollWidth - width, wide };
  });
}

/** Controls with no accessible name. */
function unlabelled(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, input, textarea')]
      .filter((el) => {
        const id = el.getAttribute('id');
        const label = id ? document.querySelector(`label[for="${id}"]`)?.textContent : undefined;
        const wrapping = el.closest('label')?.textContent;
        return !(el.getAttribute('aria-label') || label || wrapping || el.textContent?.trim());
      })
      .map((el) => el.outerHTML.slice(0, 80)),
  );
}

describe.each([
  { width: 1280, height: 800, viewer: 'sam', typing: true },
  // The server relays one typing notice per sender per interval, so only the first view waits for one.
  { width: 375, height: 740, viewer: 'kai', typing: false },
])('at $width px', ({ width, height, viewer, typing }) => {
  it('fits the window with no sideways scrolling, dark, with every control labelled', async () => {
    const joinScreen = await openPage(env.browser, `${env.server.httpUrl}/?room=dev`, { width, height });
    await expect.poll(() => overflow(joinScreen.page)).toEqual({ page: 0, wide: [] });
    await joinScreen.page.screenshot({ path: join(RESULTS_DIR, `join-${width}.png`) });
    await joinScreen.context.close();

    // A busy moment: an unread room, a direct message, someone away and someone typing.
    const view = await openPage(env.browser, `${env.server.httpUrl}/?room=dev&name=${viewer}`, {
      width,
      height,
    });
    // Closed even when a step fails, so the next test's member list is not thrown off by this viewer.
    try {
      await messageRows(view.page).filter({ hasText: 'shipping at noon' }).waitFor();
      // Wait for each switch: a message that lands while the view still shows #release is read, not unread.
      await say(view.page, '/join release');
      await expect.poll(() => view.page.locator('.topbar .title').textContent()).toBe('#release');
      await say(view.page, '/join dev');
      await expect.poll(() => view.page.locator('.topbar .title').textContent()).toBe('#dev');
      await priya.page.locator('button.target', { hasText: '#release' }).click();
      await say(priya.page, 'release notes are drafted');
      await say(priya.page, 'please review before noon');
      await say(priya.page, `/msg ${viewer} can you look at the changelog?`);
      await expect
        .poll(() => view.page.locator('button.target .badge:not([hidden])').allTextContents())
        .toEqual(['2', '1!']);
      await say(view.page, 'on it, **thanks**');
      await priya.page.locator('button.target', { hasText: '#dev' }).click();
      if (typing) {
        await priya.page.locator('#composer-input').pressSequentially('see you');
        await expect.poll(() => view.page.locator('.typing-line').textContent()).toBe('priya is typing…');
      }

      await expect.poll(() => overflow(view.page)).toEqual({ page: 0, wide: [] });
      await expect.poll(() => unlabelled(view.page)).toEqual([]);
      const background = await view.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background).toBe('rgb(15, 18, 24)');
      await view.page.screenshot({ path: join(RESULTS_DIR, `chat-${width}.png`) });
      await priya.page.locator('#composer-input').fill('');
      view.expectClean();
    } finally {
      await view.context.close();
    }
  });
});

describe('on a phone', () => {
  it('opens the room list and member list as drawers, and closes them with Escape', async () => {
    const view = await openPage(env.browser, `${env.server.httpUrl}/?room=dev&name=pat`, {
      width: 375,
      height: 740,
    });
    await view.page.locator('.chat').waitFor();
    const sidebar = view.page.locator('#sidebar');
    await expect.poll(() => sidebar.isVisible()).toBe(false);
    await view.page.getByRole('button', { name: 'Rooms' }).click();
    await expect.poll(async () => (await sidebar.boundingBox())?.x).toBe(0);
    await expect
      .poll(() => view.page.getByRole('button', { name: 'Rooms' }).getAttribute('aria-expanded'))
      .toBe('true');
    await view.page.screenshot({ path: join(RESULTS_DIR, 'rooms-drawer-375.png') });
    await view.page.keyboard.press('Escape');
    await expect.poll(() => sidebar.isVisible()).toBe(false);
    await view.page.getByRole('button', { name: /^Members/ }).click();
    await expect.poll(() => view.page.locator('#members').isVisible()).toBe(true);
    // Earlier viewers closed their pages; the server tells the list as they go.
    await expect
      .poll(() => view.page.locator('#members .nick').allTextContents())
      .toEqual(['pat', 'priya', 'tomás']);
    await expect.poll(() => view.page.locator('#members .away-status').textContent()).toBe('away: lunch');
    view.expectClean();
    await view.context.close();
  });
});

describe('with the keyboard', () => {
  it('joins, writes and switches rooms without a mouse', async () => {
    const view = await openPage(env.browser, `${env.server.httpUrl}/`, { width: 1280, height: 800 });
    await view.page.keyboard.type('kim');
    await view.page.keyboard.press('Tab');
    await view.page.keyboard.type('dev');
    await view.page.keyboard.press('Enter');
    await view.page.locator('.chat').waitFor();
    // After joining, the cursor is in the composer.
    await expect.poll(() => view.page.evaluate(() => document.activeElement?.id)).toBe('composer-input');
    await view.page.keyboard.type('/join kb');
    await view.page.keyboard.press('Enter');
    await expect.poll(() => view.page.locator('.topbar .title').textContent()).toBe('#kb');
    await view.page.keyboard.press('Alt+ArrowUp');
    await expect.poll(() => view.page.locator('.topbar .title').textContent()).toBe('#dev');
    await view.page.keyboard.type('typed without a mouse');
    await view.page.keyboard.press('Enter');
    await messageRows(view.page).filter({ hasText: 'typed without a mouse' }).waitFor();
    view.expectClean();
    await view.context.close();
  });
});
